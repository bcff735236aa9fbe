//! Ledger benchmarks: the cost of one request at 1k, 10k and 100k
//! advocates (in memory, so only the ledger's own work is timed), replay
//! on open, durable requests per second from 1 and 8 threads (group
//! commit), batched syncs, ranking right after a burst of requests, and
//! a sync with a CRM export at each size, and the change of one advocate
//! or story at each size (the index changed in place).
//!
//! `cargo bench --bench ledger`. Logs are written to a temporary
//! directory, so the sync figures are those of the disk `TMPDIR` is on.

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group};
use jiff::ToSpan;
use refmatch::ledger::{Actor, Durability, Options, Program, Record, RecordKind, SyncOptions};
use refmatch::model::EngagementKind;
use refmatch::rank::Request;
use refmatch::{Date, Library, Prospect};
use refmatch::{LibraryData, model::Account, model::Advocate, model::Story};

const KIND: EngagementKind = EngagementKind::ReferenceCall;
const FIRST: Date = Date::constant(2031, 1, 6);

/// Synthetic libraries of about 1k, 10k and 100k advocates.
const SIZES: [(usize, &str); 3] = [(1_700, "1k"), (17_000, "10k"), (170_000, "100k")];

fn library(candidates: usize) -> Library {
    Library::new(support::synthetic::library(candidates, 42)).expect("synthetic libraries are valid")
}

/// Up to `n` (advocate, story) pairs that can be asked on `FIRST` and every
/// 100 days after: a request of each is accepted by a fresh program.
fn pairs(library: &Library, n: usize) -> Vec<(String, String)> {
    let program = Program::new(library.clone());
    let rep = Actor::sales_rep("rep-bench");
    let mut pairs = Vec::new();
    for story in library.stories().iter().filter(|s| s.approved && s.approved_until.is_none()) {
        for advocate in &story.advocates {
            let found = library.advocate(advocate).expect("a known advocate");
            let short =
                found.window_days.is_none_or(|w| w <= 100) && found.rest_days.is_none_or(|r| r <= 100);
            if pairs.len() < n
                && short
                && !pairs.iter().any(|(a, _): &(String, String)| a == advocate)
                && program.request(&rep, advocate, &story.id, KIND, FIRST, None).is_ok()
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
    fn new(pairs: Vec<(String, String)>, rep: &str) -> Requests {
        Requests { pairs, next: 0, rep: Actor::sales_rep(rep) }
    }

    fn make(&mut self, program: &Program) {
        let (advocate, story) = &self.pairs[self.next % self.pairs.len()];
        let round = (self.next / self.pairs.len()) as i64;
        let day = FIRST.checked_add((round * 100).days()).expect("in range");
        self.next += 1;
        black_box(program.request(&self.rep, advocate, story, KIND, day, None).expect("an accepted request"));
    }
}

fn options(durability: Durability) -> Options {
    let mut options = Options::new();
    options.durability(durability);
    options
}

/// Requests per measured iteration of the cost bench: each advocate is
/// asked at most once, so every iteration does the same work.
const COST_BURST: usize = 400;

/// One request on programs of growing size, in memory: the ledger's own
/// cost (checks, state, ranking view), which must not grow with the size.
fn request_cost(c: &mut Criterion) {
    let mut group = c.benchmark_group("ledger/request_cost");
    group.sample_size(10);
    group.throughput(Throughput::Elements(COST_BURST as u64));
    for (candidates, name) in SIZES {
        let library = library(candidates);
        eprintln!("ledger {name}: {} advocates", library.advocates().len());
        let pairs = pairs(&library, COST_BURST);
        assert_eq!(pairs.len(), COST_BURST, "{name}: too few advocates to ask");
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    // A fresh program per iteration (not timed), with one
                    // request made, so the first push does not time the
                    // one-off growth of the ledger's vector of records.
                    let program = Program::new(library.clone());
                    let (advocate, story) = &pairs[0];
                    let later = FIRST.checked_add(20.years()).expect("in range");
                    program
                        .request(&Actor::admin("warm"), advocate, story, KIND, later, None)
                        .expect("accepted");
                    let mut requests = Requests::new(pairs.clone(), "rep-bench");
                    let start = Instant::now();
                    for _ in 0..COST_BURST {
                        requests.make(&program);
                    }
                    total += start.elapsed();
                }
                total
            })
        });
    }
    group.finish();
}

