//! Every rule of `Library::new`, each broken by one mutation of a small
//! valid library, with the exact place, kind and message of the problem;
//! the order and display of several problems; JSON-level failures; and the
//! promise of the shared strategies that what they produce is valid.

mod common;

use common::fixtures::{account, advocate, base, engagement, product, story};

use jiff::civil::date;
use proptest::prelude::*;
use refmatch::io::{ErrorKind, from_json_str, to_json_string};
use refmatch::model::{DateRange, Problem, ProblemKind};
use refmatch::taxonomy::{IndustryError, naics};
use refmatch::{Library, LibraryData, Weights};

/// The only problem `data` has; fails when it is valid or has several.
fn only_problem(data: LibraryData) -> Problem {
    let err = Library::new(data).expect_err("the mutation must make the library invalid");
    assert_eq!(err.problems().len(), 1, "expected exactly one problem, got {err}");
    err.problems()[0].clone()
}

/// Asserts that `data` has exactly one problem, with this place, kind and
/// message.
#[track_caller]
fn assert_problem(data: LibraryData, place: &str, kind: ProblemKind, message: &str) {
    let problem = only_problem(data);
    assert_eq!((problem.place.as_str(), problem.kind, problem.message.as_str()), (place, kind, message));
}

#[test]
fn base_is_valid_and_needs_no_resolution() {
    let library = Library::new(base()).expect("the base library is valid");
    assert!(library.resolutions().is_empty());
    assert_eq!(library.data(), &base());
}

// Duplicate ids: the second use is reported, naming the first.

#[test]
fn duplicate_product_id() {
    let mut data = base();
    data.products.insert(1, data.products[0].clone());
    assert_problem(
        data,
        "products[1].id",
        ProblemKind::DuplicateId,
        "duplicate product id \"p1\": first used at products[0]",
    );
}

#[test]
fn duplicate_account_id() {
    let mut data = base();
    data.accounts.insert(1, data.accounts[0].clone());
    assert_problem(
        data,
        "accounts[1].id",
        ProblemKind::DuplicateId,
        "duplicate account id \"a1\": first used at accounts[0]",
    );
}

#[test]
fn duplicate_advocate_id() {
    let mut data = base();
    data.advocates.insert(1, data.advocates[0].clone());
    assert_problem(
        data,
        "advocates[1].id",
        ProblemKind::DuplicateId,
        "duplicate advocate id \"v1\": first used at advocates[0]",
    );
}

#[test]
fn duplicate_story_id() {
    let mut data = base();
    data.stories.insert(1, data.stories[0].clone());
    assert_problem(
        data,
        "stories[1].id",
        ProblemKind::DuplicateId,
        "duplicate story id \"s1\": first used at stories[0]",
    );
}

#[test]
fn duplicate_engagement_id() {
    let mut data = base();
    data.engagements.insert(1, data.engagements[0].clone());
    assert_problem(
        data,
        "engagements[1].id",
        ProblemKind::DuplicateId,
        "duplicate engagement id \"e1\": first used at engagements[0]",
    );
}

#[test]
fn every_further_duplicate_names_the_first_use() {
    let mut data = base();
    data.products[1].id = "p1".into();
    data.products.push(product("p1", "Again", "Finance"));
    data.stories[1].products = vec!["p1".into()];
    let err = Library::new(data).unwrap_err();
    let places: Vec<(&str, &str)> =
        err.problems().iter().map(|p| (p.place.as_str(), p.message.as_str())).collect();
    assert_eq!(
        places,
        [
            ("products[1].id", "duplicate product id \"p1\": first used at products[0]"),
            ("products[2].id", "duplicate product id \"p1\": first used at products[0]"),
        ]
    );
}

#[test]
fn empty_and_blank_ids_of_every_kind() {
    let mut data = base();
    data.products.push(product("", "Nameless", "Finance"));
    data.accounts.push(account("  ", "522110", 10, "DE"));
    data.advocates.push(advocate("", "a1", &["en"]));
    data.stories.push(story("\t", "a1", &[], &[], date(2025, 1, 1)));
    data.engagements.push(engagement("", "v1", "s1", date(2025, 5, 1)));
    let err = Library::new(data).unwrap_err();
    let got: Vec<(&str, ProblemKind, &str)> =
        err.problems().iter().map(|p| (p.place.as_str(), p.kind, p.message.as_str())).collect();
    assert_eq!(
        got,
        [
            ("products[2].id", ProblemKind::EmptyId, "empty product id: expected a non-empty string"),
            ("accounts[2].id", ProblemKind::EmptyId, "empty account id: expected a non-empty string"),
            ("advocates[3].id", ProblemKind::EmptyId, "empty advocate id: expected a non-empty string"),
            ("stories[2].id", ProblemKind::EmptyId, "empty story id: expected a non-empty string"),
            ("engagements[2].id", ProblemKind::EmptyId, "empty engagement id: expected a non-empty string"),
        ]
    );
}

