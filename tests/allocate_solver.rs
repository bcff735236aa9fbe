//! The allocation solver ([`Problem`]) against a brute-force optimum on
//! small random instances: it fills the most slots, then has the highest
//! total score, and never breaks a slot, per-request account, advocate
//! capacity or account capacity (rule E9) limit.

use std::collections::HashMap;

use proptest::prelude::*;
use refmatch::allocate::{Problem, Solution};

/// Accounts the advocates of an instance belong to: `0..ACCOUNTS`.
const ACCOUNTS: usize = 3;

/// A small instance: per request (slots, max per account), per advocate
/// (capacity, account), a score per pair or none, and per account the
/// requests its advocates may serve together (`None`: no limit).
#[derive(Debug, Clone)]
struct Instance {
    requests: Vec<(u32, u32)>,
    advocates: Vec<(u32, u32)>,
    scores: Vec<Vec<Option<f64>>>,
    account_limits: Vec<Option<u32>>,
}

impl Instance {
    fn problem(&self) -> Problem {
        let mut problem = Problem::new();
        for &(slots, limit) in &self.requests {
            problem.add_request(slots, limit);
        }
        for &(capacity, account) in &self.advocates {
            problem.add_advocate(capacity, account);
        }
        for (r, row) in self.scores.iter().enumerate() {
            for (a, score) in row.iter().enumerate() {
                if let Some(score) = *score {
                    problem.add_candidate(r, a, score);
                }
            }
        }
        for (account, limit) in self.account_limits.iter().enumerate() {
            if let Some(limit) = *limit {
                problem.limit_account(account as u32, limit);
            }
        }
        problem
    }
}

fn instance() -> impl Strategy<Value = Instance> {
    (1usize..=6, 1usize..=6).prop_flat_map(|(n_req, n_adv)| {
        let requests = prop::collection::vec((0u32..=3, 1u32..=2), n_req);
        let advocates = prop::collection::vec((0u32..=2, 0u32..ACCOUNTS as u32), n_adv);
        // Scores on a coarse grid (many ties) or anywhere in [0, 1).
        let score = prop_oneof![(0u32..=10).prop_map(|k| f64::from(k) / 10.0), 0.0f64..1.0];
        let scores =
            prop::collection::vec(prop::collection::vec(prop::option::weighted(0.6, score), n_adv), n_req);
        let limits = prop::collection::vec(prop::option::weighted(0.3, 0u32..=2), ACCOUNTS);
        (requests, advocates, scores, limits).prop_map(|(requests, advocates, scores, account_limits)| {
            Instance { requests, advocates, scores, account_limits }
        })
    })
}

/// The best (filled, score units) over every allocation, by dynamic
/// programming over the requests with the advocates' and the accounts'
/// remaining capacities as the state (advocates first, then accounts);
/// each request tries every subset of its candidates.
fn brute_force(instance: &Instance, problem: &Problem) -> (usize, i64) {
    fn go(
        instance: &Instance,
        problem: &Problem,
        r: usize,
        left: Vec<u32>,
        memo: &mut HashMap<(usize, Vec<u32>), (usize, i64)>,
    ) -> (usize, i64) {
        if r == instance.requests.len() {
            return (0, 0);
        }
        if let Some(&best) = memo.get(&(r, left.clone())) {
            return best;
        }
        let (slots, limit) = instance.requests[r];
        let candidates: Vec<usize> =
            (0..instance.advocates.len()).filter(|&a| instance.scores[r][a].is_some()).collect();
        let mut best = (0, i64::MIN);
        for mask in 0u32..1 << candidates.len() {
            let chosen: Vec<usize> =
                candidates.iter().enumerate().filter(|(i, _)| mask >> i & 1 == 1).map(|(_, &a)| a).collect();
            if chosen.len() > slots as usize || chosen.iter().any(|&a| left[a] == 0) {
                continue;
            }
            let mut per_account_total = [0u32; ACCOUNTS];
            for &a in &chosen {
                per_account_total[instance.advocates[a].1 as usize] += 1;
            }
            let advocates = instance.advocates.len();
            if (0..ACCOUNTS).any(|account| per_account_total[account] > left[advocates + account]) {
                continue;
            }
            let mut per_account: HashMap<u32, u32> = HashMap::new();
            for &a in &chosen {
                *per_account.entry(instance.advocates[a].1).or_insert(0) += 1;
            }
            if per_account.values().any(|&n| n > limit) {
                continue;
            }
            let mut next = left.clone();
            let mut units = 0;
            for &a in &chosen {
                next[a] -= 1;
                next[advocates + instance.advocates[a].1 as usize] -= 1;
                units += problem.units(instance.scores[r][a].unwrap());
            }
            let (filled, rest) = go(instance, problem, r + 1, next, memo);
            best = best.max((filled + chosen.len(), rest + units));
        }
        memo.insert((r, left), best);
        best
    }
    let mut left: Vec<u32> = instance.advocates.iter().map(|a| a.0).collect();
    left.extend(instance.account_limits.iter().map(|limit| limit.unwrap_or(u32::MAX / 2)));
    go(instance, problem, 0, left, &mut HashMap::new())
}

