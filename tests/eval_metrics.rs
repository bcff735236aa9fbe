//! The measures of `refmatch::eval` on worked examples computed by hand
//! (trec_eval's definitions: linear gain, `log2(rank + 1)` discount, ideal
//! from the judged set, precision over `k`), their invariants as
//! properties, and evaluations that do not depend on the thread count.

use proptest::prelude::*;
use refmatch::eval::{Config, Evaluator, Judgments, Metrics, Options};
use refmatch::{Index, Library};

const EPS: f64 = 1e-12;

#[track_caller]
fn close(found: f64, want: f64) {
    assert!((found - want).abs() < EPS, "found {found}, want {want}");
}

#[test]
fn graded_list_with_an_unjudged_entry() {
    // Ranked: grades 3, 2, unjudged, 0, 1. Judged: 3, 2, 2, 1, 0, 1 (a
    // grade-2 and a grade-1 entry were not returned).
    let m = Metrics::of(&[Some(3), Some(2), None, Some(0), Some(1)], &[3, 2, 2, 1, 0, 1], 5);
    // DCG@5 = 3/log2 2 + 2/log2 3 + 0 + 0 + 1/log2 6 = 4.648712...
    // IDCG@5 = 3/log2 2 + 2/log2 3 + 2/log2 4 + 1/log2 5 + 1/log2 6 = 6.079389...
    let dcg = 3.0 + 2.0 / 3f64.log2() + 1.0 / 6f64.log2();
    let idcg = 3.0 + 2.0 / 3f64.log2() + 2.0 / 2.0 + 1.0 / 5f64.log2() + 1.0 / 6f64.log2();
    close(m.ndcg, dcg / idcg);
    assert!((m.ndcg - 0.764_667_7).abs() < 1e-7, "{}", m.ndcg);
    close(m.precision, 3.0 / 5.0); // grades 3, 2, 1 are relevant
    close(m.recall, 3.0 / 5.0); // of the 5 judgments of grade 1 or more
    close(m.reciprocal_rank, 1.0);
    close(m.coverage, 4.0 / 5.0); // 4 of the 5 returned are judged
}

#[test]
fn first_relevant_entry_at_rank_three() {
    let m = Metrics::of(&[Some(0), None, Some(2)], &[2, 0], 3);
    close(m.ndcg, (2.0 / 4f64.log2()) / 2.0); // DCG 1, IDCG 2
    close(m.precision, 1.0 / 3.0);
    close(m.recall, 1.0);
    close(m.reciprocal_rank, 1.0 / 3.0);
    close(m.coverage, 2.0 / 3.0);
}

#[test]
fn a_short_list_counts_its_missing_places_as_not_relevant() {
    // trec_eval's P.10 of a list of one: 1/10.
    let m = Metrics::of(&[Some(1)], &[1, 1], 10);
    close(m.precision, 0.1);
    close(m.recall, 0.5);
    close(m.ndcg, 1.0 / (1.0 + 1.0 / 3f64.log2())); // 0.613147...
    assert!((m.ndcg - 0.613_147_2).abs() < 1e-7);
    close(m.coverage, 1.0); // coverage divides by what was returned
}

#[test]
fn the_gain_is_the_grade_itself() {
    // Grade 1 before grade 3: linear gain gives 0.7967; 2^g - 1 would give
    // 0.7098.
    let m = Metrics::of(&[Some(1), Some(3)], &[3, 1], 2);
    close(m.ndcg, (1.0 + 3.0 / 3f64.log2()) / (3.0 + 1.0 / 3f64.log2()));
    assert!((m.ndcg - 0.796_707_6).abs() < 1e-7);
}

#[test]
fn the_cutoff_applies_to_the_ideal_too() {
    // Only two places: the ideal is 3, 3 even though a 2 is judged too.
    let m = Metrics::of(&[Some(3), Some(2), Some(3)], &[3, 3, 2], 2);
    close(m.ndcg, (3.0 + 2.0 / 3f64.log2()) / (3.0 + 3.0 / 3f64.log2()));
    close(m.recall, 2.0 / 3.0);
    close(m.precision, 1.0);
}

