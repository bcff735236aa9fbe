//! Allocation benchmarks: 2,000 open requests over about 20,000 advocates
//! (top 50 candidates each), exact and greedy; and, printed once before
//! the measurements, the greedy-versus-optimal table of `BENCHMARKS.md`
//! (200 requests over libraries of 3,000 and 2,000 candidates, five
//! seeds each).
//!
//! `cargo bench --bench allocate` prints the table, then measures.

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use refmatch::allocate::{AllocationRequest, Planner};
use refmatch::rank::Index;
use refmatch::{Date, Library};
use support::synthetic::{self, Rng};

const PLAN: Date = Date::constant(2026, 12, 1);

fn requests(n: usize, seed: u64, max_slots: usize) -> Vec<AllocationRequest> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            let (prospect, request) = synthetic::query(&mut rng);
            let slots = 1 + rng.below(max_slots);
            AllocationRequest::new(format!("opp-{i:04}"), prospect, request).with_slots(slots)
        })
        .collect()
}

fn contention(c: &mut Criterion) {
    // (candidates, most slots per request, top_m): the scenario,
    // then a tighter one (more slots, shorter candidate lists).
    for (candidates, max_slots, top_m) in [(3_000, 3, 50), (2_000, 5, 20)] {
        eprintln!(
            "greedy vs optimal: 200 requests (1-{max_slots} slots) over {candidates} candidates, \
             top {top_m}, max_per_batch 1, planned {PLAN}"
        );
        eprintln!(
            "| seed | advocates | slots wanted | greedy filled | optimal filled | more slots | greedy score | optimal score | more score |"
        );
        eprintln!("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for seed in 1..=5u64 {
            let index = Index::new(Library::new(synthetic::library(candidates, seed)).unwrap());
            let batch = requests(200, 100 + seed, max_slots);
            let mut planner = Planner::new(PLAN);
            planner.top_m(top_m);
            let greedy = planner.greedy(&index, &batch).unwrap();
            let best = planner.allocate(&index, &batch).unwrap();
            eprintln!(
                "| {seed} | {} | {} | {} | {} | {:+} ({:+.1} %) | {:.2} | {:.2} | {:+.2} ({:+.1} %) |",
                index.advocates(),
                best.slots(),
                greedy.filled(),
                best.filled(),
                best.filled() as i64 - greedy.filled() as i64,
                100.0 * (best.filled() as f64 / greedy.filled() as f64 - 1.0),
                greedy.total_score(),
                best.total_score(),
                best.total_score() - greedy.total_score(),
                100.0 * (best.total_score() / greedy.total_score() - 1.0),
            );
        }
    }
    // Registered so that `-- contention` selects this target.
    c.bench_function("contention/noop", |b| b.iter(|| black_box(0)));
}

fn allocate(c: &mut Criterion) {
    let index = Index::new(Library::new(synthetic::library(33_000, 42)).unwrap());
    let batch = requests(2_000, 7, 1);
    let planner = Planner::new(PLAN);
    let start = Instant::now();
    let best = planner.allocate(&index, &batch).unwrap();
    let once = start.elapsed();
    let queries: Vec<_> = batch
        .iter()
        .map(|r| {
            let mut request = r.request.clone();
            request.k = 50;
            request.max_per_account = 50;
            (r.prospect.clone(), request)
        })
        .collect();
    let start = Instant::now();
    black_box(index.rank_many(&queries));
    let ranking = start.elapsed();
    let greedy = planner.greedy(&index, &batch).unwrap();
    eprintln!(
        "allocate 2000 x {} advocates ({} candidates): one run {once:.2?}, of which ranking about {ranking:.2?}; \
         filled {} of {} (greedy {}), score {:.2} (greedy {:.2})",
        index.advocates(),
        index.candidates(),
        best.filled(),
        best.slots(),
        greedy.filled(),
        best.total_score(),
        greedy.total_score()
    );
    let mut group = c.benchmark_group("allocate");
    group.sample_size(10);
    group.bench_function("exact/2000x20k", |b| {
        b.iter(|| black_box(planner.allocate(&index, &batch).unwrap()))
    });
    group
        .bench_function("greedy/2000x20k", |b| b.iter(|| black_box(planner.greedy(&index, &batch).unwrap())));
    group.finish();
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(6))
}

criterion_group! { name = benches; config = config(); targets = contention, allocate }
criterion_main!(benches);
