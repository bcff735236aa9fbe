//! Tuning the factor weights on judgments: coordinate ascent maximizing
//! mean NDCG@k, measured honestly with k-fold cross-validation
//! ([`Evaluator::tune`], [`Tuning`]).

use std::collections::HashMap;

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use serde::Serialize;

use super::config::Config;
use super::error::EvalError;
use super::evaluate::Evaluator;
use crate::model::Weights;
use crate::model::limits::{MAX_COUNT, MAX_WEIGHT, MIN_WEIGHT};

/// The factors in the order coordinate ascent visits them, the rank docs'.
// The first nine factors of `Weights::named`: the text factor is not
// tuned, since judged queries carry no prospect text.
const FACTORS: usize = 9;

/// A change of mean NDCG@k smaller than this is no improvement, so
/// rounding never moves a weight.
const GAIN: f64 = 1e-12;

/// How tuning runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TuneOptions {
    /// Folds of the cross-validation: `2..=10,000`, and at most the number
    /// of distinct prospects. Default 5.
    pub folds: usize,
    /// Most passes of coordinate ascent over the nine weights; it stops
    /// earlier when a pass improves nothing: `1..=10,000`. Default 20.
    pub rounds: usize,
    /// Seed of the shuffle that assigns prospects to folds. Default 0.
    pub seed: u64,
}

impl Default for TuneOptions {
    fn default() -> TuneOptions {
        TuneOptions { folds: 5, rounds: 20, seed: 0 }
    }
}

/// One fold of the cross-validation: weights tuned on the other folds,
/// measured on them (train) and on this one (test).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fold {
    /// The ids of the queries held out.
    pub test_queries: Vec<String>,
    /// The weights tuned on the other folds' queries.
    pub weights: Weights,
    /// Mean NDCG@k of the training queries, starting weights.
    pub train_default: f64,
    /// Mean NDCG@k of the training queries, tuned weights.
    pub train_tuned: f64,
    /// Mean NDCG@k of the held-out queries, starting weights.
    pub test_default: f64,
    /// Mean NDCG@k of the held-out queries, tuned weights.
    pub test_tuned: f64,
}

/// What tuning found: the weights tuned on every query, and how well
/// tuning generalizes, from the cross-validation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tuning {
    /// The cutoff of NDCG.
    pub k: usize,
    /// The starting weights (the configuration's).
    pub default_weights: Weights,
    /// The weights tuned on every query: what to use.
    pub weights: Weights,
    /// Mean NDCG@k of every query with the starting weights.
    pub all_default: f64,
    /// Mean NDCG@k of every query with the tuned weights (optimistic: these
    /// are the queries it was tuned on).
    pub all_tuned: f64,
    /// The folds, in fold order.
    pub folds: Vec<Fold>,
    /// Mean over the folds of [`Fold::train_default`].
    pub train_default: f64,
    /// Mean over the folds of [`Fold::train_tuned`].
    pub train_tuned: f64,
    /// Mean over the folds of [`Fold::test_default`].
    pub test_default: f64,
    /// Mean over the folds of [`Fold::test_tuned`]: the estimate of how
    /// tuned weights do on queries they were not tuned on.
    pub test_tuned: f64,
}

