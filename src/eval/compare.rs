//! Two configurations on the same judgments, as IR papers report a change
//! ([`Comparison`]): per-query NDCG@k deltas, wins, losses and ties, the
//! p-value of a paired randomization test ([`randomization_test`]), and
//! the queries whose top `k` changed most.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use serde::Serialize;

use super::config::{Config, Options};
use super::error::EvalError;
use super::evaluate::{Evaluation, Evaluator, Ranked};
use super::judgments::Target;
use super::metrics::Metrics;

/// Up to this many queries with a nonzero difference, the randomization
/// test tries every sign pattern (at most 65,536) and its p-value is
/// exact; above, it samples [`Options::permutations`] patterns.
pub const EXACT_MAX_QUERIES: usize = 16;

/// A change of NDCG@k smaller than this counts as a tie.
const TIE: f64 = 1e-12;

/// One query's NDCG@k under both configurations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueryDelta {
    /// The query's id.
    pub query: String,
    /// Whether it ranks advocates or stories.
    pub target: Target,
    /// NDCG@k under the baseline.
    pub baseline: f64,
    /// NDCG@k under the candidate.
    pub candidate: f64,
    /// `candidate - baseline`.
    pub delta: f64,
}

/// A query whose top `k` differs between the configurations, with both
/// lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The query's id.
    pub query: String,
    /// Places `1..=k` holding a different entry in the two lists.
    pub places: usize,
    /// The change of NDCG@k, candidate minus baseline.
    pub delta: f64,
    /// The baseline's top `k`.
    pub baseline: Vec<Ranked>,
    /// The candidate's top `k`.
    pub candidate: Vec<Ranked>,
}

/// The result of a paired randomization test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Randomization {
    /// Two-sided p-value: the share of sign patterns whose summed
    /// difference is at least as far from 0 as the observed one.
    pub p_value: f64,
    /// Whether every pattern was tried (the p-value is then exact) or
    /// patterns were sampled (the p-value is `(1 + b) / (1 + n)` for `b`
    /// of `n` patterns at least as extreme, which never reports 0).
    pub exact: bool,
    /// Patterns tried.
    pub patterns: u64,
}

/// Two configurations compared on the same judgments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The cutoff.
    pub k: usize,
    /// The baseline's means.
    pub baseline: Metrics,
    /// The candidate's means.
    pub candidate: Metrics,
    /// Every query, in the judgment set's order.
    pub queries: Vec<QueryDelta>,
    /// Queries whose NDCG@k rose.
    pub wins: usize,
    /// Queries whose NDCG@k fell.
    pub losses: usize,
    /// Queries whose NDCG@k stayed (within `1e-12`).
    pub ties: usize,
    /// The paired randomization test of the NDCG@k differences.
    pub test: Randomization,
    /// Shortcut for `test.p_value`.
    pub p_value: f64,
    /// The [`Options::changed`] queries whose top `k` changed most: most
    /// places changed first, then the largest change of NDCG@k, then by
    /// query id; only queries with at least one place changed.
    pub changed: Vec<Change>,
}

impl Evaluator<'_> {
    /// Evaluates `baseline` and `candidate` and compares them query by
    /// query.
    ///
    /// The randomization test (Fisher's, as Smucker, Allan and Carterette
    /// recommend for IR, 2007) asks how often flipping the sign of each
    /// query's difference at random gives a mean difference at least as
    /// large: with few queries every pattern is tried
    /// ([`EXACT_MAX_QUERIES`]); otherwise the patterns are drawn from a
    /// ChaCha8 stream seeded with [`Options::seed`], so a comparison is
    /// deterministic.
    ///
    /// # Errors
    ///
    /// As [`Evaluator::evaluate`], for either configuration.
    pub fn compare(&self, baseline: &Config, candidate: &Config) -> Result<Comparison, EvalError> {
        let a = self.evaluate(baseline)?;
        let b = self.evaluate(candidate)?;
        Ok(compare(&a, &b, &self.options))
    }
}

