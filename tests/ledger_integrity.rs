//! What a second process, an edited file, a foreign log, a failing disk or
//! a deleted directory does to a ledger: each is refused or reported with
//! the file and the line, and nothing refused is ever replayed.

mod ledger_support;

use std::num::NonZeroU32;
use std::path::Path;
use std::sync::Arc;

use ledger_support::{day, fixed_options, independent_eligible, reseal_log, reseal_snapshot, small_library};
use refmatch::ledger::{Actor, Durability, Error, Options, Program};
use refmatch::model::EngagementKind;

const CALL: EngagementKind = EngagementKind::ReferenceCall;
const LOG: &str = "ledger.jsonl";
const SNAPSHOT: &str = "snapshot.json";

fn rita() -> Actor {
    Actor::sales_rep("rita")
}

fn open_err(dir: &Path) -> Error {
    Program::open(dir, &fixed_options()).map(|_| ()).expect_err("the ledger must not open")
}

/// Asserts that opening `dir` fails as corrupt at `line` of `file` with a
/// message containing `wanted`.
#[track_caller]
fn assert_corrupt(dir: &Path, file: &str, line: usize, wanted: &str) {
    let err = open_err(dir);
    let message = err.to_string();
    assert!(matches!(&err, Error::Corrupt { line: l, .. } if *l == line), "{message}");
    assert!(message.contains(&format!("{file}, line {line}: ")) && message.contains(wanted), "{message}");
}

#[test]
fn a_second_program_cannot_open_the_directory_while_the_first_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let first = Program::create(small_library(), dir.path(), &fixed_options()).unwrap();
    let err = open_err(dir.path());
    assert!(matches!(err, Error::Locked { .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains(&dir.path().display().to_string()), "{message}");
    assert!(message.contains(&format!("process {}", std::process::id())), "{message}");
    let err = Program::create(small_library(), dir.path(), &fixed_options()).map(|_| ()).unwrap_err();
    assert!(matches!(err, Error::Locked { .. }), "{err}");

    // So the same advocate can never be booked twice on the same day by
    // two programs: the first books, the second never opened.
    first.request(&rita(), "adv-1", "st-1", CALL, day(0), None).unwrap();
    drop(first);
    let (second, _) = Program::open(dir.path(), &fixed_options()).unwrap();
    let again = second.request(&rita(), "adv-1", "st-1", CALL, day(0), None);
    assert!(matches!(again, Err(Error::Ineligible { .. })), "{again:?}");
}

/// A program with a few requests on disk, closed.
fn closed_ledger() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let program = Program::create(small_library(), dir.path(), &fixed_options()).unwrap();
    program.request(&rita(), "adv-1", "st-1", CALL, day(0), None).unwrap();
    program.request(&rita(), "adv-1", "st-1", CALL, day(30), None).unwrap();
    program.request(&rita(), "adv-2", "st-1", CALL, day(3), None).unwrap();
    drop(program);
    dir
}

#[test]
fn a_changed_digit_is_caught_by_its_checksum_and_by_replay() {
    let dir = closed_ledger();
    let path = dir.path().join(LOG);
    let good = std::fs::read_to_string(&path).unwrap();
    // Move the second request of adv-1 from day 30 (2027-02-03) to day 1,
    // one day after the first, against the 7-day rest rule.
    assert!(good.contains("2027-02-03"));
    let edited = good.replace("2027-02-03", "2027-01-05");
    std::fs::write(&path, &edited).unwrap();
    assert_corrupt(dir.path(), LOG, 3, "checksum mismatch");
    std::fs::write(&path, reseal_log(&edited)).unwrap();
    assert_corrupt(
        dir.path(),
        LOG,
        3,
        "operation 2 is refused on replay: advocate adv-1 cannot be requested",
    );
    assert!(open_err(dir.path()).to_string().contains("rested"));
}

#[test]
fn lines_and_logs_of_another_program_are_refused() {
    let ours = closed_ledger();
    let theirs = closed_ledger();
    let our_log = std::fs::read_to_string(ours.path().join(LOG)).unwrap();
    let their_log = std::fs::read_to_string(theirs.path().join(LOG)).unwrap();
    // The same operations, so the lines differ only in their salt.
    let mut spliced: Vec<&str> = our_log.lines().collect();
    let their_lines: Vec<&str> = their_log.lines().collect();
    spliced[2] = their_lines[2];
    std::fs::write(ours.path().join(LOG), spliced.join("\n") + "\n").unwrap();
    assert_corrupt(ours.path(), LOG, 3, "comes from another program's log");

    std::fs::write(ours.path().join(LOG), &their_log).unwrap();
    assert_corrupt(ours.path(), LOG, 1, "the log belongs to program");
}

#[test]
fn an_edited_snapshot_is_refused_and_cannot_skip_operations() {
    let dir = tempfile::tempdir().unwrap();
    let program = Program::create(small_library(), dir.path(), &fixed_options()).unwrap();
    program.request(&rita(), "adv-1", "st-1", CALL, day(0), None).unwrap();
    program.compact().unwrap();
    for n in 0..4 {
        program.request(&rita(), "adv-2", "st-1", CALL, day(20 * n), None).ok();
    }
    drop(program);
    let path = dir.path().join(SNAPSHOT);
    let good = std::fs::read_to_string(&path).unwrap();
    assert!(good.contains("\"seq\": 1,"), "{good}");

    // Raise the sequence number to skip the logged operations.
    let raised = good.replacen("\"seq\": 1,", "\"seq\": 4,", 1);
    std::fs::write(&path, &raised).unwrap();
    assert_corrupt(dir.path(), SNAPSHOT, 1, "checksum mismatch: the snapshot was changed");
    // Even with its checksum recomputed, the log does not follow it.
    std::fs::write(&path, reseal_snapshot(&raised)).unwrap();
    assert_corrupt(
        dir.path(),
        LOG,
        1,
        "the log continues from operation 1, but the snapshot holds operations up to 4",
    );

    // A changed record in the snapshot.
    let renamed = good.replacen("Person adv-1", "Person adv-X", 1);
    assert_ne!(renamed, good);
    std::fs::write(&path, &renamed).unwrap();
    assert_corrupt(dir.path(), SNAPSHOT, 1, "checksum mismatch");
}

