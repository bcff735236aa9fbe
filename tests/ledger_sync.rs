//! `Program::sync`: the diff against a CRM export field by field, a dry
//! run that applies nothing, one logged batch or nothing (a refused sync
//! leaves neither state nor log line), missing records retired by
//! default, engagement conflicts by time, replay after reopening, and
//! properties: an unchanged program syncs to nothing, and after a sync
//! the program holds the export's records.

mod common;
mod ledger_support;
#[cfg(feature = "search")]
#[path = "support/mod.rs"]
mod support;

use common::{Sizes, arb_library};
use jiff::Timestamp;
use ledger_support::{day, fixed_options, set_clock, small_library};
use proptest::prelude::*;
use proptest::sample::Index;
use refmatch::ledger::sync::{ConflictKind, FieldChange, MissingAction, RecordChange, RecordRef};
use refmatch::ledger::{Actor, Error, Missing, Program, RecordKind, SyncOptions};
use refmatch::model::{
    Account, AccountStatus, Advocate, AdvocateStatus, Channel, Engagement, EngagementKind, EngagementStatus,
    Quote, Story,
};
use refmatch::{Library, LibraryData, Prospect, Request};

const CALL: EngagementKind = EngagementKind::ReferenceCall;

fn admin() -> Actor {
    Actor::admin("ada")
}

fn rita() -> Actor {
    Actor::sales_rep("rita")
}

/// 09:00 UTC on `day(n)`, the time `set_clock(day(n))` sets.
fn at_day(n: i64) -> Timestamp {
    day(n).at(9, 0, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).unwrap().timestamp()
}

/// The clock of `fixed_options` before `set_clock`.
fn start() -> Timestamp {
    "2027-01-01T09:00:00Z".parse().unwrap()
}

fn advocate_mut<'a>(data: &'a mut LibraryData, id: &str) -> &'a mut Advocate {
    data.advocates.iter_mut().find(|a| a.id == id).unwrap()
}

fn story_mut<'a>(data: &'a mut LibraryData, id: &str) -> &'a mut Story {
    data.stories.iter_mut().find(|s| s.id == id).unwrap()
}

fn new_account(id: &str) -> Account {
    Account {
        id: id.into(),
        name: "Nordbank".into(),
        industry: "522110".into(),
        employees: 900,
        country: "DK".into(),
        status: AccountStatus::Active,
        owner: "oscar".into(),
        owner_id: "oscar".into(),
        advisory_board: vec![],
    }
}

fn log_of(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join("ledger.jsonl")).unwrap()
}

#[test]
fn the_diff_names_each_changed_field_with_both_values() {
    let program = Program::with_options(small_library(), &fixed_options());
    let mut export = program.export();
    let adv2 = advocate_mut(&mut export, "adv-2");
    adv2.title = "Chief Risk Officer".into();
    adv2.languages = vec!["en".into(), "da".into()];
    export.accounts.push(new_account("acc-4"));
    story_mut(&mut export, "st-3").approved_until = Some(day(-10));

    let report = program.sync(export, &admin(), &SyncOptions::new(start())).unwrap();
    assert!(report.applied);
    assert_eq!(report.added, [RecordRef { kind: RecordKind::Account, id: "acc-4".into() }]);
    let change = |field: &str, old: &str, new: &str| FieldChange {
        field: field.into(),
        old: old.into(),
        new: new.into(),
    };
    assert_eq!(
        report.changed,
        [
            RecordChange {
                kind: RecordKind::Advocate,
                id: "adv-2".into(),
                fields: vec![
                    change("languages", r#"["en"]"#, r#"["en","da"]"#),
                    change("title", "Head of Things", "Chief Risk Officer"),
                ],
            },
            RecordChange {
                kind: RecordKind::Story,
                id: "st-3".into(),
                fields: vec![change("approved_until", "(none)", "2026-12-25")],
            },
        ]
    );
    assert!(report.missing.is_empty() && report.conflicts.is_empty());
    let counts = report.counts;
    assert_eq!((counts.added, counts.changed, counts.missing), (1, 2, 0));
    let text = report.to_string();
    assert!(text.contains("- advocate adv-2: languages `[\"en\"]` → `[\"en\",\"da\"]`; title"), "{text}");
    assert!(text.contains("- account acc-4"), "{text}");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["changed"][0]["fields"][1]["new"], "Chief Risk Officer");

    let library = program.library();
    assert_eq!(library.advocate("adv-2").unwrap().title, "Chief Risk Officer");
    assert!(library.account("acc-4").is_some());
    assert!(!library.story("st-3").unwrap().approved_on(day(0)), "the story's approval expired");
}

