//! The engine agrees with the plain reference implementation of the rank module docs
//! (tests/support/reference.rs) on synthetic libraries.

mod support;

use refmatch::rank::{Index, Verdict};
use refmatch::{Library, Prospect};
use support::reference::{self, RefVerdict, TOLERANCE, assert_same_ranking};
use support::synthetic::{self, Rng};

/// The one place that builds an index, so a change of `Index::new`'s
/// signature is a one-line edit.
fn index_of(library: &Library) -> Index {
    Index::new(library.clone())
}

fn check(library: &Library, index: &Index, prospect: &Prospect, request: &refmatch::Request, context: &str) {
    let got: Vec<(String, f64)> =
        index.rank_advocates(prospect, request).unwrap().into_iter().map(|m| (m.advocate, m.score)).collect();
    let all = reference::rank_all(library, prospect, request);
    assert_same_ranking(&got, &all, request.k, context);
}

#[test]
fn engine_matches_reference_on_synthetic_libraries() {
    for seed in 0..6 {
        let library = Library::new(synthetic::library(600, seed)).unwrap();
        let index = index_of(&library);
        let mut rng = Rng::new(1000 + seed);
        for q in 0..20 {
            let (prospect, mut request) = synthetic::query(&mut rng);
            request.k = 1 + rng.below(8);
            request.max_per_account = 1 + rng.below(3);
            check(&library, &index, &prospect, &request, &format!("seed {seed} query {q}"));
        }
    }
}

#[test]
fn explain_matches_reference_for_every_advocate() {
    let library = Library::new(synthetic::library(400, 7)).unwrap();
    let index = index_of(&library);
    let mut rng = Rng::new(99);
    for _ in 0..5 {
        let (prospect, request) = synthetic::query(&mut rng);
        for advocate in library.advocates() {
            let got = index.explain(&advocate.id, &prospect, &request).unwrap();
            let want = reference::verdict(&library, &prospect, &request, &advocate.id);
            match (&got, &want) {
                (Verdict::Eligible(m), RefVerdict::Eligible { score, used, cap, .. }) => {
                    assert!((m.score - score).abs() <= TOLERANCE, "{}: {} vs {score}", advocate.id, m.score);
                    assert_eq!((m.explanation.used, m.explanation.cap), (*used, *cap), "{}", advocate.id);
                }
                (Verdict::Excluded(why), RefVerdict::Excluded(rule)) => {
                    assert_eq!(why.rule(), *rule, "{}: {why}", advocate.id)
                }
                _ => panic!("{}: engine {got:?}, reference {want:?}", advocate.id),
            }
        }
    }
}