// Unknown references.

#[test]
fn unknown_advocate_account() {
    // v3 tells s2 and is in e2; neither is also reported as "another
    // account": the unknown account is reported once, where it stands.
    let mut data = base();
    data.advocates[2].account = "a9".into();
    assert_problem(data, "advocates[2].account", ProblemKind::UnknownReference, "unknown account id \"a9\"");
}

#[test]
fn unknown_story_account() {
    let mut data = base();
    data.stories[1].account = "a9".into();
    assert_problem(data, "stories[1].account", ProblemKind::UnknownReference, "unknown account id \"a9\"");
}

#[test]
fn unknown_story_product() {
    let mut data = base();
    data.stories[1].products[1] = "p9".into();
    assert_problem(
        data,
        "stories[1].products[1]",
        ProblemKind::UnknownReference,
        "unknown product id \"p9\"",
    );
}

#[test]
fn unknown_story_advocate() {
    let mut data = base();
    data.stories[0].advocates[1] = "v9".into();
    assert_problem(
        data,
        "stories[0].advocates[1]",
        ProblemKind::UnknownReference,
        "unknown advocate id \"v9\"",
    );
}

#[test]
fn unknown_engagement_advocate() {
    let mut data = base();
    data.engagements[0].advocate = "v9".into();
    assert_problem(
        data,
        "engagements[0].advocate",
        ProblemKind::UnknownReference,
        "unknown advocate id \"v9\"",
    );
}

#[test]
fn unknown_engagement_story() {
    let mut data = base();
    data.engagements[0].story = "s9".into();
    assert_problem(data, "engagements[0].story", ProblemKind::UnknownReference, "unknown story id \"s9\"");
}

#[test]
fn references_compare_exactly() {
    let mut data = base();
    data.stories[0].products[0] = "P1".into();
    assert_problem(
        data,
        "stories[0].products[0]",
        ProblemKind::UnknownReference,
        "unknown product id \"P1\" (did you mean \"p1\"?)",
    );
}

// Records of another account.

#[test]
fn story_advocate_at_another_account() {
    let mut data = base();
    data.stories[0].advocates[1] = "v3".into();
    assert_problem(
        data,
        "stories[0].advocates[1]",
        ProblemKind::WrongAccount,
        "advocate \"v3\" works at account \"a2\": expected someone at the story's account \"a1\"",
    );
}

#[test]
fn engagement_story_of_another_account() {
    let mut data = base();
    data.engagements[0].story = "s2".into();
    assert_problem(
        data,
        "engagements[0].story",
        ProblemKind::WrongAccount,
        "story \"s2\" is from account \"a2\": expected a story of the advocate's account \"a1\"",
    );
}

#[test]
fn engagement_story_need_not_list_the_advocate() {
    // v2 works at a1 but does not tell s1's sibling; any story of the
    // advocate's account will do.
    let mut data = base();
    data.stories[0].advocates = vec!["v1".into()];
    data.engagements[0].advocate = "v2".into();
    assert!(Library::new(data).is_ok());
}

// Industries.

const INDUSTRY_HINT: &str = ": expected a NAICS 2022 code such as \"522110\" or an industry title";

#[test]
fn unknown_naics_code() {
    let mut data = base();
    data.accounts[0].industry = "999999".into();
    let problem = only_problem(data);
    assert_eq!(
        (problem.place.as_str(), problem.kind),
        ("accounts[0].industry", ProblemKind::UnknownIndustry)
    );
    assert!(problem.message.starts_with("unknown industry \"999999\": closest titles are "), "{problem}");
    assert!(problem.message.ends_with(INDUSTRY_HINT), "{problem}");
}

#[test]
fn two_digit_half_of_a_range_sector_is_unknown() {
    let mut data = base();
    data.accounts[0].industry = "31".into();
    let problem = only_problem(data);
    assert_eq!(
        (problem.place.as_str(), problem.kind),
        ("accounts[0].industry", ProblemKind::UnknownIndustry)
    );
    assert!(problem.message.starts_with("unknown industry \"31\""), "{problem}");
}