impl Evaluator<'_> {
    /// Tunes `config`'s factor weights to maximize mean NDCG@k, with
    /// `options.folds`-fold cross-validation.
    ///
    /// **Coordinate ascent** (Metzler and Croft, 2007): starting from the
    /// configuration's weights, visit the nine weights in the rank docs'
    /// order; for each, try it halved, doubled, quartered, quadrupled and
    /// 0 (a weight at 0 tries a quarter, once and four times the mean of
    /// the others), and keep the best value if it raises mean NDCG@k of
    /// the training queries by more than `1e-12` (the first tried wins a
    /// tie); repeat until a pass changes nothing or after
    /// `options.rounds` passes. Every weight stays 0 or within
    /// `1e-6..=1e6` ([`crate::model::limits`]), and at least one stays
    /// above 0.
    ///
    /// **Cross-validation**: queries with the same prospect stay together
    /// (so a test fold never holds a prospect the weights were tuned on);
    /// the prospects are shuffled with ChaCha8 seeded with
    /// `options.seed` and dealt to the folds in turn. Each fold is tuned
    /// on the others and measured on itself; finally the weights are tuned
    /// on every query. The same seed gives the same folds and weights.
    ///
    /// Cost: up to `(folds + 1) x rounds x 45` evaluations of the training
    /// queries; passes usually stop after a few rounds.
    ///
    /// # Errors
    ///
    /// [`EvalError::Options`] when `folds` or `rounds` is out of range;
    /// otherwise as [`Evaluator::evaluate`].
    pub fn tune(&self, config: &Config, options: &TuneOptions) -> Result<Tuning, EvalError> {
        config.check()?;
        let groups = self.prospect_groups();
        if !(2..=groups.len().min(MAX_COUNT)).contains(&options.folds) {
            return Err(EvalError::Options {
                field: "tune.folds",
                message: format!(
                    "{} folds: expected 2 to {}, the number of distinct prospects",
                    options.folds,
                    groups.len().min(MAX_COUNT)
                ),
            });
        }
        if !(1..=MAX_COUNT).contains(&options.rounds) {
            return Err(EvalError::Options {
                field: "tune.rounds",
                message: format!("{} rounds: expected 1 to {MAX_COUNT}", options.rounds),
            });
        }
        let assigned = deal(groups, options.folds, options.seed);
        let queries = self.judgments.queries();
        let mut folds = Vec::with_capacity(options.folds);
        for (f, test) in assigned.iter().enumerate() {
            let train: Vec<usize> = assigned
                .iter()
                .enumerate()
                .filter(|&(g, _)| g != f)
                .flat_map(|(_, fold)| fold)
                .copied()
                .collect();
            let (weights, train_tuned) = self.ascend(config, &train, options.rounds)?;
            let tuned = config.clone().with_weights(weights);
            folds.push(Fold {
                test_queries: test.iter().map(|&q| queries[q].id.clone()).collect(),
                weights,
                train_default: self.mean_ndcg(config, &train)?,
                train_tuned,
                test_default: self.mean_ndcg(config, test)?,
                test_tuned: self.mean_ndcg(&tuned, test)?,
            });
        }
        let all: Vec<usize> = (0..queries.len()).collect();
        let (weights, all_tuned) = self.ascend(config, &all, options.rounds)?;
        let mean = |value: fn(&Fold) -> f64| folds.iter().map(value).sum::<f64>() / folds.len() as f64;
        Ok(Tuning {
            k: self.options.k,
            default_weights: config.policy.weights,
            weights,
            all_default: self.mean_ndcg(config, &all)?,
            all_tuned,
            train_default: mean(|f| f.train_default),
            train_tuned: mean(|f| f.train_tuned),
            test_default: mean(|f| f.test_default),
            test_tuned: mean(|f| f.test_tuned),
            folds,
        })
    }

    /// Coordinate ascent of `config`'s weights on the queries `chosen`:
    /// the weights found and their mean NDCG@k.
    fn ascend(&self, config: &Config, chosen: &[usize], rounds: usize) -> Result<(Weights, f64), EvalError> {
        let mut weights = config.policy.weights;
        let mut best = self.mean_ndcg(config, chosen)?;
        for _ in 0..rounds {
            let mut moved = false;
            for factor in 0..FACTORS {
                let mut found: Option<(f64, Weights)> = None;
                for value in steps(&weights, factor) {
                    let mut trial = weights;
                    *weight_mut(&mut trial, factor) = value;
                    if trial.named()[..FACTORS].iter().all(|&(_, w)| w == 0.0) {
                        continue;
                    }
                    let score = self.mean_ndcg(&config.clone().with_weights(trial), chosen)?;
                    if score > found.map_or(best, |(s, _)| s) + GAIN {
                        found = Some((score, trial));
                    }
                }
                if let Some((score, trial)) = found {
                    best = score;
                    weights = trial;
                    moved = true;
                }
            }
            if !moved {
                break;
            }
        }
        Ok((weights, best))
    }

    /// The queries grouped by prospect, groups in order of first
    /// appearance, each in query order.
    fn prospect_groups(&self) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut by_prospect: HashMap<String, usize> = HashMap::new();
        for (q, query) in self.judgments.queries().iter().enumerate() {
            // A prospect's JSON is a faithful key: equal prospects, equal text.
            let key = serde_json::to_string(query.prospect()).expect("a prospect serializes");
            let g = *by_prospect.entry(key).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(q);
        }
        groups
    }
}

