//! Comparing configurations: the paired randomization test against cases
//! whose answer is known (counted by hand, or by trying every pattern),
//! comparisons that repeat exactly for a seed, and the ranking without the
//! availability discount against the plain reference implementation.

mod support;

use std::collections::HashMap;

use refmatch::eval::{
    Config, EXACT_MAX_QUERIES, Evaluator, JudgmentData, Judgments, JudgmentsData, Options, QueryData, Target,
    randomization_test,
};
use refmatch::model::EngagementKind;
use refmatch::{Index, Library};
use support::reference;
use support::synthetic::{self, Rng};

#[test]
fn equal_improvements_on_ten_queries_give_two_in_1024() {
    // Only "all better" and "all worse" are as far from 0 as the observed.
    let test = randomization_test(&[0.1; 10], 10_000, 1);
    assert!(test.exact);
    assert_eq!(test.patterns, 1024);
    assert_eq!(test.p_value, 2.0 / 1024.0);
}

#[test]
fn three_queries_counted_by_hand() {
    // Sums of +-1 +-2 +-3: 6, 4, 2, 0, 0, -2, -4, -6; |sum| >= 6 twice.
    assert_eq!(randomization_test(&[1.0, 2.0, 3.0], 1, 0).p_value, 2.0 / 8.0);
    // Observed |sum| 2: every pattern but the two zeros, 6 of 8.
    assert_eq!(randomization_test(&[1.0, -2.0, 3.0], 1, 0).p_value, 6.0 / 8.0);
    // Zeros are dropped: the same two of four patterns of the nonzero two.
    let test = randomization_test(&[0.0, 0.5, 0.0, 0.5], 1, 0);
    assert_eq!((test.p_value, test.patterns), (0.5, 4));
}

#[test]
fn no_difference_gives_one() {
    assert_eq!(randomization_test(&[], 100, 0).p_value, 1.0);
    assert_eq!(randomization_test(&[0.0; 40], 100, 0).p_value, 1.0);
    // Opposite changes cancel: observed 0, every pattern is as extreme.
    assert_eq!(randomization_test(&[0.25, -0.25], 100, 0).p_value, 1.0);
    // Rounding does not lose the equal patterns: 0.1 + 0.2 - 0.3 is not 0 in f64.
    assert_eq!(randomization_test(&[0.1, 0.2, -0.3], 100, 0).p_value, 1.0);
}

#[test]
fn the_sampled_test_agrees_with_the_exact_count() {
    // 20 differences: the exact p-value by trying all 2^20 patterns here,
    // against 10,000 sampled ones (binomial standard error at most 0.005).
    let mut rng = Rng::new(5);
    let differences: Vec<f64> = (0..20).map(|_| rng.unit() - 0.35).collect();
    let observed: f64 = differences.iter().sum::<f64>().abs();
    let mut extreme = 0u64;
    for mask in 0u32..1 << 20 {
        let sum: f64 =
            differences.iter().enumerate().map(|(i, d)| if mask >> i & 1 == 1 { -d } else { *d }).sum();
        if sum.abs() >= observed - 1e-9 {
            extreme += 1;
        }
    }
    let exact = extreme as f64 / f64::from(1u32 << 20);
    assert!(differences.len() > EXACT_MAX_QUERIES);
    let sampled = randomization_test(&differences, 10_000, 3);
    assert!(!sampled.exact);
    assert!((sampled.p_value - exact).abs() < 0.02, "sampled {} exact {exact}", sampled.p_value);
    // The same seed, the same answer; the estimate never reports 0.
    assert_eq!(randomization_test(&differences, 10_000, 3), sampled);
    let all_better = randomization_test(&[0.1; 40], 10_000, 3);
    assert_eq!(all_better.p_value, 1.0 / 10_001.0);
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<Judgments>();
    check::<refmatch::eval::Evaluation>();
    check::<refmatch::eval::Comparison>();
    check::<refmatch::eval::Tuning>();
    check::<refmatch::eval::Config>();
    check::<refmatch::eval::JudgmentsError>();
    check::<refmatch::eval::EvalError>();
    fn borrowed<T: Send + Sync>() {}
    borrowed::<Evaluator<'_>>();
}

