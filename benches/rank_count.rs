//! Ranking under an instruction counter: the `rank/top5` queries of
//! `benches/rank.rs` (64 synthetic prospects, seed 7) on the 10k and 100k
//! libraries (seed 42), each query ranked once in `measured`, the only
//! function callgrind is told to count. Instruction counts do not move
//! with machine load, which the times of `benches/rank.rs` do:
//!
//! ```text
//! cargo bench --no-run --bench rank_count
//! valgrind --tool=callgrind --toggle-collect='*measured*' \
//!     target/release/deps/rank_count-<hash> [10k|100k] [v1|floor|ranking|text|textless|matrix] [PASSES]
//! ```
//!
//! `v1` ranks with no relevance floor (the v1 lists exactly), `floor`
//! (the default) with the request's default floor, `ranking` with
//! `Index::rank` (the list, its rule counts and held-back matches) and the
//! default floor, `matrix` takes `Index::score_matrix` of the 64 prospects
//! under the first query's request; `PASSES` (default 1)
//! is how often the 64 queries run. Above 32k candidates a query runs on
//! rayon's threads, outside `measured`: count those with
//! `--collect-atstart=yes` instead, once with 0 passes and once with 1,
//! and take the difference. Without valgrind the binary just runs the
//! queries and prints how many matches they returned.

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;

use refmatch::rank::{Index, Request};
use refmatch::{Library, Prospect};
use support::synthetic::{self, Rng};

/// Ranks every query once; callgrind counts only this function.
#[inline(never)]
fn measured(index: &Index, queries: &[(Prospect, Request)], passes: usize, ranking: bool) -> usize {
    let mut matches = 0;
    for _ in 0..passes {
        for (prospect, request) in queries {
            matches += if ranking {
                black_box(index.rank(prospect, request).unwrap()).matches.len()
            } else {
                black_box(index.rank_advocates(prospect, request).unwrap()).len()
            };
        }
    }
    matches
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let size = match args.first().map(String::as_str) {
        Some("100k") => 100_000,
        _ => 10_000,
    };
    let v1 = args.get(1).is_some_and(|a| a == "v1");
    let ranking = args.get(1).is_some_and(|a| a == "ranking");
    let passes = args.get(2).and_then(|p| p.parse().ok()).unwrap_or(1);
    let text = args.get(1).is_some_and(|a| a == "text");
    let text_library = text || args.get(1).is_some_and(|a| a == "textless");
    let mut data = synthetic::library(size, 42);
    if text_library {
        data = synthetic::with_text(data, 42);
    }
    let library = Library::new(data).expect("synthetic libraries are valid");
    let index = Index::new(library);
    let mut rng = Rng::new(7);
    let mut text_rng = Rng::new(11);
    let queries: Vec<(Prospect, Request)> = (0..64)
        .map(|_| {
            let (mut prospect, request) = synthetic::query(&mut rng);
            if text {
                prospect = prospect.with_text(synthetic::prospect_text(&mut text_rng));
            }
            (prospect, if v1 { no_floor(request) } else { request })
        })
        .collect();
    if args.get(1).is_some_and(|a| a == "matrix") {
        let prospects: Vec<Prospect> = queries.iter().map(|(p, _)| p.clone()).collect();
        println!("{} cells", measured_matrix(&index, &prospects, &queries[0].1, passes));
        return;
    }
    println!("{} matches", measured(&index, &queries, passes, ranking));
}

/// The score matrix of `prospects`, `passes` times: the number of cells
/// with a score.
#[inline(never)]
fn measured_matrix(index: &Index, prospects: &[Prospect], request: &Request, passes: usize) -> usize {
    let mut cells = 0;
    for _ in 0..passes {
        let matrix = black_box(index.score_matrix(prospects, request).unwrap());
        cells += matrix.iter().filter(|s| s.is_finite()).count();
    }
    cells
}

/// The request without a relevance floor.
fn no_floor(request: Request) -> Request {
    request.with_min_relevance(0.0)
}
