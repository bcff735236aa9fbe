//! Ranks the advocates of a reference program for a prospect, from JSON
//! files, and prints the result as a table or as JSON.
//!
//! ```text
//! cargo run --example rank -- [LIBRARY.json] [PROSPECT.json] [--json] [--k N]
//!                             [--date YYYY-MM-DD] [--kind KIND] [--min-relevance X]
//!                             [--text TEXT]
//! ```
//!
//! - `LIBRARY.json`: a library as `refmatch::io::save_json` writes it;
//!   default, the embedded sample program (`Library::sample()`).
//! - `PROSPECT.json`: a `refmatch::Prospect` (fields `industry`,
//!   `employees`, `country`, `languages`, `products`, `use_cases`,
//!   `seniority`, `competitor`, `text`, all optional); default, the embedded
//!   `data/sample-prospect.json`. To give a prospect with the sample
//!   library, pass `-` as the library.
//! - `--json`: print the crate's own `refmatch::rank::Ranking` as JSON
//!   instead of a table: its status, the matches with their names and
//!   explanations (each factor with its note, and a summary), the
//!   candidates each rule excluded and the matches held back by timing.
//! - `--k N`: how many advocates (default 5).
//! - `--min-relevance X`: the relevance floor, in `0..=1` (default 0.35,
//!   `refmatch::rank::DEFAULT_MIN_RELEVANCE`; 0 for none).
//! - `--date YYYY-MM-DD`: the day the engagement is needed (default
//!   2026-12-01, the day the sample program is shaped for).
//! - `--kind KIND`: the engagement kind (default `reference_call`).
//! - `--text TEXT`: what the prospect cares about, in the rep's words
//!   (replaces the prospect's `text`): the text factor joins the
//!   relevance, and each match's note names the words its story has, as in
//!   `cargo run --example rank -- --text "real-time fraud scoring, replaced
//!   a legacy core"`.
//!
//! A bad argument or file gets a one-line error on stderr, naming the file
//! and the line and column for JSON, and exit code 2.

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::process::ExitCode;

use jiff::civil::Date;
use refmatch::model::EngagementKind;
use refmatch::rank::{DEFAULT_MIN_RELEVANCE, Ranking};
use refmatch::{Index, Library, Prospect, Request};

/// The prospect used when none is given, embedded so the example runs from
/// any directory.
const SAMPLE_PROSPECT: &str = include_str!("../data/sample-prospect.json");
const SAMPLE_PROSPECT_NAME: &str = "data/sample-prospect.json (embedded)";
/// The day the sample program is shaped for.
const DEFAULT_DATE: Date = jiff::civil::date(2026, 12, 1);

const USAGE: &str =
    "usage: rank [LIBRARY.json|-] [PROSPECT.json] [--json] [--k N] [--date YYYY-MM-DD] [--kind KIND] [--min-relevance X] [--text TEXT]

Ranks advocates for a prospect. Without files, ranks the embedded sample
program for the embedded sample prospect (data/sample-prospect.json).

  LIBRARY.json       library JSON file; `-` or nothing for the embedded sample
  PROSPECT.json      prospect JSON file; nothing for the embedded sample prospect
  --json             print the ranking as JSON instead of a table
  --k N              how many advocates to return (default 5)
  --date YYYY-MM-DD  the day the engagement is needed (default 2026-12-01)
  --kind KIND        engagement kind (default reference_call)
  --min-relevance X  the relevance floor, 0 to 1 (default 0.35; 0 for none)
  --text TEXT        what the prospect cares about, in words (the text factor)
  -h, --help         print this help";

/// What the command line asks for.
struct Args {
    library: Option<String>,
    prospect: Option<String>,
    json: bool,
    k: usize,
    date: Date,
    kind: EngagementKind,
    min_relevance: f64,
    text: Option<String>,
}

/// Why the example stops early.
enum Stop {
    /// `--help`: print the usage and succeed.
    Help,
    /// A bad argument, file or query: print the message and exit 2.
    Error(String),
}

impl From<String> for Stop {
    fn from(message: String) -> Stop {
        Stop::Error(message)
    }
}

