//! [`Problem`]: the allocation problem over plain numbers (requests with
//! slots and a per-account limit, advocates with a capacity and an
//! account, scored request-advocate pairs) and its exact solution as a
//! min-cost flow.

use std::collections::HashMap;

use super::flow::Network;

/// Score resolution used unless set otherwise: scores are compared in
/// whole millionths.
pub const DEFAULT_RESOLUTION: f64 = 1e-6;

/// An allocation problem over plain numbers: the layer
/// [`Planner::allocate`](super::Planner::allocate) builds from the engine's
/// rankings, public so that it can be used (and tested) on its own.
///
/// Objective, in this order: fill as many request slots as possible; among
/// those allocations, maximise the total score, each score counted in whole
/// multiples of the resolution (`round(score / resolution)`). Limits: a
/// request gets at most its `slots` advocates, at most `max_per_account`
/// of them from one account; an advocate serves at most its `capacity`
/// requests; a pair is used at most once.
///
/// # Example
///
/// ```
/// use refmatch::allocate::Problem;
///
/// let mut problem = Problem::new();
/// let (r0, r1) = (problem.add_request(1, 1), problem.add_request(1, 1));
/// let (star, other) = (problem.add_advocate(1, 0), problem.add_advocate(1, 1));
/// problem.add_candidate(r0, star, 0.9);
/// problem.add_candidate(r0, other, 0.8);
/// problem.add_candidate(r1, star, 0.7);
/// let solution = problem.solve();
/// // Greedy in order would give `star` to r0 and leave r1 empty.
/// assert_eq!(solution.filled, 2);
/// assert_eq!(solution.pairs, vec![(r0, other), (r1, star)]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    resolution: f64,
    requests: Vec<(u32, u32)>,
    advocates: Vec<(u32, u32)>,
    candidates: Vec<(u32, u32, f64)>,
}

impl Default for Problem {
    fn default() -> Problem {
        Problem::new()
    }
}

/// An optimal allocation of a [`Problem`].
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// The chosen (request, advocate) pairs, ordered by request, then by
    /// score descending, then by advocate number.
    pub pairs: Vec<(usize, usize)>,
    /// Slots filled: `pairs.len()`.
    pub filled: usize,
    /// The sum of the chosen pairs' scores.
    pub total_score: f64,
    /// The sum of the chosen pairs' scores in whole resolution units: the
    /// quantity the solution maximises (after `filled`).
    pub total_units: i64,
}

impl Problem {
    /// An empty problem at the default resolution of `1e-6`.
    pub fn new() -> Problem {
        Problem {
            resolution: DEFAULT_RESOLUTION,
            requests: Vec::new(),
            advocates: Vec::new(),
            candidates: Vec::new(),
        }
    }

    /// Sets the score resolution: scores are compared as
    /// `round(score / resolution)`. Default `1e-6`.
    ///
    /// # Panics
    ///
    /// When `resolution` is not a finite number above 0.
    pub fn resolution(&mut self, resolution: f64) -> &mut Problem {
        assert!(
            resolution.is_finite() && resolution > 0.0,
            "allocate: resolution {resolution} is not above 0"
        );
        self.resolution = resolution;
        self
    }

    /// Adds a request wanting `slots` advocates, at most `max_per_account`
    /// from one account; returns its number (0, 1, ...).
    pub fn add_request(&mut self, slots: u32, max_per_account: u32) -> usize {
        self.requests.push((slots, max_per_account));
        self.requests.len() - 1
    }

    /// Adds an advocate of account number `account` who can serve
    /// `capacity` requests; returns its number (0, 1, ...).
    pub fn add_advocate(&mut self, capacity: u32, account: u32) -> usize {
        self.advocates.push((capacity, account));
        self.advocates.len() - 1
    }

    /// Lets `advocate` serve `request` at `score`. A pair added twice keeps
    /// its higher score.
    ///
    /// # Panics
    ///
    /// When either number was not returned by this problem, or `score` is
    /// negative or not finite.
    pub fn add_candidate(&mut self, request: usize, advocate: usize, score: f64) {
        assert!(request < self.requests.len(), "allocate: unknown request number {request}");
        assert!(advocate < self.advocates.len(), "allocate: unknown advocate number {advocate}");
        assert!(score.is_finite() && score >= 0.0, "allocate: score {score} is not a finite number >= 0");
        self.candidates.push((request as u32, advocate as u32, score));
    }

    /// Number of requests.
    pub fn requests(&self) -> usize {
        self.requests.len()
    }

    /// Number of advocates.
    pub fn advocates(&self) -> usize {
        self.advocates.len()
    }

    /// A score in whole resolution units.
    pub fn units(&self, score: f64) -> i64 {
        (score / self.resolution).round() as i64
    }