#[test]
fn range_sectors_and_short_codes_are_codes() {
    for code in ["31-33", "44-45", "48-49", "52", "522", "5221", "52211"] {
        let mut data = base();
        data.accounts[1].industry = code.into();
        let library = Library::new(data).unwrap_or_else(|err| panic!("{code}: {err}"));
        assert!(library.resolutions().is_empty(), "{code} is a code, not a label");
        assert_eq!(library.accounts()[1].industry, code);
    }
}

#[test]
fn unresolvable_label_lists_the_closest_titles() {
    let mut data = base();
    data.accounts[1].industry = "space piracy".into();
    let problem = only_problem(data);
    assert_eq!(
        (problem.place.as_str(), problem.kind),
        ("accounts[1].industry", ProblemKind::UnknownIndustry)
    );
    let Err(IndustryError::Unknown { closest, .. }) = naics().resolve("space piracy") else {
        panic!("\"space piracy\" resolves to nothing");
    };
    assert_eq!(closest.len(), 5);
    let titles: Vec<String> = closest.iter().map(|i| format!("{} ({})", i.title, i.code)).collect();
    assert_eq!(
        problem.message,
        format!("unknown industry \"space piracy\": closest titles are {}{INDUSTRY_HINT}", titles.join(", "))
    );
}

#[test]
fn ambiguous_label_is_an_unknown_industry() {
    let mut data = base();
    data.accounts[0].industry = "merchant wholesalers".into();
    let problem = only_problem(data);
    assert_eq!(
        (problem.place.as_str(), problem.kind),
        ("accounts[0].industry", ProblemKind::UnknownIndustry)
    );
    assert!(
        problem.message.starts_with("ambiguous industry \"merchant wholesalers\": it matches "),
        "{problem}"
    );
    assert!(problem.message.ends_with(INDUSTRY_HINT), "{problem}");
}

#[test]
fn resolvable_label_is_replaced_and_reported() {
    let mut data = base();
    data.accounts[1].industry = "commercial banks".into();
    let library = Library::new(data).expect("a resolvable label is not a problem");
    assert_eq!(library.accounts()[1].industry, "522110");
    let [resolution] = library.resolutions() else {
        panic!("expected one resolution, got {:?}", library.resolutions());
    };
    assert_eq!(resolution.place, "accounts[1].industry");
    assert_eq!(resolution.resolution.label, "commercial banks");
    assert_eq!(resolution.resolution.code, "522110");
    assert_eq!(resolution.resolution.title, "Commercial Banking");
    assert!((0.75..1.0).contains(&resolution.resolution.similarity));
    // Once replaced, the code validates as it is.
    let again = Library::new(library.clone().into_data()).unwrap();
    assert!(again.resolutions().is_empty());
    assert_eq!(again, library);
}

#[test]
fn padded_code_is_trimmed_and_reported() {
    let mut data = base();
    data.accounts[0].industry = " 522110 ".into();
    let library = Library::new(data).unwrap();
    assert_eq!(library.accounts()[0].industry, "522110");
    assert_eq!(library.resolutions().len(), 1);
    assert_eq!(library.resolutions()[0].place, "accounts[0].industry");
    assert_eq!(library.resolutions()[0].resolution.similarity, 1.0);
}

// Countries and numbers of accounts.

#[test]
fn unknown_country() {
    // A country written another way than its code gets the code suggested.
    for (code, hint) in
        [("XX", ""), ("de", " (did you mean \"DE\"?)"), ("DEU", " (did you mean \"DE\"?)"), ("", "")]
    {
        let mut data = base();
        data.accounts[1].country = code.into();
        assert_problem(
            data,
            "accounts[1].country",
            ProblemKind::UnknownCountry,
            &format!(
                "unknown country code {code:?}: expected an ISO 3166-1 alpha-2 code such as \"DE\"{hint}"
            ),
        );
    }
}

#[test]
fn employees_zero() {
    let mut data = base();
    data.accounts[0].employees = 0;
    assert_problem(
        data,
        "accounts[0].employees",
        ProblemKind::OutOfRange,
        "employees 0 is out of range: expected 1..=1000000000",
    );
}

// Policy.

fn set_weight(weights: &mut Weights, name: &str, value: f64) {
    let slot = match name {
        "industry" => &mut weights.industry,
        "use_cases" => &mut weights.use_cases,
        "products" => &mut weights.products,
        "size" => &mut weights.size,
        "geography" => &mut weights.geography,
        "seniority" => &mut weights.seniority,
        "competitor" => &mut weights.competitor,
        "freshness" => &mut weights.freshness,
        "evidence" => &mut weights.evidence,
        "text" => &mut weights.text,
        other => panic!("Weights::named has a weight this test does not know: {other}"),
    };
    *slot = value;
}

