//! Any bytes as the log of a ledger: opening it gives an error naming the
//! file and line, or a program, never a panic or a hang. Inputs starting
//! with an odd byte are taken as operation records, one per line, and
//! framed with a correct header and checksums, so the fuzzer reaches the
//! replay's checks of rights and rules, not only the checksums. A program
//! that opens reopens to the same state.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use refmatch::Library;
use refmatch::ledger::{Actor, Options, Program};
use refmatch::model::EngagementKind;

/// A ledger of the sample program with a few operations, compacted: its
/// snapshot, and the header line and salt of its (empty) log.
struct Template {
    _dir: tempfile::TempDir,
    snapshot: PathBuf,
    header: String,
    salt: u32,
}

fn template() -> &'static Template {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = scratch();
        let program = Program::create(small_sample(), dir.path(), &Options::new()).expect("create");
        let day = refmatch::Date::constant(2027, 3, 1);
        let rep = Actor::sales_rep("rep-fuzz");
        let id = program.request(&rep, "adv-003", "sty-004", EngagementKind::ReferenceCall, day, None);
        if let Ok(id) = id {
            let _ = program.approve(&Actor::admin("ada"), &id, "ok");
        }
        program.compact().expect("compact");
        drop(program);
        let log = std::fs::read_to_string(dir.path().join("ledger.jsonl")).expect("the log");
        let header = log.lines().next().expect("a header").to_string();
        let value: serde_json::Value = serde_json::from_str(&header).expect("json");
        let hex = value["head"]["program"].as_str().expect("a program id");
        let bytes: Vec<u8> =
            (0..16).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex")).collect();
        let generation = value["head"]["generation"].as_u64().expect("a generation");
        let salt = crc32c::crc32c_append(crc32c::crc32c(&bytes), &generation.to_le_bytes());
        Template { snapshot: dir.path().join("snapshot.json"), header, salt, _dir: dir }
    })
}

/// The sample program's first accounts with their advocates and stories:
/// small enough that opening a ledger takes well under a millisecond.
fn small_sample() -> Library {
    let mut data = Library::sample().into_data();
    let accounts: Vec<String> = data.accounts.iter().take(6).map(|a| a.id.clone()).collect();
    let keep = |account: &String| accounts.contains(account);
    data.accounts.retain(|a| keep(&a.id));
    data.advocates.retain(|a| keep(&a.account));
    data.stories.retain(|s| keep(&s.account));
    let stories: Vec<String> = data.stories.iter().map(|s| s.id.clone()).collect();
    data.quotes.retain(|q| stories.contains(&q.story));
    data.engagements.clear();
    data.history.clear();
    data.feedback.clear();
    data.hidden_accounts.retain(|a| keep(a));
    data.opportunities.clear();
    data.account_figures.clear();
    Library::new(data).expect("a part of the sample is a library")
}

/// A temporary folder in memory when the machine has one: the ledger syncs
/// its files, which on a disk would be most of each run.
fn scratch() -> tempfile::TempDir {
    tempfile::tempdir_in("/dev/shm").or_else(|_| tempfile::tempdir()).expect("a temporary folder")
}

fn ledger_with_log(dir: &Path, log: &[u8]) {
    std::fs::copy(&template().snapshot, dir.join("snapshot.json")).expect("the snapshot");
    std::fs::write(dir.join("ledger.jsonl"), log).expect("the log");
}

fuzz_target!(|data: &[u8]| {
    let template = template();
    let log = match data.split_first() {
        Some((first, records)) if first % 2 == 1 => {
            let mut log = format!("{}\n", template.header).into_bytes();
            for record in records.split(|&b| b == b'\n') {
                let crc = crc32c::crc32c_append(template.salt, record);
                log.extend_from_slice(format!("{{\"crc\":{crc},\"rec\":").as_bytes());
                log.extend_from_slice(record);
                log.extend_from_slice(b"}\n");
            }
            log
        }
        _ => data.to_vec(),
    };
    let dir = scratch();
    ledger_with_log(dir.path(), &log);
    if let Ok((program, _)) = Program::open(dir.path(), &Options::new()) {
        let state = program.state();
        drop(program);
        let (again, _) = Program::open(dir.path(), &Options::new()).expect("a ledger that opened reopens");
        assert_eq!(again.state(), state, "reopening changed the state");
    }
});
