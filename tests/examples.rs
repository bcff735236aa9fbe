//! Runs every example, so examples cannot rot: each must exit 0 and print
//! something when run without arguments. The `rank` and `search` examples
//! are also run with arguments: their JSON output must parse, and bad
//! input must get a one-line error and exit code 2. So is `eval`: its JSON
//! must parse and add up, the CSV copy of the judged sample must give the
//! same numbers, and bad judgments must get every problem's place and exit
//! code 2.
//! `import_crm` is run on the mistakes folder: every problem on standard
//! error, one a line, and exit code 2.
//!
//! `cargo test` builds the examples (dev profile) into
//! `target/debug/examples/<name>` before it runs the tests; this test finds
//! them next to its own binary, which runs from `target/<profile>/deps/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Names of the examples: `examples/<name>.rs` and `examples/<name>/main.rs`.
fn example_names() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        let name = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned);
        let is_example = if path.is_dir() {
            path.join("main.rs").is_file()
        } else {
            path.extension().is_some_and(|ext| ext == "rs")
        };
        if let (true, Some(name)) = (is_example, name) {
            names.push(name);
        }
    }
    names.sort();
    names
}

/// Where cargo put the example binary, or every place that was tried.
fn example_binary(name: &str) -> Result<PathBuf, Vec<PathBuf>> {
    let exe = std::env::current_exe().expect("the test binary's path");
    // target/<profile>/deps/<test binary>
    let profile_dir = exe.parent().and_then(Path::parent).expect("test binary inside target/<profile>/deps");
    let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    let mut tried = vec![profile_dir.join("examples").join(&file)];
    if let Some(target_dir) = profile_dir.parent() {
        tried.push(target_dir.join("debug").join("examples").join(&file));
    }
    tried.dedup();
    tried.iter().find(|path| path.is_file()).cloned().ok_or(tried)
}

#[test]
fn every_example_runs_and_prints() {
    let names = example_names();
    assert!(!names.is_empty(), "no examples found under examples/");
    // The report example writes files: into a temporary directory here.
    let report_dir = tempfile::tempdir().expect("a temporary directory");
    for name in &names {
        if name == "search" && !cfg!(feature = "search") {
            continue; // needs the `search` feature (required-features in Cargo.toml)
        }
        let args: Vec<&std::ffi::OsStr> =
            if name == "program_report" { vec![report_dir.path().as_os_str()] } else { Vec::new() };
        let binary = example_binary(name).unwrap_or_else(|tried| {
            panic!(
                "example `{name}` is not built (looked at {tried:?}); run `cargo test`, which builds \
                 every example, or `cargo build --examples` first"
            )
        });
        let output = Command::new(&binary)
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary.display()));
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "example `{name}` failed with {}\nstdout:\n{stdout}\nstderr:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!stdout.trim().is_empty(), "example `{name}` printed nothing");
    }
}

/// Runs example `name` with `args` from the crate root.
fn run_example(name: &str, args: &[&str]) -> Output {
    let binary = example_binary(name).unwrap_or_else(|tried| {
        panic!("example `{name}` is not built (looked at {tried:?}); run `cargo test`")
    });
    Command::new(&binary)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary.display()))
}

/// The matches of the ranking `rank` prints as JSON for `args`.
fn rank_json(args: &[&str]) -> Vec<serde_json::Value> {
    let ranking = rank_ranking(args);
    ranking["matches"]
        .as_array()
        .unwrap_or_else(|| panic!("rank {args:?} printed no matches: {ranking}"))
        .clone()
}

/// The JSON object (a `refmatch::rank::Ranking`) `rank` prints for `args`.
fn rank_ranking(args: &[&str]) -> serde_json::Value {
    let output = run_example("rank", args);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "rank {args:?} failed with {}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let value: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("rank {args:?} printed invalid JSON: {e}\n{stdout}"));
    assert!(value.is_object(), "rank {args:?} printed no JSON object: {stdout}");
    value
}

