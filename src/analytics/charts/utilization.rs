//! [`utilization_svg`]: active advocates per share of their cap used.

use plotters::prelude::*;

use super::{ChartError, svg};
use crate::analytics::metrics::{UTILIZATION_BINS, Utilization};

/// Bars of the active advocates per bucket of used / cap
/// ([`UTILIZATION_BINS`]), the at-cap bucket in red, each with its count;
/// 640 x 400 pixels.
///
/// # Errors
///
/// [`ChartError`] when the backend fails to draw.
pub fn utilization_svg(utilization: &Utilization) -> Result<String, ChartError> {
    svg("utilization", (640, 400), |out, size| {
        let root = SVGBackend::with_string(out, size).into_drawing_area();
        root.fill(&WHITE)?;
        let top = utilization.bins.iter().copied().max().unwrap_or(0).max(1) as u32;
        let title = match utilization.day {
            Some(day) => format!("Active advocates by share of their cap used, {day}"),
            None => "Active advocates by share of their cap used".to_string(),
        };
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(48)
            .build_cartesian_2d(
                (0u32..UTILIZATION_BINS.len() as u32 - 1).into_segmented(),
                0u32..top + top / 10 + 1,
            )?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_desc("used / cap")
            .y_desc("advocates")
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => {
                    UTILIZATION_BINS.get(*i as usize).copied().unwrap_or("").to_string()
                }
                _ => String::new(),
            })
            .draw()?;
        let colour =
            |i: u32| if i as usize == UTILIZATION_BINS.len() - 1 { RED.mix(0.75) } else { BLUE.mix(0.6) };
        chart.draw_series(utilization.bins.iter().enumerate().map(|(i, &count)| {
            let i = i as u32;
            let mut bar = Rectangle::new(
                [(SegmentValue::Exact(i), 0), (SegmentValue::Exact(i + 1), count as u32)],
                colour(i).filled(),
            );
            bar.set_margin(0, 0, 8, 8);
            bar
        }))?;
        chart.draw_series(utilization.bins.iter().enumerate().map(|(i, &count)| {
            Text::new(
                count.to_string(),
                (SegmentValue::CenterOf(i as u32), count as u32 + top / 40 + 1),
                ("sans-serif", 14),
            )
        }))?;
        root.present()?;
        Ok(())
    })
}
