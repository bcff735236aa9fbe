//! Batch allocation end to end: on small synthetic programs the planner
//! matches a brute-force optimum over the same candidates and capacities;
//! the reasons for unfilled slots, `max_per_batch`, the per-account limit,
//! recording into a ledger, errors and group sessions on the sample.

mod support;

use std::collections::HashMap;

use proptest::prelude::*;
use refmatch::allocate::{AllocateError, AllocationRequest, Planner, Problem, SessionOptions, Unfilled};
use refmatch::ledger::{Actor, Error, Program};
use refmatch::model::{EngagementKind, EngagementStatus};
use refmatch::{Date, Library, Prospect, Request};
use support::synthetic::{self, Rng};

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// The best (filled, units) with these candidates (per request, advocate
/// id, account and score) and capacities, by exhaustive search.
fn brute_force(
    requests: &[AllocationRequest],
    candidates: &[Vec<(String, String, f64)>],
    capacity: &HashMap<String, u32>,
    problem: &Problem,
) -> (usize, i64) {
    fn go(
        r: usize,
        requests: &[AllocationRequest],
        candidates: &[Vec<(String, String, f64)>],
        left: &mut HashMap<String, u32>,
        problem: &Problem,
    ) -> (usize, i64) {
        if r == requests.len() {
            return (0, 0);
        }
        let list = &candidates[r];
        let mut best = (0, i64::MIN);
        for mask in 0u32..1 << list.len() {
            let chosen: Vec<&(String, String, f64)> =
                list.iter().enumerate().filter(|(i, _)| mask >> i & 1 == 1).map(|(_, c)| c).collect();
            if chosen.len() > requests[r].slots || chosen.iter().any(|c| left[&c.0] == 0) {
                continue;
            }
            let mut per_account: HashMap<&str, usize> = HashMap::new();
            for c in &chosen {
                *per_account.entry(&c.1).or_insert(0) += 1;
            }
            if per_account.values().any(|&n| n > requests[r].request.max_per_account) {
                continue;
            }
            for c in &chosen {
                *left.get_mut(&c.0).unwrap() -= 1;
            }
            let (filled, units) = go(r + 1, requests, candidates, left, problem);
            for c in &chosen {
                *left.get_mut(&c.0).unwrap() += 1;
            }
            let units = units + chosen.iter().map(|c| problem.units(c.2)).sum::<i64>();
            best = best.max((filled + chosen.len(), units));
        }
        best
    }
    go(0, requests, candidates, &mut capacity.clone(), problem)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// On a small synthetic program, the planner fills as many slots and
    /// scores as much as the best of all allocations of the same
    /// candidates, keeps every limit, and greedy never beats it.
    #[test]
    fn prop_planner_matches_brute_force(
        seed in 0u64..1_000,
        shape in prop::collection::vec((1usize..=3, 1usize..=2), 1..=4),
        max_per_batch in 1u32..=2,
    ) {
        let library = Library::new(synthetic::library(300, seed)).unwrap();
        let program = Program::new(library);
        let mut rng = Rng::new(seed);
        let plan = day("2026-12-01");
        let requests: Vec<AllocationRequest> = shape
            .iter()
            .enumerate()
            .map(|(i, &(slots, per_account))| {
                let (prospect, mut request) = synthetic::query(&mut rng);
                request.max_per_account = per_account;
                AllocationRequest::new(format!("opp-{i}"), prospect, request).with_slots(slots)
            })
            .collect();
        let mut planner = Planner::new(plan);
        planner.top_m(4).max_per_batch(max_per_batch);
        let allocation = planner.allocate_in(&program, &requests).unwrap();
        let greedy = planner.greedy_in(&program, &requests).unwrap();

        let mut candidates = Vec::new();
        let mut capacity = HashMap::new();
        for r in &requests {
            let mut request = r.request.clone();
            request.k = 4;
            request.max_per_account = 4;
            let ranked = program.rank_advocates(&r.prospect, &request).unwrap();
            for m in &ranked {
                let f = program.fatigue(&m.advocate, plan).unwrap();
                capacity.insert(m.advocate.clone(), f.cap.saturating_sub(f.used).min(max_per_batch));
            }
            candidates.push(ranked.into_iter().map(|m| (m.advocate, m.account, m.score)).collect::<Vec<_>>());
        }
        let problem = Problem::new();
        let (filled, units) = brute_force(&requests, &candidates, &capacity, &problem);
        let chosen_units: i64 =
            allocation.requests().iter().flat_map(|r| &r.chosen).map(|m| problem.units(m.score)).sum();
        prop_assert_eq!(allocation.filled(), filled);
        prop_assert_eq!(chosen_units, units);

        // Limits: capacity per advocate, account limit and slots per request.
        let mut served: HashMap<&str, u32> = HashMap::new();
        for (r, got) in requests.iter().zip(allocation.requests()) {
            prop_assert!(got.chosen.len() <= r.slots);
            prop_assert_eq!(got.unfilled, r.slots - got.chosen.len());
            prop_assert_eq!(got.reason.is_some(), got.unfilled > 0);
            let mut per_account: HashMap<&str, usize> = HashMap::new();
            for m in &got.chosen {
                *served.entry(&m.advocate).or_insert(0) += 1;
                *per_account.entry(&m.account).or_insert(0) += 1;
            }
            prop_assert!(per_account.values().all(|&n| n <= r.request.max_per_account));
        }
        for (advocate, n) in served {
            prop_assert!(n <= capacity[advocate], "{} serves {} requests", advocate, n);
        }
        let greedy_units: i64 =
            greedy.requests().iter().flat_map(|r| &r.chosen).map(|m| problem.units(m.score)).sum();
        prop_assert!((greedy.filled(), greedy_units) <= (filled, units));
    }
}