#[test]
fn quickstart_explains_why_the_best_known_advocate_is_missing() {
    let output = run_example("quickstart", &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    // The sample program is shaped so that its most-used advocate is at her
    // cap on the quickstart's day (tools/gen_sample.py).
    assert!(stdout.contains("Why not Dr. Katharina Wendler (adv-036)"), "{stdout}");
    assert!(stdout.contains("at capacity: 4 engagements held"), "{stdout}");
    assert!(stdout.contains("next available"), "{stdout}");
    // The list says what it leaves out, and the first match why it ranks.
    assert!(stdout.contains("5 matches at or above the relevance floor 0.35."), "{stdout}");
    assert!(stdout.contains("stronger matches are held back"), "{stdout}");
    assert!(stdout.contains("In a sentence: same industry (Commercial Banking)"), "{stdout}");
    assert!(stdout.contains("x 3.00/12.00"), "the factor table shows its denominator: {stdout}");
}

#[test]
fn rank_prints_its_results_as_json() {
    let ranking = rank_ranking(&["--json", "--k", "3"]);
    assert_eq!(ranking["status"], "matched");
    assert_eq!(ranking["min_relevance"], 0.35);
    assert_eq!(ranking["excluded"].as_array().map(Vec::len), Some(9), "a count per rule: {ranking}");
    assert!(ranking["held_back"][0]["next_available"].is_string(), "{ranking}");
    let results = ranking["matches"].as_array().expect("matches");
    assert_eq!(results.len(), 3);
    let mut previous = f64::INFINITY;
    for result in results {
        for field in
            ["advocate", "advocate_name", "advocate_title", "account", "account_name", "story", "story_title"]
        {
            assert!(result[field].as_str().is_some_and(|s| !s.is_empty()), "{field} in {result}");
        }
        let explanation = &result["explanation"];
        let score = result["score"].as_f64().expect("a score");
        let relevance = explanation["relevance"].as_f64().expect("a relevance");
        let availability = explanation["availability"].as_f64().expect("an availability");
        assert!(score <= previous, "results out of order: {results:?}");
        previous = score;
        assert!((score - relevance * availability).abs() < 1e-9, "{result}");
        assert!(explanation["used"].as_u64() < explanation["cap"].as_u64(), "{result}");
        assert!(explanation["summary"].as_str().is_some_and(|s| !s.is_empty()), "{result}");
        let factors = explanation["factors"].as_array().expect("factors");
        assert!(!factors.is_empty());
        let sum: f64 = factors.iter().map(|f| f["contribution"].as_f64().expect("a contribution")).sum();
        assert!((sum - relevance).abs() < 1e-9, "contributions sum to {sum}, relevance {relevance}");
        for factor in factors {
            assert!(
                factor["factor"].is_string() && factor["similarity"].is_f64() && factor["weight"].is_f64()
            );
            assert!(factor["note"].as_str().is_some_and(|s| !s.is_empty()), "{factor}");
        }
    }
}

#[test]
fn rank_with_text_names_the_words_each_story_has() {
    let text = "real-time fraud scoring, replaced a legacy core";
    let results = rank_json(&["--json", "--text", text]);
    assert_eq!(results.len(), 5);
    let mut matched = 0;
    for result in &results {
        let explanation = &result["explanation"];
        let factor = explanation["factors"]
            .as_array()
            .and_then(|fs| fs.iter().find(|f| f["factor"] == "text"))
            .unwrap_or_else(|| panic!("no text factor in {result}"));
        let terms = explanation["matched_terms"].as_array().expect("matched terms");
        let similarity = factor["similarity"].as_f64().expect("a similarity");
        // 7 terms: real, time, fraud, scoring, replaced, legacy, core.
        assert!((similarity - terms.len() as f64 / 7.0).abs() < 1e-12, "{result}");
        assert!(terms.iter().all(|t| text.contains(t.as_str().unwrap())), "{terms:?}");
        matched += terms.len();
    }
    assert!(matched > 0, "no story mentions any term: {results:?}");
    let table = run_example("rank", &["--text", text]);
    let stdout = String::from_utf8_lossy(&table.stdout);
    assert!(table.status.success() && stdout.contains("mentions "), "{stdout}");
    assert!(stdout.contains("text \"real-time fraud scoring"), "{stdout}");
}

#[test]
fn rank_defaults_are_the_sample_files() {
    // The embedded prospect is data/sample-prospect.json, the embedded
    // library data/sample.json.
    let defaults = rank_json(&["--json"]);
    let files = rank_json(&["data/sample.json", "data/sample-prospect.json", "--json"]);
    assert_eq!(defaults.len(), 5);
    assert_eq!(defaults, files);
    let options = rank_json(&[
        "--json",
        "--date=2026-12-01",
        "--kind",
        "reference_call",
        "--k=5",
        "--min-relevance",
        "0.35",
    ]);
    assert_eq!(defaults, options);
    // Without a floor the v1 list comes back, weak matches and all.
    let v1 = rank_json(&["--json", "--k", "40", "--min-relevance=0"]);
    assert!(v1.len() > rank_json(&["--json", "--k", "40"]).len());
}

#[test]
fn rank_refuses_bad_input_with_one_line_and_exit_code_2() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let bad_prospect = dir.path().join("prospect.json");
    std::fs::write(&bad_prospect, "{\n  \"industry\": \"522110\",\n  \"employees\": \"many\"\n}\n")
        .expect("write the prospect");
    let bad_prospect = bad_prospect.to_str().expect("a UTF-8 path");
    let bad_library = dir.path().join("library.json");
    std::fs::write(&bad_library, "{\"accounts\": [").expect("write the library");
    let bad_library = bad_library.to_str().expect("a UTF-8 path");
    let missing = dir.path().join("missing.json");
    let missing = missing.to_str().expect("a UTF-8 path");

    let cases: [(&[&str], &str); 11] = [
        (&[missing], missing),
        (&["-", missing], missing),
        (&[bad_library], &format!("{bad_library}:1:")),
        (&["-", bad_prospect], &format!("{bad_prospect}:3:")),
        (&["--frobnicate"], "--frobnicate"),
        (&["--date", "2026-13-01"], "2026-13-01"),
        (&["--date"], "--date"),
        (&["--k", "none"], "--k"),
        (&["--kind", "coffee"], "coffee"),
        (&["--min-relevance", "2"], "--min-relevance"),
        (&["--min-relevance", "nan"], "--min-relevance"),
    ];
    for (args, mention) in cases {
        let output = run_example("rank", args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "rank {args:?}: {}\nstderr: {stderr}", output.status);
        assert!(output.stdout.is_empty(), "rank {args:?} printed to stdout");
        assert_eq!(stderr.trim_end().lines().count(), 1, "rank {args:?}: not one line: {stderr}");
        assert!(stderr.starts_with("error: "), "rank {args:?}: {stderr}");
        assert!(stderr.contains(mention), "rank {args:?}: {stderr:?} does not mention {mention:?}");
    }
}