#[test]
fn negative_and_non_finite_weights() {
    let bad = [
        (-1.0, "-1"),
        (-0.25, "-0.25"),
        (f64::NAN, "NaN"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (1e-7, "1e-7"),
        (5e-324, "5e-324"),
        (1e308, "1e308"),
        (1_000_001.0, "1000001"),
    ];
    for (name, _) in Weights::default().named() {
        for (value, shown) in bad {
            let mut data = base();
            set_weight(&mut data.policy.weights, name, value);
            assert_problem(
                data,
                &format!("policy.weights.{name}"),
                ProblemKind::OutOfRange,
                &format!("weight {shown} is not allowed: expected 0 or a number from 1e-6 to 1e6"),
            );
        }
    }
}

#[test]
fn all_weights_zero() {
    let mut data = base();
    for (name, _) in Weights::default().named() {
        set_weight(&mut data.policy.weights, name, 0.0);
    }
    let mut one_left = data.clone();
    assert_problem(
        data,
        "policy.weights",
        ProblemKind::OutOfRange,
        "every weight is 0: expected at least one above 0",
    );
    one_left.policy.weights.evidence = 1e-6;
    assert!(Library::new(one_left).is_ok(), "one weight above 0 is enough");
}

#[test]
fn policy_cap_zero() {
    let mut data = base();
    data.policy.cap = 0;
    assert_problem(data, "policy.cap", ProblemKind::OutOfRange, "cap 0 is out of range: expected 1..=1000");
}

#[test]
fn policy_window_days_zero() {
    let mut data = base();
    data.policy.window_days = 0;
    assert_problem(
        data,
        "policy.window_days",
        ProblemKind::OutOfRange,
        "window_days 0 is out of range: expected 1..=3660",
    );
}

#[test]
fn rest_days_zero_is_allowed() {
    let mut data = base();
    data.policy.rest_days = 0;
    data.advocates[0].rest_days = Some(0);
    assert!(Library::new(data).is_ok());
}

// Advocates.

#[test]
fn advocate_cap_zero() {
    let mut data = base();
    data.advocates[1].cap = Some(0);
    assert_problem(
        data,
        "advocates[1].cap",
        ProblemKind::OutOfRange,
        "cap 0 is out of range: expected 1..=1000",
    );
}

#[test]
fn advocate_window_days_zero() {
    let mut data = base();
    data.advocates[1].window_days = Some(0);
    assert_problem(
        data,
        "advocates[1].window_days",
        ProblemKind::OutOfRange,
        "window_days 0 is out of range: expected 1..=3660",
    );
}

#[test]
fn empty_language() {
    for blank in ["", "  "] {
        let mut data = base();
        data.advocates[0].languages[1] = blank.into();
        assert_problem(
            data,
            "advocates[0].languages[1]",
            ProblemKind::OutOfRange,
            "empty language: expected a language code such as \"en\"",
        );
    }
}

#[test]
fn unordered_blackout_range() {
    let mut data = base();
    data.advocates[0].blackouts.push(DateRange { start: date(2026, 5, 10), end: date(2026, 5, 1) });
    assert_problem(
        data,
        "advocates[0].blackouts[1]",
        ProblemKind::UnorderedRange,
        "blackout ends on 2026-05-01 before it starts on 2026-05-10: expected start <= end",
    );
}

#[test]
fn one_day_blackout_is_ordered() {
    let mut data = base();
    data.advocates[0].blackouts.push(DateRange { start: date(2026, 5, 1), end: date(2026, 5, 1) });
    assert!(Library::new(data).is_ok());
}

// Stories.

#[test]
fn non_finite_outcome_value() {
    for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut data = base();
        data.stories[0].outcomes[1].value = Some(value);
        assert_problem(
            data,
            "stories[0].outcomes[1].value",
            ProblemKind::OutOfRange,
            &format!("outcome value {value} is not allowed: expected a finite number from -1e15 to 1e15"),
        );
    }
}

// Several problems.

