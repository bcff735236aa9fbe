//! [`coverage_svg`]: advocates per segment, open deals marked, gaps in red.

use plotters::prelude::*;

use super::{ChartError, svg, text_width};
use crate::analytics::metrics::Coverage;
use crate::taxonomy::naics;

/// Sizes of the row labels, column labels and cell numbers, in pixels.
const ROW_TEXT: u32 = 11;
const COLUMN_TEXT: u32 = 10;
const CELL_H: i32 = 26;
/// The narrowest cell, wide enough for a three-digit count.
const MIN_CELL_W: i32 = 46;

/// A grid with one row per sector (its code and full title) and one column
/// per sales region and size band; a cell's shade and number are the
/// advocates who score at least the threshold for the segment, a black
/// outline marks open deals (their count in red), a red one a gap.
///
/// Rows are as wide as the longest title and columns as wide as the
/// longest band label, each on one line, so no label is cut or wrapped;
/// the image grows to fit (about 1,000 x 520 pixels for the default 20
/// sectors, 4 regions and 4 bands).
///
/// # Errors
///
/// [`ChartError`] when the backend fails to draw.
pub fn coverage_svg(coverage: &Coverage) -> Result<String, ChartError> {
    let (sectors, regions, bands) = coverage.supply.dim();
    let titles: Vec<String> = coverage
        .sectors
        .iter()
        .map(|s| format!("{s} {}", naics().get(s).map_or("", |i| i.title.as_str())))
        .collect();
    let band_labels: Vec<String> = coverage.bands.iter().map(|b| b.label()).collect();
    let left = 16 + titles.iter().map(|t| text_width(t, ROW_TEXT)).max().unwrap_or(0);
    let cell_w =
        band_labels.iter().map(|b| text_width(b, COLUMN_TEXT) + 8).max().unwrap_or(0).max(MIN_CELL_W);
    let top = 96;
    let legend = "Cell: advocates scoring at least the threshold. Outlined: open deals (count in red, top \
                  left). Red outline: a gap, open deals and too few advocates.";
    let width = (left + (regions * bands) as i32 * cell_w + 20).max(text_width(legend, 12) + 16);
    let height = top + sectors as i32 * CELL_H + 50;
    svg("coverage", (width as u32, height as u32), |out, size| {
        let root = SVGBackend::with_string(out, size).into_drawing_area();
        root.fill(&WHITE)?;
        let text = |size: u32| ("sans-serif", size).into_font();
        let caption = format!("Advocates who score at least {} for each segment", coverage.threshold);
        root.draw(&Text::new(caption, (8, 10), text(18)))?;
        let most = coverage.supply.iter().copied().max().unwrap_or(0).max(1);
        for (r, region) in coverage.regions.iter().enumerate() {
            let x = left + (r * bands) as i32 * cell_w;
            root.draw(&Text::new(region.to_string(), (x + 4, top - 44), text(14)))?;
            root.draw(&PathElement::new(
                vec![(x, top - 26), (x + bands as i32 * cell_w - 4, top - 26)],
                BLACK,
            ))?;
            for (b, label) in band_labels.iter().enumerate() {
                let at = (x + b as i32 * cell_w + 3, top - 18);
                root.draw(&Text::new(label.clone(), at, text(COLUMN_TEXT)))?;
            }
        }
        root.draw(&Text::new("employees:", (8, top - 18), text(COLUMN_TEXT)))?;
        let gaps: Vec<(&str, _, _)> =
            coverage.gaps.iter().map(|g| (g.sector.as_str(), g.region, g.band)).collect();
        for (s, sector) in coverage.sectors.iter().enumerate() {
            let y = top + s as i32 * CELL_H;
            root.draw(&Text::new(titles[s].clone(), (8, y + 8), text(ROW_TEXT)))?;
            for r in 0..regions {
                for b in 0..bands {
                    let (x, cell) = (left + (r * bands + b) as i32 * cell_w, (s, r, b));
                    let supply = coverage.supply[cell];
                    let shade = f64::from(supply) / f64::from(most);
                    let fill = RGBColor(
                        255 - (190.0 * shade) as u8,
                        255 - (120.0 * shade) as u8,
                        255 - (30.0 * shade) as u8,
                    );
                    let demand = coverage.demand[cell];
                    let is_gap = gaps.contains(&(sector.as_str(), coverage.regions[r], coverage.bands[b]));
                    // A segment with open deals gets a border: the cell filled
                    // in the border's colour, then its shade inside. (The SVG
                    // backend draws outlines 1 px wide whatever the stroke.)
                    let (border, inset) = match (demand > 0, is_gap) {
                        (false, _) => (fill, 0),
                        (true, true) => (RED, 3),
                        (true, false) => (BLACK, 2),
                    };
                    let (right, bottom) = (x + cell_w - 2, y + CELL_H - 2);
                    root.draw(&Rectangle::new([(x, y), (right, bottom)], border.filled()))?;
                    let inner = [(x + inset, y + inset), (right - inset, bottom - inset)];
                    root.draw(&Rectangle::new(inner, fill.filled()))?;
                    let ink = if shade > 0.55 { WHITE } else { BLACK };
                    let number = supply.to_string();
                    let at = (x + (cell_w - text_width(&number, ROW_TEXT)) / 2, y + 7);
                    root.draw(&Text::new(number, at, text(ROW_TEXT).color(&ink)))?;
                    if demand > 0 {
                        root.draw(&Text::new(format!("{demand}"), (x + 4, y + 3), text(9).color(&RED)))?;
                    }
                }
            }
        }
        root.draw(&Text::new(legend, (8, top + sectors as i32 * CELL_H + 20), text(12)))?;
        root.present()?;
        Ok(())
    })
}