#[test]
fn a_dry_run_applies_nothing_and_reports_what_a_sync_would() {
    let dir = tempfile::tempdir().unwrap();
    let program = Program::create(small_library(), dir.path(), &fixed_options()).unwrap();
    let before = (program.state(), log_of(dir.path()));
    let mut export = program.export();
    advocate_mut(&mut export, "adv-1").status = AdvocateStatus::Paused;
    export.advocates.retain(|a| a.id != "adv-4");
    story_mut(&mut export, "st-3").advocates.retain(|a| a != "adv-4");

    let options = SyncOptions::new(start());
    let dry = program.sync(export.clone(), &admin(), &options.dry_run(true)).unwrap();
    assert!(dry.dry_run && !dry.applied);
    assert_eq!((dry.counts.changed, dry.counts.retired), (2, 1), "{dry}");
    assert_eq!((program.state(), log_of(dir.path())), before, "a dry run changes nothing");

    let real = program.sync(export, &admin(), &options).unwrap();
    assert!(real.applied && !real.dry_run);
    assert_eq!(real.changed, dry.changed);
    assert_eq!(real.missing, dry.missing);
    assert_eq!(real.retired, dry.retired);
    assert_eq!(log_of(dir.path()).lines().count(), before.1.lines().count() + 1, "one line for the sync");
}

#[test]
fn one_bad_record_refuses_the_whole_sync_naming_every_problem_and_logs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let program = Program::create(small_library(), dir.path(), &fixed_options()).unwrap();
    let id = program.request(&rita(), "adv-1", "st-1", CALL, day(0), None).unwrap();
    let before = (program.state(), log_of(dir.path()));
    // The export is valid on its own: st-3 and st-4 are gone from it, and
    // adv-3 and adv-5 moved to acc-1. Kept as they are, the program's st-3
    // and st-4 would still name them, at their old accounts.
    let mut export = program.export();
    advocate_mut(&mut export, "adv-1").title = "A good change".into();
    export.stories.retain(|s| s.id != "st-3" && s.id != "st-4");
    advocate_mut(&mut export, "adv-3").account = "acc-1".into();
    advocate_mut(&mut export, "adv-5").account = "acc-1".into();

    let options = SyncOptions::new(start()).missing(Missing::Keep);
    let err = program.sync(export, &admin(), &options).unwrap_err();
    let Error::Sync { problems } = &err else { panic!("expected a refused sync, got {err}") };
    let named: Vec<(&str, &str)> = problems.iter().map(|p| (p.what.as_str(), p.id.as_str())).collect();
    assert_eq!(named, [("story", "st-3"), ("story", "st-4")], "{err}");
    assert!(problems[0].message.starts_with("advocates[0]: "), "{err}");
    assert!(err.to_string().starts_with("the sync was refused, nothing was applied: story st-3: "), "{err}");

    assert_eq!((program.state(), log_of(dir.path())), before, "nothing was applied or logged");
    drop(program);
    let (reopened, _) = Program::open(dir.path(), &fixed_options()).unwrap();
    assert_eq!(reopened.state(), before.0);
    assert!(reopened.record(&id).is_some());
}

