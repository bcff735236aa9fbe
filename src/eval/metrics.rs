//! The ranking-quality measures of one query ([`Metrics::of`]) and their
//! mean over many, as trec_eval defines them (the definitions are on
//! [`Metrics`]).

use serde::Serialize;

/// The measures of one ranked list at a cutoff `k`, or their means, as
/// trec_eval defines them.
///
/// A ranked list is given as the grades of its entries in rank order
/// (`None` for an entry without a judgment, which counts as grade 0, as in
/// trec_eval), the judged set as all of the query's grades. An entry is
/// *relevant* when its grade is 1 or more (trec_eval's default relevance
/// level). With `k` the cutoff and `n = min(k, list length)`:
///
/// | measure | definition | trec_eval |
/// | --- | --- | --- |
/// | `ndcg` | `DCG@k / IDCG@k`, `DCG@k = sum over ranks r <= n of g_r / log2(r + 1)`, gain `g` the grade itself (not `2^g - 1`); `IDCG@k` the same sum over the judged grades sorted best first, cut at `k`; 0 when `IDCG@k` is 0 | `ndcg_cut.k` (today's trec_eval; releases before 9.0 discounted by `log2(r)` and left rank 1 undiscounted) |
/// | `precision` | relevant entries in the top `k`, divided by `k` (a short list counts its missing places as not relevant) | `P.k` |
/// | `recall` | relevant entries in the top `k`, divided by the relevant judgments; 0 when there are none | `recall.k` |
/// | `reciprocal_rank` | `1 / r` of the first relevant entry in the top `k`, 0 when none | `recip_rank` on the list cut at `k` |
/// | `coverage` | judged entries in the top `k`, divided by `n`; 1 for an empty list | `1 - unj.k`, but over the entries returned |
///
/// Coverage differs from trec_eval on purpose: a short list says nothing
/// about the judgments, so it divides by what was returned. Low coverage
/// means the measures above rest on few judged entries: the ranking
/// returns people or stories nobody has graded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Metrics {
    /// Normalized discounted cumulative gain at `k`, in `[0, 1]`.
    pub ndcg: f64,
    /// Share of the top `k` places holding a relevant entry.
    pub precision: f64,
    /// Share of the relevant judgments found in the top `k`.
    pub recall: f64,
    /// `1 / rank` of the first relevant entry in the top `k`; its mean is
    /// the MRR.
    pub reciprocal_rank: f64,
    /// Share of the returned top `k` that has a judgment.
    pub coverage: f64,
}

impl Metrics {
    /// The measures of the list whose entries have the grades `ranked`
    /// (rank order; `None` unjudged), against the query's judged grades
    /// `judged`, at cutoff `k`, as [`Metrics`] defines them.
    ///
    /// Cost: `O(k + j log j)` for `j` judged grades.
    ///
    /// # Example
    ///
    /// ```
    /// use refmatch::eval::Metrics;
    ///
    /// // Ranked: a grade-3 entry, an unjudged one, a grade-1 one.
    /// // Judged: grades 3, 2 and 1 (the grade-2 entry was not returned).
    /// let m = Metrics::of(&[Some(3), None, Some(1)], &[3, 2, 1], 3);
    /// let dcg = 3.0 + 1.0 / 4f64.log2();
    /// let idcg = 3.0 + 2.0 / 3f64.log2() + 1.0 / 4f64.log2();
    /// assert!((m.ndcg - dcg / idcg).abs() < 1e-12);
    /// assert_eq!(m.precision, 2.0 / 3.0);
    /// assert_eq!(m.recall, 2.0 / 3.0);
    /// assert_eq!(m.reciprocal_rank, 1.0);
    /// assert_eq!(m.coverage, 2.0 / 3.0);
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(ranked: &[Option<u8>], judged: &[u8], k: usize) -> Metrics {
        let top = &ranked[..ranked.len().min(k)];
        let gain = |grade: Option<u8>| f64::from(grade.unwrap_or(0));
        let dcg: f64 = top.iter().enumerate().map(|(i, &g)| gain(g) / discount(i)).sum();
        let mut ideal: Vec<u8> = judged.to_vec();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let idcg: f64 = ideal.iter().take(k).enumerate().map(|(i, &g)| f64::from(g) / discount(i)).sum();
        let relevant = |g: &Option<u8>| g.is_some_and(|g| g >= 1);
        let found = top.iter().filter(|g| relevant(g)).count();
        let wanted = judged.iter().filter(|&&g| g >= 1).count();
        let first = top.iter().position(relevant);
        let judged_returned = top.iter().filter(|g| g.is_some()).count();
        Metrics {
            ndcg: if idcg > 0.0 { dcg / idcg } else { 0.0 },
            precision: if k == 0 { 0.0 } else { found as f64 / k as f64 },
            recall: if wanted == 0 { 0.0 } else { found as f64 / wanted as f64 },
            reciprocal_rank: first.map_or(0.0, |i| 1.0 / (i + 1) as f64),
            coverage: if top.is_empty() { 1.0 } else { judged_returned as f64 / top.len() as f64 },
        }
    }

