//! Many queries at once: rankings in parallel across queries, and the
//! prospects x advocates score matrix for allocation and analytics.

use ndarray::Array2;
use rayon::prelude::*;

use super::advocates::{AccountScan, Threads};
use super::explain::AdvocateMatch;
use super::index::Index;
use super::request::{QueryError, Request};
use crate::model::Prospect;
use crate::score;

/// An advocate that passes the rules of a score matrix's request (those
/// that do not depend on the prospect).
struct Eligible {
    advocate: u32,
    account: u32,
    /// [`score::availability`] of its engagements on the request's date.
    availability: f64,
}

impl Index {
    /// Ranks every `(prospect, request)` pair, in parallel across pairs
    /// (each pair on one thread). The results are in the input's order and
    /// equal what [`Index::rank_advocates`] returns for each pair.
    pub fn rank_many(&self, queries: &[(Prospect, Request)]) -> Vec<Result<Vec<AdvocateMatch>, QueryError>> {
        queries
            .par_iter()
            .map(|(prospect, request)| self.rank_with(prospect, request, Threads::One))
            .collect()
    }

    /// The score of every advocate for every prospect, under one request:
    /// row `i` is `prospects[i]`, column `j` the `j`-th advocate in id order
    /// ([`Index::advocate_ids`]). A cell holds the advocate's best score
    /// (its best candidate, as in ranking), or `f32::NEG_INFINITY` when
    /// every candidate of the advocate fails a rule (E1..E9, as in
    /// ranking) or its relevance is below `request.min_relevance`.
    /// `request.k` and `max_per_account` do not cut the matrix.
    ///
    /// Cost: `O(prospects x candidates)`, rows in parallel; the rules that
    /// depend on the request alone (E1, E2, E4, E5, E6 and E9) are checked
    /// once, `O(advocates + engagements)`, not once per row.
    ///
    /// # Errors
    ///
    /// The first prospect that cannot be compiled, as in
    /// [`Index::rank_advocates`].
    pub fn score_matrix(&self, prospects: &[Prospect], request: &Request) -> Result<Array2<f32>, QueryError> {
        let n = self.advocates();
        let mut matrix = Array2::from_elem((prospects.len(), n), f32::NEG_INFINITY);
        let Some(first) = prospects.first() else { return Ok(matrix) };
        // Rules E1 and E2 (the kind and the gates), E4, E5 and E6 (each
        // advocate) and E9 (each account) depend on the request alone:
        // checked once for every row. What passes is listed in advocate
        // order, with each advocate's account and availability.
        let q = self.compile(first, request, false)?;
        let open: Vec<bool> =
            (0..self.account_rows.len()).into_par_iter().map(|c| self.account_rule(&q, c).is_ok()).collect();
        let eligible: Vec<Eligible> = (0..n)
            .into_par_iter()
            .filter_map(|a| {
                let account = self.advocates[a].account;
                if self.advocates[a].gate & q.kind_bit == 0 || !open[account as usize] {
                    return None;
                }
                let (used, cap) = self.costly_rules(&q, a).ok()?;
                Some(Eligible { advocate: a as u32, account, availability: score::availability(used, cap) })
            })
            .collect();
        drop(q);
        // Each row compiles its query where it is scanned, so that only
        // the rows in progress hold their per-query tables (a text's
        // counts per story among them); the first error in prospect order
        // is the answer.
        let rows: Vec<Result<(), QueryError>> = matrix
            .axis_iter_mut(ndarray::Axis(0))
            .into_par_iter()
            .zip(prospects.par_iter())
            .map(|(mut row, prospect)| {
                let q = self.compile(prospect, request, true)?;
                let q = &q;
                let mut account = AccountScan::default();
                for e in &eligible {
                    let a = e.advocate as usize;
                    if !self.speaks(q, a) {
                        continue;
                    }
                    if e.account != account.account {
                        account.enter(self, q, e.account);
                    }
                    let Some((relevance, _)) = account.best(self, q, a) else {
                        continue;
                    };
                    if relevance < q.min_relevance {
                        continue;
                    }
                    row[self.advocate_rank[a] as usize] = (relevance * e.availability) as f32;
                }
                Ok(())
            })
            .collect();
        rows.into_iter().collect::<Result<(), QueryError>>()?;
        Ok(matrix)
    }
}