#[test]
fn nothing_relevant_returned_scores_zero() {
    let m = Metrics::of(&[None, Some(0), None], &[0, 2], 3);
    assert_eq!((m.ndcg, m.precision, m.recall, m.reciprocal_rank), (0.0, 0.0, 0.0, 0.0));
    close(m.coverage, 1.0 / 3.0);
}

fn graded() -> impl Strategy<Value = (Vec<Option<u8>>, Vec<u8>, usize)> {
    // A judged set; a ranked list of some of its entries (each at most
    // once, as a ranking returns them) and of unjudged ones; a cutoff.
    let picks = prop::collection::vec(prop::option::of(0usize..12), 0..12);
    (prop::collection::vec(0u8..=3, 1..12), picks, 1usize..15).prop_map(|(judged, picks, k)| {
        let mut used = vec![false; judged.len()];
        let ranked = picks
            .into_iter()
            .map(|pick| {
                let i = pick? % judged.len();
                (!std::mem::replace(&mut used[i], true)).then_some(judged[i])
            })
            .collect();
        (ranked, judged, k)
    })
}

proptest! {
    /// Every measure lies in [0, 1] whatever the lists and the cutoff.
    #[test]
    fn measures_lie_in_the_unit_interval((ranked, judged, k) in graded()) {
        let m = Metrics::of(&ranked, &judged, k);
        for value in [m.ndcg, m.precision, m.recall, m.reciprocal_rank, m.coverage] {
            prop_assert!((0.0..=1.0).contains(&value), "{m:?}");
        }
    }

    /// Returning the judged set best first scores NDCG 1 when anything is
    /// relevant, and full recall when the cutoff holds every relevant entry.
    #[test]
    fn the_ideal_order_is_perfect((_, judged, k) in graded()) {
        let mut ideal: Vec<u8> = judged.clone();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let ranked: Vec<Option<u8>> = ideal.iter().map(|&g| Some(g)).collect();
        let m = Metrics::of(&ranked, &judged, k);
        let relevant = judged.iter().filter(|&&g| g >= 1).count();
        if relevant > 0 {
            prop_assert!((m.ndcg - 1.0).abs() < 1e-12, "{m:?}");
            prop_assert_eq!(m.reciprocal_rank, 1.0);
        }
        if relevant > 0 && relevant <= k {
            prop_assert_eq!(m.recall, 1.0);
        }
        prop_assert_eq!(m.coverage, 1.0);
    }

    /// Swapping a better entry ahead of a worse one never lowers NDCG.
    #[test]
    fn moving_a_better_entry_up_never_lowers_ndcg((ranked, judged, k) in graded(), at in 0usize..11) {
        prop_assume!(at + 1 < ranked.len());
        let grade = |g: Option<u8>| g.unwrap_or(0);
        let mut better = ranked.clone();
        if grade(better[at]) < grade(better[at + 1]) {
            better.swap(at, at + 1);
        }
        prop_assert!(Metrics::of(&better, &judged, k).ndcg >= Metrics::of(&ranked, &judged, k).ndcg - 1e-12);
    }
}

#[test]
fn an_evaluation_is_the_same_on_one_thread_and_many() {
    let index = Index::new(Library::sample());
    let judgments = Judgments::sample();
    let evaluator = Evaluator::new(&index, &judgments, Options::default()).unwrap();
    let config = Config::of(&index);
    let many = evaluator.evaluate(&config).unwrap();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let one = pool.install(|| evaluator.evaluate(&config).unwrap());
    assert_eq!(many, one);
    // The means are the means of the per-query measures, in query order.
    let mean = Metrics::mean(many.queries.iter().map(|q| &q.metrics));
    assert_eq!(many.mean, mean);
    assert_eq!(many.queries.len(), judgments.queries().len());
    for (result, query) in many.queries.iter().zip(judgments.queries()) {
        assert_eq!(result.query, query.id());
        assert!(result.ranked.len() <= 5);
        for entry in &result.ranked {
            assert_eq!(entry.grade, query.grade(&entry.id), "{}", result.query);
        }
    }
}