#[test]
fn an_invalid_export_and_the_wrong_actor_are_refused_before_anything() {
    let program = Program::with_options(small_library(), &fixed_options());
    let before = program.state();
    let options = SyncOptions::new(start());
    let err = program.sync(program.export(), &Actor::owner("olga"), &options).unwrap_err();
    assert!(matches!(&err, Error::Forbidden { .. }), "{err}");

    let mut export = program.export();
    advocate_mut(&mut export, "adv-2").account = "acc-99".into();
    export.accounts[0].employees = 0;
    let Err(Error::Invalid(invalid)) = program.sync(export, &admin(), &options) else { panic!("invalid") };
    let places: Vec<&str> = invalid.problems().iter().map(|p| p.place.as_str()).collect();
    assert_eq!(places, ["accounts[0].employees", "advocates[1].account"]);

    let later = SyncOptions::new(at_day(30));
    let err = program.sync(program.export(), &admin(), &later).unwrap_err();
    assert!(matches!(&err, Error::Dates { .. }), "{err}");
    assert!(err.to_string().contains("later than the program's clock"), "{err}");
    let ancient = SyncOptions::new("1850-01-01T00:00:00Z".parse().unwrap());
    assert!(matches!(program.sync(program.export(), &admin(), &ancient), Err(Error::OutOfRange { .. })));
    assert_eq!(program.state(), before);
}

#[test]
fn missing_records_are_retired_by_default_kept_or_removed_on_request() {
    // The export lacks adv-4, st-2 and acc-3 with everything at it.
    let export_of = |program: &Program| {
        let mut export = program.export();
        export.advocates.retain(|a| a.id != "adv-4" && a.id != "adv-5");
        story_mut(&mut export, "st-3").advocates.retain(|a| a != "adv-4");
        export.stories.retain(|s| s.id != "st-2" && s.id != "st-4");
        export.accounts.retain(|a| a.id != "acc-3");
        export
    };
    let program = Program::with_options(small_library(), &fixed_options());
    let report = program.sync(export_of(&program), &admin(), &SyncOptions::new(start())).unwrap();
    let actions: Vec<(&str, MissingAction)> =
        report.missing.iter().map(|m| (m.id.as_str(), m.action)).collect();
    use MissingAction::{AlreadyRetired, Removed, Retired};
    assert_eq!(
        actions,
        [
            ("acc-3", AlreadyRetired),
            ("adv-4", Retired),
            ("adv-5", Retired),
            ("st-2", AlreadyRetired),
            ("st-4", Retired)
        ]
    );
    let library = program.library();
    assert_eq!(library.advocate("adv-4").unwrap().status, AdvocateStatus::Departed);
    assert_eq!(library.advocate("adv-5").unwrap().status, AdvocateStatus::Departed);
    assert!(!library.story("st-4").unwrap().approved);
    assert_eq!(report.retired.len(), 3);
    assert!(
        report.to_string().contains("- advocate adv-4: retired: status `paused` → `departed`"),
        "{report}"
    );

    let kept = Program::with_options(small_library(), &fixed_options());
    let options = SyncOptions::new(start()).missing(Missing::Keep);
    let report = kept.sync(export_of(&kept), &admin(), &options).unwrap();
    assert!(report.missing.iter().all(|m| m.action == MissingAction::Kept));
    let library = kept.library();
    assert_eq!(library.advocate("adv-4").unwrap().status, AdvocateStatus::Paused);
    assert!(library.story("st-4").unwrap().approved);
    assert_eq!(report.changed.len(), 1, "only st-3, which no longer names adv-4: {report}");

    // Removing: what an engagement refers to is retired instead, and so is
    // the account its advocate works at.
    let mut data = small_library().into_data();
    data.engagements.push(Engagement {
        id: "crm-1".into(),
        advocate: "adv-5".into(),
        story: "st-4".into(),
        kind: CALL,
        date: day(-400),
        status: EngagementStatus::Completed,
        prospect: None,
    });
    let removing = Program::with_options(Library::new(data).unwrap(), &fixed_options());
    let options = SyncOptions::new(start()).missing(Missing::Remove);
    let mut export = export_of(&removing);
    export.engagements.clear();
    export.history.clear();
    let report = removing.sync(export, &admin(), &options).unwrap();
    let actions: Vec<(&str, MissingAction, Option<&str>)> =
        report.missing.iter().map(|m| (m.id.as_str(), m.action, m.note.as_deref())).collect();
    assert_eq!(
        actions,
        [
            ("acc-3", AlreadyRetired, Some("story st-4 refers to it")),
            ("adv-4", Removed, None),
            ("adv-5", Retired, Some("engagement crm-1 refers to it")),
            ("st-2", Removed, None),
            ("st-4", Retired, Some("engagement crm-1 refers to it")),
        ]
    );
    let library = removing.library();
    assert!(library.advocate("adv-4").is_none() && library.story("st-2").is_none());
    assert_eq!(library.engagement("crm-1").unwrap().status, EngagementStatus::Completed);
}