/// The comparison of two evaluations of the same queries.
pub(crate) fn compare(a: &Evaluation, b: &Evaluation, options: &Options) -> Comparison {
    let queries: Vec<QueryDelta> = a
        .queries
        .iter()
        .zip(&b.queries)
        .map(|(x, y)| QueryDelta {
            query: x.query.clone(),
            target: x.target,
            baseline: x.metrics.ndcg,
            candidate: y.metrics.ndcg,
            delta: y.metrics.ndcg - x.metrics.ndcg,
        })
        .collect();
    let wins = queries.iter().filter(|d| d.delta > TIE).count();
    let losses = queries.iter().filter(|d| d.delta < -TIE).count();
    let differences: Vec<f64> = queries.iter().map(|d| d.delta).collect();
    let test = randomization_test(&differences, options.permutations, options.seed);

    let mut changed: Vec<Change> = a
        .queries
        .iter()
        .zip(&b.queries)
        .map(|(x, y)| {
            let places = (0..x.ranked.len().max(y.ranked.len()))
                .filter(|&i| x.ranked.get(i).map(|r| &r.id) != y.ranked.get(i).map(|r| &r.id))
                .count();
            Change {
                query: x.query.clone(),
                places,
                delta: y.metrics.ndcg - x.metrics.ndcg,
                baseline: x.ranked.clone(),
                candidate: y.ranked.clone(),
            }
        })
        .filter(|c| c.places > 0)
        .collect();
    changed.sort_by(|x, y| {
        y.places
            .cmp(&x.places)
            .then_with(|| y.delta.abs().total_cmp(&x.delta.abs()))
            .then_with(|| x.query.cmp(&y.query))
    });
    changed.truncate(options.changed);

    Comparison {
        k: a.k,
        baseline: a.mean,
        candidate: b.mean,
        wins,
        losses,
        ties: queries.len() - wins - losses,
        queries,
        p_value: test.p_value,
        test,
        changed,
    }
}

/// The two-sided paired randomization (permutation) test of `differences`
/// (one per query, candidate minus baseline): the share of the `2^n` ways
/// of flipping their signs whose sum is at least as far from 0 as the
/// observed sum.
///
/// Zero differences are dropped (their sign changes nothing). With at most
/// [`EXACT_MAX_QUERIES`] left, every pattern is tried and the p-value is
/// exact; otherwise `permutations` patterns are drawn from ChaCha8 seeded
/// with `seed`, and the p-value is `(1 + b) / (1 + permutations)` for `b`
/// of them at least as extreme (Phipson and Smyth, 2010). Sums within a
/// relative `1e-10` of the observed one count as equal, so patterns equal
/// in exact arithmetic are not lost to rounding. No difference at all
/// gives 1.
///
/// # Example
///
/// Ten queries, all better by the same amount: only "all better" and "all
/// worse" are as extreme, 2 of the 1,024 patterns.
///
/// ```
/// use refmatch::eval::randomization_test;
///
/// let test = randomization_test(&[0.1; 10], 10_000, 7);
/// assert!(test.exact);
/// assert_eq!(test.p_value, 2.0 / 1024.0);
/// Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn randomization_test(differences: &[f64], permutations: usize, seed: u64) -> Randomization {
    let nonzero: Vec<f64> = differences.iter().copied().filter(|d| *d != 0.0).collect();
    let observed: f64 = nonzero.iter().sum::<f64>().abs();
    let scale: f64 = nonzero.iter().map(|d| d.abs()).sum();
    let threshold = observed - 1e-10 * (1.0 + scale);
    let extreme = |signs: &mut dyn FnMut(usize) -> bool| {
        let sum: f64 = nonzero.iter().enumerate().map(|(i, &d)| if signs(i) { -d } else { d }).sum();
        sum.abs() >= threshold
    };
    let n = nonzero.len();
    if n <= EXACT_MAX_QUERIES {
        let patterns = 1u64 << n;
        let count = (0..patterns).filter(|&mask| extreme(&mut |i| mask >> i & 1 == 1)).count();
        return Randomization { p_value: count as f64 / patterns as f64, exact: true, patterns };
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut bits = vec![0u64; n.div_ceil(64)];
    let mut count = 0usize;
    for _ in 0..permutations {
        for word in &mut bits {
            *word = rng.next_u64();
        }
        if extreme(&mut |i| bits[i / 64] >> (i % 64) & 1 == 1) {
            count += 1;
        }
    }
    Randomization {
        p_value: (1 + count) as f64 / (1 + permutations) as f64,
        exact: false,
        patterns: permutations as u64,
    }
}
