//! The ledger's files: replay reproduces the live state, a torn last line
//! (cut at every byte) loses nothing committed before it, a corrupt line in
//! the middle is an error naming the line, and compaction is atomic.

mod ledger_support;

use std::num::NonZeroU32;
use std::path::Path;

use ledger_support::{day, fixed_options, small_library};
use refmatch::ledger::{Actor, AdvocateUpdate, Durability, Error, Options, Program, ProgramState};
use refmatch::model::{AdvocateStatus, EngagementKind};

const CALL: EngagementKind = EngagementKind::ReferenceCall;
const LOG: &str = "ledger.jsonl";

/// Runs a mixed script of operations and returns the state after each.
fn script(program: &Program) -> Vec<ProgramState> {
    let rep = Actor::sales_rep("rita");
    let mut states = vec![program.state()];
    let mut ids = Vec::new();
    for (advocate, story, d) in
        [("adv-1", "st-1", 0), ("adv-2", "st-1", 3), ("adv-3", "st-3", 10), ("adv-1", "st-1", 20)]
    {
        ids.push(program.request(&rep, advocate, story, CALL, day(d), Some("Prospect \"Ü\"\nLtd")).unwrap());
        states.push(program.state());
    }
    program.approve(&Actor::owner("olga"), &ids[0], "ok, with a \"quote\"").unwrap();
    states.push(program.state());
    program.cancel(&rep, &ids[1], "").unwrap();
    states.push(program.state());
    let paused = AdvocateUpdate { status: Some(AdvocateStatus::Paused), ..AdvocateUpdate::default() };
    program.update_advocate(&Actor::advocate("adv-2"), "adv-2", paused).unwrap();
    states.push(program.state());
    program.hide_account(&Actor::admin("ada"), "acc-2", true).unwrap();
    states.push(program.state());
    let mut policy = program.state().policy;
    policy.cap = 2;
    program.set_policy(&Actor::admin("ada"), policy).unwrap();
    states.push(program.state());
    program.complete(&rep, &ids[0], "done").unwrap();
    states.push(program.state());
    states
}

fn open(dir: &Path) -> (Program, refmatch::ledger::OpenReport) {
    Program::open(dir, &fixed_options()).unwrap_or_else(|e| panic!("open failed: {e}"))
}

#[test]
fn reopening_replays_to_the_same_state_in_both_durability_modes() {
    for durability in [Durability::EveryAppend, Durability::Batched(NonZeroU32::new(4).unwrap())] {
        let dir = tempfile::tempdir().unwrap();
        let mut options = fixed_options();
        options.durability(durability);
        let program = Program::create(small_library(), dir.path(), &options).unwrap();
        let states = script(&program);
        program.flush().unwrap();
        drop(program);
        let (reopened, report) = open(dir.path());
        assert_eq!(report.replayed, states.len() - 1);
        assert_eq!(report.torn, None);
        assert_eq!(&reopened.state(), states.last().unwrap());
        // The ranking view is rebuilt from the replayed state.
        let fatigue = reopened.fatigue("adv-1", day(10)).unwrap();
        assert_eq!((fatigue.used, fatigue.cap), (2, 2));
    }
}

#[test]
fn creating_over_an_existing_ledger_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    Program::create(small_library(), dir.path(), &fixed_options()).unwrap();
    let err = Program::create(small_library(), dir.path(), &fixed_options()).unwrap_err();
    assert!(matches!(err, Error::Exists { .. }), "{err}");
    assert!(err.to_string().contains("snapshot.json"), "{err}");
}

#[test]
fn a_torn_last_line_cut_at_every_byte_loses_nothing_before_it() {
    let source = tempfile::tempdir().unwrap();
    let program = Program::create(small_library(), source.path(), &fixed_options()).unwrap();
    let states = script(&program);
    drop(program);
    let log = std::fs::read(source.path().join(LOG)).unwrap();
    let snapshot = std::fs::read(source.path().join("snapshot.json")).unwrap();
    assert_eq!(log.last(), Some(&b'\n'));
    let last_start = log[..log.len() - 1].iter().rposition(|&b| b == b'\n').unwrap() + 1;
    let lines = log.iter().filter(|&&b| b == b'\n').count();
    let before_last = &states[states.len() - 2];
    for cut in last_start..log.len() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("snapshot.json"), &snapshot).unwrap();
        std::fs::write(dir.path().join(LOG), &log[..cut]).unwrap();
        let (program, report) = open(dir.path());
        assert_eq!(&program.state(), before_last, "cut at byte {cut}");
        assert_eq!(report.replayed, lines - 1, "cut at byte {cut}");
        match report.torn {
            None => assert_eq!(cut, last_start, "an incomplete line went unreported at byte {cut}"),
            Some(torn) => {
                assert_eq!((torn.line, torn.bytes), (lines, cut - last_start), "cut at byte {cut}");
            }
        }
        // The torn tail is cut off: the next append starts a clean line.
        program.request(&Actor::sales_rep("rita"), "adv-1", "st-1", CALL, day(200), None).unwrap();
        let expected = program.state();
        drop(program);
        let (reopened, report) = open(dir.path());
        assert_eq!(report.torn, None, "cut at byte {cut}");
        assert_eq!(reopened.state(), expected, "cut at byte {cut}");
    }
}

