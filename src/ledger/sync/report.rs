//! [`SyncReport`]: what a sync found and did, for machines (serde) and
//! for people ([`Display`](std::fmt::Display), Markdown), and
//! [`SyncProblem`], one reason a sync was refused.

use jiff::Timestamp;
use serde::Serialize;
use std::fmt;

use super::diff::{FieldChange, RecordChange, RecordRef};
use crate::ledger::ops::records::RecordKind;
use crate::model::{Engagement, EngagementStatus};

/// What became of a record the program holds and the export lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingAction {
    /// Retired now ([`SyncReport::retired`] has the fields).
    Retired,
    /// Retired already: nothing to change.
    AlreadyRetired,
    /// Kept as it is ([`Missing::Keep`](super::Missing::Keep), or a kind
    /// without a retired state).
    Kept,
    /// Removed ([`Missing::Remove`](super::Missing::Remove), or a quote
    /// whose advocate no longer tells its story).
    Removed,
}

/// A record the export lacks, and what the sync does with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingRecord {
    /// The record's kind.
    pub kind: RecordKind,
    /// Its id.
    pub id: String,
    /// What the sync does with it.
    pub action: MissingAction,
    /// Why, when the action is not the one asked for: what refers to a
    /// record [`Missing::Remove`](super::Missing::Remove) does not remove
    /// ("engagement eng-0042 refers to it"), or why a quote is removed
    /// rather than retired.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An engagement the export moves along its workflow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EngagementUpdate {
    /// The engagement's id.
    pub id: String,
    /// Its status in the program.
    pub from: EngagementStatus,
    /// Its status in the export, and after the sync.
    pub to: EngagementStatus,
}

/// Why an engagement of the export was not applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// The program changed the engagement after the export was written.
    ChangedSince,
    /// The export's status is not reachable from the program's by the
    /// workflow's steps (say completed back to requested).
    NotAStep,
    /// The export changes what the engagement was (advocate, story, kind,
    /// day, prospect) or its history: history is never rewritten.
    Rewrites,
}

/// An engagement whose export differs from the program's and that the
/// sync leaves as the program has it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// The engagement's id.
    pub engagement: String,
    /// Why.
    pub kind: ConflictKind,
    /// Why, in words, naming the states or times.
    pub message: String,
    /// The engagement as the program holds it (and keeps it).
    pub program: Engagement,
    /// When the program last changed it (its last workflow step), if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub program_changed_at: Option<Timestamp>,
    /// The engagement as the export has it.
    pub export: Engagement,
}

/// How many of each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SyncCounts {
    /// Records added.
    pub added: usize,
    /// Records changed.
    pub changed: usize,
    /// Records the export lacks.
    pub missing: usize,
    /// Of those, retired now.
    pub retired: usize,
    /// Of those, removed.
    pub removed: usize,
    /// Of those, kept as they are (retired already, or kept).
    pub kept: usize,
    /// Engagements added as history.
    pub engagements_added: usize,
    /// Engagements moved along their workflow.
    pub engagements_updated: usize,
    /// Engagements in conflict, left as the program has them.
    pub conflicts: usize,
}

/// What [`Program::sync`](crate::ledger::Program::sync) found and did.
///
/// Lists are in the order of [`RecordKind::ALL`], then of the export (for
/// added and changed records and engagements) or of the program (for
/// missing records).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyncReport {
    /// When the export was written.
    pub exported_at: Timestamp,
    /// When the sync ran, by the program's clock.
    pub at: Timestamp,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// Whether the changes were applied (as one logged operation): `false`
    /// for a dry run and when there was nothing to change.
    pub applied: bool,
    /// How many of each.
    pub counts: SyncCounts,
    /// Records only the export holds.
    pub added: Vec<RecordRef>,
    /// Records whose fields the export changes, field by field.
    pub changed: Vec<RecordChange>,
    /// Records only the program holds, with what becomes of each.
    pub missing: Vec<MissingRecord>,
    /// The missing records retired now, field by field.
    pub retired: Vec<RecordChange>,
    /// Engagements only the export holds, added as history (their
    /// statuses kept, caps not checked).
    pub engagements_added: Vec<String>,
    /// Engagements the export moves along their workflow.
    pub engagements_updated: Vec<EngagementUpdate>,
    /// Engagements left as the program has them, with both states.
    pub conflicts: Vec<Conflict>,
}

impl SyncReport {
    /// Whether the export changes nothing: no record added, changed,
    /// retired or removed, no engagement added or updated (conflicts may
    /// remain).
    pub fn changes_nothing(&self) -> bool {
        let c = &self.counts;
        c.added + c.changed + c.retired + c.removed + c.engagements_added + c.engagements_updated == 0
    }

