//! Ranking benchmarks: top-5 for one prospect at 10k, 100k and 1M
//! candidates, the same with `Index::rank`'s counts at 10k and 100k, the
//! plain reference implementation beside the engine, batch ranking, the
//! score matrix and index building, and ranking with the text factor
//! against ranking without it on one library with text. Instruction counts of the top-5
//! queries, which machine load does not move, are `benches/rank_count.rs`'s.
//!
//! `cargo bench --bench rank`; one group with `cargo bench --bench rank -- rank/top5`.
//! Index memory per candidate is printed while the libraries are built.

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use refmatch::rank::{Index, Request};
use refmatch::{Library, Prospect};
use support::synthetic::{self, Rng};

const SIZES: [(usize, &str); 3] = [(10_000, "10k"), (100_000, "100k"), (1_000_000, "1m")];

fn library(candidates: usize) -> Library {
    Library::new(synthetic::library(candidates, 42)).expect("synthetic libraries are valid")
}

fn queries(n: usize) -> Vec<(Prospect, Request)> {
    let mut rng = Rng::new(7);
    (0..n).map(|_| synthetic::query(&mut rng)).collect()
}

fn report_memory(name: &str, index: &Index) {
    eprintln!(
        "index {name}: {} candidates, {} advocates, {} stories, {:.1} bytes of index per candidate",
        index.candidates(),
        index.advocates(),
        index.stories(),
        index.heap_bytes() as f64 / index.candidates() as f64
    );
}

fn rank(c: &mut Criterion) {
    let queries = queries(64);
    let mut group = c.benchmark_group("rank/top5");
    for (size, name) in SIZES {
        let library = library(size);
        let index = Index::new(library.clone());
        report_memory(name, &index);
        let mut i = 0;
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                let (prospect, request) = &queries[i % queries.len()];
                i += 1;
                black_box(index.rank_advocates(prospect, request).unwrap())
            })
        });
    }
    group.finish();
}

/// `Index::rank`: the top-5 list with its rule counts and held-back
/// matches, one pass over every candidate more than `rank/top5`.
fn ranking(c: &mut Criterion) {
    let queries = queries(64);
    let mut group = c.benchmark_group("rank/ranking");
    for (size, name) in &SIZES[..2] {
        let index = Index::new(library(*size));
        let mut i = 0;
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                let (prospect, request) = &queries[i % queries.len()];
                i += 1;
                black_box(index.rank(prospect, request).unwrap())
            })
        });
    }
    group.finish();
}

fn naive(c: &mut Criterion) {
    let queries = queries(64);
    let mut group = c.benchmark_group("rank/naive");
    group.sample_size(10);
    for (size, name) in &SIZES[..2] {
        let library = library(*size);
        let mut i = 0;
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                let (prospect, request) = &queries[i % queries.len()];
                i += 1;
                black_box(support::reference::rank(&library, prospect, request))
            })
        });
    }
    group.finish();
}

fn batch(c: &mut Criterion) {
    let library = library(100_000);
    let index = Index::new(library.clone());
    let queries = queries(1000);
    let prospects: Vec<Prospect> = queries.iter().map(|(p, _)| p.clone()).collect();
    let request = queries[0].1.clone();
    let mut group = c.benchmark_group("rank/batch");
    group.sample_size(10);
    group.bench_function("1000x100k", |b| b.iter(|| black_box(index.rank_many(&queries))));
    group.bench_function("matrix/1000x100k", |b| {
        b.iter(|| black_box(index.score_matrix(&prospects, &request)))
    });
    group.finish();
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("index/build");
    group.sample_size(10);
    for (size, name) in [SIZES[1], SIZES[2]] {
        let library = library(size);
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| black_box(Index::new(library.clone())))
        });
    }
    group.finish();
}

/// The text factor at 100k candidates: the `rank/top5` queries on a
/// library with text (summaries, outcome descriptions, quotes), without
/// text and with a text each ([`synthetic::prospect_text`]), and the
/// index build of that library.
fn text(c: &mut Criterion) {
    let library = Library::new(synthetic::with_text(synthetic::library(100_000, 42), 42))
        .expect("synthetic libraries are valid");
    let index = Index::new(library.clone());
    report_memory("100k with text", &index);
    let plain = queries(64);
    let with_text = text_queries(&plain);
    let mut group = c.benchmark_group("rank/text");
    for (name, queries) in [("100k/without", &plain), ("100k/with", &with_text)] {
        let mut i = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                let (prospect, request) = &queries[i % queries.len()];
                i += 1;
                black_box(index.rank_advocates(prospect, request).unwrap())
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("index/build/text");
    group.sample_size(10);
    group.bench_function("100k", |b| b.iter(|| black_box(Index::new(library.clone()))));
    group.finish();
}

/// `queries` with a text each, from their own random stream.
fn text_queries(queries: &[(Prospect, Request)]) -> Vec<(Prospect, Request)> {
    let mut rng = Rng::new(11);
    queries
        .iter()
        .map(|(p, r)| (p.clone().with_text(synthetic::prospect_text(&mut rng)), r.clone()))
        .collect()
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4))
}

criterion_group! { name = benches; config = config(); targets = rank, ranking, naive, batch, build, text }
criterion_main!(benches);
