//! Judgment sets: every kind of problem is reported with its place (JSON
//! path, or CSV row and column), query and judged id, all at once; JSON and
//! CSV read the same judgments; the judged sample has the promised shape
//! and its notes agree with the records.

use refmatch::eval::{Judgments, JudgmentsError, Problem, ProblemKind, Target};
use refmatch::model::{AccountStatus, AdvocateStatus, EngagementKind};
use refmatch::rank::Verdict;
use refmatch::{Index, Library, Request};
use std::collections::{BTreeMap, BTreeSet};

fn problems(err: JudgmentsError) -> Vec<Problem> {
    match err {
        JudgmentsError::Invalid { problems, .. } => problems,
        other => panic!("expected invalid judgments, got: {other}"),
    }
}

/// The problem at `place`, failing with every problem found otherwise.
#[track_caller]
fn at<'a>(problems: &'a [Problem], place: &str) -> &'a Problem {
    problems.iter().find(|p| p.place == place).unwrap_or_else(|| {
        let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("no problem at {place}; found:\n{}", found.join("\n"))
    })
}

#[track_caller]
fn expect(problems: &[Problem], place: &str, kind: ProblemKind, query: &str, id: Option<&str>, words: &str) {
    let p = at(problems, place);
    assert_eq!(p.kind, kind, "{p}");
    assert_eq!(p.query, query, "{p}");
    assert_eq!(p.id.as_deref(), id, "{p}");
    assert!(p.message.contains(words), "{p} lacks {words:?}");
    assert!(p.message.starts_with(|c: char| !c.is_uppercase()), "messages start lowercase: {p}");
}

/// One JSON query, `fields` spliced in.
fn query(id: &str, fields: &str, judgments: &str) -> String {
    format!(
        r#"{{"id": "{id}", "prospect": {{"industry": "522110"}}, "date": "2026-12-01", {fields}, "judgments": [{judgments}]}}"#
    )
}

const ADVOCATES: &str = r#""rank": "advocates", "kind": "reference_call""#;

