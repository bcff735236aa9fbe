//! The program report an executive reads in a minute: the leverage audit
//! of this year against last, then the metrics that tie references to
//! revenue, on the embedded sample program.
//!
//! Writes, into the directory given as the only argument (default
//! `program-report/`):
//! - `report.md`: highlights, the audit, every metric as tables;
//! - `utilization.svg`: how many advocates sit at each share of their cap;
//! - `coverage.svg`: advocates per segment (sector x region x size), the
//!   segments with open deals marked, the gaps in red;
//! - `audit.svg`: each audit category's index, last year against this.
//!
//! Run it with `cargo run --example program_report [-- <directory>]`.

use std::error::Error;
use std::path::{Path, PathBuf};

use plotters::prelude::*;
use refmatch::analytics::audit::{Audit, AuditScores, Category, Questionnaire};
use refmatch::analytics::metrics::{Coverage, MetricsOptions, ProgramMetrics, UTILIZATION_BINS, Utilization};
use refmatch::ledger::{Options, Program};
use refmatch::model::DateRange;

/// The sample's "today", the last day measured.
const TODAY: &str = "2026-11-22";
/// The first day measured: the start of the sample's ledger.
const START: &str = "2025-06-01";

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "program-report".into()));
    if let Err(err) = run(&dir) {
        eprintln!("error: {err}");
        std::process::exit(2);
    }
}

fn run(dir: &Path) -> Result<(), Box<dyn Error>> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let program = Program::sample(&Options::new());
    let period = DateRange { start: START.parse()?, end: TODAY.parse()? };
    let metrics = ProgramMetrics::compute(&program, &MetricsOptions::new(period))?;

    let questionnaire = Questionnaire::default_questionnaire();
    let this_year = Audit::sample(2026).ok_or("no 2026 sample audit")?.score(&questionnaire)?;
    let last_year = Audit::sample(2025).ok_or("no 2025 sample audit")?.score(&questionnaire)?;

    utilization_chart(&dir.join("utilization.svg"), &metrics.utilization)?;
    coverage_chart(&dir.join("coverage.svg"), &metrics.coverage)?;
    audit_chart(&dir.join("audit.svg"), &this_year, &last_year)?;

    let report = report(&metrics, &this_year, &last_year);
    let path = dir.join("report.md");
    // The report is written whole or not at all.
    refmatch::io::write_atomic(&path, report.as_bytes())?;
    println!("{report}");
    println!("wrote {} with utilization.svg, coverage.svg and audit.svg", path.display());
    Ok(())
}

fn report(metrics: &ProgramMetrics, this_year: &AuditScores, last_year: &AuditScores) -> String {
    let mut out = format!("# Reference program report, {TODAY}\n\n");
    out.push_str("## Highlights\n\n");
    for line in metrics.highlights() {
        out.push_str(&format!("- {line}\n"));
    }
    match (this_year.overall, this_year.weaknesses().first()) {
        (Some(overall), Some(worst)) => out.push_str(&format!(
            "- Leverage audit {}: {overall:.1} of 100 (last year {}); the largest gap is {} (index {:.1}).\n",
            this_year.year,
            last_year.overall.map_or_else(|| "not scored".to_string(), |o| format!("{o:.1}")),
            worst.category.label(),
            worst.index
        )),
        _ => out.push_str("- The leverage audit has no answers this year.\n"),
    }
    out.push_str("\n![Advocate utilization](utilization.svg)\n\n![Coverage](coverage.svg)\n\n");
    out.push_str(&format!("## Leverage audit {}\n\n", this_year.year));
    out.push_str(&this_year.to_markdown());
    out.push_str(&format!("\n### Against {}\n\n", last_year.year));
    out.push_str(&this_year.compare(last_year).to_markdown());
    out.push_str("\n![Audit categories](audit.svg)\n\n");
    out.push_str(&metrics.to_markdown());
    out
}

fn utilization_chart(path: &Path, utilization: &Utilization) -> Result<(), Box<dyn Error>> {
    let root = SVGBackend::new(path, (640, 400)).into_drawing_area();
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
            SegmentValue::CenterOf(i) => UTILIZATION_BINS.get(*i as usize).copied().unwrap_or("").to_string(),
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
}

