//! Ledger benchmarks: requests per second through `Program::request` with
//! a sync per append, with batched syncs and in memory, and ranking right
//! after a burst of requests.
//!
//! `cargo bench --bench ledger`. The log is written to a temporary
//! directory, so the sync figures are those of the disk `TMPDIR` is on.

use std::hint::black_box;
use std::num::NonZeroU32;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
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
            if matches!(verdict, Ok(Verdict::Eligible(_))) && !pairs.iter().any(|(a, _)| a == advocate) {
                pairs.push((advocate.clone(), story.id.clone()));
            }
        }
    }
    pairs
}

/// Requests that are always accepted: pair `i % n` on a day that moves 30
/// days on every round through the pairs, so no window holds more than
/// three of an advocate's requests and no two are within the rest period.
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
        let day = FIRST.checked_add((round * 30).days()).expect("in range");
        self.next += 1;
        black_box(program.request(&self.rep, advocate, story, KIND, day, None).expect("an accepted request"));
    }
}

fn request(c: &mut Criterion) {
    let library = Library::sample();
    let mut group = c.benchmark_group("ledger/request");
    group.sample_size(20);
    let batched = Durability::Batched(NonZeroU32::new(64).expect("non-zero"));
    for (name, durability) in [
        ("sync_each_append", Some(Durability::EveryAppend)),
        ("batched_64", Some(batched)),
        ("in_memory", None),
    ] {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let program = match durability {
            Some(durability) => {
                let mut options = Options::new();
                options.durability(durability);
                Program::create(library.clone(), dir.path(), &options).expect("create")
            }
            None => Program::new(library.clone()),
        };
        let mut requests = Requests::new(&library);
        group.bench_function(name, |b| b.iter(|| requests.make(&program)));
    }
    group.finish();
}

fn rank_after_burst(c: &mut Criterion) {
    let library = Library::sample();
    let program = Program::new(library.clone());
    let mut requests = Requests::new(&library);
    let prospect = Prospect::new()
        .with_industry("commercial banking")
        .with_country("DE")
        .with_use_case("fraud detection");
    let rank_request = Request::new(KIND, FIRST.checked_add(400.days()).expect("in range"));
    let mut group = c.benchmark_group("ledger/rank");
    group.bench_function("alone", |b| {
        b.iter(|| black_box(program.rank_advocates(&prospect, &rank_request).expect("a ranking")))
    });
    group.bench_function("after_16_requests", |b| {
        b.iter(|| {
            for _ in 0..16 {
                requests.make(&program);
            }
            black_box(program.rank_advocates(&prospect, &rank_request).expect("a ranking"))
        })
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3))
}

criterion_group! { name = benches; config = config(); targets = request, rank_after_burst }
criterion_main!(benches);