#[test]
fn program_report_writes_the_report_and_its_charts() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let output = run_example("program_report", &[dir.path().to_str().expect("a UTF-8 path")]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report = std::fs::read_to_string(dir.path().join("report.md")).expect("report.md is written");
    for heading in
        ["## Highlights", "## Leverage audit 2026", "### Revenue and win rate", "### Coverage gaps"]
    {
        assert!(report.contains(heading), "report.md lacks {heading:?}:\n{report}");
    }
    assert!(report.contains("Win rate ") && report.contains(" with a reference"), "{report}");
    for heading in ["### Concentration", "### Over time", "*Correlation, not cause:*", "Amounts are in USD."]
    {
        assert!(report.contains(heading), "report.md lacks {heading:?}:\n{report}");
    }
    assert!(report.contains("**Small sample:**"), "the growth comparison rests on 4 accounts: {report}");
    assert!(!report.contains("adv-0"), "the report names people, not ids: {report}");
    for chart in ["utilization.svg", "concentration.svg", "trends.svg", "coverage.svg", "audit.svg"] {
        let svg = std::fs::read_to_string(dir.path().join(chart)).unwrap_or_else(|e| panic!("{chart}: {e}"));
        assert!(svg.contains("<svg") && svg.trim_end().ends_with("</svg>"), "{chart} is not a whole SVG");
        assert!(report.contains(&format!("]({chart})")), "report.md does not show {chart}");
    }
}