fn bank() -> Prospect {
    Prospect::new().with_industry("522110").with_country("DE").with_use_case("fraud detection")
}

fn call(on: &str) -> Request {
    Request::new(EngagementKind::ReferenceCall, day(on))
}

fn all_accounts_but(library: &Library, keep: &str) -> Vec<String> {
    library.accounts().iter().map(|a| a.id.clone()).filter(|id| id != keep).collect()
}

#[test]
fn no_eligible_advocate_when_nobody_speaks_the_language() {
    let program = Program::new(Library::sample());
    let mut request = call("2027-03-01");
    request.languages = vec!["tlh".to_string()];
    let requests = [AllocationRequest::new("opp-klingon", bank(), request)];
    let allocation = Planner::new(day("2027-03-01")).allocate_in(&program, &requests).unwrap();
    let got = &allocation.requests()[0];
    assert_eq!((got.chosen.len(), got.unfilled), (0, 1));
    assert_eq!(got.reason, Some(Unfilled::NoEligibleAdvocate));
}

#[test]
fn taken_by_better_requests_names_who_took_the_advocate() {
    let program = Program::new(Library::sample());
    let requests = [
        AllocationRequest::new("opp-1", bank(), call("2027-03-01")),
        AllocationRequest::new("opp-2", bank(), call("2027-03-01")),
    ];
    let mut planner = Planner::new(day("2027-03-01"));
    planner.top_m(1);
    let allocation = planner.allocate_in(&program, &requests).unwrap();
    assert_eq!(allocation.filled(), 1);
    let (filled, empty) = if allocation.requests()[0].chosen.is_empty() {
        (&allocation.requests()[1], &allocation.requests()[0])
    } else {
        (&allocation.requests()[0], &allocation.requests()[1])
    };
    match &empty.reason {
        Some(Unfilled::TakenByBetterRequests { taken }) => {
            assert_eq!(taken.len(), 1);
            assert_eq!(taken[0].advocate, filled.chosen[0].advocate);
            assert_eq!(taken[0].by, vec![filled.id.clone()]);
        }
        other => panic!("expected taken, got {other:?}"),
    }

    // Allowing two calls per advocate fills both, when her cap has room.
    let top = &filled.chosen[0].advocate;
    let fatigue = program.fatigue(top, day("2027-03-01")).unwrap();
    planner.max_per_batch(2);
    let allocation = planner.allocate_in(&program, &requests).unwrap();
    let expected = if fatigue.cap - fatigue.used >= 2 { 2 } else { 1 };
    assert_eq!(allocation.filled(), expected);
    assert_eq!(allocation.spare(top), Some(fatigue.cap - fatigue.used - expected as u32));
}

#[test]
fn at_capacity_on_the_planning_date_and_the_account_limit() {
    // adv-036 is at her cap on 2026-12-01 but free by June 2027.
    let library = Library::sample();
    let mut request = call("2027-06-01");
    request.exclude_accounts = all_accounts_but(&library, "acc-017");
    request.max_per_account = 3;
    let program = Program::new(library);
    let requests = [AllocationRequest::new("opp-rhein", bank(), request.clone()).with_slots(3)];
    let allocation = Planner::new(day("2026-12-01")).allocate_in(&program, &requests).unwrap();
    let got = &allocation.requests()[0];
    assert!(got.chosen.iter().all(|m| m.advocate != "adv-036"));
    assert!(got.unfilled >= 1);
    match &got.reason {
        Some(Unfilled::AtCapacity { advocates }) => assert!(advocates.contains(&"adv-036".to_string())),
        other => panic!("expected at capacity, got {other:?}"),
    }

    // One per account: a single advocate of acc-017, nobody else eligible.
    request.max_per_account = 1;
    let requests = [AllocationRequest::new("opp-rhein", bank(), request).with_slots(3)];
    let allocation = Planner::new(day("2027-06-01")).allocate_in(&program, &requests).unwrap();
    let got = &allocation.requests()[0];
    assert_eq!((got.chosen.len(), got.unfilled), (1, 2));
    assert_eq!(got.reason, Some(Unfilled::NoEligibleAdvocate));
}

