//! [`audit_svg`]: each audit category's index, last year beside this year.

use plotters::prelude::*;

use super::{ChartError, legend, svg};
use crate::analytics::audit::{AuditScores, Category};

/// Bars of each category's index (0 to 100), last year's in grey on the
/// left of each category, this year's in blue on the right, with a
/// legend; 720 x 400 pixels. A category without answers has no bar.
///
/// # Errors
///
/// [`ChartError`] when the backend fails to draw.
pub fn audit_svg(this_year: &AuditScores, last_year: &AuditScores) -> Result<String, ChartError> {
    svg("audit", (720, 400), |out, size| {
        let root = SVGBackend::with_string(out, size).into_drawing_area();
        root.fill(&WHITE)?;
        let categories = Category::ALL;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("Leverage audit index by category, {} and {}", last_year.year, this_year.year),
                ("sans-serif", 18),
            )
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(40)
            .build_cartesian_2d((0u32..categories.len() as u32 - 1).into_segmented(), 0f64..100f64)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc("index (0-100)")
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => {
                    categories.get(*i as usize).map_or(String::new(), |c| c.label().to_string())
                }
                _ => String::new(),
            })
            .draw()?;
        for (scores, colour, (left, right)) in
            [(last_year, BLACK.mix(0.3), (8, 56)), (this_year, BLUE.mix(0.7), (54, 10))]
        {
            chart
                .draw_series(categories.iter().enumerate().filter_map(|(i, &c)| {
                    let (i, index) = (i as u32, scores.category(c)?.index);
                    let mut bar = Rectangle::new(
                        [(SegmentValue::Exact(i), 0.0), (SegmentValue::Exact(i + 1), index)],
                        colour.filled(),
                    );
                    bar.set_margin(0, 0, left, right);
                    Some(bar)
                }))?
                .label(scores.year.to_string())
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], colour.filled()));
        }
        legend(&mut chart)?;
        root.present()?;
        Ok(())
    })
}