#[test]
fn an_unparsable_last_line_is_torn_but_a_corrupt_middle_line_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let program = Program::create(small_library(), dir.path(), &fixed_options()).unwrap();
    let states = script(&program);
    drop(program);
    let path = dir.path().join(LOG);
    let good = std::fs::read_to_string(&path).unwrap();

    std::fs::write(&path, format!("{good}{{\"seq\": 99, \"op\": \"requ\n")).unwrap();
    let (program, report) = open(dir.path());
    assert_eq!(&program.state(), states.last().unwrap());
    assert_eq!(report.torn.map(|t| t.line), Some(good.lines().count() + 1));
    drop(program);

    let mut lines: Vec<&str> = good.lines().collect();
    lines[2] = "{\"seq\": 3, \"op\": \"teleport\"}";
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let err = Program::open(dir.path(), &fixed_options()).unwrap_err();
    assert!(matches!(err, Error::Corrupt { line: 3, .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("ledger.jsonl, line 3: not a ledger operation"), "{message}");

    // A line out of sequence is corrupt too: a committed line went missing.
    let mut lines: Vec<&str> = good.lines().collect();
    lines.remove(1);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let err = Program::open(dir.path(), &fixed_options()).unwrap_err();
    assert!(err.to_string().contains("line 2: sequence number 3 out of order: expected 2"), "{err}");

    // Bytes that are not UTF-8 in the middle: an error, not a panic.
    let mut bytes = good.clone().into_bytes();
    bytes.splice(0..0, b"\xff\xfe garbage\n".iter().copied());
    std::fs::write(&path, bytes).unwrap();
    let err = Program::open(dir.path(), &fixed_options()).unwrap_err();
    assert!(matches!(err, Error::Corrupt { line: 1, .. }), "{err}");

    // A line naming a request that does not exist.
    let mut lines: Vec<String> = good.lines().map(str::to_string).collect();
    lines[4] = lines[4].replace("eng-0001", "eng-0999");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let err = Program::open(dir.path(), &fixed_options()).unwrap_err();
    assert!(err.to_string().contains("line 5: unknown request id `eng-0999`"), "{err}");

    std::fs::write(dir.path().join("snapshot.json"), "{\"seq\": 0,\n \"library\": 7}").unwrap();
    let err = Program::open(dir.path(), &fixed_options()).unwrap_err();
    assert!(err.to_string().contains("snapshot.json, line 2: not a ledger snapshot"), "{err}");
}

#[test]
fn compaction_keeps_the_state_and_survives_a_crash_halfway() {
    let dir = tempfile::tempdir().unwrap();
    let program = Program::create(small_library(), dir.path(), &fixed_options()).unwrap();
    let states = script(&program);
    let old_log = std::fs::read(dir.path().join(LOG)).unwrap();
    program.compact().unwrap();
    assert_eq!(std::fs::read(dir.path().join(LOG)).unwrap(), b"");
    program.request(&Actor::sales_rep("rita"), "adv-1", "st-1", CALL, day(300), None).unwrap();
    let after = program.state();
    drop(program);
    let (reopened, report) = open(dir.path());
    assert_eq!((report.replayed, report.already_in_snapshot), (1, 0));
    assert_eq!(reopened.state(), after);
    drop(reopened);

    // A crash after the snapshot was written but before the log was
    // emptied: the old lines are in the snapshot and are skipped.
    let crashed = tempfile::tempdir().unwrap();
    let program = Program::create(small_library(), crashed.path(), &fixed_options()).unwrap();
    script(&program);
    program.compact().unwrap();
    drop(program);
    std::fs::write(crashed.path().join(LOG), &old_log).unwrap();
    let (reopened, report) = open(crashed.path());
    assert_eq!((report.replayed, report.already_in_snapshot), (0, states.len() - 1));
    assert_eq!(&reopened.state(), states.last().unwrap());
}

#[test]
fn in_memory_programs_need_no_files() {
    let program = Program::with_options(small_library(), &Options::new());
    program.request(&Actor::sales_rep("rita"), "adv-1", "st-1", CALL, day(0), None).unwrap();
    program.flush().unwrap();
    program.compact().unwrap();
    assert_eq!(program.state().seq, 1);
}