#[test]
fn record_writes_requests_and_rolls_back_on_refusal() {
    let program = Program::new(Library::sample());
    let rep = Actor::sales_rep("rep-anna");
    let on = day("2027-03-01");
    let requests = [
        AllocationRequest::new("opp-1", bank(), call("2027-03-01")),
        AllocationRequest::new("opp-2", bank(), call("2027-03-01")),
    ];
    let allocation = Planner::new(on).allocate_in(&program, &requests).unwrap();
    let ids = allocation.record(&program, &rep).unwrap();
    assert_eq!(ids.len(), 2);
    for (id, got) in ids.iter().zip(allocation.requests()) {
        let record = program.record(id).unwrap();
        assert_eq!(record.engagement.advocate, got.chosen[0].advocate);
        assert_eq!(record.engagement.prospect.as_deref(), Some(got.id.as_str()));
        assert_eq!(record.engagement.status, EngagementStatus::Requested);
    }

    // Two calls for one advocate on the same day break her rest period:
    // the second is refused and the first cancelled.
    let fresh = Program::new(Library::sample());
    let mut planner = Planner::new(on);
    planner.top_m(1).max_per_batch(2);
    let allocation = planner.allocate_in(&fresh, &requests).unwrap();
    if allocation.filled() == 2 {
        let advocate = allocation.requests()[0].chosen[0].advocate.clone();
        let before = fresh.fatigue(&advocate, on).unwrap().used;
        match allocation.record(&fresh, &rep) {
            Err(Error::Ineligible { exclusion, .. }) => assert_eq!(exclusion.rule(), "E5"),
            other => panic!("expected a rest refusal, got {other:?}"),
        }
        assert_eq!(fresh.fatigue(&advocate, on).unwrap().used, before);
        let cancelled = fresh
            .state()
            .requests
            .iter()
            .filter(|r| r.engagement.status == EngagementStatus::Cancelled)
            .count();
        assert!(cancelled >= 1);
    }
}

#[test]
fn errors_name_the_place() {
    let index = refmatch::Index::new(Library::sample());
    let on = day("2027-03-01");
    let twice = [
        AllocationRequest::new("opp-1", bank(), call("2027-03-01")),
        AllocationRequest::new("opp-1", bank(), call("2027-03-01")),
    ];
    let err = Planner::new(on).allocate(&index, &twice).unwrap_err();
    assert!(matches!(err, AllocateError::DuplicateId { index: 1, first: 0, .. }));
    assert_eq!(err.to_string(), "requests[1]: duplicate request id \"opp-1\" (first at requests[0])");

    let bad = [AllocationRequest::new("opp-x", Prospect::new().with_country("XX"), call("2027-03-01"))];
    let err = Planner::new(on).allocate(&index, &bad).unwrap_err();
    assert!(err.to_string().starts_with("requests[0] (\"opp-x\"): prospect.country"), "{err}");

    let mut planner = Planner::new(on);
    planner.top_m(0);
    let err = planner.allocate(&index, &twice[..1]).unwrap_err();
    assert_eq!(err.to_string(), "planner.top_m: top_m 0 is out of range: expected 1..=10000");
}

#[test]
fn sessions_cover_unfilled_requests_within_threshold_and_size() {
    let program = Program::new(Library::sample());
    let requests: Vec<AllocationRequest> =
        (0..20).map(|i| AllocationRequest::new(format!("opp-{i:02}"), bank(), call("2027-03-01"))).collect();
    let mut planner = Planner::new(day("2027-03-01"));
    planner.top_m(3);
    let allocation = planner.allocate_in(&program, &requests).unwrap();
    assert!(allocation.filled() <= 3);
    let unfilled: Vec<&str> =
        allocation.requests().iter().filter(|r| r.unfilled > 0).map(|r| r.id.as_str()).collect();
    assert!(unfilled.len() >= 17);

    let mut options = SessionOptions::new();
    options.max_attendees(8).threshold(0.6);
    let plan = allocation.sessions(&options);
    assert!(!plan.sessions.is_empty());
    let mut seated: Vec<&str> = Vec::new();
    for session in &plan.sessions {
        assert!(!session.attendees.is_empty() && session.attendees.len() <= 8);
        for attendee in &session.attendees {
            assert!(attendee.score >= 0.6 * attendee.best, "{attendee:?}");
            seated.push(&attendee.request);
        }
        let mean = session.attendees.iter().map(|a| a.score).sum::<f64>() / session.attendees.len() as f64;
        assert!((mean - session.mean_score).abs() < 1e-12);
    }
    let mut all: Vec<&str> = seated.iter().copied().chain(plan.unfilled.iter().map(String::as_str)).collect();
    all.sort_unstable();
    let before = all.len();
    all.dedup();
    assert_eq!(all.len(), before, "a request is seated twice or both seated and unfilled");
    assert_eq!(all, unfilled);
    // Greedy takes the fullest sessions first.
    assert!(plan.sessions.windows(2).all(|w| w[0].attendees.len() >= w[1].attendees.len()));

    // Nothing to cover when every slot is filled.
    let one = planner.allocate_in(&program, &requests[..1]).unwrap();
    assert_eq!(one.sessions(&options), Default::default());
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Planner>();
    check::<Problem>();
    check::<refmatch::allocate::Allocation>();
    check::<refmatch::allocate::SessionPlan>();
    check::<AllocateError>();
}
