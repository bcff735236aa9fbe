//! A sync's plan: from the program's state and a validated export, the
//! parts of the one logged operation and the report that describes them.
//! What becomes of missing records ([`Missing`]) is decided here.

use jiff::Timestamp;
use jiff::ToSpan;
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};

use super::diff::{self, RecordChange, RecordRef, field_changes};
use super::engagements;
use super::op::{Part, SyncOp};
use super::options::{Missing, SyncOptions};
use super::report::{MissingAction, MissingRecord, SyncReport};
use crate::ledger::ops::records::{Record, RecordKind};
use crate::ledger::state::State;
use crate::model::{AccountStatus, Actor, AdvocateStatus, LibraryData};

/// The operation that syncs `state` with `export` (validated), made by
/// `actor` at `at`, and its report (not yet marked applied).
pub(super) fn plan(
    state: &State,
    export: &LibraryData,
    actor: &Actor,
    at: Timestamp,
    options: &SyncOptions,
) -> (SyncOp, SyncReport) {
    let found = diff::diff(&state.saved.library, export);
    let mut parts = Vec::new();
    let mut report = SyncReport {
        exported_at: options.exported_at,
        at,
        dry_run: options.dry_run,
        applied: false,
        counts: Default::default(),
        added: Vec::new(),
        changed: Vec::new(),
        missing: Vec::new(),
        retired: Vec::new(),
        engagements_added: Vec::new(),
        engagements_updated: Vec::new(),
        conflicts: Vec::new(),
    };
    for record in found.added {
        report.added.push(RecordRef { kind: record.kind(), id: record.id() });
        parts.push(Part::Put { record });
    }
    for (record, change) in found.changed {
        report.changed.push(change);
        parts.push(Part::Put { record });
    }

    let engagements = engagements::plan(state, export, actor, at, options.exported_at);
    let kept = match options.missing {
        Missing::Remove => referred(state, export, &engagements.records, &found.missing),
        Missing::Retire | Missing::Keep => HashMap::new(),
    };
    let today = at.to_zoned(jiff::tz::TimeZone::UTC).date();
    let works_at: HashMap<&str, &str> =
        export.advocates.iter().map(|a| (a.id.as_str(), a.account.as_str())).collect();
    for record in found.missing {
        let (kind, id) = (record.kind(), record.id());
        let mut note = kept.get(&RecordRef { kind, id: id.clone() }).cloned();
        if options.missing == Missing::Retire
            && let Record::Quote(quote) = &record
            && !tells(state, export, &works_at, &quote.advocate, &quote.story)
        {
            // Nothing refers to a quote, and one whose advocate no longer
            // tells its story would break the program: it goes.
            note = Some(format!("advocate {} no longer tells story {}", quote.advocate, quote.story));
        }
        let action = match options.missing {
            Missing::Keep => MissingAction::Kept,
            Missing::Retire if note.is_some() => {
                parts.push(Part::Remove { kind, id: id.clone() });
                MissingAction::Removed
            }
            Missing::Remove if note.is_none() => {
                parts.push(Part::Remove { kind, id: id.clone() });
                MissingAction::Removed
            }
            Missing::Retire | Missing::Remove => {
                // A story that stays lets go of the people the export
                // moved to another account, or it could not stay valid.
                let released = released(&record, &works_at);
                if let Some((_, gone)) = &released {
                    let said = format!(
                        "the export has {} at another account: the story lets them go",
                        gone.join(", ")
                    );
                    note = Some(match note {
                        Some(n) => format!("{n}; {said}"),
                        None => said,
                    });
                }
                let released = released.map(|(story, _)| story);
                match retired(released.as_ref().unwrap_or(&record), today).or(released) {
                    Some(new) => {
                        report.retired.push(RecordChange {
                            kind,
                            id: id.clone(),
                            fields: field_changes(&record, &new),
                        });
                        parts.push(Part::Put { record: new });
                        MissingAction::Retired
                    }
                    None if retirable(kind) => MissingAction::AlreadyRetired,
                    None => MissingAction::Kept,
                }
            }
        };
        report.missing.push(MissingRecord { kind, id, action, note });
    }

    report.engagements_added = engagements.added;
    report.engagements_updated = engagements.updated;
    report.conflicts = engagements.conflicts;
    parts.extend(engagements.records.into_iter().map(|record| Part::Engagement { record }));
    report.count();
    let op = SyncOp { exported_at: options.exported_at, parts, actor: actor.clone(), at };
    (op, report)
}

/// Whether `advocate` tells `story` after the sync: by the export's
/// version of the story, else the program's, which lets go of the people
/// the export has at another account ([`released`]). `works_at` is each
/// of the export's advocates' account.
fn tells(
    state: &State,
    export: &LibraryData,
    works_at: &HashMap<&str, &str>,
    advocate: &str,
    story: &str,
) -> bool {
    if let Some(theirs) = export.stories.iter().find(|s| s.id == story) {
        return theirs.advocates.iter().any(|a| a == advocate);
    }
    let ours = state.saved.library.stories.iter().find(|s| s.id == story);
    ours.is_some_and(|s| s.advocates.iter().any(|a| a == advocate) && !moved(works_at, advocate, &s.account))
}

/// Whether the export has `advocate` at an account other than `account`.
fn moved(works_at: &HashMap<&str, &str>, advocate: &str, account: &str) -> bool {
    works_at.get(advocate).is_some_and(|&at| at != account)
}

