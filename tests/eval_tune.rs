//! Tuning the weights: deterministic for a seed, folds that keep a
//! prospect's queries together and cover every query once, coordinate
//! ascent that never does worse on what it was tuned on, and weights that
//! never leave the allowed range, whatever they start from.

use std::collections::BTreeSet;

use proptest::prelude::*;
use refmatch::eval::{Config, Evaluator, Judgments, Options, TuneOptions};
use refmatch::model::limits::{MAX_WEIGHT, MIN_WEIGHT, weight_in_range};
use refmatch::{Index, Library, Weights};

fn sample() -> (Index, Judgments) {
    (Index::new(Library::sample()), Judgments::sample())
}

#[track_caller]
fn assert_allowed(weights: &Weights) {
    for (name, w) in weights.named() {
        assert!(weight_in_range(w), "{name} = {w} is outside 0 or 1e-6..=1e6");
    }
    assert!(weights.named().iter().any(|&(_, w)| w > 0.0), "every weight is 0: {weights:?}");
}

#[test]
fn tuning_is_deterministic_for_a_seed_and_honest_about_its_folds() {
    let (index, judgments) = sample();
    let evaluator = Evaluator::new(&index, &judgments, Options::default()).unwrap();
    let default = Config::of(&index);
    let options = TuneOptions { seed: 42, ..TuneOptions::default() };
    let tuning = evaluator.tune(&default, &options).unwrap();
    assert_eq!(evaluator.tune(&default, &options).unwrap(), tuning);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    assert_eq!(pool.install(|| evaluator.tune(&default, &options).unwrap()), tuning);

    // Five folds holding every query once, a prospect's queries together.
    assert_eq!(tuning.folds.len(), 5);
    let mut seen = BTreeSet::new();
    for fold in &tuning.folds {
        for id in &fold.test_queries {
            assert!(seen.insert(id.clone()), "{id} in two folds");
            let prospect = id.split('-').next().unwrap();
            for target in ["advocates", "stories"] {
                assert!(fold.test_queries.contains(&format!("{prospect}-{target}")), "{prospect} split");
            }
        }
        // Ascent never loses on the queries it climbs on.
        assert!(fold.train_tuned >= fold.train_default, "{fold:?}");
        assert_allowed(&fold.weights);
    }
    assert_eq!(seen.len(), judgments.queries().len());
    assert!(tuning.all_tuned >= tuning.all_default);
    assert_eq!(tuning.default_weights, default.policy.weights);
    assert_allowed(&tuning.weights);
    let mean = tuning.folds.iter().map(|f| f.test_tuned).sum::<f64>() / 5.0;
    assert!((tuning.test_tuned - mean).abs() < 1e-12);

    // The tuned weights reproduce the reported NDCG.
    let tuned = evaluator.evaluate(&default.clone().with_weights(tuning.weights)).unwrap();
    assert_eq!(tuned.mean.ndcg, tuning.all_tuned);

    // Another seed deals other folds.
    let other = evaluator.tune(&default, &TuneOptions { seed: 7, ..TuneOptions::default() }).unwrap();
    let folds =
        |t: &refmatch::eval::Tuning| t.folds.iter().map(|f| f.test_queries.clone()).collect::<Vec<_>>();
    assert_ne!(folds(&other), folds(&tuning));
}

#[test]
fn fold_and_round_counts_are_checked() {
    let (index, judgments) = sample();
    let evaluator = Evaluator::new(&index, &judgments, Options::default()).unwrap();
    let default = Config::of(&index);
    for (folds, rounds, field) in [(1, 20, "tune.folds"), (29, 20, "tune.folds"), (5, 0, "tune.rounds")] {
        let err = evaluator.tune(&default, &TuneOptions { folds, rounds, seed: 0 }).unwrap_err();
        assert!(err.to_string().starts_with(field), "{err}");
    }
    // 28 prospects: leave-one-prospect-out works.
    let tuning = evaluator.tune(&default, &TuneOptions { folds: 28, rounds: 1, seed: 0 }).unwrap();
    assert!(tuning.folds.iter().all(|f| f.test_queries.len() == 2));
}

fn start_weight() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(MIN_WEIGHT), Just(MAX_WEIGHT), MIN_WEIGHT..MAX_WEIGHT, 0.1f64..10.0]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Whatever weights tuning starts from, every weight it returns (per
    /// fold and overall) is 0 or within 1e-6..=1e6, at least one above 0,
    /// and the tuned weights do at least as well on their training queries.
    #[test]
    fn tuned_weights_stay_in_range(start in prop::collection::vec(start_weight(), 9), seed in 0u64..1000) {
        let (index, judgments) = sample();
        let evaluator = Evaluator::new(&index, &judgments, Options::default()).unwrap();
        // The weights in Weights::named's order, through their serde names.
        let named: serde_json::Map<String, serde_json::Value> =
            Weights::default().named().iter().zip(&start).map(|(&(name, _), &w)| (name.to_string(), w.into())).collect();
        let weights: Weights = serde_json::from_value(named.into()).unwrap();
        prop_assume!(weights.named().iter().any(|&(_, w)| w > 0.0));
        let config = Config::of(&index).with_weights(weights);
        let tuning = evaluator.tune(&config, &TuneOptions { folds: 3, rounds: 3, seed }).unwrap();
        assert_allowed(&tuning.weights);
        prop_assert!(tuning.all_tuned >= tuning.all_default);
        for fold in &tuning.folds {
            assert_allowed(&fold.weights);
            prop_assert!(fold.train_tuned >= fold.train_default);
        }
    }
}