#[test]
fn every_problem_of_a_json_set_is_reported_at_once_with_its_place() {
    let library = Library::sample();
    let long_id = "x".repeat(129);
    let long_label = "y".repeat(257);
    let long_note = "z".repeat(20_001);
    let many: Vec<String> = (0..1_001).map(|i| format!("\"case {i}\"")).collect();
    let queries = [
        // 0: an unknown advocate, grades out of range, a duplicate, an
        // empty id, a long id and a long note.
        query(
            "q0",
            ADVOCATES,
            &format!(
                r#"{{"id": "adv-001", "grade": 3}}, {{"id": "adv-999", "grade": 1}}, {{"id": "adv-002", "grade": 4}},
                   {{"id": "adv-003", "grade": -1}}, {{"id": "adv-001", "grade": 2}}, {{"id": " ", "grade": 1}},
                   {{"id": "{long_id}", "grade": 1}}, {{"id": "adv-004", "grade": 1, "note": "{long_note}"}}"#
            ),
        ),
        // 1: no judgments.
        query("q1", ADVOCATES, ""),
        // 2: every grade 0.
        query("q2", ADVOCATES, r#"{"id": "adv-001", "grade": 0}, {"id": "adv-002", "grade": 0}"#),
        // 3: the id of query 0 again.
        query("q0", ADVOCATES, r#"{"id": "adv-001", "grade": 1}"#),
        // 4: a story query judging an advocate id, with languages.
        query(
            "q4",
            r#""rank": "stories", "asset_kind": "case_study", "languages": ["de"]"#,
            r#"{"id": "adv-001", "grade": 2}, {"id": "sty-001", "grade": 2}"#,
        ),
        // 5: advocates without an engagement kind but with an asset kind.
        query("q5", r#""rank": "advocates", "asset_kind": "video""#, r#"{"id": "adv-001", "grade": 1}"#),
        // 6: a prospect and request the engine would refuse, and ranges.
        format!(
            r#"{{"id": "q6", "rank": "advocates", "kind": "reference_call", "date": "2300-01-01", "max_per_account": 0,
                "exclude_accounts": ["acc-999"], "languages": ["{long_label}"],
                "prospect": {{"industry": "no such industry at all", "country": "XX", "employees": 0,
                              "products": ["prd-none"], "use_cases": [{}], "competitor": "{long_label}"}},
                "judgments": [{{"id": "adv-001", "grade": 1}}]}}"#,
            many.join(", ")
        ),
        // 7: an empty query id.
        query("", ADVOCATES, r#"{"id": "adv-001", "grade": 1}"#),
    ];
    let text = format!(r#"{{"queries": [{}]}}"#, queries.join(",\n"));
    let err = Judgments::from_json_str(&text, &library).unwrap_err();
    let text_of_error = err.to_string();
    assert!(text_of_error.starts_with("<input>: invalid judgments: "), "{text_of_error}");
    let found = problems(err);

    use ProblemKind::*;
    let q0 = "q0";
    expect(
        &found,
        "queries[0].judgments[1].id",
        UnknownId,
        q0,
        Some("adv-999"),
        "unknown advocate id \"adv-999\"",
    );
    expect(
        &found,
        "queries[0].judgments[2].grade",
        GradeOutOfRange,
        q0,
        Some("adv-002"),
        "grade 4 is out of range",
    );
    expect(&found, "queries[0].judgments[3].grade", GradeOutOfRange, q0, Some("adv-003"), "grade -1");
    expect(
        &found,
        "queries[0].judgments[4].id",
        Duplicate,
        q0,
        Some("adv-001"),
        "first at queries[0].judgments[0]",
    );
    expect(&found, "queries[0].judgments[5].id", EmptyId, q0, Some(" "), "empty advocate id");
    expect(&found, "queries[0].judgments[6].id", OutOfRange, q0, Some(&long_id), "129 bytes");
    expect(&found, "queries[0].judgments[7].note", OutOfRange, q0, Some("adv-004"), "20001 bytes");
    expect(&found, "queries[1].judgments", NoJudgments, "q1", None, "no judgments");
    expect(&found, "queries[2].judgments", NoJudgments, "q2", None, "every judgment has grade 0");
    expect(&found, "queries[3].id", Duplicate, q0, None, "first used at queries[0].id");
    expect(&found, "queries[4].judgments[0].id", UnknownId, "q4", Some("adv-001"), "unknown story id");
    expect(&found, "queries[4].languages", Malformed, "q4", None, "languages in a query ranking stories");
    expect(&found, "queries[5].kind", Malformed, "q5", None, "no engagement kind");
    expect(
        &found,
        "queries[5].asset_kind",
        Malformed,
        "q5",
        None,
        "an asset kind in a query ranking advocates",
    );
    expect(&found, "queries[6].date", OutOfRange, "q6", None, "2300-01-01");
    expect(&found, "queries[6].max_per_account", OutOfRange, "q6", None, "expected 1..=10000");
    expect(
        &found,
        "queries[6].exclude_accounts[0]",
        UnknownReference,
        "q6",
        None,
        "unknown account id \"acc-999\"",
    );
    expect(&found, "queries[6].languages[0]", OutOfRange, "q6", None, "257 bytes");
    expect(&found, "queries[6].prospect.industry", UnknownReference, "q6", None, "unknown industry");
    expect(
        &found,
        "queries[6].prospect.country",
        UnknownReference,
        "q6",
        None,
        "unknown country code \"XX\"",
    );
    expect(&found, "queries[6].prospect.employees", OutOfRange, "q6", None, "employees 0");
    expect(&found, "queries[6].prospect.products[0]", UnknownReference, "q6", None, "unknown product id");
    expect(&found, "queries[6].prospect.use_cases", OutOfRange, "q6", None, "1001 items");
    expect(&found, "queries[6].prospect.competitor", OutOfRange, "q6", None, "257 bytes");
    expect(&found, "queries[7].id", EmptyId, "", None, "empty query id");
    // The valid judgments raise nothing: one problem per fault above.
    assert_eq!(found.len(), 25, "{found:#?}");
}

#[test]
fn a_set_without_queries_and_malformed_json_are_refused() {
    let library = Library::sample();
    let found = problems(Judgments::from_json_str(r#"{"queries": []}"#, &library).unwrap_err());
    expect(&found, "queries", ProblemKind::NoJudgments, "", None, "no queries");

    let err = Judgments::from_json_str("{\"queries\": [\n  {\"id\": 3}\n]}", &library).unwrap_err();
    assert!(matches!(err, JudgmentsError::Read(_)), "{err}");
    assert!(err.to_string().starts_with("<input>:2:"), "{err}");
    let err = Judgments::from_json_str(r#"{"queries": [], "extra": 1}"#, &library).unwrap_err();
    assert!(err.to_string().contains("unknown field `extra`"), "{err}");
}

const HEADER: &str = "query,rank,kind,asset_kind,date,country,id,grade,note";

#[test]
fn every_problem_of_a_csv_table_is_reported_with_its_row_and_column() {
    let library = Library::sample();
    let csv = format!(
        "{HEADER}
q1,advocates,reference_call,,2026-12-01,DE,adv-001,3,fits
q1,,,,,,adv-999,1,
q1,,,,,,adv-002,x,
q1,,,,,FR,adv-003,5,
q2,advocates,coffee,,2026-13-01,DE,adv-001,1,
q3,people,reference_call,,2026-12-01,,adv-001,1,
,advocates,reference_call,,2026-12-01,,adv-001,1,
q4,stories,,case_study,2026-12-01,,sty-001,2,
q4,stories,,case_study,2026-12-01,DE,sty-999,0,
"
    );
    let err = Judgments::from_csv_reader("judgments.csv", csv.as_bytes(), &library).unwrap_err();
    assert!(err.to_string().starts_with("judgments.csv: invalid judgments: "), "{err}");
    let found = problems(err);
    use ProblemKind::*;
    expect(&found, "row 3, column \"id\"", UnknownId, "q1", Some("adv-999"), "unknown advocate id");
    expect(&found, "row 4, column \"grade\"", GradeOutOfRange, "q1", Some("adv-002"), "\"x\" is not a grade");
    expect(
        &found,
        "row 5, column \"grade\"",
        GradeOutOfRange,
        "q1",
        Some("adv-003"),
        "grade 5 is out of range",
    );
    expect(
        &found,
        "row 5, column \"country\"",
        Malformed,
        "q1",
        Some("adv-003"),
        "\"FR\" differs from \"DE\" on the query's first row 2",
    );
    expect(&found, "row 6, column \"kind\"", Malformed, "q2", None, "\"coffee\" is not a valid kind");
    expect(&found, "row 6, column \"date\"", Malformed, "q2", None, "\"2026-13-01\" is not a date");
    expect(&found, "row 7, column \"rank\"", Malformed, "q3", None, "\"people\" is not a valid rank");
    expect(&found, "row 8, column \"query\"", EmptyId, "", Some("adv-001"), "expected the id of the query");
    expect(&found, "row 10, column \"id\"", UnknownId, "q4", Some("sty-999"), "unknown story id");
    expect(&found, "row 10, column \"country\"", Malformed, "q4", Some("sty-999"), "differs from \"\"");
    // The broken kind and date of q2, and the broken rank of q3, raise
    // nothing more.
    assert_eq!(found.len(), 10, "{found:#?}");
}

#[test]
fn csv_header_problems_stop_the_read_with_their_place() {
    let library = Library::sample();
    let err = Judgments::from_csv_reader("j.csv", "query,rank,date,id,grade,colour\n".as_bytes(), &library)
        .unwrap_err();
    assert!(matches!(err, JudgmentsError::Read(_)));
    assert!(err.to_string().starts_with("j.csv: row 1, column \"colour\": unknown column"), "{err}");
    let err = Judgments::from_csv_reader("j.csv", "query,rank,date,id\n".as_bytes(), &library).unwrap_err();
    assert!(err.to_string().contains("missing required column \"grade\""), "{err}");
    // Headers match as the import's do; a column named twice is refused
    // without the import's advice to map one.
    let err = Judgments::from_csv_reader("j.csv", "Query,RANK,date,id,grade,Grade\n".as_bytes(), &library)
        .unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("j.csv: row 1, column \"Grade\": columns \"grade\" and \"Grade\""), "{text}");
    assert!(text.ends_with("expected one column for it (remove one of them)"), "{text}");
    // Every ragged row at once, by row.
    let ragged =
        "query,rank,date,id,grade\nq1,advocates,2026-12-01,adv-001\nq1,,,adv-002,1\nq1,,,adv-003,1,x\n";
    let err = Judgments::from_csv_reader("j.csv", ragged.as_bytes(), &library).unwrap_err();
    assert!(matches!(err, JudgmentsError::Read(_)));
    let text = err.to_string();
    assert!(text.starts_with("j.csv: 2 problems"), "{text}");
    assert!(text.contains("j.csv: row 2: found 4 fields: expected 5"), "{text}");
    assert!(text.contains("j.csv: row 4: found 6 fields: expected 5"), "{text}");
    let found = problems(
        Judgments::from_csv_reader("j.csv", "query,rank,date,id,grade\n".as_bytes(), &library).unwrap_err(),
    );
    expect(&found, "row 2", ProblemKind::NoJudgments, "", None, "no queries");
}

#[test]
fn files_are_named_in_errors() {
    let library = Library::sample();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    let err = Judgments::load(&missing, &library).unwrap_err();
    assert!(err.to_string().starts_with(&missing.display().to_string()), "{err}");
    let bad = dir.path().join("bad.CSV");
    std::fs::write(&bad, format!("{HEADER}\nq1,advocates,reference_call,,2026-12-01,,adv-999,2,\n")).unwrap();
    let err = Judgments::load(&bad, &library).unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with(&format!("{}: invalid judgments: row 2, column \"id\"", bad.display())),
        "{text}"
    );
}

fn data(name: &str) -> String {
    format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_sample_reads_the_same_from_json_and_csv() {
    let library = Library::sample();
    let sample = Judgments::sample();
    assert_eq!(Judgments::load(data("judgments.json"), &library).unwrap(), sample);
    let csv = Judgments::load(data("judgments.csv"), &library).unwrap();
    assert_eq!(csv.data(), sample.data());
    // The CSV file is what to_csv_string writes for the JSON.
    assert_eq!(std::fs::read_to_string(data("judgments.csv")).unwrap(), sample.to_csv_string());
    // And JSON written back reads the same.
    assert_eq!(Judgments::from_json_str(&sample.to_json_string(), &library).unwrap(), sample);
}

#[test]
fn the_sample_has_the_promised_shape() {
    let sample = Judgments::sample();
    let mut per_prospect: BTreeMap<String, (usize, BTreeSet<Target>)> = BTreeMap::new();
    for query in sample.queries() {
        let n = query.judged().len();
        assert!((5..=15).contains(&n), "{} has {n} judgments", query.id());
        assert!(query.judged().any(|(_, g)| g >= 1), "{}", query.id());
        let key = serde_json::to_string(query.prospect()).unwrap();
        let entry = per_prospect.entry(key).or_default();
        entry.0 += n;
        entry.1.insert(query.target());
    }
    assert!(per_prospect.len() >= 25, "{} prospects", per_prospect.len());
    for (prospect, (n, targets)) in &per_prospect {
        assert!((5..=15).contains(n), "{prospect}: {n} judgments");
        assert_eq!(targets.len(), 2, "{prospect} is judged for advocates and stories");
    }
    // Every grade is used.
    let grades: BTreeSet<u8> = sample.queries().iter().flat_map(|q| q.judged().map(|(_, g)| g)).collect();
    assert_eq!(grades, BTreeSet::from([0, 1, 2, 3]));
}

/// The notes of grade-0 advocates name why they cannot be asked; the
/// engine agrees for each reason it checks.
#[test]
fn the_samples_zero_grades_for_availability_agree_with_the_records() {
    let library = Library::sample();
    let index = Index::new(library.clone());
    let sample = Judgments::sample();
    let mut checked = 0;
    for query in sample.queries().iter().filter(|q| q.target() == Target::Advocates) {
        let mut request = Request::new(EngagementKind::ReferenceCall, query.date());
        request.max_per_account = query.max_per_account();
        let notes: BTreeMap<&str, &str> = sample
            .data()
            .queries
            .iter()
            .find(|q| q.id == query.id())
            .unwrap()
            .judgments
            .iter()
            .map(|j| (j.id.as_str(), j.note.as_str()))
            .collect();
        for (id, grade) in query.judged() {
            let advocate = library.advocate(id).unwrap();
            let account = library.account(&advocate.account).unwrap();
            // The brief's rule: departed, paused or do-not-contact is 0.
            if advocate.status != AdvocateStatus::Active || account.status == AccountStatus::DoNotContact {
                assert_eq!(grade, 0, "{}: {id} cannot be asked", query.id());
            }
            let note = notes[id];
            let languages = !query.prospect().languages.is_empty();
            let rules: &[&str] = if note.contains("cap") && note.contains("engagement on") {
                &["E5", "E6"]
            } else if note.contains("at her cap") || note.contains("at his cap") {
                &["E6"]
            } else if note.contains("inside the rest period") {
                &["E5"]
            } else if note.contains("blackout") {
                &["E4"]
            } else if ["paused", "departed", "do not contact", "do-not-contact"]
                .iter()
                .any(|w| note.contains(w))
            {
                &["E1"]
            } else if note.contains("does not take reference calls") {
                &["E2"]
            } else if note.contains("speaks") && note.contains("only") && languages {
                &["E3"]
            } else if note.contains("not approved")
                || note.contains("lost its approval")
                || note.contains("expired")
            {
                &["E7"]
            } else {
                continue;
            };
            if grade != 0 {
                continue;
            }
            match index.explain(id, query.prospect(), &request).unwrap() {
                Verdict::Excluded(why) => {
                    assert!(
                        rules.contains(&why.rule()),
                        "{}: {id} ({note}) is out by {}",
                        query.id(),
                        why.rule()
                    )
                }
                Verdict::Eligible(m) => {
                    panic!("{}: {id} ({note}) is eligible, score {}", query.id(), m.score)
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} notes checked");
}
