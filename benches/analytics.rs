//! Analytics benchmarks: every program metric over the sample program and
//! over a synthetic program of 100,000 candidates with 5,000
//! opportunities (most of the time is the coverage grid: 320 segment
//! prospects scored against every candidate); and scoring the sample's
//! leverage audit.
//!
//! `cargo bench --bench analytics`.

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::ToSpan;
use refmatch::analytics::audit::{Audit, Questionnaire};
use refmatch::analytics::metrics::{MetricsOptions, ProgramMetrics};
use refmatch::ledger::{Options, Program};
use refmatch::model::{DateRange, Opportunity, OpportunityStatus};
use refmatch::{Date, Library, LibraryData};
use support::synthetic::{self, Rng};

/// A synthetic program: the generator's library plus `n` opportunities,
/// each with a generated prospect, a third supported by an engagement.
fn program(candidates: usize, n: usize) -> Program {
    let mut data: LibraryData = synthetic::library(candidates, 7);
    let mut rng = Rng::new(11);
    for i in 0..n {
        let (prospect, _) = synthetic::query(&mut rng);
        let created = Date::constant(2026, 1, 1) + (rng.below(300) as i64).days();
        let close = created + (20 + rng.below(200) as i64).days();
        let status = match rng.below(3) {
            0 => OpportunityStatus::Open,
            1 => OpportunityStatus::Won,
            _ => OpportunityStatus::Lost,
        };
        let engagements = if rng.chance(0.33) && !data.engagements.is_empty() {
            vec![rng.pick(&data.engagements).id.clone()]
        } else {
            Vec::new()
        };
        data.opportunities.push(Opportunity {
            id: format!("opp-{i:06}"),
            name: format!("Prospect {i}"),
            prospect,
            amount: (20 + rng.below(2000)) as f64 * 1000.0,
            stage: "evaluation".into(),
            created,
            close,
            status,
            engagements,
        });
    }
    Program::new(Library::new(data).expect("the synthetic program is valid"))
}

fn metrics(c: &mut Criterion) {
    let period = DateRange { start: Date::constant(2026, 1, 1), end: Date::constant(2026, 11, 22) };
    let options = MetricsOptions::new(period);
    let mut group = c.benchmark_group("analytics/metrics");
    group.sample_size(10);
    let sample = Program::sample(&Options::new());
    group.bench_function("sample", |b| {
        b.iter(|| black_box(ProgramMetrics::compute(&sample, &options).unwrap()))
    });
    let large = program(100_000, 5_000);
    group
        .bench_function("100k", |b| b.iter(|| black_box(ProgramMetrics::compute(&large, &options).unwrap())));
    group.finish();
}

fn audit(c: &mut Criterion) {
    let questionnaire = Questionnaire::default_questionnaire();
    let audit = Audit::sample(2026).expect("a sample audit");
    c.bench_function("analytics/audit/sample", |b| {
        b.iter(|| black_box(audit.score(&questionnaire).unwrap()))
    });
}

criterion_group!(benches, metrics, audit);
criterion_main!(benches);
