//! Every number and date that comes in has a range checked at the door
//! (`refmatch::model::limits`): the values that used to panic, hang or
//! make every score NaN are refused with their place, and a property
//! drives values at both edges of every range through validation, the
//! ledger, ranking, the metrics and the planner.

mod ledger_support;

use jiff::ToSpan;
use jiff::civil::Date;
use ledger_support::{day, fixed_options, small_library};
use proptest::prelude::*;
use refmatch::allocate::{AllocateError, AllocationRequest, Planner};
use refmatch::analytics::metrics::{MetricsOptions, ProgramMetrics};
use refmatch::ledger::{Actor, AdvocateUpdate, Error, FatiguePolicy, Program};
use refmatch::model::limits::{
    MAX_CAP, MAX_DATE, MAX_DAYS, MAX_EMPLOYEES, MAX_LABEL_LEN, MAX_WEIGHT, MIN_DATE, MIN_WEIGHT,
};
use refmatch::model::{DateRange, Engagement, EngagementKind, EngagementStatus};
use refmatch::rank::QueryError;
use refmatch::{Index, Library, LibraryData, Policy, Prospect, Request, Weights};

const CALL: EngagementKind = EngagementKind::ReferenceCall;

/// The places of `data`'s problems, or an empty list when it is valid.
fn places(data: LibraryData) -> Vec<String> {
    match Library::new(data) {
        Ok(_) => Vec::new(),
        Err(err) => err.problems().iter().map(|p| p.place.clone()).collect(),
    }
}

fn next_day(date: Date, days: i64) -> Date {
    date.checked_add(days.days()).expect("a date jiff has")
}

#[test]
fn far_dates_are_refused_where_they_come_in() {
    let far = Date::constant(9999, 12, 31);
    let mut data = small_library().into_data();
    data.advocates[0].blackouts = vec![DateRange { start: next_day(far, -3), end: far }];
    assert_eq!(places(data), ["advocates[0].blackouts[0].start", "advocates[0].blackouts[0].end"]);

    // An advocate cannot set such a blackout on themself, so no report can fail.
    let program = Program::with_options(small_library(), &fixed_options());
    let update =
        AdvocateUpdate { blackouts: Some(vec![DateRange { start: far, end: far }]), ..Default::default() };
    let err = program.update_advocate(&Actor::advocate("adv-1"), "adv-1", update).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    assert!(
        err.to_string()
            .contains("date 9999-12-31 is out of range: expected a day from 1900-01-01 to 2199-12-31")
    );
    // Nor can a request be held there.
    let err = program.request(&Actor::sales_rep("rita"), "adv-1", "st-1", CALL, far, None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "date: date 9999-12-31 is out of range: expected a day from 1900-01-01 to 2199-12-31"
    );
    let err = program.rank_advocates(&Prospect::new(), &Request::new(CALL, far)).unwrap_err();
    assert!(matches!(err, QueryError::OutOfRange { ref field, .. } if field == "request.date"), "{err}");

    // At the last allowed day everything still answers.
    let update = AdvocateUpdate {
        blackouts: Some(vec![DateRange { start: next_day(MAX_DATE, -10), end: MAX_DATE }]),
        ..Default::default()
    };
    program.update_advocate(&Actor::advocate("adv-1"), "adv-1", update).unwrap();
    let fatigue = program.fatigue("adv-1", next_day(MAX_DATE, -5)).unwrap();
    assert_eq!(fatigue.next_available, Some(next_day(MAX_DATE, 1)));
    assert_eq!(program.fatigue_summary(MAX_DATE).len(), 6);
    let period = DateRange { start: MIN_DATE, end: MAX_DATE };
    ProgramMetrics::compute(&program, &MetricsOptions::new(period)).unwrap();
}

#[test]
fn huge_windows_and_rest_periods_are_refused() {
    let mut data = small_library().into_data();
    data.policy.rest_days = i32::MAX as u32;
    data.advocates[1].window_days = Some(2_000_000_000);
    data.advocates[2].rest_days = Some(MAX_DAYS + 1);
    assert_eq!(places(data), ["policy.rest_days", "advocates[1].window_days", "advocates[2].rest_days"]);

    let program = Program::with_options(small_library(), &fixed_options());
    let policy = FatiguePolicy { rest_days: i32::MAX as u32, ..FatiguePolicy::default() };
    let err = program.set_policy(&Actor::admin("ada"), policy).unwrap_err();
    assert!(err.to_string().contains("rest_days 2147483647 is out of range: expected 0..=3660"), "{err}");
}