#[test]
fn a_missing_story_that_stays_lets_go_of_the_people_the_export_moved() {
    // st-1 has history (crm-1, by adv-1) and a quote of adv-2's. The CRM
    // drops st-1 and moves adv-2 to acc-2.
    let mut data = small_library().into_data();
    data.engagements.push(ledger_support::crm_call("crm-1", day(-400), EngagementStatus::Completed));
    data.quotes.push(Quote {
        id: "q-1".into(),
        story: "st-1".into(),
        advocate: "adv-2".into(),
        text: "It paid for itself in a quarter.".into(),
        language: "en".into(),
        approved_until: None,
        channels: vec![Channel::Web],
    });
    let library = Library::new(data).unwrap();
    let export_of = |program: &Program| {
        let mut export = program.export();
        export.stories.retain(|s| s.id != "st-1");
        export.quotes.clear();
        export.engagements.clear();
        export.history.clear();
        advocate_mut(&mut export, "adv-2").account = "acc-2".into();
        export
    };
    for missing in [Missing::Retire, Missing::Remove] {
        let program = Program::with_options(library.clone(), &fixed_options());
        let options = SyncOptions::new(start()).missing(missing);
        let report = program.sync(export_of(&program), &admin(), &options).unwrap();
        let st1 = report.missing.iter().find(|m| m.id == "st-1").unwrap();
        assert_eq!(st1.action, MissingAction::Retired, "{missing:?}: {report}");
        let note = st1.note.as_deref().unwrap();
        assert!(note.ends_with("the export has adv-2 at another account: the story lets them go"), "{note}");
        let q1 = report.missing.iter().find(|m| m.id == "q-1").unwrap();
        assert_eq!(q1.action, MissingAction::Removed, "{missing:?}: {report}");
        let library = program.library();
        let story = library.story("st-1").unwrap();
        assert_eq!((story.advocates.as_slice(), story.approved), (&["adv-1".to_string()][..], false));
        assert_eq!(library.advocate("adv-2").unwrap().account, "acc-2");
        assert!(library.quote("q-1").is_none());
        assert_eq!(library.engagement("crm-1").unwrap().story, "st-1");
    }
    // Keeping everything keeps adv-2 on st-1 too, which cannot stand.
    let program = Program::with_options(library, &fixed_options());
    let options = SyncOptions::new(start()).missing(Missing::Keep);
    let err = program.sync(export_of(&program), &admin(), &options).unwrap_err();
    assert!(matches!(err, Error::Sync { .. }), "{err}");
    assert!(err.to_string().contains("\"adv-2\" works at account \"acc-2\""), "{err}");
}