/// Every limit holds and the totals add up.
fn check_feasible(instance: &Instance, problem: &Problem, solution: &Solution) {
    let mut per_request = vec![0u32; instance.requests.len()];
    let mut per_advocate = vec![0u32; instance.advocates.len()];
    let mut per_account: HashMap<(usize, u32), u32> = HashMap::new();
    let mut units = 0;
    let mut seen = std::collections::HashSet::new();
    for &(r, a) in &solution.pairs {
        assert!(seen.insert((r, a)), "pair ({r}, {a}) used twice");
        let score = instance.scores[r][a].expect("only candidate pairs are chosen");
        units += problem.units(score);
        per_request[r] += 1;
        per_advocate[a] += 1;
        *per_account.entry((r, instance.advocates[a].1)).or_insert(0) += 1;
    }
    for (r, &n) in per_request.iter().enumerate() {
        assert!(n <= instance.requests[r].0, "request {r} got {n} advocates");
    }
    for (a, &n) in per_advocate.iter().enumerate() {
        assert!(n <= instance.advocates[a].0, "advocate {a} serves {n} requests");
    }
    for (&(r, account), &n) in &per_account {
        assert!(n <= instance.requests[r].1, "request {r} got {n} advocates of account {account}");
    }
    for (account, limit) in instance.account_limits.iter().enumerate() {
        let n = solution.pairs.iter().filter(|&&(_, a)| instance.advocates[a].1 as usize == account).count();
        assert!(limit.is_none_or(|limit| n <= limit as usize), "account {account} serves {n} requests");
    }
    assert_eq!(solution.filled, solution.pairs.len());
    assert_eq!(solution.total_units, units);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The solver's filled count and score units equal the brute-force
    /// optimum, and its allocation respects every limit.
    #[test]
    fn prop_solver_is_optimal_and_feasible(instance in instance()) {
        let problem = instance.problem();
        let solution = problem.solve();
        check_feasible(&instance, &problem, &solution);
        let (filled, units) = brute_force(&instance, &problem);
        prop_assert_eq!(solution.filled, filled);
        prop_assert_eq!(solution.total_units, if filled == 0 { 0 } else { units });
    }
}

#[test]
fn fills_more_slots_before_scoring_higher() {
    // One advocate with a high score for r0, and r1 has only that advocate:
    // filling both beats the higher single score.
    let mut problem = Problem::new();
    let (r0, r1) = (problem.add_request(1, 1), problem.add_request(1, 1));
    let (a, b) = (problem.add_advocate(1, 0), problem.add_advocate(1, 1));
    problem.add_candidate(r0, a, 1.0);
    problem.add_candidate(r0, b, 0.01);
    problem.add_candidate(r1, a, 0.02);
    let solution = problem.solve();
    assert_eq!(solution.filled, 2);
    assert_eq!(solution.pairs, vec![(r0, b), (r1, a)]);
    assert!((solution.total_score - 0.03).abs() < 1e-12);
}

#[test]
fn per_account_limit_and_capacity_bind() {
    let mut problem = Problem::new();
    let r = problem.add_request(3, 1);
    let a = problem.add_advocate(1, 7);
    let b = problem.add_advocate(1, 7);
    let c = problem.add_advocate(0, 8);
    problem.add_candidate(r, a, 0.5);
    problem.add_candidate(r, b, 0.9);
    problem.add_candidate(r, c, 1.0);
    let solution = problem.solve();
    assert_eq!(solution.pairs, vec![(r, b)]);
}

#[test]
fn an_account_limit_binds_across_requests() {
    // Two requests, each with its own advocate of account 5, which has room
    // for one engagement: the higher score wins, the other goes elsewhere.
    let mut problem = Problem::new();
    let (r0, r1) = (problem.add_request(1, 1), problem.add_request(1, 1));
    let (a, b, c) = (problem.add_advocate(1, 5), problem.add_advocate(1, 5), problem.add_advocate(1, 6));
    problem.limit_account(5, 1);
    problem.add_candidate(r0, a, 0.9);
    problem.add_candidate(r1, b, 0.8);
    problem.add_candidate(r1, c, 0.1);
    let solution = problem.solve();
    assert_eq!(solution.pairs, vec![(r0, a), (r1, c)]);
}

#[test]
fn a_repeated_pair_keeps_its_higher_score() {
    let mut problem = Problem::new();
    let r = problem.add_request(1, 1);
    let a = problem.add_advocate(1, 0);
    problem.add_candidate(r, a, 0.2);
    problem.add_candidate(r, a, 0.7);
    let solution = problem.solve();
    assert_eq!(solution.total_units, 700_000);
    assert!((solution.total_score - 0.7).abs() < 1e-12);
}

#[test]
fn empty_problems_solve_to_nothing() {
    assert_eq!(Problem::new().solve().filled, 0);
    let mut problem = Problem::new();
    problem.add_request(2, 1);
    problem.add_advocate(3, 0);
    assert_eq!(problem.solve().pairs, vec![]);
}
