//! Evaluation benchmarks: NDCG@5 and the other measures over 1,000 judged
//! queries on a synthetic program of 100,000 candidates (default model, on
//! every core and on one thread, and without the availability discount),
//! the judged sample, and tuning the weights on the judged sample.
//!
//! `cargo bench --bench eval`; one group with `cargo bench --bench eval -- eval/evaluate`.
//! The one-thread benchmarks run inside a one-thread rayon pool, so a
//! profiler sees all of an evaluation on one thread (the callgrind command
//! is in `BENCHMARKS.md`).

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use refmatch::eval::{
    Config, Evaluator, JudgmentData, Judgments, JudgmentsData, Options, QueryData, Target, TuneOptions,
};
use refmatch::{Index, Library};
use support::synthetic::{self, Rng};

/// `n` synthetic queries for reference calls, each judging 10 advocates
/// drawn at random with random grades (at least one of 1 or more). The
/// grades mean nothing; the cost is the ranking and the measuring.
fn judgments(library: &Library, n: usize) -> Judgments {
    let mut rng = Rng::new(17);
    let advocates = library.advocates();
    let queries = (0..n)
        .map(|q| {
            let (prospect, request) = synthetic::query(&mut rng);
            let mut judged: Vec<JudgmentData> = Vec::new();
            while judged.len() < 10 {
                let id = advocates[rng.below(advocates.len())].id.clone();
                if !judged.iter().any(|j| j.id == id) {
                    let grade = if judged.is_empty() { 1 + rng.below(3) } else { rng.below(4) };
                    judged.push(JudgmentData { id, grade: grade as i64, note: String::new() });
                }
            }
            QueryData {
                id: format!("q{q:04}"),
                prospect,
                rank: Target::Advocates,
                kind: Some(request.kind),
                asset_kind: None,
                date: request.date,
                languages: request.languages,
                max_per_account: None,
                exclude_accounts: Vec::new(),
                judgments: judged,
            }
        })
        .collect();
    Judgments::new(JudgmentsData { queries }, library).expect("the synthetic judgments are valid")
}

fn evaluate(c: &mut Criterion) {
    let library = Library::new(synthetic::library(100_000, 42)).expect("the synthetic library is valid");
    let judged = judgments(&library, 1_000);
    let index = Index::new(library);
    let evaluator = Evaluator::new(&index, &judged, Options::default()).expect("valid options");
    let default = Config::of(&index);
    let without = default.clone().with_availability(false);
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a one-thread pool");

    let mut group = c.benchmark_group("eval/evaluate");
    group.sample_size(10);
    group.bench_function("1000x100k", |b| b.iter(|| black_box(evaluator.evaluate(&default).unwrap())));
    group.bench_function("1000x100k/one-thread", |b| {
        b.iter(|| one.install(|| black_box(evaluator.evaluate(&default).unwrap())))
    });
    group.bench_function("1000x100k/no-availability", |b| {
        b.iter(|| black_box(evaluator.evaluate(&without).unwrap()))
    });

    let index = Index::new(Library::sample());
    let sample = Judgments::sample();
    let evaluator = Evaluator::new(&index, &sample, Options::default()).expect("valid options");
    let default = Config::of(&index);
    group.bench_function("sample/one-thread", |b| {
        b.iter(|| one.install(|| black_box(evaluator.evaluate(&default).unwrap())))
    });
    group.finish();

    let mut group = c.benchmark_group("eval/tune");
    group.sample_size(10);
    group.bench_function("sample/5-fold", |b| {
        b.iter(|| black_box(evaluator.tune(&default, &TuneOptions::default()).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, evaluate);
criterion_main!(benches);
