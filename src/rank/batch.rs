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
    /// depend on the request alone (E4, E5, E6 and E9) are checked once,
    /// `O(advocates + engagements)`, not once per row.
    ///
    /// # Errors
    ///
    /// The first prospect that cannot be compiled, as in
    /// [`Index::rank_advocates`].
    pub fn score_matrix(&self, prospects: &[Prospect], request: &Request) -> Result<Array2<f32>, QueryError> {
        let n = self.advocates();
        let mut matrix = Array2::from_elem((prospects.len(), n), f32::NEG_INFINITY);
        let Some(first) = prospects.first() else { return Ok(matrix) };
        // Rules E4, E5 and E6 (each advocate) and E9 (each account) depend
        // on the request alone: checked once for every row, with each
        // passing advocate's availability.
        let q = self.compile(first, request, false)?;
        let availability: Vec<Option<f64>> = (0..n)
            .into_par_iter()
            .map(|a| self.costly_rules(&q, a).ok().map(|(used, cap)| score::availability(used, cap)))
            .collect();
        let open: Vec<bool> =
            (0..self.account_rows.len()).into_par_iter().map(|c| self.account_rule(&q, c).is_ok()).collect();
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
                for a in 0..n {
                    let Some(availability) = availability[a] else { continue };
                    let at = self.advocates[a].account;
                    if !open[at as usize] || self.advocates[a].gate & q.kind_bit == 0 || !self.speaks(q, a) {
                        continue;
                    }
                    if at != account.account {
                        account.enter(self, q, at);
                    }
                    let Some((relevance, _)) = account.best(self, q, a) else {
                        continue;
                    };
                    if relevance < q.min_relevance {
                        continue;
                    }
                    row[self.advocate_rank[a] as usize] = (relevance * availability) as f32;
                }
                Ok(())
            })
            .collect();
        rows.into_iter().collect::<Result<(), QueryError>>()?;
        Ok(matrix)
    }
}
