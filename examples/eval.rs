//! Measures the ranking on graded judgments: evaluates the default model,
//! compares it with two variants (no availability discount; seniority
//! weight 3), tunes the weights with 5-fold cross-validation, and prints
//! a table or JSON.
//!
//! ```text
//! cargo run --example eval -- [JUDGMENTS] [--json]
//! ```
//!
//! - `JUDGMENTS`: a judgments file in the format of `refmatch::eval`, JSON
//!   or (by its `.csv` name) CSV, graded for the sample program
//!   (`Library::sample()`); default, the judged sample
//!   (`data/judgments.json`, embedded).
//! - `--json`: print one JSON object (the evaluations, comparisons and
//!   tuning, with every query) instead of the tables.
//!
//! A bad argument or file gets an error on stderr, naming the file and
//! the place of every problem, and exit code 2.

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::process::ExitCode;

use refmatch::eval::{
    Comparison, Config, Evaluation, Evaluator, Judgments, Metrics, Options, Target, TuneOptions, Tuning,
};
use refmatch::{Index, Library, Weights};
use serde::Serialize;

const USAGE: &str = "usage: eval [JUDGMENTS] [--json]

Evaluates the default ranking model on graded judgments, compares it with
two variants (no availability discount; seniority weight 3) and tunes the
weights with 5-fold cross-validation. Without a file, uses the judged
sample (data/judgments.json) of the sample program.

  JUDGMENTS   judgments file, JSON or .csv, graded for the sample program
  --json      print one JSON object instead of tables
  -h, --help  print this help";

/// Why the example stops early.
enum Stop {
    /// `--help`: print the usage and succeed.
    Help,
    /// A bad argument or file: print the message and exit 2.
    Error(String),
}

impl From<String> for Stop {
    fn from(message: String) -> Stop {
        Stop::Error(message)
    }
}

/// Everything the example measured, as `--json` prints it.
#[derive(Serialize)]
struct Report {
    judgments: String,
    queries: usize,
    judged: usize,
    k: usize,
    evaluations: Vec<Named<Evaluation>>,
    comparisons: Vec<Named<Comparison>>,
    tuning: Tuning,
    tuned: Evaluation,
}

#[derive(Serialize)]
struct Named<T> {
    name: &'static str,
    #[serde(flatten)]
    value: T,
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
        // The reader went away (`eval | head`): not an error of ours.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: cannot write the output: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<String, Stop> {
    let (path, json) = parse_args(args)?;
    let library = Library::sample();
    let (judgments, name) = match &path {
        None => (Judgments::sample(), "data/judgments.json (embedded)".to_string()),
        Some(path) => (Judgments::load(path, &library).map_err(|err| err.to_string())?, path.clone()),
    };
    let index = Index::new(library);
    let evaluator = Evaluator::new(&index, &judgments, Options::default()).map_err(|err| err.to_string())?;

    let default = Config::of(&index);
    let no_availability = default.clone().with_availability(false);
    let mut seniority = default.clone();
    seniority.policy.weights.seniority = 3.0;
    let fail = |err: refmatch::eval::EvalError| Stop::Error(format!("{name}: {err}"));

    let evaluations = vec![
        Named { name: "default", value: evaluator.evaluate(&default).map_err(fail)? },
        Named {
            name: "no availability discount",
            value: evaluator.evaluate(&no_availability).map_err(fail)?,
        },
        Named { name: "seniority weight 3", value: evaluator.evaluate(&seniority).map_err(fail)? },
    ];
    let comparisons = vec![
        Named {
            name: "no availability discount",
            value: evaluator.compare(&default, &no_availability).map_err(fail)?,
        },
        Named { name: "seniority weight 3", value: evaluator.compare(&default, &seniority).map_err(fail)? },
    ];
    let tuning = evaluator.tune(&default, &TuneOptions::default()).map_err(fail)?;
    let tuned = evaluator.evaluate(&default.clone().with_weights(tuning.weights)).map_err(fail)?;
    let report = Report {
        judgments: name,
        queries: judgments.queries().len(),
        judged: judgments.judgment_count(),
        k: evaluator.options().k,
        evaluations,
        comparisons,
        tuning,
        tuned,
    };
    if json {
        let mut text = serde_json::to_string_pretty(&report).map_err(|err| err.to_string())?;
        text.push('\n');
        return Ok(text);
    }
    Ok(tables(&report, &judgments))
}

fn parse_args(args: Vec<String>) -> Result<(Option<String>, bool), Stop> {
    let (mut path, mut json) = (None, false);
    for arg in args {
        match arg.as_str() {
            "-h" | "--help" => return Err(Stop::Help),
            "--json" => json = true,
            other if other.starts_with('-') => {
                return Err(format!("unknown option {arg:?} (see --help)").into());
            }
            _ if path.is_none() => path = Some(arg),
            _ => return Err(format!("unexpected argument {arg:?}: give at most one judgments file").into()),
        }
    }
    Ok((path, json))
}