#[test]
fn program_report_refuses_a_directory_it_cannot_create() {
    let file = tempfile::NamedTempFile::new().expect("a temporary file");
    let output = run_example("program_report", &[file.path().join("sub").to_str().expect("a UTF-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: cannot create "), "{stderr}");
}

/// The JSON object `eval` prints for `args`.
fn eval_json(args: &[&str]) -> serde_json::Value {
    let output = run_example("eval", args);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "eval {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("eval {args:?} printed invalid JSON: {e}\n{stdout}"))
}

#[test]
fn eval_prints_its_tables_and_json() {
    let output = run_example("eval", &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    for line in [
        "default ",
        "no availability discount ",
        "seniority weight 3 ",
        "paired randomization test p = ",
        "Tuning: coordinate ascent",
        "Weights tuned on all queries",
    ] {
        assert!(stdout.contains(line), "eval's tables lack {line:?}:\n{stdout}");
    }

    let report = eval_json(&["--json"]);
    assert_eq!(report["k"], 5);
    let names: Vec<&str> =
        report["evaluations"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["default", "no availability discount", "seniority weight 3"]);
    let queries = report["queries"].as_u64().unwrap() as usize;
    for e in report["evaluations"].as_array().unwrap() {
        assert_eq!(e["queries"].as_array().unwrap().len(), queries);
        let ndcg = e["mean"]["ndcg"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&ndcg));
    }
    for c in report["comparisons"].as_array().unwrap() {
        let total = c["wins"].as_u64().unwrap() + c["losses"].as_u64().unwrap() + c["ties"].as_u64().unwrap();
        assert_eq!(total as usize, queries);
        assert!(c["p_value"].as_f64().unwrap() > 0.0);
    }
    assert_eq!(report["tuning"]["folds"].as_array().unwrap().len(), 5);
    assert!(report["tuning"]["weights"]["industry"].is_f64());

    // The CSV copy of the sample gives the same numbers.
    let mut csv = eval_json(&["data/judgments.csv", "--json"]);
    csv["judgments"] = report["judgments"].clone();
    assert_eq!(csv, report);
}

#[test]
fn eval_refuses_bad_input_with_exit_code_2() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "query,rank,kind,date,id,grade\nq1,advocates,reference_call,2026-12-01,adv-999,7\nq1,,,,adv-001,x\n",
    )
    .expect("write the judgments");
    let bad = bad.to_str().expect("a UTF-8 path");
    let missing = dir.path().join("missing.json");
    let missing = missing.to_str().expect("a UTF-8 path");
    let cases: [(&[&str], &[&str]); 3] = [
        (&[bad], &[bad, "row 2, column \"id\"", "row 2, column \"grade\"", "row 3, column \"grade\""]),
        (&[missing], &[missing]),
        (&["--frobnicate"], &["--frobnicate"]),
    ];
    for (args, mentions) in cases {
        let output = run_example("eval", args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "eval {args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "eval {args:?} printed to stdout");
        assert!(stderr.starts_with("error: "), "eval {args:?}: {stderr}");
        for mention in mentions {
            assert!(stderr.contains(mention), "eval {args:?}: {stderr:?} does not mention {mention:?}");
        }
    }
}