    /// The report as Markdown: a heading, the counts, then a list per
    /// section that has entries. The same text as `Display`.
    pub fn to_markdown(&self) -> String {
        self.to_string()
    }

    pub(super) fn count(&mut self) {
        let kept =
            |a: &&MissingRecord| matches!(a.action, MissingAction::Kept | MissingAction::AlreadyRetired);
        let removed = |a: &&MissingRecord| a.action == MissingAction::Removed;
        self.counts = SyncCounts {
            added: self.added.len(),
            changed: self.changed.len(),
            missing: self.missing.len(),
            retired: self.retired.len(),
            removed: self.missing.iter().filter(removed).count(),
            kept: self.missing.iter().filter(kept).count(),
            engagements_added: self.engagements_added.len(),
            engagements_updated: self.engagements_updated.len(),
            conflicts: self.conflicts.len(),
        };
    }
}

fn fields(f: &mut fmt::Formatter<'_>, fields: &[FieldChange]) -> fmt::Result {
    for (i, change) in fields.iter().enumerate() {
        let sep = if i == 0 { ": " } else { "; " };
        write!(f, "{sep}{} `{}` → `{}`", change.field, change.old, change.new)?;
    }
    Ok(())
}

impl fmt::Display for SyncReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match (self.dry_run, self.applied) {
            (true, _) => "dry run, nothing applied",
            (false, true) => "applied",
            (false, false) => "nothing to apply",
        };
        writeln!(f, "## Sync with the CRM export of {} ({state})\n", self.exported_at)?;
        let c = &self.counts;
        writeln!(
            f,
            "{} added, {} changed, {} missing ({} retired, {} removed, {} kept); \
             engagements: {} added, {} updated, {} in conflict",
            c.added,
            c.changed,
            c.missing,
            c.retired,
            c.removed,
            c.kept,
            c.engagements_added,
            c.engagements_updated,
            c.conflicts
        )?;
        if !self.added.is_empty() {
            writeln!(f, "\n### Added\n")?;
            for r in &self.added {
                writeln!(f, "- {} {}", r.kind, r.id)?;
            }
        }
        if !self.changed.is_empty() {
            writeln!(f, "\n### Changed\n")?;
            for r in &self.changed {
                write!(f, "- {} {}", r.kind, r.id)?;
                fields(f, &r.fields)?;
                writeln!(f)?;
            }
        }
        if !self.missing.is_empty() {
            writeln!(f, "\n### Missing from the export\n")?;
            for r in &self.missing {
                let action = match r.action {
                    MissingAction::Retired => "retired",
                    MissingAction::AlreadyRetired => "retired already",
                    MissingAction::Kept => "kept",
                    MissingAction::Removed => "removed",
                };
                write!(f, "- {} {}: {action}", r.kind, r.id)?;
                if let Some(note) = &r.note {
                    write!(f, " ({note})")?;
                }
                if let Some(retired) = self.retired.iter().find(|x| x.kind == r.kind && x.id == r.id) {
                    fields(f, &retired.fields)?;
                }
                writeln!(f)?;
            }
        }
        if !self.engagements_added.is_empty() || !self.engagements_updated.is_empty() {
            writeln!(f, "\n### Engagements\n")?;
            for id in &self.engagements_added {
                writeln!(f, "- {id}: added as history")?;
            }
            for u in &self.engagements_updated {
                writeln!(f, "- {}: {} → {}", u.id, u.from, u.to)?;
            }
        }
        if !self.conflicts.is_empty() {
            writeln!(f, "\n### Conflicts (the program's state is kept)\n")?;
            for c in &self.conflicts {
                writeln!(
                    f,
                    "- {}: {} (program: {} on {}, export: {} on {})",
                    c.engagement, c.message, c.program.status, c.program.date, c.export.status, c.export.date
                )?;
            }
        }
        Ok(())
    }
}

/// One reason a sync was refused, naming the record it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncProblem {
    /// The record's kind (`advocate`, `story`, ..., `engagement`), or
    /// `policy`, `library` for a problem of no one record.
    pub what: String,
    /// The record's id (empty for `policy` and `library`).
    pub id: String,
    /// What is wrong and what was expected, lowercase.
    pub message: String,
}

impl fmt::Display for SyncProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.id.is_empty() {
            write!(f, "{}: {}", self.what, self.message)
        } else {
            write!(f, "{} {}: {}", self.what, self.id, self.message)
        }
    }
}