#[test]
fn engagements_changed_after_the_export_are_conflicts_and_older_ones_move_on() {
    let program = Program::with_options(small_library(), &fixed_options());
    let olga = Actor::owner("olga");
    // Made at 2027-01-01T09:00, before the export.
    let first = program.request(&rita(), "adv-1", "st-1", CALL, day(0), None).unwrap();
    let second = program.request(&rita(), "adv-2", "st-1", CALL, day(1), None).unwrap();
    let third = program.request(&rita(), "adv-3", "st-3", CALL, day(2), None).unwrap();
    program.decline(&Actor::owner("oscar"), &third, "renewal").unwrap();
    let exported_at: Timestamp = "2027-01-02T12:00:00Z".parse().unwrap();
    let mut export = program.export();
    // After the export, the program approves the first.
    set_clock(day(-1));
    program.approve(&olga, &first, "fits").unwrap();

    // The CRM (without workflow history) approved the second, says the
    // third (declined) is approved, and still has the first requested;
    // it also holds a call of its own.
    export.history.retain(|h| h.engagement != second && h.engagement != third);
    let status = |export: &mut LibraryData, id: &str, status| {
        export.engagements.iter_mut().find(|e| e.id == id).unwrap().status = status;
    };
    status(&mut export, &second, EngagementStatus::Approved);
    status(&mut export, &third, EngagementStatus::Approved);
    export.engagements.push(Engagement {
        id: "crm-7".into(),
        advocate: "adv-2".into(),
        story: "st-1".into(),
        kind: EngagementKind::SiteVisit,
        date: day(-30),
        status: EngagementStatus::Completed,
        prospect: Some("Bank AG".into()),
    });

    let report = program.sync(export, &admin(), &SyncOptions::new(exported_at)).unwrap();
    assert_eq!(report.engagements_added, ["crm-7"]);
    let updated: Vec<(&str, EngagementStatus)> =
        report.engagements_updated.iter().map(|u| (u.id.as_str(), u.to)).collect();
    assert_eq!(updated, [(second.as_str(), EngagementStatus::Approved)]);
    let conflicts: Vec<(&str, ConflictKind)> =
        report.conflicts.iter().map(|c| (c.engagement.as_str(), c.kind)).collect();
    assert_eq!(
        conflicts,
        [(first.as_str(), ConflictKind::ChangedSince), (third.as_str(), ConflictKind::NotAStep)]
    );
    let changed_since = &report.conflicts[0];
    assert_eq!(changed_since.program.status, EngagementStatus::Approved);
    assert_eq!(changed_since.export.status, EngagementStatus::Requested);
    assert_eq!(changed_since.program_changed_at, Some(at_day(-1)));

    assert_eq!(program.record(&first).unwrap().engagement.status, EngagementStatus::Approved, "kept");
    assert_eq!(program.record(&third).unwrap().engagement.status, EngagementStatus::Declined, "kept");
    let moved = program.record(&second).unwrap();
    assert_eq!(moved.engagement.status, EngagementStatus::Approved);
    let step = moved.history.last().unwrap();
    assert_eq!(
        (step.from, step.to, &step.actor),
        (Some(EngagementStatus::Requested), EngagementStatus::Approved, &admin())
    );
    let history = program.record("crm-7").unwrap();
    assert_eq!(history.engagement.status, EngagementStatus::Completed);
    assert!(history.history.is_empty());
}

#[test]
fn a_synced_ledger_reopens_to_the_same_state_and_ranking() {
    let dir = tempfile::tempdir().unwrap();
    let program = Program::create(small_library(), dir.path(), &fixed_options()).unwrap();
    program.request(&rita(), "adv-1", "st-1", CALL, day(0), None).unwrap();
    let mut export = program.export();
    export.accounts.push(new_account("acc-4"));
    export.advocates.push(Advocate {
        id: "adv-7".into(),
        account: "acc-4".into(),
        ..export.advocates[0].clone()
    });
    export.stories.push(Story {
        id: "st-5".into(),
        account: "acc-4".into(),
        advocates: vec!["adv-7".into()],
        ..export.stories[0].clone()
    });
    export.stories.retain(|s| s.id != "st-2");
    let report = program.sync(export, &admin(), &SyncOptions::new(start())).unwrap();
    assert!(report.applied);
    let state = program.state();
    let request = Request::new(CALL, day(30)).with_min_relevance(0.0);
    let prospect = Prospect::new().with_industry("522110");
    let ranked = program.rank_advocates(&prospect, &request).unwrap();
    assert!(ranked.iter().any(|m| m.advocate == "adv-7"), "ranking sees the new advocate");
    drop(program);
    let (reopened, opened) = Program::open(dir.path(), &fixed_options()).unwrap();
    assert_eq!(opened.replayed, 2);
    assert_eq!(reopened.state(), state);
    assert_eq!(reopened.rank_advocates(&prospect, &request).unwrap(), ranked);
    reopened.compact().unwrap();
    drop(reopened);
    let (compacted, _) = Program::open(dir.path(), &fixed_options()).unwrap();
    assert_eq!(compacted.state(), state);
}