#[cfg(feature = "search")]
#[test]
fn search_prints_hits_and_facets_as_json() {
    let output = run_example("search", &["fraud detection", "--region", "EMEA", "--json", "--limit", "4"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("search --json prints JSON");
    let hits = value["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 4);
    for hit in hits {
        assert!(
            hit["story"].is_string() && hit["score"].is_f64() && hit["snippet"]["text"].is_string(),
            "{hit}"
        );
        assert!(!hit["snippet"]["highlights"].as_array().expect("highlights").is_empty(), "{hit}");
    }
    let regions = value["facets"]["regions"].as_array().expect("region facets");
    assert_eq!(regions.len(), 1);
    assert_eq!(regions[0][0], "EMEA");
    assert_eq!(regions[0][1], value["total"]);

    let plain = run_example("search", &[]);
    let stdout = String::from_utf8_lossy(&plain.stdout);
    assert!(stdout.contains("Search: fraud detection Omnisuite") && stdout.contains("regions"), "{stdout}");
    assert!(stdout.contains("**"), "no highlighted word: {stdout}");
}

#[cfg(feature = "search")]
#[test]
fn search_refuses_bad_queries_with_one_line_and_exit_code_2() {
    let cases: [(&[&str], &str); 6] = [
        (&["\"fraud"], "column 1: unbalanced quote"),
        (&["colour:red"], "unknown field `colour`"),
        (&["fraud", "--region", "MARS"], "MARS"),
        (&["fraud", "--sector", "99"], "99"),
        (&["fraud", "--kind", "poster"], "poster"),
        (&["fraud", "--frobnicate"], "--frobnicate"),
    ];
    for (args, mention) in cases {
        let output = run_example("search", args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "search {args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "search {args:?} printed to stdout");
        assert_eq!(stderr.trim_end().lines().count(), 1, "search {args:?}: not one line: {stderr}");
        assert!(stderr.starts_with("error: ") && stderr.contains(mention), "search {args:?}: {stderr:?}");
    }
}

#[test]
fn import_crm_prints_the_report_and_the_counts() {
    let output = run_example("import_crm", &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("data/crm-export/accounts.csv: 12 rows"), "{stdout}");
    assert!(stdout.contains("industry: Banking → 5221 (Depository Credit Intermediation) ×1"), "{stdout}");
    assert!(stdout.contains("library: 5 products, 12 accounts, 26 advocates, 15 stories"), "{stdout}");
    assert!(stdout.contains("data/crm-export/quotes.csv: 2 rows"), "{stdout}");
    assert!(stdout.contains("8 engagements, 2 quotes"), "{stdout}");
}

#[test]
fn import_crm_lists_every_problem_and_exits_2() {
    let output = run_example("import_crm", &["data/crm-export-mistakes"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty());
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines[0], "error: the import of data/crm-export-mistakes found 15 problem(s):");
    assert_eq!(lines.len(), 16, "{stderr}");
    assert!(lines[1..].iter().all(|line| line.starts_with("data/crm-export-mistakes/")), "{stderr}");

    let output = run_example("import_crm", &["data/crm-export", "extra"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("error: unexpected argument \"extra\""));
}

#[test]
fn sync_prints_the_report_of_a_week_of_crm_changes() {
    let output = run_example("sync", &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        stdout.starts_with("Dry run: 1 added, 4 changed, 1 retired, 1 conflict(s); nothing applied."),
        "{stdout}"
    );
    for line in [
        "## Sync with the CRM export of 2026-12-08T06:00:00Z (applied)",
        "- account acc-057",
        "- advocate adv-007: title `Director Fraud & Financial Crime` → `Chief Financial Crime Officer`",
        "- advocate adv-011: languages",
        "- story sty-001: approved_until `2027-03-01` → `2026-12-05`",
        "- advocate adv-003: retired: status `active` → `departed`",
        "- crm-0901: added as history",
        "- eng-0234: requested → approved",
        "- eng-0236: the program changed it at 2026-12-08T08:00:00Z, after the export",
        "Reopened: the same program (2 operations replayed, the sync as one).",
    ] {
        assert!(stdout.contains(line), "sync's report lacks {line:?}:\n{stdout}");
    }
}