/// `record`, a story the export lacks, without the advocates the export
/// has at another account, and those advocates; `None` for any other
/// record, or a story that keeps all its people.
fn released(record: &Record, works_at: &HashMap<&str, &str>) -> Option<(Record, Vec<String>)> {
    let Record::Story(story) = record else { return None };
    let (gone, stay): (Vec<String>, Vec<String>) =
        story.advocates.iter().cloned().partition(|a| moved(works_at, a, &story.account));
    if gone.is_empty() {
        return None;
    }
    Some((Record::Story(crate::model::Story { advocates: stay, ..story.clone() }), gone))
}

/// Whether records of `kind` have a retired state.
fn retirable(kind: RecordKind) -> bool {
    matches!(kind, RecordKind::Advocate | RecordKind::Story | RecordKind::Account | RecordKind::Quote)
}

/// `record` retired on `today`, or `None` when it is retired already or
/// has no retired state: an advocate departed, a story unapproved, an
/// account do-not-contact, a quote's approval ended the day before.
fn retired(record: &Record, today: Date) -> Option<Record> {
    match record {
        Record::Advocate(a) if a.status != AdvocateStatus::Departed => {
            Some(Record::Advocate(crate::model::Advocate { status: AdvocateStatus::Departed, ..a.clone() }))
        }
        Record::Story(s) if s.approved => {
            Some(Record::Story(crate::model::Story { approved: false, ..s.clone() }))
        }
        Record::Account(a) if a.status != AccountStatus::DoNotContact => {
            Some(Record::Account(crate::model::Account { status: AccountStatus::DoNotContact, ..a.clone() }))
        }
        Record::Quote(q) => {
            let yesterday = today.checked_sub(1.day()).unwrap_or(today);
            let ends = q.approved_until.is_none_or(|until| until > yesterday);
            ends.then(|| Record::Quote(crate::model::Quote { approved_until: Some(yesterday), ..q.clone() }))
        }
        _ => None,
    }
}

/// The records the program refers to, directly or through records that
/// stay.
fn refs_of(record: &Record) -> Vec<RecordRef> {
    let to = |kind, id: &String| RecordRef { kind, id: id.clone() };
    match record {
        Record::Story(s) => std::iter::once(to(RecordKind::Account, &s.account))
            .chain(s.products.iter().map(|p| to(RecordKind::Product, p)))
            .chain(s.advocates.iter().map(|a| to(RecordKind::Advocate, a)))
            .collect(),
        Record::Advocate(a) => vec![to(RecordKind::Account, &a.account)],
        Record::AccountFigure(f) => vec![to(RecordKind::Account, &f.account)],
        Record::Quote(q) => vec![to(RecordKind::Story, &q.story), to(RecordKind::Advocate, &q.advocate)],
        Record::Opportunity(o) => o.prospect.products.iter().map(|p| to(RecordKind::Product, p)).collect(),
        Record::Product(_) | Record::Account(_) => Vec::new(),
    }
}

/// Of the `missing` records, those that cannot be removed, each with what
/// refers to it: an engagement (the program's or one the sync adds), a
/// hidden account entry, or a record that stays (one of the export's, or
/// a missing one that cannot be removed itself). `O(n)`.
fn referred(
    state: &State,
    export: &LibraryData,
    added: &[crate::ledger::state::RequestRecord],
    missing: &[Record],
) -> HashMap<RecordRef, String> {
    let mut found = Referred {
        candidates: missing.iter().map(|r| (RecordRef { kind: r.kind(), id: r.id() }, r)).collect(),
        kept: HashMap::new(),
        staying: Vec::new(),
    };
    for e in state.saved.requests.iter().chain(added).map(|r| &r.engagement) {
        let by = format!("engagement {}", e.id);
        found.keep(RecordRef { kind: RecordKind::Advocate, id: e.advocate.clone() }, &by);
        found.keep(RecordRef { kind: RecordKind::Story, id: e.story.clone() }, &by);
    }
    for account in &state.saved.hidden {
        found.keep(RecordRef { kind: RecordKind::Account, id: account.clone() }, "the hidden accounts");
    }
    let theirs: Vec<Record> = RecordKind::ALL.iter().flat_map(|&kind| diff::records(export, kind)).collect();
    let mut queue: Vec<&Record> = theirs.iter().collect();
    let mut done: HashSet<RecordRef> = HashSet::new();
    loop {
        queue.append(&mut found.staying);
        let Some(record) = queue.pop() else { break };
        if !done.insert(RecordRef { kind: record.kind(), id: record.id() }) {
            continue;
        }
        let by = format!("{} {}", record.kind(), record.id());
        for target in refs_of(record) {
            found.keep(target, &by);
        }
    }
    found.kept
}

/// The search of [`referred`].
struct Referred<'a> {
    /// Missing records not yet known to be referred to.
    candidates: HashMap<RecordRef, &'a Record>,
    /// Those known to be, with what refers to each.
    kept: HashMap<RecordRef, String>,
    /// Records found to stay whose references are still to follow.
    staying: Vec<&'a Record>,
}

impl<'a> Referred<'a> {
    fn keep(&mut self, target: RecordRef, by: &str) {
        if let Some(record) = self.candidates.remove(&target) {
            self.kept.insert(target, format!("{by} refers to it"));
            self.staying.push(record);
        }
    }
}
