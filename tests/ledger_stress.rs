//! Stress: eight threads request, approve, decline and cancel against the
//! sample program's advocates, thousands of operations in all. Afterwards
//! no window of any advocate exceeds the advocate's cap, no request made
//! here is closer than the rest period to another held engagement (both
//! counted by brute force), and the log replays to exactly the live state.

mod ledger_support;

use std::num::NonZeroU32;
use std::sync::Arc;

use jiff::ToSpan;
use jiff::civil::Date;
use ledger_support::{between, limits};
use refmatch::Library;
use refmatch::ledger::{Actor, Durability, Options, Program};
use refmatch::model::EngagementKind;

const THREADS: usize = 8;
const OPS_PER_THREAD: usize = 1000;

/// xorshift64*: enough randomness for a stress test, seeded per thread.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

#[test]
fn many_threads_never_overbook_and_the_log_replays() {
    let library = Library::sample();
    // Requestable pairs: each advocate with each story it tells.
    let pairs: Vec<(String, String, String)> = library
        .stories()
        .iter()
        .flat_map(|s| {
            s.advocates.iter().map(|a| {
                let owner = library.account(&s.account).expect("known").owner.clone();
                (a.clone(), s.id.clone(), owner)
            })
        })
        .collect();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut options = Options::new();
    options.durability(Durability::Batched(NonZeroU32::new(256).expect("non-zero")));
    let program = Arc::new(Program::create(library, dir.path(), &options).expect("create"));
    let start = Date::constant(2026, 11, 1);
    let pairs = Arc::new(pairs);

    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let (program, pairs) = (Arc::clone(&program), Arc::clone(&pairs));
            std::thread::spawn(move || {
                let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ ((t as u64 + 1) * 0x1234_5678));
                let rep = Actor::sales_rep(format!("rep-{t}"));
                let mut mine: Vec<String> = Vec::new();
                let mut accepted = 0usize;
                for _ in 0..OPS_PER_THREAD {
                    match rng.below(10) {
                        0..=5 => {
                            // Few advocates, a short span: threads collide.
                            let (advocate, story, _) = &pairs[rng.below(pairs.len().min(40))];
                            let date = start.checked_add((rng.below(150) as i64).days()).expect("in range");
                            let kind = EngagementKind::ALL[rng.below(2)];
                            if let Ok(id) = program.request(&rep, advocate, story, kind, date, None) {
                                mine.push(id);
                                accepted += 1;
                            }
                        }
                        6..=7 if !mine.is_empty() => {
                            let id = &mine[rng.below(mine.len())];
                            let record = program.record(id).expect("own request");
                            let owner = pairs
                                .iter()
                                .find(|(_, s, _)| *s == record.engagement.story)
                                .map(|(_, _, o)| o.clone())
                                .expect("a pair");
                            let _ = program.approve(&Actor::owner(owner), id, "ok");
                        }
                        8 if !mine.is_empty() => {
                            let id = mine.swap_remove(rng.below(mine.len()));
                            let _ = program.cancel(&rep, &id, "prospect went quiet");
                        }
                        _ if !mine.is_empty() => {
                            let _ = program.decline(&Actor::admin("ada"), &mine[rng.below(mine.len())], "no");
                        }
                        _ => {}
                    }
                }
                accepted
            })
        })
        .collect();
    let accepted: usize = threads.into_iter().map(|t| t.join().expect("a thread")).sum();
    assert!(accepted > 100, "only {accepted} requests accepted: the test asks too little");

    let state = program.state();
    let made_here = state.requests.iter().filter(|r| r.requested_by().is_some()).count();
    assert_eq!(made_here, accepted);
    let mut checked_windows = 0usize;
    for advocate in &state.library.advocates {
        let (cap, window, rest) = limits(&state, &advocate.id);
        let held: Vec<(Date, bool)> = state
            .requests
            .iter()
            .filter(|r| r.engagement.advocate == advocate.id && r.engagement.status.is_held())
            .map(|r| (r.engagement.date, r.requested_by().is_some()))
            .collect();
        for &(date, new) in &held {
            // Every window containing a held engagement, one by one (the
            // sample's own ledger keeps the caps too).
            for back in 0..i64::from(window) {
                let first = date.checked_sub(back.days()).expect("in range");
                let count = held
                    .iter()
                    .filter(|&&(h, _)| (0..i64::from(window)).contains(&between(first, h)))
                    .count();
                assert!(
                    count <= cap as usize,
                    "{}: {count} held in the {window} days from {first}",
                    advocate.id
                );
                checked_windows += 1;
            }
            if !new {
                continue;
            }
            let too_close = held.iter().filter(|&&(h, _)| between(h, date).abs() < i64::from(rest)).count();
            assert_eq!(too_close, 1, "{}: a request on {date} within {rest} days of another", advocate.id);
        }
    }
    assert!(checked_windows > 0);
    eprintln!(
        "{accepted} requests accepted, {} operations logged, {checked_windows} windows checked",
        state.seq
    );

    program.flush().expect("flush");
    drop(program);
    let (reopened, report) = Program::open(dir.path(), &Options::new()).expect("open");
    assert_eq!(report.replayed as u64, state.seq);
    assert_eq!(reopened.state(), state);
}