#[test]
fn weights_that_overflow_or_underflow_are_refused_everywhere() {
    for weight in [1e308, 5e-324, MIN_WEIGHT / 2.0, MAX_WEIGHT * 2.0] {
        let mut data = small_library().into_data();
        data.policy.weights.size = weight;
        assert_eq!(places(data), ["policy.weights.size"], "{weight}");
        let policy = Policy { weights: Weights { size: weight, ..Weights::default() }, ..Policy::default() };
        let err = Index::with_policy(small_library(), policy).unwrap_err();
        assert_eq!(err.problems()[0].place, "policy.weights.size");
        let index = Index::new(small_library());
        let mut request = Request::new(CALL, day(0));
        request.policy = Some(policy);
        let err = index.rank_advocates(&Prospect::new(), &request).unwrap_err();
        assert!(err.to_string().starts_with("request.policy.weights.size: weight"), "{err}");
    }
}

#[test]
fn the_planner_refuses_a_resolution_it_cannot_count_in() {
    let index = Index::new(small_library());
    let requests = [AllocationRequest::new("opp-1", Prospect::new(), Request::new(CALL, day(0)))];
    for resolution in [1e-300, 0.0, -1.0, f64::NAN, 0.5] {
        let mut planner = Planner::new(day(0));
        planner.resolution(resolution);
        let err = planner.allocate(&index, &requests).unwrap_err();
        assert!(matches!(err, AllocateError::Setting { field: "resolution", .. }), "{resolution}: {err}");
    }
    let mut planner = Planner::new(day(0));
    planner.resolution(1e-9);
    assert_eq!(planner.allocate(&index, &requests).unwrap().filled(), 1);
}

#[test]
fn a_megabyte_label_is_refused_without_being_resolved() {
    let huge = "commercial banking ".repeat(55_000);
    let mut data = small_library().into_data();
    data.accounts[0].industry = huge.clone();
    let err = Library::new(data).unwrap_err();
    assert_eq!(err.problems().len(), 1);
    let message = err.to_string();
    assert!(
        message.contains("accounts[0].industry: label \"commercial banking commercial banking co\"..."),
        "{message}"
    );
    assert!(message.contains("bytes long: expected at most 256 bytes") && message.len() < 300, "{message}");

    let index = Index::new(small_library());
    let err =
        index.rank_advocates(&Prospect::new().with_industry(huge), &Request::new(CALL, day(0))).unwrap_err();
    assert!(matches!(err, QueryError::OutOfRange { ref field, .. } if field == "prospect.industry"), "{err}");
    let err = index
        .rank_advocates(
            &Prospect::new().with_use_case("x".repeat(MAX_LABEL_LEN + 1)),
            &Request::new(CALL, day(0)),
        )
        .unwrap_err();
    assert!(err.to_string().starts_with("prospect.use_cases[0]: label"), "{err}");
    let mut request = Request::new(CALL, day(0));
    request.k = 1_000_000;
    let err = index.rank_advocates(&Prospect::new(), &request).unwrap_err();
    assert_eq!(err.to_string(), "request.k: k 1000000 is out of range: expected 0..=10000");
}

/// A value at an edge of a range: the edge itself (allowed) or one step
/// past it (refused).
#[derive(Debug, Clone, Copy)]
enum Edge {
    Low,
    High,
    BelowLow,
    AboveHigh,
}

impl Edge {
    fn inside(self) -> bool {
        matches!(self, Edge::Low | Edge::High)
    }
}

fn arb_edge() -> impl Strategy<Value = Edge> {
    prop_oneof![Just(Edge::Low), Just(Edge::High), Just(Edge::BelowLow), Just(Edge::AboveHigh)]
}

fn date_at(edge: Edge) -> Date {
    match edge {
        Edge::Low => MIN_DATE,
        Edge::High => MAX_DATE,
        Edge::BelowLow => next_day(MIN_DATE, -1),
        Edge::AboveHigh => next_day(MAX_DATE, 1),
    }
}

fn count_at(edge: Edge, low: u32, high: u32) -> Option<u32> {
    match edge {
        Edge::Low => Some(low),
        Edge::High => Some(high),
        Edge::BelowLow => low.checked_sub(1),
        Edge::AboveHigh => Some(high + 1),
    }
}

fn weight_at(edge: Edge) -> f64 {
    match edge {
        Edge::Low => MIN_WEIGHT,
        Edge::High => MAX_WEIGHT,
        Edge::BelowLow => MIN_WEIGHT * 0.999,
        Edge::AboveHigh => MAX_WEIGHT * 1.001,
    }
}

/// Which field gets the edge value.
const FIELDS: [&str; 12] = [
    "advocates[0].blackouts[0].start",
    "engagements[0].date",
    "stories[0].verified_on",
    "stories[0].approved_until",
    "advocates[1].cap",
    "advocates[1].window_days",
    "advocates[1].rest_days",
    "policy.cap",
    "policy.window_days",
    "policy.rest_days",
    "policy.weights.competitor",
    "accounts[1].employees",
];

