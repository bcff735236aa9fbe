//! The engagement half of a sync: engagements are matched by id; new ones
//! become history; an existing one takes the export's state only when the
//! program has not changed it since the export and the export moves it
//! forward along the workflow. Everything else is a [`Conflict`].

use jiff::Timestamp;
use std::collections::HashMap;

use super::report::{Conflict, ConflictKind, EngagementUpdate};
use crate::ledger::state::{RequestRecord, State};
use crate::model::{Actor, Engagement, EngagementStatus, Feedback, LibraryData, Transition};

/// What the export's engagements do to the program.
#[derive(Debug, Default)]
pub(super) struct EngagementPlan {
    /// Records to put: new ones and updated ones, in the export's order.
    pub(super) records: Vec<RequestRecord>,
    pub(super) added: Vec<String>,
    pub(super) updated: Vec<EngagementUpdate>,
    pub(super) conflicts: Vec<Conflict>,
}

/// The steps from `from` to `to` along the workflow (none when equal),
/// `None` when the workflow cannot get there.
fn path(from: EngagementStatus, to: EngagementStatus) -> Option<Vec<EngagementStatus>> {
    use EngagementStatus::{Approved, Cancelled, Completed, Declined, Requested};
    match (from, to) {
        _ if from == to => Some(vec![]),
        (Requested, Completed) => Some(vec![Approved, Completed]),
        (Requested, Approved | Declined | Cancelled) | (Approved, Completed | Declined | Cancelled) => {
            Some(vec![to])
        }
        _ => None,
    }
}

/// When the program last changed `record`: its last step's time.
fn changed_at(record: &RequestRecord) -> Option<Timestamp> {
    record.history.last().map(|step| step.at)
}

/// Why `new` may not replace `old` in a sync of an export written at
/// `exported_at`, or `None` when it may: the program has not changed it
/// since, only the status moves (forward along the workflow), and the
/// history only grows.
pub(super) fn refusal(
    old: &RequestRecord,
    new: &RequestRecord,
    exported_at: Timestamp,
) -> Option<(ConflictKind, String)> {
    let (a, b) = (&old.engagement, &new.engagement);
    if let Some(at) = changed_at(old).filter(|&at| at > exported_at) {
        let message = format!(
            "the program changed it at {at}, after the export of {exported_at}: \
             expected an export written after that"
        );
        return Some((ConflictKind::ChangedSince, message));
    }
    let mut differ = Vec::new();
    for (field, same) in [
        ("advocate", a.advocate == b.advocate),
        ("story", a.story == b.story),
        ("kind", a.kind == b.kind),
        ("date", a.date == b.date),
        ("prospect", a.prospect == b.prospect),
    ] {
        if !same {
            differ.push(field);
        }
    }
    if !differ.is_empty() {
        let message = format!(
            "the export changes its {}: history is never rewritten, expected only its status to move",
            differ.join(", ")
        );
        return Some((ConflictKind::Rewrites, message));
    }
    if path(a.status, b.status).is_none() {
        let message = format!(
            "the export has it {} where the program has it {}: expected a later step of the workflow",
            b.status, a.status
        );
        return Some((ConflictKind::NotAStep, message));
    }
    if !new.history.starts_with(&old.history) {
        let message = "the export's history does not continue the program's: \
                       history is never rewritten"
            .to_string();
        return Some((ConflictKind::Rewrites, message));
    }
    None
}

/// The engagements of `export` against `state`. A step the export implies
/// without a history of its own is recorded as `actor`'s at `at`, when the
/// program keeps a history for the engagement.
pub(super) fn plan(
    state: &State,
    export: &LibraryData,
    actor: &Actor,
    at: Timestamp,
    exported_at: Timestamp,
) -> EngagementPlan {
    let histories: HashMap<&str, &[Transition]> =
        export.history.iter().map(|h| (h.engagement.as_str(), h.steps.as_slice())).collect();
    // Feedback is the program's: an export's is taken for new engagements only.
    let mut feedback: HashMap<&str, Vec<Feedback>> = HashMap::new();
    for entry in &export.feedback {
        feedback.entry(entry.engagement.as_str()).or_default().push(entry.clone());
    }
    let mut out = EngagementPlan::default();
    for engagement in &export.engagements {
        let history = histories.get(engagement.id.as_str()).copied();
        let Some(old) = state.record(&engagement.id) else {
            let history = history.map(<[Transition]>::to_vec).unwrap_or_default();
            let feedback = feedback.remove(engagement.id.as_str()).unwrap_or_default();
            out.records.push(RequestRecord { engagement: engagement.clone(), history, feedback });
            out.added.push(engagement.id.clone());
            continue;
        };
        if &old.engagement == engagement && history.is_none_or(|h| h == old.history.as_slice()) {
            continue;
        }
        let new = successor(old, engagement, history, actor, at, exported_at);
        match refusal(old, &new, exported_at) {
            Some((kind, message)) => out.conflicts.push(conflict(old, engagement, kind, message)),
            None => {
                out.updated.push(EngagementUpdate {
                    id: engagement.id.clone(),
                    from: old.engagement.status,
                    to: engagement.status,
                });
                out.records.push(new);
            }
        }
    }
    out
}

/// The record `old` becomes with the export's `engagement`: the export's
/// history when it has one, else the program's with the steps the export
/// implies (none for a program record without a history).
fn successor(
    old: &RequestRecord,
    engagement: &Engagement,
    history: Option<&[Transition]>,
    actor: &Actor,
    at: Timestamp,
    exported_at: Timestamp,
) -> RequestRecord {
    let history = match history {
        Some(steps) => steps.to_vec(),
        None if old.history.is_empty() => Vec::new(),
        None => {
            let mut steps = old.history.clone();
            let mut from = old.engagement.status;
            for to in path(from, engagement.status).unwrap_or_default() {
                let reason = format!("from the crm export of {exported_at}");
                steps.push(Transition { from: Some(from), to, actor: actor.clone(), at, reason });
                from = to;
            }
            steps
        }
    };
    RequestRecord { engagement: engagement.clone(), history, feedback: old.feedback.clone() }
}

fn conflict(old: &RequestRecord, export: &Engagement, kind: ConflictKind, message: String) -> Conflict {
    Conflict {
        engagement: export.id.clone(),
        kind,
        message,
        program: old.engagement.clone(),
        program_changed_at: changed_at(old),
        export: export.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EngagementStatus::*;

    #[test]
    fn the_workflow_only_moves_forward() {
        assert_eq!(path(Requested, Completed), Some(vec![Approved, Completed]));
        assert_eq!(path(Approved, Approved), Some(vec![]));
        assert_eq!(path(Approved, Cancelled), Some(vec![Cancelled]));
        for (from, to) in [(Completed, Requested), (Declined, Approved), (Approved, Requested)] {
            assert_eq!(path(from, to), None, "{from} -> {to}");
        }
    }
}
