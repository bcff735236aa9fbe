//! The charts of `refmatch::analytics::charts` on the sample program,
//! rendered to pixels with resvg (shapes only: resvg is built without
//! text): each is a whole SVG of the size it declares, on white, and shows
//! its series in their colours where the data says it should, so a chart
//! that breaks, empties or loses a series fails here.
#![cfg(feature = "charts")]

use refmatch::analytics::audit::{Audit, Questionnaire};
use refmatch::analytics::charts;
use refmatch::analytics::metrics::{MetricsOptions, ProgramMetrics};
use refmatch::ledger::{Options, Program};
use refmatch::model::DateRange;
use resvg::{tiny_skia, usvg};

fn metrics() -> ProgramMetrics {
    let program = Program::sample(&Options::new());
    let period = DateRange { start: "2025-06-01".parse().unwrap(), end: "2026-11-22".parse().unwrap() };
    ProgramMetrics::compute(&program, &MetricsOptions::new(period)).unwrap()
}

/// The SVG rendered at its own size.
fn render(svg: &str) -> tiny_skia::Pixmap {
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "not a whole SVG");
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).expect("the chart parses as SVG");
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).expect("a non-empty chart");
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap
}

/// Pixels within 8 of `rgb` on every channel, in the rectangle `area`
/// (x, y, width, height) or everywhere.
fn count(pixmap: &tiny_skia::Pixmap, rgb: (u8, u8, u8), area: Option<(u32, u32, u32, u32)>) -> usize {
    let (x0, y0, w, h) = area.unwrap_or((0, 0, pixmap.width(), pixmap.height()));
    let mut n = 0;
    for y in y0..(y0 + h).min(pixmap.height()) {
        for x in x0..(x0 + w).min(pixmap.width()) {
            let p = pixmap.pixel(x, y).expect("inside the pixmap").demultiply();
            let near = |a: u8, b: u8| a.abs_diff(b) <= 8;
            if near(p.red(), rgb.0) && near(p.green(), rgb.1) && near(p.blue(), rgb.2) {
                n += 1;
            }
        }
    }
    n
}

fn white_background(pixmap: &tiny_skia::Pixmap) {
    for (x, y) in [(1, 1), (pixmap.width() - 2, 1), (1, pixmap.height() - 2)] {
        let p = pixmap.pixel(x, y).unwrap();
        assert_eq!((p.red(), p.green(), p.blue(), p.alpha()), (255, 255, 255, 255), "corner ({x}, {y})");
    }
}

// The series colours on white: plotters' BLUE, RED, GREEN and BLACK mixed.
const BAR_BLUE: (u8, u8, u8) = (102, 102, 255); // BLUE.mix(0.6)
const BAR_RED: (u8, u8, u8) = (255, 64, 64); // RED.mix(0.75)

#[test]
fn utilization_shows_every_bucket_and_the_at_cap_bar_in_red() {
    let m = metrics();
    let pixmap = render(&charts::utilization_svg(&m.utilization).unwrap());
    assert_eq!((pixmap.width(), pixmap.height()), (640, 400));
    white_background(&pixmap);
    let (blue, red) = (count(&pixmap, BAR_BLUE, None), count(&pixmap, BAR_RED, None));
    assert!(m.utilization.bins[5] > 0 && red > 0, "the at-cap bar is drawn in red");
    // 114 advocates below their cap against 4 at it: far more blue than red.
    assert!(blue > 10 * red, "blue {blue}, red {red}");
}

#[test]
fn concentration_shows_the_busiest_tenth_tallest() {
    let m = metrics();
    let pixmap = render(&charts::concentration_svg(&m.concentration).unwrap());
    assert_eq!((pixmap.width(), pixmap.height()), (640, 400));
    white_background(&pixmap);
    let red = count(&pixmap, BAR_RED, None);
    let blue = count(&pixmap, BAR_BLUE, None);
    // The first tenth carries more than the second, third and fourth
    // together in the sample; bars are equally wide, so it has more pixels.
    let d = &m.concentration.deciles;
    assert!(d[0] > d[1] + d[2] + d[3]);
    assert!(red > 0 && blue > 0, "red {red}, blue {blue}");
    let second_to_fourth_share = (d[1] + d[2] + d[3]) / (d[1..].iter().sum::<f64>());
    assert!((red as f64) > blue as f64 * second_to_fourth_share, "red {red}, blue {blue}");
}

#[test]
fn trends_show_both_monthly_series_and_the_quarterly_lines() {
    let m = metrics();
    let pixmap = render(&charts::trends_svg(&m.trends).unwrap());
    assert_eq!((pixmap.width(), pixmap.height()), (800, 640));
    white_background(&pixmap);
    let requests = count(&pixmap, (89, 89, 255), Some((0, 0, 800, 340))); // BLUE.mix(0.65)
    let completions = count(&pixmap, (89, 255, 89), Some((0, 0, 800, 340))); // GREEN.mix(0.65)
    assert!(requests > 500 && completions > 500, "requests {requests}, completions {completions}");
    let with = count(&pixmap, (51, 51, 255), Some((0, 340, 800, 300))); // BLUE.mix(0.8)
    assert!(with > 50, "the with-a-reference line and points: {with}");
}

#[test]
fn coverage_fits_its_labels_and_marks_the_gaps() {
    let m = metrics();
    let svg = charts::coverage_svg(&m.coverage).unwrap();
    // Every sector title is written whole, every band label in one piece
    // (plotters writes each text on a line of its own).
    let texts: Vec<&str> = svg.lines().map(str::trim).collect();
    for sector in &m.coverage.sectors {
        let title = &refmatch::taxonomy::naics().get(sector).unwrap().title;
        let label = format!("{sector} {}", title.replace('&', "&amp;"));
        assert!(texts.contains(&label.as_str()), "{label} is cut");
    }
    for band in &m.coverage.bands {
        assert!(texts.contains(&band.label().as_str()), "{} is wrapped", band.label());
    }
    let pixmap = render(&svg);
    let (sectors, regions, bands) = m.coverage.supply.dim();
    assert!(
        pixmap.width() >= 800 && pixmap.height() as usize >= 96 + sectors * 26,
        "{}x{}",
        pixmap.width(),
        pixmap.height()
    );
    white_background(&pixmap);
    // Red outlines (3 px) around each gap, 4 in the sample.
    let red = count(&pixmap, (255, 0, 0), None);
    assert!(!m.coverage.gaps.is_empty());
    assert!(red > 100 * m.coverage.gaps.len(), "gap outlines: {red} red pixels");
    // The full shade appears for the best-covered segment.
    assert!(count(&pixmap, (65, 135, 225), None) > 100, "the darkest cell");
    assert_eq!(regions * bands, 16);
}

#[test]
fn audit_shows_both_years_side_by_side() {
    let questionnaire = Questionnaire::default_questionnaire();
    let this_year = Audit::sample(2026).unwrap().score(&questionnaire).unwrap();
    let last_year = Audit::sample(2025).unwrap().score(&questionnaire).unwrap();
    let pixmap = render(&charts::audit_svg(&this_year, &last_year).unwrap());
    assert_eq!((pixmap.width(), pixmap.height()), (720, 400));
    white_background(&pixmap);
    let grey = count(&pixmap, (178, 178, 178), None); // BLACK.mix(0.3)
    let blue = count(&pixmap, (77, 77, 255), None); // BLUE.mix(0.7)
    assert!(grey > 1000 && blue > 1000, "grey {grey}, blue {blue}");
    // This year's overall index is higher: more blue than grey.
    assert!(this_year.overall > last_year.overall && blue > grey, "grey {grey}, blue {blue}");
}