#[test]
fn every_problem_is_reported_in_field_order() {
    let mut data = base();
    data.engagements[1].story = "s1".into();
    data.stories[0].advocates[1] = "v9".into();
    data.advocates[2].cap = Some(0);
    data.accounts[1].country = "XX".into();
    data.products.insert(1, data.products[0].clone());
    data.policy.window_days = 0;
    let err = Library::new(data).unwrap_err();
    let got: Vec<(&str, ProblemKind)> = err.problems().iter().map(|p| (p.place.as_str(), p.kind)).collect();
    assert_eq!(
        got,
        [
            ("policy.window_days", ProblemKind::OutOfRange),
            ("products[1].id", ProblemKind::DuplicateId),
            ("accounts[1].country", ProblemKind::UnknownCountry),
            ("advocates[2].cap", ProblemKind::OutOfRange),
            ("stories[0].advocates[1]", ProblemKind::UnknownReference),
            ("engagements[1].story", ProblemKind::WrongAccount),
        ]
    );
}

#[test]
fn display_of_one_problem() {
    let mut data = base();
    data.policy.cap = 0;
    let err = Library::new(data).unwrap_err();
    assert_eq!(err.to_string(), "invalid library: policy.cap: cap 0 is out of range: expected 1..=1000");
}

#[test]
fn display_of_two_problems() {
    let mut data = base();
    data.policy.cap = 0;
    data.accounts[0].employees = 0;
    let err = Library::new(data).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid library: 2 problems\n  policy.cap: cap 0 is out of range: expected 1..=1000\n  \
         accounts[0].employees: employees 0 is out of range: expected 1..=1000000000"
    );
    assert_eq!(
        err.problems()[1].to_string(),
        "accounts[0].employees: employees 0 is out of range: expected 1..=1000000000"
    );
}

// JSON.

#[test]
fn impossible_date_in_json_is_a_json_error_at_its_place() {
    let library = Library::new(base()).unwrap();
    let text = to_json_string(&library);
    assert_eq!(text.matches("\"2024-11-20\"").count(), 1, "the base has one story verified on 2024-11-20");
    let text = text.replace("\"2024-11-20\"", "\"2026-02-30\"");
    let (want_line, line_text) =
        text.lines().enumerate().find(|(_, l)| l.contains("2026-02-30")).map(|(i, l)| (i + 1, l)).unwrap();
    let err = from_json_str(&text).expect_err("February has no 30th");
    let ErrorKind::Json { line, column, message } = err.kind() else {
        panic!("expected a JSON error, got {err}");
    };
    assert_eq!(*line, want_line, "{err}");
    let starts = line_text.find("\"2026-02-30\"").unwrap() + 1;
    assert!((starts..=line_text.len()).contains(column), "column {column} not in {line_text:?}: {err}");
    assert!(!message.is_empty() && !message.contains(" at line "), "{message}");
    assert!(err.to_string().starts_with(&format!("<input>:{line}:{column}: ")), "{err}");
}

#[test]
fn unknown_json_field_is_refused_with_its_place() {
    let text = "{\n  \"products\": [],\n  \"acounts\": []\n}";
    let err = from_json_str(text).unwrap_err();
    let ErrorKind::Json { line, message, .. } = err.kind() else {
        panic!("expected a JSON error, got {err}");
    };
    assert_eq!(*line, 3);
    assert!(message.contains("acounts"), "{message}");
}

#[test]
fn valid_json_of_an_invalid_library_is_invalid() {
    let library = Library::new(base()).unwrap();
    let text = to_json_string(&library).replace("\"employees\": 200", "\"employees\": 0");
    let err = from_json_str(&text).unwrap_err();
    let ErrorKind::Invalid(invalid) = err.kind() else {
        panic!("expected a validation error, got {err}");
    };
    assert_eq!(invalid.problems().len(), 1);
    assert_eq!(invalid.problems()[0].place, "accounts[1].employees");
}

// The shared strategies.

#[test]
fn span_constants_agree() {
    assert_eq!(common::day_after(common::SPAN_START, common::SPAN_DAYS), common::SPAN_END);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Every library `arb_library_data` produces is valid, needs no label
    /// resolution, and validates again to itself.
    #[test]
    fn strategy_produces_valid_libraries(data in common::arb_library_data(common::Sizes::small())) {
        let library = match Library::new(data.clone()) {
            Ok(library) => library,
            Err(err) => return Err(TestCaseError::fail(format!("strategy produced an invalid library: {err}"))),
        };
        prop_assert!(library.resolutions().is_empty());
        prop_assert_eq!(library.data(), &data);
        prop_assert_eq!(Library::new(library.clone().into_data()).unwrap(), library);
    }

    /// Medium-sized libraries are valid too.
    #[test]
    fn strategy_produces_valid_medium_libraries(library in common::arb_library(common::Sizes::medium())) {
        prop_assert!(library.engagements().len() <= 200);
    }
}