    /// An optimal allocation: exact for the problem as given.
    ///
    /// The problem becomes a flow network: each request is a supply of its
    /// slots, with an arc to one node per (request, account) of capacity
    /// `max_per_account`, from there one arc of capacity 1 per candidate
    /// advocate, and from each advocate an arc of its capacity to the
    /// sink; each request also has an "unfilled" arc straight to the sink.
    /// A candidate arc costs `-(B + units(score))` with `B` above any total
    /// of score units, the unfilled arc 0, so a minimum-cost flow fills the
    /// most slots first and then has the highest total score. Solved by
    /// successive shortest paths; see `src/allocate/flow.rs`.
    ///
    /// Cost: `O(slots x (C + N) log N)` in the worst case for `C`
    /// candidates and `N` requests, accounts and advocates; searches stop
    /// early, and the 2,000 x 20,000 benchmark in `BENCHMARKS.md` shows
    /// the practical figure.
    ///
    /// # Panics
    ///
    /// When `slots x max score units` overflows an `i64` (scores of 1 at
    /// resolution `1e-6` allow billions of slots).
    pub fn solve(&self) -> Solution {
        self.solve_from(true)
    }

    /// [`Problem::solve`], starting from flat potentials or (`flat ==
    /// false`, for the tests) from Bellman-Ford's.
    fn solve_from(&self, flat: bool) -> Solution {
        // Best score per pair, then candidates grouped by (request, account).
        let mut best: HashMap<(u32, u32), f64> = HashMap::with_capacity(self.candidates.len());
        for &(r, a, score) in &self.candidates {
            let entry = best.entry((r, a)).or_insert(score);
            *entry = entry.max(score);
        }
        let mut pairs: Vec<(u32, u32, u32, i64, f64)> = best
            .into_iter()
            .map(|((r, a), score)| (r, self.advocates[a as usize].1, a, self.units(score), score))
            .collect();
        pairs.sort_unstable_by_key(|p| (p.0, p.1, p.2));

        let slots: i64 = self.requests.iter().map(|&(s, _)| i64::from(s)).sum();
        let top = pairs.iter().map(|p| p.3).max().unwrap_or(0);
        let big = top
            .checked_add(1)
            .and_then(|top| (slots + 1).checked_mul(top))
            .filter(|&big| big <= i64::MAX / 8)
            .expect("allocate: slots x score units overflow an i64; use a coarser resolution");

        let requests = self.requests.len();
        let groups = pairs.windows(2).filter(|w| (w[0].0, w[0].1) != (w[1].0, w[1].1)).count()
            + usize::from(!pairs.is_empty());
        let first_group = requests;
        let first_advocate = first_group + groups;
        let sink = first_advocate + self.advocates.len();
        let mut net = Network::new(sink + 1);
        let mut arcs = Vec::with_capacity(pairs.len());
        let mut group = first_group;
        for (i, &(r, account, a, units, _)) in pairs.iter().enumerate() {
            if i > 0 && (pairs[i - 1].0, pairs[i - 1].1) != (r, account) {
                group += 1;
            }
            if i == 0 || (pairs[i - 1].0, pairs[i - 1].1) != (r, account) {
                let limit = self.requests[r as usize].1;
                net.add_arc(r as usize, group, i64::from(limit), 0);
            }
            arcs.push(net.add_arc(group, first_advocate + a as usize, 1, -(big + units)));
        }
        for (a, &(capacity, _)) in self.advocates.iter().enumerate() {
            net.add_arc(first_advocate + a, sink, i64::from(capacity), 0);
        }
        let supplies: Vec<(usize, i64)> =
            self.requests.iter().enumerate().map(|(r, &(slots, _))| (r, i64::from(slots))).collect();
        for &(r, slots) in &supplies {
            net.add_arc(r, sink, slots, 0);
        }
        // Flat start: requests and their account nodes at 0, advocates and
        // the sink at the cheapest candidate arc's cost (see `flow.rs`).
        let mut start = vec![0i64; sink + 1];
        for p in &mut start[first_advocate..] {
            *p = -(big + top);
        }
        let left = net.send(&supplies, sink, flat.then_some(start));
        debug_assert!(left.iter().all(|&l| l == 0), "every request reaches the sink");

        let mut chosen: Vec<(u32, i64, u32, f64)> = Vec::new();
        for (&(r, _, a, units, score), &arc) in pairs.iter().zip(&arcs) {
            if net.flow(arc) > 0 {
                chosen.push((r, -units, a, score));
            }
        }
        chosen.sort_by_key(|x| (x.0, x.1, x.2));
        Solution {
            filled: chosen.len(),
            total_score: chosen.iter().map(|c| c.3).sum(),
            total_units: chosen.iter().map(|c| -c.1).sum(),
            pairs: chosen.iter().map(|c| (c.0 as usize, c.2 as usize)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Both starting potentials reach an optimum of the same value
        /// (the flat start is what `solve` uses; Bellman-Ford's is the
        /// textbook one).
        #[test]
        fn prop_flat_and_bellman_ford_starts_agree(
            requests in prop::collection::vec((0u32..=4, 1u32..=3), 1..=10),
            advocates in prop::collection::vec((0u32..=3, 0u32..=4), 1..=10),
            pairs in prop::collection::vec((0usize..10, 0usize..10, 0.0f64..1.0), 0..=60),
        ) {
            let mut problem = Problem::new();
            for &(slots, limit) in &requests {
                problem.add_request(slots, limit);
            }
            for &(capacity, account) in &advocates {
                problem.add_advocate(capacity, account);
            }
            for &(r, a, score) in &pairs {
                problem.add_candidate(r % requests.len(), a % advocates.len(), score);
            }
            let (flat, textbook) = (problem.solve_from(true), problem.solve_from(false));
            prop_assert_eq!((flat.filled, flat.total_units), (textbook.filled, textbook.total_units));
        }
    }
}
