//! [`trends_svg`]: requests and completions per month, win rate per
//! quarter.

use plotters::prelude::*;

use super::{ChartError, legend, svg};
use crate::analytics::metrics::Trends;

/// Two panels, 800 x 640 pixels. Above, requests made (blue) and
/// engagements completed (green) per month, as bars side by side. Below,
/// the win rate per quarter of deals with a reference (blue) and without
/// (grey), as lines with a point per quarter in which such deals closed.
///
/// # Errors
///
/// [`ChartError`] when the backend fails to draw.
pub fn trends_svg(trends: &Trends) -> Result<String, ChartError> {
    svg("trends", (800, 640), |out, size| {
        let root = SVGBackend::with_string(out, size).into_drawing_area();
        root.fill(&WHITE)?;
        let (upper, lower) = root.split_vertically(340);
        let months = trends.months.len().max(1) as u32;
        let most =
            trends.months.iter().map(|m| m.requests.max(m.completions)).max().unwrap_or(0).max(1) as u32;
        let mut chart = ChartBuilder::on(&upper)
            .caption("Requests made and engagements completed per month", ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(44)
            .build_cartesian_2d((0u32..months - 1).into_segmented(), 0u32..most + most / 8 + 1)?;
        let labels: Vec<String> =
            trends.months.iter().map(|m| format!("{}-{:02}", m.year % 100, m.month)).collect();
        let every = (months as usize).div_ceil(12);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc("per month")
            .x_labels(months as usize)
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) if (*i as usize).is_multiple_of(every) => {
                    labels.get(*i as usize).cloned().unwrap_or_default()
                }
                _ => String::new(),
            })
            .draw()?;
        let requests = BLUE.mix(0.65);
        let completions = GREEN.mix(0.65);
        for (colour, margins, pick) in [(requests, (2, 12), 0usize), (completions, (12, 2), 1usize)] {
            chart
                .draw_series(trends.months.iter().enumerate().map(|(i, m)| {
                    let value = if pick == 0 { m.requests } else { m.completions } as u32;
                    let mut bar = Rectangle::new(
                        [(SegmentValue::Exact(i as u32), 0), (SegmentValue::Exact(i as u32 + 1), value)],
                        colour.filled(),
                    );
                    bar.set_margin(0, 0, margins.0, margins.1);
                    bar
                }))?
                .label(if pick == 0 { "requests made" } else { "engagements completed" })
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], colour.filled()));
        }
        legend(&mut chart)?;

        let quarters = trends.quarters.len().max(1) as u32;
        let mut chart = ChartBuilder::on(&lower)
            .caption("Win rate per quarter, deals with and without a reference", ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(44)
            .build_cartesian_2d((0u32..quarters - 1).into_segmented(), 0f64..100f64)?;
        let labels: Vec<String> =
            trends.quarters.iter().map(|q| format!("{} Q{}", q.year, q.quarter)).collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc("won / closed (%)")
            .x_labels(quarters as usize)
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .draw()?;
        let with = BLUE.mix(0.8);
        let without = BLACK.mix(0.45);
        for (colour, name, rate) in [
            (
                with,
                "with a reference",
                &(|q: &crate::analytics::metrics::Quarter| q.with_reference.rate()) as &dyn Fn(_) -> _,
            ),
            (without, "without", &|q: &crate::analytics::metrics::Quarter| q.without_reference.rate()),
        ] {
            let points: Vec<(SegmentValue<u32>, f64)> = trends
                .quarters
                .iter()
                .enumerate()
                .filter_map(|(i, q)| Some((SegmentValue::CenterOf(i as u32), 100.0 * rate(q)?)))
                .collect();
            chart
                .draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))?
                .label(name)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 12, y)], colour.stroke_width(2)));
            chart.draw_series(points.into_iter().map(|p| Circle::new(p, 4, colour.filled())))?;
        }
        legend(&mut chart)?;
        root.present()?;
        Ok(())
    })
}