fn tables(report: &Report, judgments: &Judgments) -> String {
    let mut out = String::new();
    let count = |target| judgments.queries().iter().filter(|q| q.target() == target).count();
    let _ = writeln!(
        out,
        "Judgments: {} ({} queries: {} ranking advocates, {} ranking stories; {} judgments), k = {}\n",
        report.judgments,
        report.queries,
        count(Target::Advocates),
        count(Target::Stories),
        report.judged,
        report.k
    );
    let k = report.k;
    let _ = writeln!(
        out,
        "{:<28} {:>7} {:>6} {:>6} {:>6} {:>9}   advocates / stories NDCG@{k}",
        "configuration",
        format!("NDCG@{k}"),
        format!("P@{k}"),
        format!("R@{k}"),
        "MRR",
        "coverage"
    );
    let row = |out: &mut String, name: &str, e: &Evaluation| {
        let m = e.mean;
        let part = |m: Option<Metrics>| m.map_or_else(|| "-".to_string(), |m| format!("{:.3}", m.ndcg));
        let _ = writeln!(
            out,
            "{name:<28} {:>7.3} {:>6.3} {:>6.3} {:>6.3} {:>9.3}   {} / {}",
            m.ndcg,
            m.precision,
            m.recall,
            m.reciprocal_rank,
            m.coverage,
            part(e.advocates),
            part(e.stories)
        );
    };
    for e in &report.evaluations {
        row(&mut out, e.name, &e.value);
    }
    row(&mut out, "tuned weights (all queries)", &report.tuned);

    for c in &report.comparisons {
        let cmp = &c.value;
        let test = if cmp.test.exact {
            format!("exact over {} sign patterns", cmp.test.patterns)
        } else {
            format!("{} random sign patterns", cmp.test.patterns)
        };
        let _ = writeln!(
            out,
            "\n{} against the default: NDCG@{k} {:.3} -> {:.3} ({:+.3}); {} queries better, {} worse, {} the same; \
             paired randomization test p = {:.4} ({test})",
            c.name,
            cmp.baseline.ndcg,
            cmp.candidate.ndcg,
            cmp.candidate.ndcg - cmp.baseline.ndcg,
            cmp.wins,
            cmp.losses,
            cmp.ties,
            cmp.p_value
        );
        if cmp.changed.is_empty() {
            let _ = writeln!(out, "  no top {k} changed");
        }
        for change in cmp.changed.iter().take(3) {
            let list = |ranked: &[refmatch::eval::Ranked]| {
                let items: Vec<String> = ranked
                    .iter()
                    .map(|r| format!("{}({})", r.id, r.grade.map_or("-".to_string(), |g| g.to_string())))
                    .collect();
                items.join(" ")
            };
            let _ = writeln!(
                out,
                "  {}: {} of {k} places changed, NDCG@{k} {:+.3}\n    default: {}\n    variant: {}",
                change.query,
                change.places,
                change.delta,
                list(&change.baseline),
                list(&change.candidate)
            );
        }
    }

    let t = &report.tuning;
    let _ = writeln!(
        out,
        "\nTuning: coordinate ascent on mean NDCG@{k}, {}-fold cross-validation (prospects kept whole, seed 0)",
        t.folds.len()
    );
    let _ = writeln!(
        out,
        "{:<6} {:>8} {:>14} {:>12} {:>13} {:>11}",
        "fold", "queries", "train default", "train tuned", "test default", "test tuned"
    );
    for (i, f) in t.folds.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:<6} {:>8} {:>14.3} {:>12.3} {:>13.3} {:>11.3}",
            i + 1,
            f.test_queries.len(),
            f.train_default,
            f.train_tuned,
            f.test_default,
            f.test_tuned
        );
    }
    let _ = writeln!(
        out,
        "{:<6} {:>8} {:>14.3} {:>12.3} {:>13.3} {:>11.3}",
        "mean", "", t.train_default, t.train_tuned, t.test_default, t.test_tuned
    );
    let _ = writeln!(
        out,
        "\nWeights tuned on all queries (NDCG@{k} {:.3} -> {:.3}):",
        t.all_default, t.all_tuned
    );
    let _ = writeln!(out, "{}", weights_line(&t.default_weights, &t.weights));
    out
}

/// `industry 3 -> 3, use_cases 3 -> 6, ...`.
fn weights_line(from: &Weights, to: &Weights) -> String {
    let pairs: Vec<String> = from
        .named()
        .iter()
        .zip(to.named())
        .map(|(&(name, a), (_, b))| if a == b { format!("{name} {a}") } else { format!("{name} {a} -> {b}") })
        .collect();
    pairs.join(", ")
}