fn sample() -> (Index, Judgments) {
    (Index::new(Library::sample()), Judgments::sample())
}

#[test]
fn a_comparison_repeats_exactly_and_adds_up() {
    let (index, judgments) = sample();
    let options = Options { seed: 11, ..Options::default() };
    let evaluator = Evaluator::new(&index, &judgments, options).unwrap();
    let default = Config::of(&index);
    let mut variant = default.clone();
    variant.policy.weights.seniority = 3.0;
    let a = evaluator.compare(&default, &variant).unwrap();
    assert_eq!(evaluator.compare(&default, &variant).unwrap(), a);

    assert_eq!(a.wins + a.losses + a.ties, judgments.queries().len());
    assert!(a.wins > 0 && a.losses > 0, "{} wins {} losses", a.wins, a.losses);
    let base = evaluator.evaluate(&default).unwrap();
    let other = evaluator.evaluate(&variant).unwrap();
    assert_eq!((a.baseline, a.candidate), (base.mean, other.mean));
    for ((delta, x), y) in a.queries.iter().zip(&base.queries).zip(&other.queries) {
        assert_eq!(delta.query, x.query);
        assert_eq!(delta.delta, y.metrics.ndcg - x.metrics.ndcg);
    }
    let mean_delta: f64 = a.queries.iter().map(|d| d.delta).sum::<f64>() / a.queries.len() as f64;
    assert!((mean_delta - (a.candidate.ndcg - a.baseline.ndcg)).abs() < 1e-12);
    assert!(a.p_value > 0.0 && a.p_value <= 1.0);
    assert_eq!(a.p_value, a.test.p_value);

    // What changed: at most `changed` queries, most places first, each
    // with both lists as the evaluations have them.
    assert!(!a.changed.is_empty() && a.changed.len() <= options.changed);
    assert!(a.changed.windows(2).all(|w| w[0].places >= w[1].places));
    for change in &a.changed {
        let i = base.queries.iter().position(|q| q.query == change.query).unwrap();
        assert_eq!(change.baseline, base.queries[i].ranked);
        assert_eq!(change.candidate, other.queries[i].ranked);
        let differ = (0..5)
            .filter(|&p| change.baseline.get(p).map(|r| &r.id) != change.candidate.get(p).map(|r| &r.id));
        assert_eq!(differ.count(), change.places);
    }
}

#[test]
fn a_configuration_against_itself_changes_nothing() {
    let (index, judgments) = sample();
    let evaluator = Evaluator::new(&index, &judgments, Options::default()).unwrap();
    let default = Config::of(&index);
    let same = evaluator.compare(&default, &default).unwrap();
    assert_eq!((same.wins, same.losses, same.ties), (0, 0, judgments.queries().len()));
    assert_eq!(same.p_value, 1.0);
    assert!(same.changed.is_empty());
}

#[test]
fn invalid_configurations_and_options_are_refused() {
    let (index, judgments) = sample();
    for options in [Options { k: 0, ..Options::default() }, Options { permutations: 0, ..Options::default() }]
    {
        let err = Evaluator::new(&index, &judgments, options).unwrap_err();
        assert!(err.to_string().contains("is out of range"), "{err}");
    }
    let evaluator = Evaluator::new(&index, &judgments, Options::default()).unwrap();
    let mut broken = Config::of(&index);
    broken.policy.weights.size = -1.0;
    broken.policy.cap = 0;
    let err = evaluator.evaluate(&broken).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("policy.cap") && text.contains("policy.weights.size"), "{text}");
    // Judgments of another library.
    let other = Index::new(Library::new(synthetic::library(200, 1)).unwrap());
    let err = Evaluator::new(&other, &judgments, Options::default()).unwrap_err();
    assert!(err.to_string().contains("unknown advocate id"), "{err}");
}