#[test]
fn creating_refuses_a_directory_with_a_log_but_no_snapshot() {
    let dir = closed_ledger();
    std::fs::remove_file(dir.path().join(SNAPSHOT)).unwrap();
    let log = std::fs::read(dir.path().join(LOG)).unwrap();
    let err = Program::create(small_library(), dir.path(), &fixed_options()).map(|_| ()).unwrap_err();
    assert!(matches!(&err, Error::Exists { path } if path.ends_with(LOG)), "{err}");
    assert_eq!(std::fs::read(dir.path().join(LOG)).unwrap(), log, "the log was changed");
    let err = open_err(dir.path());
    assert!(err.to_string().contains("snapshot.json: no snapshot"), "{err}");
}

#[test]
fn temporary_files_of_interrupted_saves_are_removed_on_open() {
    let dir = closed_ledger();
    for name in [".snapshot.json.a1b2c3.tmp", ".ledger.jsonl.zz.tmp"] {
        std::fs::write(dir.path().join(name), "half a file").unwrap();
    }
    std::fs::write(dir.path().join(".notes.txt.tmp"), "not ours").unwrap();
    let (_, report) = Program::open(dir.path(), &fixed_options()).unwrap();
    assert_eq!(report.removed_temp_files, 2);
    assert!(!dir.path().join(".snapshot.json.a1b2c3.tmp").exists());
    assert!(dir.path().join(".notes.txt.tmp").exists(), "a file that is not the ledger's was removed");
}

#[test]
fn a_deleted_directory_makes_the_next_change_fail_and_stops_the_program() {
    for durability in [Durability::EveryAppend, Durability::Batched(NonZeroU32::new(8).unwrap())] {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("ledger");
        let mut options = fixed_options();
        options.durability(durability);
        let program = Program::create(small_library(), &dir, &options).unwrap();
        program.request(&rita(), "adv-1", "st-1", CALL, day(0), None).unwrap();
        program.flush().unwrap();
        let before = program.state();
        std::fs::remove_dir_all(&dir).unwrap();
        // Every operation that returns Ok must be on disk; none can be now.
        let mut oks = 0;
        let mut err = None;
        for n in 0..20 {
            let result = program.request(&rita(), "adv-2", "st-1", CALL, day(31 * n), None).map(drop);
            match result.and_then(|()| if n % 8 == 7 { program.flush() } else { Ok(()) }) {
                Ok(()) => oks += 1,
                Err(e) => {
                    err = Some(e);
                    break;
                }
            }
        }
        let err = err.expect("a change after the directory was deleted must fail");
        assert!(matches!(err, Error::Io { .. }), "{durability:?}: {err}");
        assert!(err.to_string().contains("no longer at"), "{err}");
        if durability == Durability::EveryAppend {
            assert_eq!(oks, 0, "an operation returned Ok after its log was deleted");
        }
        // Taken out again, and stopped.
        assert_eq!(program.state(), before);
        let next = program.request(&rita(), "adv-3", "st-3", CALL, day(5), None);
        assert!(matches!(next, Err(Error::Poisoned { .. })), "{next:?}");
    }
}

#[test]
fn group_commit_keeps_every_ok_and_never_double_books() {
    let dir = tempfile::tempdir().unwrap();
    let program = Arc::new(Program::create(small_library(), dir.path(), &fixed_options()).unwrap());
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let program = Arc::clone(&program);
            std::thread::spawn(move || {
                let mut accepted = Vec::new();
                for n in 0..40 {
                    let (advocate, story) = [("adv-1", "st-1"), ("adv-2", "st-1"), ("adv-3", "st-3")][n % 3];
                    let date = day((n as i64 * 3 + t) % 400);
                    if let Ok(id) = program.request(
                        &Actor::sales_rep(format!("rep-{t}")),
                        advocate,
                        story,
                        CALL,
                        date,
                        None,
                    ) {
                        accepted.push(id);
                    }
                }
                accepted
            })
        })
        .collect();
    let accepted: Vec<String> = threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
    assert!(accepted.len() > 10, "only {} requests were accepted", accepted.len());
    let live = program.state();
    drop(program);
    let (reopened, report) = Program::open(dir.path(), &Options::new()).unwrap();
    assert_eq!(report.replayed, accepted.len());
    assert_eq!(reopened.state(), live);
    for id in &accepted {
        assert!(reopened.record(id).is_some(), "{id} returned Ok but is not in the ledger");
    }
    // Every accepted request kept the rules, checked by brute force against
    // the ledger without it.
    let mut before = live.clone();
    while let Some(record) = before.requests.pop() {
        let e = &record.engagement;
        assert!(
            independent_eligible(&before, &e.advocate, &e.story, e.kind, e.date),
            "{} breaks the rules",
            e.id
        );
    }
}
