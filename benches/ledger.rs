//! Ledger benchmarks: requests per second through `Program::request` with
//! a sync per append, with batched syncs and in memory, and ranking right
//! after a burst of requests.
//!
//! `cargo bench --bench ledger`. The log is written to a temporary
//! directory, so the sync figures are those of the disk `TMPDIR` is on.

use std::hint::black_box;
use std::num::NonZeroU32;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use jiff::ToSpan;
use refmatch::ledger::{Actor, Durability, Options, Program};
use refmatch::model::EngagementKind;
use refmatch::rank::{Request, Verdict};
use refmatch::{Date, Library, Prospect};

const KIND: EngagementKind = EngagementKind::ReferenceCall;
const FIRST: Date = Date::constant(2028, 1, 3);

/// (advocate, story) pairs of the sample that can be asked on any day from
/// 2028 on: active, accepting calls, with a story approved without end.
fn pairs(library: &Library) -> Vec<(String, String)> {
    let program = Program::new(library.clone());
    let mut pairs = Vec::new();
    for story in library.stories().iter().filter(|s| s.approved && s.approved_until.is_none()) {
        for advocate in &story.advocates {
            let verdict = program.explain(advocate, &Prospect::new(), &Request::new(KIND, FIRST));
            let found = library.advocate(advocate).expect("a known advocate");
            let short =
                found.window_days.is_none_or(|w| w <= 100) && found.rest_days.is_none_or(|r| r <= 100);
            if short
                && matches!(verdict, Ok(Verdict::Eligible(_)))
                && !pairs.iter().any(|(a, _)| a == advocate)
            {
                pairs.push((advocate.clone(), story.id.clone()));
            }
        }
    }
    pairs
}

/// Requests that are always accepted: pair `i % n` on a day that moves 100
/// days on every round through the pairs, so no window (at most 100 days
/// for the advocates chosen) holds two of an advocate's requests.
struct Requests {
    pairs: Vec<(String, String)>,
    next: usize,
    rep: Actor,
}

impl Requests {
    fn new(library: &Library) -> Requests {
        Requests { pairs: pairs(library), next: 0, rep: Actor::sales_rep("rep-bench") }
    }

    fn make(&mut self, program: &Program) {
        let (advocate, story) = &self.pairs[self.next % self.pairs.len()];
        let round = (self.next / self.pairs.len()) as i64;
        let day = FIRST.checked_add((round * 100).days()).expect("in range");
        self.next += 1;
        black_box(program.request(&self.rep, advocate, story, KIND, day, None).expect("an accepted request"));
    }
}

/// Requests per measured iteration: a fresh program takes this many.
const BURST: usize = 200;

fn fresh(library: &Library, durability: Option<Durability>) -> (tempfile::TempDir, Program, Requests) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let program = match durability {
        Some(durability) => {
            let mut options = Options::new();
            options.durability(durability);
            Program::create(library.clone(), dir.path(), &options).expect("create")
        }
        None => Program::new(library.clone()),
    };
    (dir, program, Requests::new(library))
}

fn request(c: &mut Criterion) {
    let library = Library::sample();
    let mut group = c.benchmark_group("ledger/request");
    group.sample_size(10);
    group.throughput(Throughput::Elements(BURST as u64));
    let batched = Durability::Batched(NonZeroU32::new(64).expect("non-zero"));
    let modes = [
        ("sync_each_append", Some(Durability::EveryAppend)),
        ("batched_64", Some(batched)),
        ("in_memory", None),
    ];
    for (name, durability) in modes {
        // A fresh program per iteration (not timed), so every iteration
        // starts from the sample's ledger.
        group.bench_function(name, |b| {
            b.iter_batched_ref(
                || fresh(&library, durability),
                |(_, program, requests)| {
                    for _ in 0..BURST {
                        requests.make(program);
                    }
                    program.flush().expect("flush");
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

fn rank_after_burst(c: &mut Criterion) {
    let library = Library::sample();
    let prospect = Prospect::new()
        .with_industry("commercial banking")
        .with_country("DE")
        .with_use_case("fraud detection");
    let rank_request = Request::new(KIND, FIRST.checked_add(150.days()).expect("in range"));
    let mut group = c.benchmark_group("ledger/rank");
    let (_dir, program, _) = fresh(&library, None);
    group.bench_function("fresh", |b| {
        b.iter(|| black_box(program.rank_advocates(&prospect, &rank_request).expect("a ranking")))
    });
    // The ranking right after a burst of requests (made untimed).
    group.bench_function("after_200_requests", |b| {
        b.iter_batched_ref(
            || {
                let (dir, program, mut requests) = fresh(&library, None);
                for _ in 0..BURST {
                    requests.make(&program);
                }
                (dir, program)
            },
            |(_, program)| black_box(program.rank_advocates(&prospect, &rank_request).expect("a ranking")),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3))
}

criterion_group! { name = benches; config = config(); targets = request, rank_after_burst }
criterion_main!(benches);