/// A judgment set of synthetic queries, each judging one advocate (the
/// grades do not matter here: only the ranked lists are compared).
fn synthetic_judgments(library: &Library, queries: usize, seed: u64) -> (Judgments, Vec<refmatch::Request>) {
    let mut rng = Rng::new(seed);
    let mut data = JudgmentsData::default();
    let mut requests = Vec::new();
    for q in 0..queries {
        let (prospect, request) = synthetic::query(&mut rng);
        data.queries.push(QueryData {
            id: format!("q{q}"),
            prospect,
            rank: Target::Advocates,
            kind: Some(EngagementKind::ReferenceCall),
            asset_kind: None,
            date: request.date,
            languages: request.languages.clone(),
            max_per_account: Some(1 + q % 2),
            exclude_accounts: Vec::new(),
            judgments: vec![JudgmentData {
                id: library.advocates()[rng.below(library.advocates().len())].id.clone(),
                grade: 1,
                note: String::new(),
            }],
        });
        let mut request = request;
        request.max_per_account = 1 + q % 2;
        requests.push(request);
    }
    (Judgments::new(data, library).unwrap(), requests)
}

/// Without the availability discount, each query's list is the plain
/// reference's eligible advocates ordered by relevance (score over
/// availability), a tie to the smaller id, the per-account limit applied
/// in that order, within SCORING.md's tolerance: the same relevance at
/// every place, each entry as relevant as the reference says, the account
/// limit kept. (Two advocates of one account whose relevances differ in
/// the last bits may stand for their account either way.)
#[test]
fn ranking_without_availability_matches_the_reference() {
    for (candidates, seed, k) in [(1_500, 3, 10), (4_000, 8, 30), (12_000, 21, 5)] {
        let library = Library::new(synthetic::library(candidates, seed)).unwrap();
        let index = Index::new(library.clone());
        let (judgments, requests) = synthetic_judgments(&library, 12, seed + 1);
        let evaluator = Evaluator::new(&index, &judgments, Options { k, ..Options::default() }).unwrap();
        let evaluation = evaluator.evaluate(&Config::of(&index).with_availability(false)).unwrap();
        for ((result, query), request) in evaluation.queries.iter().zip(judgments.queries()).zip(&requests) {
            let context = format!("{candidates}/{}", result.query);
            let mut all = reference::eligible_all(&library, query.prospect(), request);
            for m in &mut all {
                m.score /= 1.0 - 0.5 * f64::from(m.used) / f64::from(m.cap);
            }
            let relevance: HashMap<String, f64> = all.iter().map(|m| (m.advocate.clone(), m.score)).collect();
            all.sort_by(|a, b| {
                b.score.total_cmp(&a.score).then(a.advocate.as_bytes().cmp(b.advocate.as_bytes()))
            });
            let mut per_account: HashMap<String, usize> = HashMap::new();
            all.retain(|m| {
                let n = per_account.entry(m.account.clone()).or_default();
                *n += 1;
                *n <= request.max_per_account
            });
            all.truncate(k);
            assert_eq!(result.ranked.len(), all.len(), "{context}");
            let mut accounts: HashMap<&str, usize> = HashMap::new();
            for (entry, want) in result.ranked.iter().zip(&all) {
                assert!(
                    (entry.score - want.score).abs() <= reference::TOLERANCE,
                    "{context}: {entry:?} vs {want:?}"
                );
                let exact = relevance
                    .get(&entry.id)
                    .unwrap_or_else(|| panic!("{context}: {} is not eligible", entry.id));
                assert!(
                    (entry.score - exact).abs() <= reference::TOLERANCE,
                    "{context}: {entry:?} vs {exact}"
                );
                let account = &library.advocate(&entry.id).unwrap().account;
                let n = accounts.entry(account).or_default();
                *n += 1;
                assert!(*n <= request.max_per_account, "{context}: account {account} twice");
            }
        }
    }
}