/// Sets `field` of `data` to its value at `edge`; `false` when the edge has
/// no value (one below a range that starts at 0).
fn set(data: &mut LibraryData, field: &str, edge: Edge) -> bool {
    let date = date_at(edge);
    match field {
        "advocates[0].blackouts[0].start" => {
            let end = if edge.inside() { date } else { MAX_DATE };
            data.advocates[0].blackouts = vec![DateRange { start: date, end: end.max(date) }];
            if !edge.inside() && date > MAX_DATE {
                data.advocates[0].blackouts[0].end = date;
            }
        }
        "engagements[0].date" => data.engagements[0].date = date,
        "stories[0].verified_on" => data.stories[0].verified_on = date,
        "stories[0].approved_until" => data.stories[0].approved_until = Some(date),
        "advocates[1].cap" => data.advocates[1].cap = count_at(edge, 1, MAX_CAP).map(Some).unwrap_or(None),
        "advocates[1].window_days" => {
            data.advocates[1].window_days = count_at(edge, 1, MAX_DAYS).map(Some).unwrap_or(None)
        }
        "advocates[1].rest_days" => match count_at(edge, 0, MAX_DAYS) {
            Some(v) => data.advocates[1].rest_days = Some(v),
            None => return false,
        },
        "policy.cap" => data.policy.cap = count_at(edge, 1, MAX_CAP).unwrap_or(0),
        "policy.window_days" => data.policy.window_days = count_at(edge, 1, MAX_DAYS).unwrap_or(0),
        "policy.rest_days" => match count_at(edge, 0, MAX_DAYS) {
            Some(v) => data.policy.rest_days = v,
            None => return false,
        },
        "policy.weights.competitor" => data.policy.weights.competitor = weight_at(edge),
        "accounts[1].employees" => {
            data.accounts[1].employees = match edge {
                Edge::Low => 1,
                Edge::High => MAX_EMPLOYEES,
                Edge::BelowLow => 0,
                Edge::AboveHigh => MAX_EMPLOYEES + 1,
            }
        }
        _ => unreachable!("a field of FIELDS"),
    }
    // `Some(0)` caps and windows are below their ranges too.
    if matches!(field, "advocates[1].cap" | "advocates[1].window_days") && matches!(edge, Edge::BelowLow) {
        match field {
            "advocates[1].cap" => data.advocates[1].cap = Some(0),
            _ => data.advocates[1].window_days = Some(0),
        }
    }
    true
}

/// The small library with one engagement, so engagement dates have a place.
fn edged_base() -> LibraryData {
    let mut data = small_library().into_data();
    data.engagements.push(Engagement {
        id: "eng-1".into(),
        advocate: "adv-1".into(),
        story: "st-1".into(),
        kind: CALL,
        date: day(0),
        status: EngagementStatus::Completed,
        prospect: None,
    });
    data
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// A value at the edge of its range is accepted and every answer of
    /// the crate works with it, from any day of the range; one step past
    /// the edge is refused at its place, and nothing panics either way.
    #[test]
    fn values_at_the_edges_of_every_range(
        field in prop::sample::select(FIELDS.to_vec()),
        edge in arb_edge(),
        ask in prop::sample::select(vec![MIN_DATE, day(0), MAX_DATE]),
    ) {
        let mut data = edged_base();
        prop_assume!(set(&mut data, field, edge));
        match Library::new(data) {
            Err(err) => {
                prop_assert!(!edge.inside(), "{field} at {edge:?} was refused: {err}");
                let found: Vec<&str> = err.problems().iter().map(|p| p.place.as_str()).collect();
                prop_assert!(found.contains(&field), "{field} at {edge:?}: problems at {found:?}");
            }
            Ok(library) => {
                prop_assert!(edge.inside(), "{field} at {edge:?} was accepted");
                let program = Program::with_options(library, &fixed_options());
                program.fatigue_summary(ask);
                let prospect = Prospect::new().with_industry("522110").with_employees(MAX_EMPLOYEES).with_country("DE");
                program.rank_advocates(&prospect, &Request::new(CALL, ask)).unwrap();
                let mut planner = Planner::new(ask);
                planner.resolution(1e-9);
                let requests = [AllocationRequest::new("opp", prospect, Request::new(CALL, ask))];
                planner.allocate_in(&program, &requests).unwrap();
                let period = DateRange { start: MIN_DATE, end: MAX_DATE };
                ProgramMetrics::compute(&program, &MetricsOptions::new(period)).unwrap();
                let _ = program.request(&Actor::sales_rep("rita"), "adv-2", "st-1", CALL, ask, None);
            }
        }
    }
}