/// The values coordinate ascent tries for `factor`, in order, each 0 or in
/// range and unlike the current one.
fn steps(weights: &Weights, factor: usize) -> Vec<f64> {
    let current = weights.named()[factor].1;
    let tried: Vec<f64> = if current > 0.0 {
        vec![current * 0.5, current * 2.0, current * 0.25, current * 4.0, 0.0]
    } else {
        let others: Vec<f64> =
            weights.named()[..FACTORS].iter().map(|&(_, w)| w).filter(|&w| w > 0.0).collect();
        let mean = if others.is_empty() { 1.0 } else { others.iter().sum::<f64>() / others.len() as f64 };
        vec![mean * 0.25, mean, mean * 4.0]
    };
    let mut values: Vec<f64> = Vec::with_capacity(tried.len());
    for value in tried {
        let value = if value == 0.0 { 0.0 } else { value.clamp(MIN_WEIGHT, MAX_WEIGHT) };
        if value != current && !values.contains(&value) {
            values.push(value);
        }
    }
    values
}

/// The weight of factor `i`, in [`Weights::named`]'s order.
fn weight_mut(weights: &mut Weights, i: usize) -> &mut f64 {
    match i {
        0 => &mut weights.industry,
        1 => &mut weights.use_cases,
        2 => &mut weights.products,
        3 => &mut weights.size,
        4 => &mut weights.geography,
        5 => &mut weights.seniority,
        6 => &mut weights.competitor,
        7 => &mut weights.freshness,
        _ => &mut weights.evidence,
    }
}

/// The groups shuffled with ChaCha8 seeded with `seed` and dealt to
/// `folds` folds in turn: each fold's queries, in query order.
fn deal(mut groups: Vec<Vec<usize>>, folds: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Fisher-Yates; `below` maps 64 random bits onto 0..n by a multiply
    // (Lemire), whose bias of at most n / 2^64 does not matter here.
    let mut below = |n: usize| ((u128::from(rng.next_u64()) * n as u128) >> 64) as usize;
    for i in (1..groups.len()).rev() {
        groups.swap(i, below(i + 1));
    }
    let mut dealt = vec![Vec::new(); folds];
    for (i, group) in groups.into_iter().enumerate() {
        dealt[i % folds].extend(group);
    }
    for fold in &mut dealt {
        fold.sort_unstable();
    }
    dealt
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_in_range_and_skip_the_current_value() {
        let mut weights = Weights { size: MAX_WEIGHT, ..Weights::default() };
        assert_eq!(steps(&weights, 3), [MAX_WEIGHT * 0.5, MAX_WEIGHT * 0.25, 0.0]);
        weights.size = MIN_WEIGHT;
        assert_eq!(steps(&weights, 3), [MIN_WEIGHT * 2.0, MIN_WEIGHT * 4.0, 0.0]);
        weights.size = 0.0;
        let mean = (3.0 + 3.0 + 2.0 + 1.0 + 1.0 + 1.5 + 0.5 + 0.5) / 8.0;
        assert_eq!(steps(&weights, 3), [mean * 0.25, mean, mean * 4.0]);
    }

    #[test]
    fn every_factor_has_its_weight() {
        let mut weights = Weights::default();
        for i in 0..FACTORS {
            *weight_mut(&mut weights, i) = 100.0 + i as f64;
        }
        for (i, (_, w)) in weights.named().iter().take(FACTORS).enumerate() {
            assert_eq!(*w, 100.0 + i as f64);
        }
    }

    #[test]
    fn dealing_is_a_seeded_partition() {
        let groups: Vec<Vec<usize>> = (0..10).map(|g| vec![2 * g, 2 * g + 1]).collect();
        let a = deal(groups.clone(), 3, 9);
        assert_eq!(a, deal(groups.clone(), 3, 9));
        let mut all: Vec<usize> = a.iter().flatten().copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..20).collect::<Vec<_>>());
        // Groups stay whole: 2g and 2g + 1 share a fold.
        for fold in &a {
            assert!(fold.iter().all(|q| fold.contains(&(q ^ 1))));
        }
        assert_eq!(a.iter().map(Vec::len).collect::<Vec<_>>(), [8, 6, 6]);
    }
}
