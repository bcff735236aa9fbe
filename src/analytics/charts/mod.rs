//! SVG charts of the program metrics, for an application to show beside
//! [`ProgramMetrics::to_markdown`](super::metrics::ProgramMetrics::to_markdown)
//! (behind the `charts` feature, on by default; plotters' SVG backend, no
//! fonts or system libraries).
//!
//! Each function returns a whole SVG document as a `String`:
//!
//! | chart | shows |
//! | --- | --- |
//! | [`utilization_svg`] | active advocates per share of their cap used, the at-cap bar in red |
//! | [`coverage_svg`] | advocates scoring well per segment (sector x region x size), open deals outlined, gaps in red |
//! | [`audit_svg`] | each audit category's index, last year beside this year |
//! | [`concentration_svg`] | the share of engagements each tenth of the advocates carries, the busiest tenth in red |
//! | [`trends_svg`] | requests and completions per month; win rate per quarter, with and without a reference |
//!
//! Labels are laid out from their lengths: the coverage chart's rows are
//! as wide as its longest sector title, its columns as wide as its size
//! bands, so nothing is cut or wrapped. Text is sized for a sans-serif font
//! of the given size; widths are estimated at 0.6 em a character, the
//! width of a wide sans-serif face, since the SVG backend measures no
//! fonts.
//!
//! The metrics themselves are [`super::metrics`]'s, the audit's
//! [`super::audit`]'s.
//!
//! # Example
//!
//! ```
//! use refmatch::analytics::charts;
//! use refmatch::analytics::metrics::{MetricsOptions, ProgramMetrics};
//! use refmatch::ledger::{Options, Program};
//! use refmatch::model::DateRange;
//!
//! let program = Program::sample(&Options::new());
//! let period = DateRange { start: "2025-06-01".parse()?, end: "2026-11-22".parse()? };
//! let metrics = ProgramMetrics::compute(&program, &MetricsOptions::new(period))?;
//! let svg = charts::concentration_svg(&metrics.concentration)?;
//! assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod audit;
mod concentration;
mod coverage;
mod trends;
mod utilization;

pub use audit::audit_svg;
pub use concentration::concentration_svg;
pub use coverage::coverage_svg;
pub use trends::trends_svg;
pub use utilization::utilization_svg;

/// A chart that could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("chart {chart}: {message}")]
pub struct ChartError {
    /// Which chart, e.g. `coverage`.
    pub chart: &'static str,
    /// What the drawing backend said.
    pub message: String,
}

/// What drawing returns inside this module.
type Drawn = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// Draws into a fresh SVG of `size` pixels with `draw`.
fn svg(
    chart: &'static str,
    size: (u32, u32),
    draw: impl FnOnce(&mut String, (u32, u32)) -> Drawn,
) -> Result<String, ChartError> {
    let mut out = String::new();
    draw(&mut out, size).map_err(|err| ChartError { chart, message: err.to_string() })?;
    Ok(out)
}

/// Draws the chart's series labels in its upper left corner, on white.
fn legend<'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut plotters::chart::ChartContext<'a, plotters::prelude::SVGBackend<'a>, CT>,
) -> Drawn {
    use plotters::prelude::*;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()?;
    Ok(())
}

/// The width in pixels of `text` at `size` pixels: 0.6 em a character.
fn text_width(text: &str, size: u32) -> i32 {
    (text.chars().count() as f64 * f64::from(size) * 0.6).ceil() as i32
}

#[cfg(test)]
mod tests {
    #[test]
    fn widths_grow_with_text_and_size() {
        assert_eq!(super::text_width("", 12), 0);
        assert_eq!(super::text_width("abcde", 10), 30);
        assert!(super::text_width("Finance and Insurance", 11) > super::text_width("Finance", 11));
    }
}