fn coverage_chart(path: &Path, coverage: &Coverage) -> Result<(), Box<dyn Error>> {
    // Laid out by hand: a grid with one row per sector and one column per
    // (region, size band), named in full on both axes.
    const LEFT: i32 = 330;
    const TOP: i32 = 96;
    const CELL_W: i32 = 46;
    const CELL_H: i32 = 26;
    let (sectors, regions, bands) = coverage.supply.dim();
    let width = LEFT + (regions * bands) as i32 * CELL_W + 20;
    let height = TOP + sectors as i32 * CELL_H + 70;
    let root = SVGBackend::new(path, (width as u32, height as u32)).into_drawing_area();
    root.fill(&WHITE)?;
    let text = |size: u32| ("sans-serif", size).into_font();
    root.draw(&Text::new("Advocates who score at least 0.6 for each segment", (LEFT, 10), text(18)))?;
    let most = coverage.supply.iter().copied().max().unwrap_or(0).max(1);
    for (r, region) in coverage.regions.iter().enumerate() {
        let x = LEFT + (r * bands) as i32 * CELL_W;
        root.draw(&Text::new(region.to_string(), (x + 4, TOP - 48), text(14)))?;
        root.draw(&PathElement::new(vec![(x, TOP - 30), (x + bands as i32 * CELL_W - 4, TOP - 30)], BLACK))?;
        for (b, band) in coverage.bands.iter().enumerate() {
            let label = band.label();
            let lines: Vec<String> = match label.split_once('-') {
                Some((lower, upper)) => vec![format!("{lower}-"), upper.to_string()],
                None => vec![label],
            };
            for (line, part) in lines.into_iter().enumerate() {
                let at = (x + b as i32 * CELL_W + 3, TOP - 26 + line as i32 * 11);
                root.draw(&Text::new(part, at, text(10)))?;
            }
        }
    }
    let gaps: Vec<(&str, _, _)> =
        coverage.gaps.iter().map(|g| (g.sector.as_str(), g.region, g.band)).collect();
    for (s, sector) in coverage.sectors.iter().enumerate() {
        let y = TOP + s as i32 * CELL_H;
        let title = refmatch::taxonomy::naics().get(sector).map_or("", |i| i.title.as_str());
        let title: String = title.chars().take(40).collect();
        root.draw(&Text::new(format!("{sector} {title}"), (8, y + 8), text(11)))?;
        for r in 0..regions {
            for b in 0..bands {
                let (x, cell) = (LEFT + (r * bands + b) as i32 * CELL_W, (s, r, b));
                let supply = coverage.supply[cell];
                let shade = f64::from(supply) / f64::from(most);
                let fill = RGBColor(
                    255 - (190.0 * shade) as u8,
                    255 - (120.0 * shade) as u8,
                    255 - (30.0 * shade) as u8,
                );
                root.draw(&Rectangle::new([(x, y), (x + CELL_W - 2, y + CELL_H - 2)], fill.filled()))?;
                let ink = if shade > 0.55 { WHITE } else { BLACK };
                root.draw(&Text::new(supply.to_string(), (x + 16, y + 7), text(11).color(&ink)))?;
                let demand = coverage.demand[cell];
                if demand > 0 {
                    let is_gap = gaps.contains(&(sector.as_str(), coverage.regions[r], coverage.bands[b]));
                    let border = if is_gap { RED.stroke_width(3) } else { BLACK.stroke_width(2) };
                    root.draw(&Rectangle::new([(x, y), (x + CELL_W - 2, y + CELL_H - 2)], border))?;
                    root.draw(&Text::new(format!("{demand}"), (x + 3, y + 2), text(9).color(&RED)))?;
                }
            }
        }
    }
    let legend = "Cell: advocates scoring >= 0.6. Outlined: open deals (count in red, top left). \
                  Red outline: a gap, open deals and fewer than 3 advocates.";
    root.draw(&Text::new(legend, (8, TOP + sectors as i32 * CELL_H + 20), text(12)))?;
    root.present()?;
    Ok(())
}

fn audit_chart(path: &Path, this_year: &AuditScores, last_year: &AuditScores) -> Result<(), Box<dyn Error>> {
    let root = SVGBackend::new(path, (720, 400)).into_drawing_area();
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
    // Last year's bar on the left half of each category, this year's on the right.
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
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()?;
    root.present()?;
    Ok(())
}
