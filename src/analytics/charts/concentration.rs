//! [`concentration_svg`]: the share of the engagements each tenth of the
//! advocates carries.

use plotters::prelude::*;

use super::{ChartError, svg};
use crate::analytics::metrics::Concentration;

/// Ten bars, the busiest tenth of the active advocates first (in red),
/// each the share of the period's engagements that tenth carries, with
/// its percentage, and a dashed line at 10 %, the share of an even
/// program; 640 x 400 pixels.
///
/// # Errors
///
/// [`ChartError`] when the backend fails to draw.
pub fn concentration_svg(concentration: &Concentration) -> Result<String, ChartError> {
    svg("concentration", (640, 400), |out, size| {
        let root = SVGBackend::with_string(out, size).into_drawing_area();
        root.fill(&WHITE)?;
        let title = match concentration.top_share() {
            Some(share) => {
                format!("The busiest 10 % of advocates carry {:.0} % of the engagements", 100.0 * share)
            }
            None => "No engagement in the period".to_string(),
        };
        let top = concentration.deciles.iter().copied().fold(0.1, f64::max) * 100.0;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(52)
            .build_cartesian_2d((0u32..9).into_segmented(), 0f64..(top * 1.15).ceil())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_desc("advocates, busiest tenth first (% of the active advocates)")
            .y_desc("share of engagements (%)")
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => format!("{}-{}", i * 10, i * 10 + 10),
                _ => String::new(),
            })
            .draw()?;
        let colour = |i: usize| if i == 0 { RED.mix(0.75) } else { BLUE.mix(0.6) };
        chart.draw_series(concentration.deciles.iter().enumerate().map(|(i, &share)| {
            let mut bar = Rectangle::new(
                [(SegmentValue::Exact(i as u32), 0.0), (SegmentValue::Exact(i as u32 + 1), 100.0 * share)],
                colour(i).filled(),
            );
            bar.set_margin(0, 0, 6, 6);
            bar
        }))?;
        chart.draw_series(concentration.deciles.iter().enumerate().map(|(i, &share)| {
            Text::new(
                format!("{:.0} %", 100.0 * share),
                (SegmentValue::CenterOf(i as u32), 100.0 * share + top * 0.03),
                ("sans-serif", 12),
            )
        }))?;
        chart.draw_series(DashedLineSeries::new(
            [(SegmentValue::Exact(0), 10.0), (SegmentValue::Exact(10), 10.0)],
            6,
            4,
            BLACK.stroke_width(1),
        ))?;
        root.present()?;
        Ok(())
    })
}