/// One change a CRM makes between two exports.
#[derive(Debug, Clone)]
enum Edit {
    Title(Index, String),
    Status(Index, AdvocateStatus),
    AccountName(Index, String),
    Approve(Index, bool),
    DropAdvocate(Index),
    DropStory(Index),
    DropQuote(Index),
    AddAccount,
    Complete(Index),
    /// An advocate (`true`) or a story moves to another account, when no
    /// engagement or quote names it (its stories let it go; a story's
    /// people stay behind).
    Move(Index, Index, bool),
}

fn arb_edit() -> impl Strategy<Value = Edit> {
    let status = prop::sample::select(vec![
        AdvocateStatus::Active,
        AdvocateStatus::Paused,
        AdvocateStatus::DoNotContact,
        AdvocateStatus::Departed,
    ]);
    prop_oneof![
        (any::<Index>(), "[A-Za-z ]{1,12}").prop_map(|(i, t)| Edit::Title(i, t)),
        (any::<Index>(), status).prop_map(|(i, s)| Edit::Status(i, s)),
        (any::<Index>(), "[A-Za-z ]{1,12}").prop_map(|(i, t)| Edit::AccountName(i, t)),
        (any::<Index>(), any::<bool>()).prop_map(|(i, b)| Edit::Approve(i, b)),
        any::<Index>().prop_map(Edit::DropAdvocate),
        any::<Index>().prop_map(Edit::DropStory),
        any::<Index>().prop_map(Edit::DropQuote),
        Just(Edit::AddAccount),
        any::<Index>().prop_map(Edit::Complete),
        (any::<Index>(), any::<Index>(), any::<bool>()).prop_map(|(i, j, a)| Edit::Move(i, j, a)),
    ]
}

/// The edits with the moves first: a move checks that no engagement names
/// what moves, which only holds before the other edits drop engagements
/// from the export (the program keeps them as history).
fn moves_first(edits: &[Edit]) -> Vec<&Edit> {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|edit| !matches!(edit, Edit::Move(..)));
    edits
}

/// Drops the engagements `gone` says, with their histories and the
/// opportunities' links to them.
fn drop_engagements(data: &mut LibraryData, gone: impl Fn(&Engagement) -> bool) {
    let ids: Vec<String> = data.engagements.iter().filter(|e| gone(e)).map(|e| e.id.clone()).collect();
    data.engagements.retain(|e| !ids.contains(&e.id));
    data.history.retain(|h| !ids.contains(&h.engagement));
    for o in &mut data.opportunities {
        o.engagements.retain(|e| !ids.contains(e));
    }
}

/// `data` after `edit`, still a valid library.
fn apply(data: &mut LibraryData, edit: &Edit, n: usize) {
    match edit {
        Edit::Title(i, title) if !data.advocates.is_empty() => {
            i.get_mut(&mut data.advocates).title = title.clone()
        }
        Edit::Status(i, status) if !data.advocates.is_empty() => {
            i.get_mut(&mut data.advocates).status = *status
        }
        Edit::AccountName(i, name) => {
            let len = data.accounts.len();
            data.accounts[i.index(len)].name = name.clone();
        }
        Edit::Approve(i, approved) if !data.stories.is_empty() => {
            i.get_mut(&mut data.stories).approved = *approved
        }
        Edit::DropAdvocate(i) if !data.advocates.is_empty() => {
            let id = data.advocates.remove(i.index(data.advocates.len())).id;
            for story in &mut data.stories {
                story.advocates.retain(|a| *a != id);
            }
            data.quotes.retain(|q| q.advocate != id);
            drop_engagements(data, |e| e.advocate == id);
        }
        Edit::DropStory(i) if !data.stories.is_empty() => {
            let id = data.stories.remove(i.index(data.stories.len())).id;
            data.quotes.retain(|q| q.story != id);
            drop_engagements(data, |e| e.story == id);
        }
        Edit::DropQuote(i) if !data.quotes.is_empty() => {
            data.quotes.remove(i.index(data.quotes.len()));
        }
        Edit::AddAccount => data.accounts.push(new_account(&format!("acc-sync-{n}"))),
        Edit::Move(i, j, true) if !data.advocates.is_empty() => {
            let to = data.accounts[j.index(data.accounts.len())].id.clone();
            let a = i.index(data.advocates.len());
            let id = data.advocates[a].id.clone();
            let named = data.engagements.iter().any(|e| e.advocate == id)
                || data.quotes.iter().any(|q| q.advocate == id);
            if !named {
                data.advocates[a].account = to;
                for story in &mut data.stories {
                    story.advocates.retain(|b| *b != id);
                }
            }
        }
        Edit::Move(i, j, false) if !data.stories.is_empty() => {
            let to = data.accounts[j.index(data.accounts.len())].id.clone();
            let s = i.index(data.stories.len());
            let id = data.stories[s].id.clone();
            let named =
                data.engagements.iter().any(|e| e.story == id) || data.quotes.iter().any(|q| q.story == id);
            if !named {
                data.stories[s].account = to;
                data.stories[s].advocates.clear();
            }
        }
        Edit::Complete(i) => {
            // A call the CRM holds of its own, told by an advocate of a story's account.
            let story = &data.stories.get(i.index(data.stories.len().max(1))).cloned();
            if let Some(story) = story
                && let Some(teller) = story.advocates.first()
            {
                data.engagements.push(Engagement {
                    id: format!("crm-sync-{n}"),
                    advocate: teller.clone(),
                    story: story.id.clone(),
                    kind: CALL,
                    date: day(-100),
                    status: EngagementStatus::Completed,
                    prospect: None,
                });
            }
        }
        _ => {}
    }
}