    /// The mean of each measure over `all`; zeros for none.
    pub fn mean<'a>(all: impl IntoIterator<Item = &'a Metrics>) -> Metrics {
        let mut sum = Metrics::default();
        let mut n = 0usize;
        for m in all {
            sum.ndcg += m.ndcg;
            sum.precision += m.precision;
            sum.recall += m.recall;
            sum.reciprocal_rank += m.reciprocal_rank;
            sum.coverage += m.coverage;
            n += 1;
        }
        if n == 0 {
            return sum;
        }
        let n = n as f64;
        Metrics {
            ndcg: sum.ndcg / n,
            precision: sum.precision / n,
            recall: sum.recall / n,
            reciprocal_rank: sum.reciprocal_rank / n,
            coverage: sum.coverage / n,
        }
    }
}

/// `log2(r + 1)` for the entry at 0-based position `i` (rank `r = i + 1`).
fn discount(i: usize) -> f64 {
    ((i + 2) as f64).log2()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_perfect_list_scores_one_and_an_empty_one_zero() {
        let m = Metrics::of(&[Some(3), Some(2), Some(1)], &[1, 2, 3], 3);
        assert_eq!((m.ndcg, m.precision, m.recall, m.reciprocal_rank, m.coverage), (1.0, 1.0, 1.0, 1.0, 1.0));
        let m = Metrics::of(&[], &[1, 2, 3], 5);
        assert_eq!((m.ndcg, m.precision, m.recall, m.reciprocal_rank, m.coverage), (0.0, 0.0, 0.0, 0.0, 1.0));
    }

    #[test]
    fn the_cutoff_cuts_both_lists() {
        // Only the first two places count, and the ideal holds two grades.
        let m = Metrics::of(&[Some(1), Some(3), Some(3)], &[3, 3, 1], 2);
        let dcg = 1.0 + 3.0 / 3f64.log2();
        let idcg = 3.0 + 3.0 / 3f64.log2();
        assert!((m.ndcg - dcg / idcg).abs() < 1e-12);
        assert_eq!(m.recall, 2.0 / 3.0);
    }

    #[test]
    fn means_average_each_measure() {
        let a = Metrics { ndcg: 1.0, precision: 0.5, recall: 0.0, reciprocal_rank: 1.0, coverage: 1.0 };
        let b = Metrics { ndcg: 0.0, precision: 0.5, recall: 1.0, reciprocal_rank: 0.5, coverage: 0.0 };
        let m = Metrics::mean([&a, &b]);
        assert_eq!(
            m,
            Metrics { ndcg: 0.5, precision: 0.5, recall: 0.5, reciprocal_rank: 0.75, coverage: 0.5 }
        );
        assert_eq!(Metrics::mean([]), Metrics::default());
    }
}
