//! A week in the life of the sample program beside its CRM: the program
//! starts from the sample (with its workflow history) on 2026-12-01, the
//! CRM writes a fresh export on 2026-12-08 at 06:00, an owner approves a
//! request in the program at 08:00, and at 09:00 an admin syncs the
//! program with the export: first as a dry run, then for real.
//!
//! The export has a new account, two changed advocates (a new title, a
//! new language), one advocate who left (missing from the export, so
//! retired as departed), a story whose approval expired, a request the
//! CRM approved, and a call the CRM recorded itself. The request approved
//! in the program after the export is a conflict: the older export does
//! not overwrite it.
//!
//! `cargo run --example sync`; the ledger is written to a temporary
//! directory and reopened at the end to show that the sync replays.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use jiff::Timestamp;
use refmatch::ledger::{Actor, Options, Program, SyncOptions};
use refmatch::model::{Account, AccountStatus, EngagementKind, EngagementStatus, Transition};
use refmatch::model::{Engagement, LibraryData};
use refmatch::{Date, Library};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now = Arc::new(AtomicI64::new(at("2026-12-01T09:00:00Z")?.as_second()));
    let mut options = Options::new();
    let clock = Arc::clone(&now);
    options.clock(move || {
        Timestamp::from_second(clock.load(Ordering::Relaxed)).unwrap_or(Timestamp::UNIX_EPOCH)
    });
    let set = |time: &str| -> Result<(), jiff::Error> {
        now.store(at(time)?.as_second(), Ordering::Relaxed);
        Ok(())
    };
    let dir = tempfile::tempdir()?;
    let sample = Library::new(Program::sample(&options).export())?;
    let program = Program::create(sample, dir.path(), &options)?;

    // The CRM's export of 2026-12-08, 06:00.
    set("2026-12-08T06:00:00Z")?;
    let exported_at = at("2026-12-08T06:00:00Z")?;
    let export = crm_export(program.export())?;

    // 08:00: the owner approves a request in the program, after the export.
    set("2026-12-08T08:00:00Z")?;
    program.approve(&Actor::owner("marcus-bell"), "eng-0236", "customer agreed on the phone")?;

    // 09:00: the admin syncs.
    set("2026-12-08T09:00:00Z")?;
    let admin = Actor::admin("ada");
    let sync = SyncOptions::new(exported_at);
    let dry = program.sync(export.clone(), &admin, &sync.dry_run(true))?;
    println!(
        "Dry run: {} added, {} changed, {} retired, {} conflict(s); nothing applied.\n",
        dry.counts.added, dry.counts.changed, dry.counts.retired, dry.counts.conflicts
    );
    let report = program.sync(export, &admin, &sync)?;
    println!("{report}");

    let library = program.library();
    let today: Date = "2026-12-08".parse()?;
    if let (Some(gone), Some(story)) = (library.advocate("adv-003"), library.story("sty-001")) {
        println!(
            "After the sync: {} is {}; {:?} approved today: {}.",
            gone.name,
            gone.status,
            story.title,
            story.approved_on(today)
        );
    }
    let exported = program.export();
    drop(program);
    let (reopened, opened) = Program::open(dir.path(), &options)?;
    let same = if reopened.export() == exported { "the same program" } else { "A DIFFERENT PROGRAM" };
    println!("Reopened: {same} ({} operations replayed, the sync as one).", opened.replayed);
    Ok(())
}

/// The CRM's export a week after the sample: `data` (the program as it
/// stood) with the CRM's own changes.
fn crm_export(mut data: LibraryData) -> Result<LibraryData, Box<dyn std::error::Error>> {
    data.accounts.push(Account {
        id: "acc-057".into(),
        name: "Nordlicht Versicherung AG".into(),
        industry: "524126".into(),
        employees: 4_100,
        country: "DE".into(),
        status: AccountStatus::Active,
        owner: "Lena Hoffmann".into(),
        owner_id: "lena-hoffmann".into(),
        advisory_board: vec![],
    });
    for advocate in &mut data.advocates {
        match advocate.id.as_str() {
            "adv-007" => advocate.title = "Chief Financial Crime Officer".into(),
            "adv-011" => advocate.languages.push("de".into()),
            _ => {}
        }
    }
    // James Sullivan left Maplewire: the CRM no longer has him, nor his quotes.
    data.advocates.retain(|a| a.id != "adv-003");
    for story in &mut data.stories {
        story.advocates.retain(|a| a != "adv-003");
        if story.id == "sty-001" {
            story.approved_until = Some("2026-12-05".parse()?);
        }
    }
    data.quotes.retain(|q| q.advocate != "adv-003");
    // The owner approved eng-0234 in the CRM on 2026-12-05.
    for engagement in &mut data.engagements {
        if engagement.id == "eng-0234" {
            engagement.status = EngagementStatus::Approved;
        }
    }
    for history in &mut data.history {
        if history.engagement == "eng-0234" {
            history.steps.push(Transition {
                from: Some(EngagementStatus::Requested),
                to: EngagementStatus::Approved,
                actor: Actor::owner("daniel-okafor"),
                at: at("2026-12-05T10:00:00Z")?,
                reason: "approved in the crm".into(),
            });
        }
    }
    // A call the CRM recorded itself.
    data.engagements.push(Engagement {
        id: "crm-0901".into(),
        advocate: "adv-007".into(),
        story: "sty-008".into(),
        kind: EngagementKind::ReferenceCall,
        date: "2026-12-03".parse()?,
        status: EngagementStatus::Completed,
        prospect: Some("Hanse Bank (OPP-16001)".into()),
    });
    Ok(data)
}

fn at(text: &str) -> Result<Timestamp, jiff::Error> {
    text.parse()
}
