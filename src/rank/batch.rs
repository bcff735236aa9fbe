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
    /// Cost: `O(prospects x candidates)`, rows in parallel.
    ///
    /// # Errors
    ///
    /// The first prospect that cannot be compiled, as in
    /// [`Index::rank_advocates`].
    pub fn score_matrix(&self, prospects: &[Prospect], request: &Request) -> Result<Array2<f32>, QueryError> {
        let n = self.advocates();
        let mut matrix = Array2::from_elem((prospects.len(), n), f32::NEG_INFINITY);
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
                let mut account_open = true;
                for a in 0..n {
                    if self.advocates[a].gate & q.kind_bit == 0 || !self.speaks(q, a) {
                        continue;
                    }
                    if self.advocates[a].account != account.account {
                        account.enter(self, q, self.advocates[a].account);
                        account_open = self.account_rule(q, account.account as usize).is_ok();
                    }
                    let Some((relevance, _)) = account.best(self, q, a) else {
                        continue;
                    };
                    if !account_open || relevance < q.min_relevance {
                        continue;
                    }
                    let Ok((used, cap)) = self.costly_rules(q, a) else { continue };
                    row[self.advocate_rank[a] as usize] = (relevance * score::availability(used, cap)) as f32;
                }
                Ok(())
            })
            .collect();
        rows.into_iter().collect::<Result<(), QueryError>>()?;
        Ok(matrix)
    }
}
