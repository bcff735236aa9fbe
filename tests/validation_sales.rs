//! The rules of the sales records (opportunities and account figures),
//! each broken by one mutation of the small valid library, with the exact
//! place, kind and message of the problem.

mod common;

use common::fixtures::{base, figure, opportunity};
use jiff::civil::date;
use refmatch::model::{OpportunityStatus, ProblemKind};
use refmatch::{Library, LibraryData};

#[track_caller]
fn assert_problem(data: LibraryData, place: &str, kind: ProblemKind, message: &str) {
    let err = Library::new(data).expect_err("the mutation must make the library invalid");
    assert_eq!(err.problems().len(), 1, "expected exactly one problem, got {err}");
    let problem = &err.problems()[0];
    assert_eq!((problem.place.as_str(), problem.kind, problem.message.as_str()), (place, kind, message));
}

#[test]
fn base_sales_records_are_kept_and_looked_up() {
    let library = Library::new(base()).unwrap();
    assert_eq!(library.opportunities().len(), 1);
    assert_eq!(library.opportunity("o1").unwrap().engagements, ["e1"]);
    assert!(library.opportunity("o2").is_none());
    assert_eq!(library.account_figures()[0].employees, Some(4800));
}

#[test]
fn duplicate_and_empty_opportunity_ids() {
    let mut data = base();
    data.opportunities.push(opportunity("o1", &[]));
    assert_problem(
        data,
        "opportunities[1].id",
        ProblemKind::DuplicateId,
        "duplicate opportunity id \"o1\": first used at opportunities[0]",
    );
    let mut data = base();
    data.opportunities[0].id = " ".into();
    assert_problem(
        data,
        "opportunities[0].id",
        ProblemKind::EmptyId,
        "empty opportunity id: expected a non-empty string",
    );
}

#[test]
fn unknown_and_repeated_engagements() {
    let mut data = base();
    data.opportunities[0].engagements = vec!["e1".into(), "e9".into()];
    assert_problem(
        data,
        "opportunities[0].engagements[1]",
        ProblemKind::UnknownReference,
        "unknown engagement id \"e9\"",
    );
    let mut data = base();
    data.opportunities[0].engagements = vec!["e1".into(), "e2".into(), "e1".into()];
    assert_problem(
        data,
        "opportunities[0].engagements[2]",
        ProblemKind::DuplicateId,
        "engagement \"e1\" is listed twice",
    );
}

#[test]
fn amount_must_be_finite_and_not_negative() {
    for (amount, shown) in [(-1.0, "-1"), (f64::NAN, "NaN"), (f64::INFINITY, "inf")] {
        let mut data = base();
        data.opportunities[0].amount = amount;
        assert_problem(
            data,
            "opportunities[0].amount",
            ProblemKind::OutOfRange,
            &format!("amount {shown} is not allowed: expected a finite number from 0 to 1e15"),
        );
    }
    let mut data = base();
    data.opportunities[0].amount = 0.0;
    Library::new(data).expect("a zero amount is allowed");
}

#[test]
fn close_before_created() {
    let mut data = base();
    data.opportunities[0].close = date(2025, 7, 31);
    assert_problem(
        data,
        "opportunities[0].close",
        ProblemKind::UnorderedRange,
        "closes on 2025-07-31 before it was created on 2025-08-01: expected created <= close",
    );
    let mut data = base();
    data.opportunities[0].close = date(2025, 8, 1);
    data.opportunities[0].status = OpportunityStatus::Lost;
    Library::new(data).expect("closing on the day it was created is allowed");
}

#[test]
fn prospect_fields_are_checked_and_labels_resolved() {
    let mut data = base();
    data.opportunities[0].prospect.country = Some("XX".into());
    assert_problem(
        data,
        "opportunities[0].prospect.country",
        ProblemKind::UnknownCountry,
        "unknown country code \"XX\": expected an ISO 3166-1 alpha-2 code such as \"DE\"",
    );
    let mut data = base();
    data.opportunities[0].prospect.employees = Some(0);
    assert_problem(
        data,
        "opportunities[0].prospect.employees",
        ProblemKind::OutOfRange,
        "employees 0 is out of range: expected 1..=1000000000",
    );
    let mut data = base();
    data.opportunities[0].prospect.products = vec!["p1".into(), "p7".into()];
    assert_problem(
        data,
        "opportunities[0].prospect.products[1]",
        ProblemKind::UnknownReference,
        "unknown product id \"p7\"",
    );
    let mut data = base();
    data.opportunities[0].prospect.industry = Some("999999".into());
    let err = Library::new(data).unwrap_err();
    assert_eq!(err.problems()[0].place, "opportunities[0].prospect.industry");
    assert_eq!(err.problems()[0].kind, ProblemKind::UnknownIndustry);

    let mut data = base();
    data.opportunities[0].prospect.industry = Some("commercial banking".into());
    let library = Library::new(data).unwrap();
    assert_eq!(library.opportunities()[0].prospect.industry.as_deref(), Some("522110"));
    assert_eq!(library.resolutions()[0].place, "opportunities[0].prospect.industry");
}

#[test]
fn account_figure_rules() {
    let mut data = base();
    data.account_figures.push(figure("a9", date(2025, 1, 1), Some(10), None));
    assert_problem(
        data,
        "account_figures[1].account",
        ProblemKind::UnknownReference,
        "unknown account id \"a9\"",
    );

    let mut data = base();
    data.account_figures.push(figure("a1", date(2025, 1, 1), None, Some(1.0)));
    assert_problem(
        data,
        "account_figures[1].date",
        ProblemKind::DuplicateId,
        "account \"a1\" has figures for 2025-01-01 twice: first at account_figures[0]",
    );

    let mut data = base();
    data.account_figures[0] = figure("a1", date(2025, 1, 1), None, None);
    assert_problem(
        data,
        "account_figures[0]",
        ProblemKind::OutOfRange,
        "no figure given: expected employees, revenue or both",
    );

    let mut data = base();
    data.account_figures[0].employees = Some(0);
    assert_problem(
        data,
        "account_figures[0].employees",
        ProblemKind::OutOfRange,
        "employees 0 is out of range: expected 1..=1000000000",
    );

    for (revenue, shown) in [(0.0, "0"), (-5.0, "-5"), (f64::NAN, "NaN")] {
        let mut data = base();
        data.account_figures[0].revenue = Some(revenue);
        assert_problem(
            data,
            "account_figures[0].revenue",
            ProblemKind::OutOfRange,
            &format!("revenue {shown} is not allowed: expected a finite number above 0 and at most 1e15"),
        );
    }
}

#[test]
fn sales_records_round_trip_and_stay_optional_in_json() {
    let library = Library::new(base()).unwrap();
    let text = refmatch::io::to_json_string(&library);
    assert!(text.contains("\"opportunities\"") && text.contains("\"account_figures\""));
    assert_eq!(refmatch::io::from_json_str(&text).unwrap(), library);

    let mut bare = base();
    bare.opportunities.clear();
    bare.account_figures.clear();
    let text = refmatch::io::to_json_string(&Library::new(bare).unwrap());
    assert!(
        !text.contains("opportunities") && !text.contains("account_figures"),
        "empty sections are left out"
    );
}
