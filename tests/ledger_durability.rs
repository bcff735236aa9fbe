//! The ledger's files: replay reproduces the live state, a torn last line
//! (cut at every byte) loses nothing committed before it, a damaged line
//! anywhere (the last one too, when it is complete) is an error naming the
//! line, and compaction is atomic.

mod ledger_support;

use std::num::NonZeroU32;
use std::path::Path;

use ledger_support::{day, fixed_options, reseal_log, small_library};
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
    // The header is line 1; every other line is one operation.
    let lines = log.iter().filter(|&&b| b == b'\n').count();
    let before_last = &states[states.len() - 2];
    for cut in last_start..log.len() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("snapshot.json"), &snapshot).unwrap();
        std::fs::write(dir.path().join(LOG), &log[..cut]).unwrap();
        let (program, report) = open(dir.path());
        assert_eq!(&program.state(), before_last, "cut at byte {cut}");
        assert_eq!(report.replayed, lines - 2, "cut at byte {cut}");
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
fn only_an_incomplete_last_line_is_torn_and_any_damaged_complete_line_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let program = Program::create(small_library(), dir.path(), &fixed_options()).unwrap();
    let states = script(&program);
    drop(program);
    let path = dir.path().join(LOG);
    let good = std::fs::read_to_string(&path).unwrap();
    let corrupt_at = |text: &[u8], line: usize, wanted: &str| {
        std::fs::write(&path, text).unwrap();
        let err = Program::open(dir.path(), &fixed_options()).unwrap_err();
        assert!(matches!(err, Error::Corrupt { line: l, .. } if l == line), "{err}");
        let message = err.to_string();
        assert!(message.contains(&format!("ledger.jsonl, line {line}: {wanted}")), "{message}");
        // Nothing was cut or rewritten.
        assert_eq!(std::fs::read(&path).unwrap(), text);
    };

    // No line break: a write a crash cut short; skipped and cut.
    std::fs::write(&path, format!("{good}{{\"crc\":12,\"rec\":{{\"seq\": 99, \"op\"")).unwrap();
    let (program, report) = open(dir.path());
    assert_eq!(&program.state(), states.last().unwrap());
    assert_eq!(report.torn.map(|t| t.line), Some(good.lines().count() + 1));
    drop(program);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), good);

    // A complete last line that does not parse or check: corruption.
    let last = good.lines().count() + 1;
    corrupt_at(format!("{good}{{\"seq\": 99, \"op\": \"requ\n").as_bytes(), last, "not a ledger line");
    let mut lines: Vec<String> = good.lines().map(str::to_string).collect();
    let n = lines.len();
    lines[n - 1] = lines[n - 1].replacen("done", "dome", 1);
    corrupt_at((lines.join("\n") + "\n").as_bytes(), n, "checksum mismatch");

    // In the middle.
    let mut lines: Vec<&str> = good.lines().collect();
    lines[2] = "{\"seq\": 3, \"op\": \"teleport\"}";
    corrupt_at((lines.join("\n") + "\n").as_bytes(), 3, "not a ledger line");

    // A line out of sequence: a committed line went missing.
    let mut lines: Vec<&str> = good.lines().collect();
    lines.remove(1);
    corrupt_at((lines.join("\n") + "\n").as_bytes(), 2, "sequence number 2 out of order: expected 1");

    // Bytes that are not UTF-8: an error, not a panic.
    let mut bytes = good.clone().into_bytes();
    bytes.splice(0..0, b"\xff\xfe garbage\n".iter().copied());
    corrupt_at(&bytes, 1, "not utf-8");

    // A line naming a request that does not exist: its checksum fails,
    // and with the checksum recomputed, its replay is refused.
    let edited = good.replacen("eng-0001\",\"to\":\"approved", "eng-0999\",\"to\":\"approved", 1);
    assert_ne!(edited, good);
    corrupt_at(edited.as_bytes(), 6, "checksum mismatch");
    corrupt_at(
        reseal_log(&edited).as_bytes(),
        6,
        "operation 5 is refused on replay: owner olga may not approve request eng-0999",
    );
    std::fs::write(&path, &good).unwrap();

    std::fs::write(dir.path().join("snapshot.json"), "{\"format\": 2,\n \"library\": 7}").unwrap();
    let err = Program::open(dir.path(), &fixed_options()).unwrap_err();
    assert!(err.to_string().contains("snapshot.json, line 2: not a ledger snapshot"), "{err}");
}

#[test]
fn compaction_keeps_the_state_and_survives_a_crash_halfway() {
    let dir = tempfile::tempdir().unwrap();
    let program = Program::create(small_library(), dir.path(), &fixed_options()).unwrap();
    let states = script(&program);
    program.compact().unwrap();
    let compacted = std::fs::read_to_string(dir.path().join(LOG)).unwrap();
    assert_eq!(compacted.lines().count(), 1, "only the header: {compacted}");
    assert!(compacted.contains("\"generation\":2"), "{compacted}");
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
    let old_log = std::fs::read(crashed.path().join(LOG)).unwrap();
    program.compact().unwrap();
    drop(program);
    std::fs::write(crashed.path().join(LOG), &old_log).unwrap();
    let (reopened, report) = open(crashed.path());
    assert_eq!((report.replayed, report.already_in_snapshot), (0, states.len() - 1));
    assert_eq!(&reopened.state(), states.last().unwrap());
    // The old log was replaced: the next open replays nothing either.
    reopened.request(&Actor::sales_rep("rita"), "adv-1", "st-1", CALL, day(300), None).unwrap();
    let after = reopened.state();
    drop(reopened);
    let (again, report) = open(crashed.path());
    assert_eq!((report.replayed, report.already_in_snapshot), (1, 0));
    assert_eq!(again.state(), after);
}

#[test]
fn in_memory_programs_need_no_files() {
    let program = Program::with_options(small_library(), &Options::new());
    program.request(&Actor::sales_rep("rita"), "adv-1", "st-1", CALL, day(0), None).unwrap();
    program.flush().unwrap();
    program.compact().unwrap();
    assert_eq!(program.state().seq, 1);
}
