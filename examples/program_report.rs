//! The program report an executive reads in a minute: the leverage audit
//! of this year against last, then the metrics that tie references to
//! revenue, on the embedded sample program, with names, amounts in the
//! library's currency, caveats and small-sample warnings.
//!
//! Writes, into the directory given as the only argument (default
//! `program-report/`):
//! - `report.md`: highlights, the audit, every metric as tables;
//! - `utilization.svg`: how many advocates sit at each share of their cap;
//! - `concentration.svg`: the share of engagements each tenth of the
//!   advocates carries, the busiest tenth first;
//! - `trends.svg`: requests and completions per month, win rate per
//!   quarter;
//! - `coverage.svg`: advocates per segment (sector x region x size), the
//!   segments with open deals marked, the gaps in red;
//! - `audit.svg`: each audit category's index, last year against this.
//!
//! The charts are the library's (`refmatch::analytics::charts`, the
//! `charts` feature). Run it with `cargo run --example program_report [--
//! <directory>]`.

use std::error::Error;
use std::path::{Path, PathBuf};

use refmatch::analytics::audit::{Audit, AuditScores, Questionnaire};
use refmatch::analytics::charts;
use refmatch::analytics::metrics::{MetricsOptions, ProgramMetrics};
use refmatch::ledger::{Options, Program};
use refmatch::model::DateRange;

/// The sample's "today", the last day measured.
const TODAY: &str = "2026-11-22";
/// The first day measured: the start of the sample's ledger.
const START: &str = "2025-06-01";

/// The charts, in the order the report shows them.
const CHARTS: [&str; 5] = ["utilization.svg", "concentration.svg", "trends.svg", "coverage.svg", "audit.svg"];

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

    let svgs = [
        charts::utilization_svg(&metrics.utilization)?,
        charts::concentration_svg(&metrics.concentration)?,
        charts::trends_svg(&metrics.trends)?,
        charts::coverage_svg(&metrics.coverage)?,
        charts::audit_svg(&this_year, &last_year)?,
    ];
    for (name, svg) in CHARTS.iter().zip(&svgs) {
        // Each file is written whole or not at all.
        refmatch::io::write_atomic(dir.join(name), svg.as_bytes())?;
    }

    let report = report(&metrics, &this_year, &last_year);
    let path = dir.join("report.md");
    refmatch::io::write_atomic(&path, report.as_bytes())?;
    println!("{report}");
    println!("wrote {} with {}", path.display(), CHARTS.join(", "));
    Ok(())
}

fn report(metrics: &ProgramMetrics, this_year: &AuditScores, last_year: &AuditScores) -> String {
    let mut out = format!("# Reference program report, {TODAY}\n\n");
    if let Some(currency) = metrics.currency {
        out.push_str(&format!("Amounts are in {currency}.\n\n"));
    }
    out.push_str("## Highlights\n\n");
    for line in metrics.highlights() {
        out.push_str(&format!("- {line}\n"));
    }
    match (this_year.overall, this_year.weaknesses().first()) {
        (Some(overall), Some(worst)) => out.push_str(&format!(
            "- Leverage audit {}: {overall:.1} of 100 (last year {}); the largest gap is {} (index {:.1} of 100).\n",
            this_year.year,
            last_year.overall.map_or_else(|| "not scored".to_string(), |o| format!("{o:.1}")),
            worst.category.label(),
            worst.index
        )),
        _ => out.push_str("- The leverage audit has no answers this year.\n"),
    }
    out.push_str(
        "\n![Advocate utilization](utilization.svg)\n\n![Concentration](concentration.svg)\n\n\
         ![Requests, completions and win rate over time](trends.svg)\n\n![Coverage](coverage.svg)\n\n",
    );
    out.push_str(&format!("## Leverage audit {}\n\n", this_year.year));
    out.push_str(&this_year.to_markdown());
    out.push_str(&format!("\n### Against {}\n\n", last_year.year));
    out.push_str(&this_year.compare(last_year).to_markdown());
    out.push_str("\n![Audit categories](audit.svg)\n\n");
    out.push_str(&metrics.to_markdown());
    out
}