/// Opening a ledger: the fixed part (reading, one index build) with an
/// empty log, and with 2,000 logged requests to replay.
fn replay(c: &mut Criterion) {
    let mut group = c.benchmark_group("ledger/open");
    group.sample_size(10);
    for (candidates, name) in SIZES {
        let library = library(candidates);
        let pairs = pairs(&library, 2_000);
        for ops in [0, 2_000] {
            let dir = tempfile::tempdir().expect("a temporary directory");
            {
                let batched = options(Durability::Batched(NonZeroU32::new(512).expect("non-zero")));
                let program = Program::create(library.clone(), dir.path(), &batched).expect("create");
                let mut requests = Requests::new(pairs.clone(), "rep-bench");
                for _ in 0..ops.min(pairs.len()) {
                    requests.make(&program);
                }
            }
            let id = BenchmarkId::new(name, format!("{ops}_ops"));
            group.bench_function(id, |b| {
                b.iter(|| black_box(Program::open(dir.path(), &Options::new()).expect("open")))
            });
        }
    }
    group.finish();
}

/// Requests per measured iteration of the throughput benches.
const BURST: usize = 800;

/// Durable requests per second from 1 and 8 threads (group commit), and
/// with batched syncs and in memory for comparison.
fn throughput(c: &mut Criterion) {
    let library = library(SIZES[0].0);
    let pairs = pairs(&library, 4096);
    let mut group = c.benchmark_group("ledger/request");
    group.sample_size(10);
    group.throughput(Throughput::Elements(BURST as u64));
    let batched = Durability::Batched(NonZeroU32::new(64).expect("non-zero"));
    let modes = [
        ("durable_1_thread", Some(Durability::EveryAppend), 1),
        ("durable_8_threads", Some(Durability::EveryAppend), 8),
        ("batched_64_1_thread", Some(batched), 1),
        ("in_memory_1_thread", None, 1),
    ];
    for (name, durability, threads) in modes {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    // A fresh program per iteration (not timed).
                    let dir = tempfile::tempdir().expect("a temporary directory");
                    let program = Arc::new(match durability {
                        Some(durability) => {
                            Program::create(library.clone(), dir.path(), &options(durability))
                                .expect("create")
                        }
                        None => Program::new(library.clone()),
                    });
                    let per_thread = pairs.len() / threads;
                    let workers: Vec<Requests> = (0..threads)
                        .map(|t| {
                            let mine = pairs[t * per_thread..(t + 1) * per_thread].to_vec();
                            Requests::new(mine, &format!("rep-{t}"))
                        })
                        .collect();
                    let start = Instant::now();
                    std::thread::scope(|scope| {
                        for mut worker in workers {
                            let program = Arc::clone(&program);
                            scope.spawn(move || {
                                for _ in 0..BURST / threads {
                                    worker.make(&program);
                                }
                            });
                        }
                    });
                    program.flush().expect("flush");
                    total += start.elapsed();
                }
                total
            })
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
    let program = Program::new(library.clone());
    group.bench_function("fresh", |b| {
        b.iter(|| black_box(program.rank_advocates(&prospect, &rank_request).expect("a ranking")))
    });
    let pairs = pairs(&library, 64);
    // The ranking right after a burst of requests (made untimed).
    group.bench_function("after_200_requests", |b| {
        b.iter_batched_ref(
            || {
                let program = Program::new(library.clone());
                let mut requests = Requests::new(pairs.clone(), "rep-bench");
                for _ in 0..200 {
                    requests.make(&program);
                }
                program
            },
            |program| black_box(program.rank_advocates(&prospect, &rank_request).expect("a ranking")),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// A fresh CRM export of `library`'s program: 1 % of the advocates with a
/// new title, 10 new accounts, and 10 advocates no engagement names gone
/// (retired by the sync), with their quotes.
fn crm_export(library: &Library) -> LibraryData {
    let mut data = Program::new(library.clone()).export();
    let step = 100;
    for advocate in data.advocates.iter_mut().step_by(step) {
        advocate.title.push_str(" (promoted)");
    }
    let template: Account = data.accounts[0].clone();
    for n in 0..10 {
        data.accounts.push(Account { id: format!("acc-sync-{n}"), ..template.clone() });
    }
    let engaged: std::collections::HashSet<&str> =
        data.engagements.iter().map(|e| e.advocate.as_str()).collect();
    let gone: Vec<String> = data
        .advocates
        .iter()
        .filter(|a| !engaged.contains(a.id.as_str()))
        .take(10)
        .map(|a| a.id.clone())
        .collect();
    data.advocates.retain(|a| !gone.contains(&a.id));
    for story in &mut data.stories {
        story.advocates.retain(|a| !gone.contains(a));
    }
    data.quotes.retain(|q| !gone.contains(&q.advocate));
    data
}

fn sync_options() -> SyncOptions {
    SyncOptions::new("2026-12-01T00:00:00Z".parse().expect("a time"))
}

/// One sync of a fresh export (about 1 % of the records changed) on
/// programs of growing size, in memory: diff, check (a validation of the
/// whole program), apply and index rebuild.
fn sync_cost(c: &mut Criterion) {
    let mut group = c.benchmark_group("ledger/sync");
    group.sample_size(10);
    for (candidates, name) in SIZES {
        let library = library(candidates);
        let export = crm_export(&library);
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter_batched(
                || (Program::new(library.clone()), export.clone()),
                |(program, export)| {
                    let report = program.sync(export, &Actor::admin("ada"), &sync_options()).expect("a sync");
                    assert!(report.applied);
                    black_box((program, report))
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// Libraries with the generator's texts and quotes, for record changes
/// (a story's change analyses its text).
fn text_library(candidates: usize) -> Library {
    let data = support::synthetic::with_text(support::synthetic::library(candidates, 42), 42);
    Library::new(data).expect("synthetic libraries are valid")
}

/// Changes of single records, as a CRM sends them: every eighth advocate's
/// languages, every eighth story's approval and every eighth quote's text,
/// each in two versions, taken in turn so that every change changes
/// something.
fn record_changes(library: &Library) -> Vec<Record> {
    let mut changes = Vec::new();
    for (advocate, story) in
        library.advocates().iter().step_by(8).zip(library.stories().iter().step_by(8)).take(64)
    {
        let mut speaks = advocate.clone();
        speaks.languages.push("pt".into());
        changes.extend([Record::Advocate(speaks), Record::Advocate(advocate.clone())]);
        let mut until = story.clone();
        until.approved_until = Some(FIRST);
        changes.extend([Record::Story(until), Record::Story(story.clone())]);
    }
    for quote in library.quotes().iter().step_by(8).take(64) {
        let mut said = quote.clone();
        said.text.push_str(" Again.");
        changes.extend([Record::Quote(said), Record::Quote(quote.clone())]);
    }
    changes
}

/// One change of one advocate or story ([`Program::upsert`]) on programs of
/// growing size, in memory: rights, the check of the record and its
/// neighbours, the change of the state and of the ranking index in place.
fn change_cost(c: &mut Criterion) {
    let mut group = c.benchmark_group("ledger/change");
    for (candidates, name) in SIZES {
        let library = text_library(candidates);
        let changes = record_changes(&library);
        let program = Program::new(library);
        let admin = Actor::admin("ada");
        let mut next = 0;
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                let change = changes[next % changes.len()].clone();
                next += 1;
                program.upsert(&admin, change).expect("a valid change")
            })
        });
        // A new advocate each time, at each account in turn: the program
        // grows by one advocate per iteration (by a few per cent at 100k
        // over a run, several times over at 1k, whose figure is then that
        // of a larger program).
        let template = program.export().advocates[0].clone();
        let accounts: Vec<String> = program.export().accounts.iter().map(|a| a.id.clone()).collect();
        let mut added = 0;
        group.bench_function(BenchmarkId::new("new_advocate", name), |b| {
            b.iter(|| {
                let account = accounts[added % accounts.len()].clone();
                let advocate = Advocate { id: format!("adv-bench-{added:08}"), account, ..template.clone() };
                added += 1;
                program.upsert(&admin, Record::Advocate(advocate)).expect("a valid change")
            })
        });
        // A new story each time, a copy of one of every 7th story in turn
        // (told by the same advocates, its text analysed): the program grows
        // by one story per iteration.
        let templates: Vec<_> = program.export().stories.into_iter().step_by(7).collect();
        let mut told = 0;
        group.bench_function(BenchmarkId::new("new_story", name), |b| {
            b.iter(|| {
                let template = &templates[told % templates.len()];
                let story = Story { id: format!("st-bench-{told:08}"), ..template.clone() };
                told += 1;
                program.upsert(&admin, Record::Story(story)).expect("a valid change")
            })
        });
        // Removals: an advocate or a story added (untimed) and taken out
        // again (timed), so the program keeps its size.
        let mut removed = 0;
        group.bench_function(BenchmarkId::new("remove_advocate", name), |b| {
            b.iter_batched(
                || {
                    let account = accounts[removed % accounts.len()].clone();
                    let id = format!("adv-gone-{removed:08}");
                    removed += 1;
                    let advocate = Advocate { id: id.clone(), account, ..template.clone() };
                    program.upsert(&admin, Record::Advocate(advocate)).expect("a valid change");
                    id
                },
                |id| program.remove(&admin, RecordKind::Advocate, &id).expect("nothing refers to it"),
                BatchSize::SmallInput,
            )
        });
        group.bench_function(BenchmarkId::new("remove_story", name), |b| {
            b.iter_batched(
                || {
                    let template = &templates[removed % templates.len()];
                    let id = format!("st-gone-{removed:08}");
                    removed += 1;
                    let story = Story { id: id.clone(), ..template.clone() };
                    program.upsert(&admin, Record::Story(story)).expect("a valid change");
                    id
                },
                |id| program.remove(&admin, RecordKind::Story, &id).expect("nothing refers to it"),
                BatchSize::SmallInput,
            )
        });
        // One advocate (who tells no story) moving between two accounts.
        let mover =
            Advocate { id: "adv-bench-mover".into(), account: accounts[0].clone(), ..template.clone() };
        program.upsert(&admin, Record::Advocate(mover.clone())).expect("a valid change");
        let mut moves = 0;
        group.bench_function(BenchmarkId::new("move_advocate", name), |b| {
            b.iter(|| {
                moves += 1;
                let account = accounts[moves % 2 * (accounts.len() / 2)].clone();
                program
                    .upsert(&admin, Record::Advocate(Advocate { account, ..mover.clone() }))
                    .expect("a move")
            })
        });
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3))
}

criterion_group! { name = benches; config = config(); targets = request_cost, replay, throughput, rank_after_burst, sync_cost, change_cost }

/// With `LEDGER_ONCE=1k` (or `10k`, `100k`), makes one burst of requests at
/// that size and exits, for counting instructions:
/// `LEDGER_ONCE=100k valgrind --tool=callgrind --toggle-collect='*Program*request*' target/release/deps/ledger-*`
/// counts only the requests, not the setup.
fn once(size: &str) {
    let (candidates, _) = SIZES.iter().copied().find(|&(_, name)| name == size).expect("1k, 10k or 100k");
    let library = library(candidates);
    let pairs = pairs(&library, COST_BURST);
    let program = Program::new(library);
    let (advocate, story) = &pairs[0];
    let later = FIRST.checked_add(20.years()).expect("in range");
    program.request(&Actor::admin("warm"), advocate, story, KIND, later, None).expect("accepted");
    let mut requests = Requests::new(pairs, "rep-bench");
    for _ in 0..COST_BURST {
        requests.make(&program);
    }
    eprintln!("{COST_BURST} requests made");
}

/// With `LEDGER_SYNC_ONCE=10k` (or `1k`, `100k`), makes one sync at that
/// size and exits, for counting instructions:
/// `LEDGER_SYNC_ONCE=10k valgrind --tool=callgrind --toggle-collect='*Program*sync*' target/release/deps/ledger-*`
fn sync_once(size: &str) {
    let (candidates, _) = SIZES.iter().copied().find(|&(_, name)| name == size).expect("1k, 10k or 100k");
    let library = library(candidates);
    let export = crm_export(&library);
    let program = Program::new(library);
    let report = program.sync(export, &Actor::admin("ada"), &sync_options()).expect("a sync");
    eprintln!("{}", report.counts.changed + report.counts.added + report.counts.retired);
}

/// With `LEDGER_CHANGE_ONCE=100k` (or `1k`, `10k`), makes the 512 record
/// changes of `ledger/change` once at that size and exits, for counting
/// instructions:
/// `LEDGER_CHANGE_ONCE=100k valgrind --tool=callgrind --toggle-collect='*Program*upsert*' target/release/deps/ledger-*`
///
/// It then adds 64 advocates and 64 stories and removes them again: count
/// the removals with
/// `--toggle-collect='*Program*remove*'`.
fn change_once(size: &str) {
    let (candidates, _) = SIZES.iter().copied().find(|&(_, name)| name == size).expect("1k, 10k or 100k");
    let library = text_library(candidates);
    let changes = record_changes(&library);
    let program = Program::new(library);
    let admin = Actor::admin("ada");
    for change in &changes {
        program.upsert(&admin, change.clone()).expect("a valid change");
    }
    eprintln!("{} changes made", changes.len());
    let export = program.export();
    let (template, stories) = (export.advocates[0].clone(), export.stories.iter().step_by(7).take(64));
    for (n, story) in stories.enumerate() {
        let account = export.accounts[n % export.accounts.len()].id.clone();
        let advocate = Advocate { id: format!("adv-gone-{n:04}"), account, ..template.clone() };
        program.upsert(&admin, Record::Advocate(advocate)).expect("a valid change");
        let story = Story { id: format!("st-gone-{n:04}"), ..story.clone() };
        program.upsert(&admin, Record::Story(story)).expect("a valid change");
    }
    for n in 0..64 {
        program
            .remove(&admin, RecordKind::Advocate, &format!("adv-gone-{n:04}"))
            .expect("nothing refers to it");
        program.remove(&admin, RecordKind::Story, &format!("st-gone-{n:04}")).expect("nothing refers to it");
    }
    eprintln!("128 records added and removed");
}

fn main() {
    if let Ok(size) = std::env::var("LEDGER_SYNC_ONCE") {
        return sync_once(&size);
    }
    if let Ok(size) = std::env::var("LEDGER_CHANGE_ONCE") {
        return change_once(&size);
    }
    match std::env::var("LEDGER_ONCE") {
        Ok(size) => once(&size),
        Err(_) => {
            benches();
            criterion::Criterion::default().configure_from_args().final_summary();
        }
    }
}