/// Whether `record` is `was` retired (or `was` itself, for a kind without
/// a retired state or a record retired already).
fn is_retired(now: &LibraryData, was: &LibraryData, kind: RecordKind, id: &str) -> bool {
    match kind {
        RecordKind::Advocate => {
            now.advocates.iter().find(|a| a.id == id).is_some_and(|a| a.status == AdvocateStatus::Departed)
        }
        RecordKind::Story => now.stories.iter().find(|s| s.id == id).is_some_and(|s| !s.approved),
        RecordKind::Account => {
            now.accounts.iter().find(|a| a.id == id).is_some_and(|a| a.status == AccountStatus::DoNotContact)
        }
        // Retired (approval ended) or removed.
        RecordKind::Quote => now
            .quotes
            .iter()
            .find(|q| q.id == id)
            .is_none_or(|q| q.approved_until.is_some_and(|u| u < day(-3))),
        RecordKind::Product => now.products == was.products,
        RecordKind::Opportunity => now.opportunities == was.opportunities,
        RecordKind::AccountFigure => now.account_figures == was.account_figures,
    }
}

/// The program ranks as an index built afresh from its export does, and
/// its library holds the export's records: what a sync changed in the
/// ranking index in place is what a rebuild would make.
fn ranks_as_a_fresh_index(program: &Program) -> Result<(), TestCaseError> {
    let now = Library::new(program.export()).expect("the program stays valid");
    let fresh = refmatch::Index::new(now.clone());
    let library = program.library();
    prop_assert_eq!(library.accounts(), now.accounts());
    prop_assert_eq!(library.advocates(), now.advocates());
    prop_assert_eq!(library.stories(), now.stories());
    prop_assert_eq!(library.quotes(), now.quotes());
    let industries: Vec<String> = now.accounts().iter().map(|a| a.industry.clone()).take(3).collect();
    for (i, industry) in industries.iter().enumerate() {
        let prospect = Prospect::new().with_industry(industry.as_str());
        let prospect = if i == 1 { prospect.with_text("fraud detection platform") } else { prospect };
        let request =
            Request::new(refmatch::model::EngagementKind::ReferenceCall, day(30)).with_min_relevance(0.0);
        let request =
            program.export().hidden_accounts.into_iter().fold(request, Request::with_excluded_account);
        prop_assert_eq!(program.rank(&prospect, &request).ok(), fresh.rank(&prospect, &request).ok());
    }
    // The program's search follows the sync too.
    #[cfg(feature = "search")]
    if program.export().hidden_accounts.is_empty() {
        let index = refmatch::search::SearchIndex::new(now).expect("indexes");
        support::search::same_answers(|r| program.search(r), &index).map_err(TestCaseError::fail)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A sync's parts, records removed among them, leave the ranking as a
    /// rebuild would.
    #[test]
    fn a_synced_program_ranks_as_a_fresh_index(
        library in arb_library(Sizes::small()),
        edits in prop::collection::vec(arb_edit(), 0..8),
        remove in any::<bool>(),
    ) {
        set_clock(day(-3));
        let program = Program::with_options(library, &fixed_options());
        let mut other = program.export();
        for (n, edit) in moves_first(&edits).into_iter().enumerate() {
            apply(&mut other, edit, n);
        }
        let other = Library::new(other).expect("the edits keep the export valid").into_data();
        let missing = if remove { Missing::Remove } else { Missing::Retire };
        program.sync(other, &admin(), &SyncOptions::new(at_day(-4)).missing(missing)).unwrap();
        ranks_as_a_fresh_index(&program)?;
    }

    /// Syncing a program with its own export changes nothing and finds no
    /// conflict.
    #[test]
    fn a_program_synced_with_its_own_export_changes_nothing(library in arb_library(Sizes::small())) {
        let program = Program::with_options(library, &fixed_options());
        let before = program.state();
        let report = program.sync(program.export(), &admin(), &SyncOptions::new(start())).unwrap();
        prop_assert!(report.changes_nothing(), "{}", report);
        prop_assert!(report.missing.is_empty() && report.conflicts.is_empty() && !report.applied);
        prop_assert_eq!(program.state(), before);
    }

    /// After a sync with an export the CRM edited (changed, added and
    /// dropped records, calls of its own), the program holds every record
    /// of the export as the export has it, every record the export lacks
    /// retired, and every engagement of the export; syncing the same
    /// export again changes nothing.
    #[test]
    fn after_a_sync_the_program_holds_the_export(
        library in arb_library(Sizes::small()),
        edits in prop::collection::vec(arb_edit(), 0..8),
    ) {
        set_clock(day(-3));
        let program = Program::with_options(library, &fixed_options());
        let was = program.export();
        let mut other = was.clone();
        for (n, edit) in moves_first(&edits).into_iter().enumerate() {
            apply(&mut other, edit, n);
        }
        let other = Library::new(other).expect("the edits keep the export valid").into_data();
        let options = SyncOptions::new(at_day(-4));
        let report = program.sync(other.clone(), &admin(), &options).unwrap();
        let now = program.export();
        for kind in RecordKind::ALL {
            let ids = |data: &LibraryData| -> Vec<(String, String)> {
                let value = serde_json::to_value(data).unwrap();
                let field = match kind {
                    RecordKind::Product => "products",
                    RecordKind::Account => "accounts",
                    RecordKind::Advocate => "advocates",
                    RecordKind::Story => "stories",
                    RecordKind::Opportunity => "opportunities",
                    RecordKind::AccountFigure => "account_figures",
                    RecordKind::Quote => "quotes",
                };
                value[field].as_array().cloned().unwrap_or_default().iter().map(|r| {
                    let id = match kind {
                        RecordKind::AccountFigure => format!("{}@{}", r["account"].as_str().unwrap(), r["date"].as_str().unwrap()),
                        _ => r["id"].as_str().unwrap().to_string(),
                    };
                    (id, r.to_string())
                }).collect()
            };
            let ours = ids(&now);
            for record in ids(&other) {
                prop_assert!(ours.contains(&record), "{kind} {} is not as the export has it", record.0);
            }
            let theirs: Vec<String> = ids(&other).into_iter().map(|(id, _)| id).collect();
            for (id, _) in ids(&was).into_iter().filter(|(id, _)| !theirs.contains(id)) {
                prop_assert!(is_retired(&now, &was, kind, &id), "{kind} {id} is not retired:\n{report}");
            }
        }
        for engagement in &other.engagements {
            prop_assert!(now.engagements.iter().any(|e| e.id == engagement.id));
        }
        let again = program.sync(other, &admin(), &options).unwrap();
        prop_assert!(again.changes_nothing(), "{}", again);
    }
}