fn main() -> ExitCode {
    let output = match run(std::env::args().skip(1).collect()) {
        Ok(output) => output,
        Err(Stop::Help) => format!("{USAGE}\n"),
        Err(Stop::Error(message)) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let mut stdout = io::stdout().lock();
    match stdout.write_all(output.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`rank | head`): not an error of ours.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: cannot write the output: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Parses the arguments, loads the files, ranks, and returns what to print.
fn run(args: Vec<String>) -> Result<String, Stop> {
    let args = parse_args(args)?;
    let library = match args.library.as_deref() {
        None | Some("-") => Library::sample(),
        Some(path) => refmatch::io::load_json(path).map_err(|err| err.to_string())?,
    };
    let (mut prospect, prospect_name) = match args.prospect.as_deref() {
        None => (parse_prospect(SAMPLE_PROSPECT, SAMPLE_PROSPECT_NAME)?, SAMPLE_PROSPECT_NAME),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|err| format!("{path}: {err}"))?;
            (parse_prospect(&text, path)?, path)
        }
    };

    if let Some(text) = args.text {
        prospect = prospect.with_text(text);
    }

    // The one place the index is built.
    let index = Index::new(library.clone());
    let request = Request::new(args.kind, args.date).with_k(args.k).with_min_relevance(args.min_relevance);
    let ranking = index.rank(&prospect, &request).map_err(|err| format!("{prospect_name}: {err}"))?;

    if args.json {
        // The crate's own types serialize, names included.
        let mut text = serde_json::to_string_pretty(&ranking).map_err(|err| err.to_string())?;
        text.push('\n');
        return Ok(text);
    }
    Ok(table(&library, &prospect, &request, &ranking))
}

fn parse_args(args: Vec<String>) -> Result<Args, Stop> {
    let mut parsed = Args {
        library: None,
        prospect: None,
        json: false,
        k: 5,
        date: DEFAULT_DATE,
        kind: EngagementKind::ReferenceCall,
        min_relevance: DEFAULT_MIN_RELEVANCE,
        text: None,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        // `--flag value` and `--flag=value` both work.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_string(), Some(value.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, Stop> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| Stop::Error(format!("{name} needs a value (see --help)")))
        };
        match flag.as_str() {
            "-h" | "--help" => return Err(Stop::Help),
            "--json" if inline.is_none() => parsed.json = true,
            "--k" => {
                let text = value("--k")?;
                parsed.k = match text.parse::<usize>() {
                    Ok(k) if k > 0 => k,
                    _ => return Err(format!("--k {text:?}: expected a whole number of at least 1").into()),
                };
            }
            "--date" => {
                let text = value("--date")?;
                parsed.date = text.parse::<Date>().map_err(|_| {
                    format!("--date {text:?}: not a valid date, expected YYYY-MM-DD such as 2026-12-01")
                })?;
            }
            "--kind" => {
                let text = value("--kind")?;
                parsed.kind = text.parse().map_err(|err| format!("--kind: {err}"))?;
            }
            "--min-relevance" => {
                let text = value("--min-relevance")?;
                parsed.min_relevance = match text.parse::<f64>() {
                    Ok(floor) if (0.0..=1.0).contains(&floor) => floor,
                    _ => {
                        return Err(format!("--min-relevance {text:?}: expected a number from 0 to 1").into());
                    }
                };
            }
            "--text" => parsed.text = Some(value("--text")?),
            other if other.starts_with('-') && other != "-" => {
                return Err(format!("unknown option {arg:?} (see --help)").into());
            }
            _ if parsed.library.is_none() => parsed.library = Some(arg),
            _ if parsed.prospect.is_none() => parsed.prospect = Some(arg),
            _ => {
                return Err(
                    format!("unexpected argument {arg:?}: give at most a library and a prospect").into()
                );
            }
        }
    }
    Ok(parsed)
}

/// Parses a prospect, with the place of a problem as `name:line:column`.
fn parse_prospect(text: &str, name: &str) -> Result<Prospect, String> {
    serde_json::from_str(text).map_err(|err| {
        let message = err.to_string();
        // serde_json appends " at line L column C"; state the place apart.
        let message = message.split(" at line ").next().unwrap_or(&message);
        format!("{name}:{}:{}: {message}", err.line(), err.column().max(1))
    })
}

