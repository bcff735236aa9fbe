//! The ledger under injected i/o errors: a write, a sync or a cut failing
//! at every call of a script ([`super::store::faults`]). Each refused
//! operation must be taken back out of memory, never reappear on
//! reopening, and stop the program from accepting further changes.

use jiff::Timestamp;
use jiff::civil::Date;
use std::num::NonZeroU32;

use super::store::faults::{self, Point};
use super::{Actor, Durability, Error, Options, Program, ProgramState};
use crate::model::EngagementKind;
use crate::rank::{Request, Verdict};
use crate::{Library, Prospect};

const CALL: EngagementKind = EngagementKind::ReferenceCall;

fn options(durability: Durability) -> Options {
    let mut options = Options::new();
    options.durability(durability).clock(|| "2027-06-01T09:00:00Z".parse::<Timestamp>().expect("a time"));
    options
}

/// Six (advocate, story) pairs of the sample that can be asked in 2028.
fn pairs(library: &Library) -> Vec<(String, String)> {
    let program = Program::new(library.clone());
    let day = Date::constant(2028, 1, 3);
    let mut pairs: Vec<(String, String)> = Vec::new();
    for story in library.stories().iter().filter(|s| s.approved && s.approved_until.is_none()) {
        for advocate in &story.advocates {
            let verdict = program.explain(advocate, &Prospect::new(), &Request::new(CALL, day));
            if matches!(verdict, Ok(Verdict::Eligible(_))) && !pairs.iter().any(|(a, _)| a == advocate) {
                pairs.push((advocate.clone(), story.id.clone()));
            }
        }
    }
    pairs.truncate(6);
    pairs
}

/// One step of the script: a request of pair `i`, or the approval by an
/// admin of the request made at step `i`.
fn step(program: &Program, pairs: &[(String, String)], ids: &mut Ids, n: usize) -> Result<(), Error> {
    if n % 3 == 2 {
        let id = ids[&(n - 1)].clone();
        return program.approve(&Actor::admin("ada"), &id, "fine");
    }
    let (advocate, story) = &pairs[n % pairs.len()];
    let day = Date::constant(2028, 1, 3).checked_add(jiff::Span::new().days(n as i64 * 20)).expect("a day");
    let id = program.request(&Actor::sales_rep("rita"), advocate, story, CALL, day, None)?;
    ids.insert(n, id);
    Ok(())
}

/// The request id made at each step.
type Ids = std::collections::HashMap<usize, String>;

const STEPS: usize = 9;

/// Asserts two states are equal, saying only how they differ in size.
#[track_caller]
fn same(found: &ProgramState, expected: &ProgramState, what: &str) {
    assert!(
        found == expected,
        "{what}: found seq {} with {} requests, expected seq {} with {} requests",
        found.seq,
        found.requests.len(),
        expected.seq,
        expected.requests.len()
    );
}

/// Runs the script with the `nth` call at `point` failing, and checks every
/// promise. Returns whether the failure happened within the script.
fn run_with_failure(durability: Durability, point: Point, nth: u32, sticky: bool) -> bool {
    let library = Library::sample();
    let pairs = pairs(&library);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let program = Program::create(library, dir.path(), &options(durability)).expect("create");
    let mut durable: ProgramState = program.state();
    // Under `Batched(3)` a sync runs when 3 operations are not durable.
    let mut undurable = 0;
    let mut ids = Ids::new();
    faults::fail_at(point, nth, sticky);
    let mut failed_at = None;
    for n in 1..=STEPS {
        let before = program.state();
        match step(&program, &pairs, &mut ids, n) {
            Ok(()) => {
                undurable += 1;
                if durability == Durability::EveryAppend || undurable == 3 {
                    durable = program.state();
                    undurable = 0;
                }
            }
            Err(Error::Io { .. }) => {
                failed_at = Some(n);
                // Taken out again: the state is the last durable one.
                let now = program.state();
                if durability == Durability::EveryAppend {
                    same(&now, &before, &format!("{point:?} #{nth}: the refused step {n} stayed in memory"));
                }
                same(&now, &durable, &format!("{point:?} #{nth}: memory is not the last durable state"));
                break;
            }
            Err(other) => panic!("{point:?} #{nth}: step {n} failed with {other}"),
        }
        if durability != Durability::EveryAppend && n % 4 == 0 {
            match program.flush() {
                Ok(()) => {
                    durable = program.state();
                    undurable = 0;
                }
                Err(Error::Io { .. }) => {
                    failed_at = Some(n);
                    same(
                        &program.state(),
                        &durable,
                        &format!("{point:?} #{nth}: flush left undurable steps"),
                    );
                    break;
                }
                Err(other) => panic!("{point:?} #{nth}: flush failed with {other}"),
            }
        }
    }
    let happened = faults::fired();
    if let Some(n) = failed_at {
        // Stopped: every later change is refused, reads still work.
        let next_request = if (n + 1) % 3 == 2 { n + 2 } else { n + 1 };
        let next = step(&program, &pairs, &mut ids, next_request);
        assert!(matches!(next, Err(Error::Poisoned { .. })), "{point:?} #{nth}: {next:?}");
        assert!(matches!(program.flush(), Err(Error::Poisoned { .. })));
        assert!(program.fatigue(&pairs[0].0, Date::constant(2028, 1, 3)).is_ok());
    }
    faults::clear();
    if failed_at.is_none() {
        // Dropping the program syncs what is left.
        durable = program.state();
    }
    let cut_failed = sticky && failed_at.is_some();
    drop(program);
    let (reopened, _) = Program::open(dir.path(), &options(durability)).expect("reopen");
    if !cut_failed {
        // A refused step never reappears; every durable one is there.
        same(
            &reopened.state(),
            &durable,
            &format!("{durability:?} {point:?} #{nth}: reopening changed the state"),
        );
    }
    happened
}

#[test]
fn an_io_error_at_every_write_and_sync_takes_the_step_out_and_stops_the_program() {
    for durability in [Durability::EveryAppend, Durability::Batched(NonZeroU32::new(3).expect("3"))] {
        for point in [Point::Write, Point::Sync] {
            let mut nth = 1;
            while run_with_failure(durability, point, nth, false) {
                nth += 1;
            }
            assert!(nth > 3, "{durability:?} {point:?}: the script made only {} calls", nth - 1);
        }
    }
}

#[test]
fn when_even_the_cut_fails_the_error_says_so() {
    let library = Library::sample();
    let pairs = pairs(&library);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let program = Program::create(library, dir.path(), &options(Durability::EveryAppend)).expect("create");
    let mut ids = Ids::new();
    step(&program, &pairs, &mut ids, 1).expect("a first request");
    let before = program.state();
    faults::fail_at(Point::Sync, 1, true);
    let err = step(&program, &pairs, &mut ids, 3).expect_err("the sync fails");
    assert!(matches!(err, Error::Io { .. }), "{err}");
    same(&program.state(), &before, "after the failed sync");
    let poisoned = step(&program, &pairs, &mut ids, 4).expect_err("poisoned");
    let message = poisoned.to_string();
    assert!(message.contains("could not be cut back") && message.contains("reopen"), "{message}");
    faults::clear();
}