/// The ranking as an aligned table, each advocate followed by its story
/// and why, in a sentence; then the matches held back by timing.
fn table(library: &Library, prospect: &Prospect, request: &Request, ranking: &Ranking) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "prospect  {}", describe(prospect));
    let _ = writeln!(
        out,
        "request   {} on {}, top {}, relevance floor {:.2}",
        request.kind, request.date, request.k, request.min_relevance
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", ranking.summary());
    let matches = &ranking.matches;
    if matches.is_empty() {
        return out;
    }
    let _ = writeln!(out);
    let headers = ["#", "score", "advocate", "name", "title", "account", "ctry", "used"];
    let right = [true, true, false, false, false, false, false, true];
    let mut rows: Vec<[String; 8]> = Vec::new();
    let mut notes: Vec<[String; 2]> = Vec::new();
    for (i, m) in matches.iter().enumerate() {
        let country = library.account(&m.account).map_or_else(String::new, |a| a.country.clone());
        rows.push([
            (i + 1).to_string(),
            format!("{:.3}", m.score),
            m.advocate.clone(),
            m.advocate_name().to_string(),
            m.advocate_title().to_string(),
            m.account_name().to_string(),
            country,
            format!("{}/{}", m.explanation.used, m.explanation.cap),
        ]);
        notes.push([
            format!("story  {} {}", m.story, m.story_title()),
            format!("why    {}", m.explanation.summary()),
        ]);
    }
    let mut widths = headers.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |out: &mut String, cells: &[String]| {
        let parts: Vec<String> = cells
            .iter()
            .zip(widths)
            .zip(right)
            .map(
                |((cell, width), right)| {
                    if right { format!("{cell:>width$}") } else { format!("{cell:<width$}") }
                },
            )
            .collect();
        let _ = writeln!(out, "  {}", parts.join("  ").trim_end());
    };
    line(&mut out, &headers.map(String::from));
    line(&mut out, &widths.map(|w| "-".repeat(w)));
    // Notes start under the advocate column.
    let indent = " ".repeat(2 + widths[0] + 2 + widths[1] + 2);
    for (row, notes) in rows.iter().zip(&notes) {
        line(&mut out, row);
        for note in notes {
            let _ = writeln!(out, "{indent}{note}");
        }
    }
    if let Some(best) = matches.first() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "why {} ranks first (similarity x weight / total weight = contribution):",
            best.advocate
        );
        for line in best.explanation.to_string().lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    if !ranking.held_back.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "held back by timing (relevance, why, next free day):");
        for held in &ranking.held_back {
            let free = held.next_available.map_or_else(|| "no free day ahead".to_string(), |d| d.to_string());
            let _ = writeln!(
                out,
                "  {} {} ({}): {:.3}, {} [rule {}], free from {free}",
                held.advocate,
                held.advocate_name,
                held.account_name,
                held.relevance,
                held.exclusion,
                held.exclusion.rule()
            );
        }
    }
    out
}

/// What the prospect gives, in a few words.
fn describe(prospect: &Prospect) -> String {
    let mut parts = Vec::new();
    if let Some(industry) = &prospect.industry {
        parts.push(format!("industry {industry}"));
    }
    if let Some(employees) = prospect.employees {
        parts.push(format!("{employees} employees"));
    }
    if let Some(country) = &prospect.country {
        parts.push(country.clone());
    }
    if !prospect.use_cases.is_empty() {
        parts.push(prospect.use_cases.join(" + "));
    }
    if !prospect.products.is_empty() {
        parts.push(format!("products {}", prospect.products.join(", ")));
    }
    if let Some(competitor) = &prospect.competitor {
        parts.push(format!("replacing {competitor}"));
    }
    if let Some(seniority) = prospect.seniority {
        parts.push(format!("{seniority} contact"));
    }
    if let Some(text) = &prospect.text {
        parts.push(format!("text {text:?}"));
    }
    if parts.is_empty() { "no details given".to_string() } else { parts.join(", ") }
}
