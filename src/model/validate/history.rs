//! The rules of the program sections of a library: each engagement's
//! workflow history ([`EngagementHistory`]) and the hidden accounts.

use std::collections::HashMap;

use jiff::Timestamp;

use super::ranges::{Len, date_out_of_range, too_long};
use super::{ProblemKind, Report, check_reference};
use crate::model::{Actor, Engagement, EngagementHistory, EngagementStatus, Transition};

/// Whether a step from `from` to `to` is one the workflow allows.
pub(crate) fn allowed_step(from: Option<EngagementStatus>, to: EngagementStatus) -> bool {
    use EngagementStatus::{Approved, Cancelled, Completed, Declined, Requested};
    matches!(
        (from, to),
        (None, Requested)
            | (Some(Requested), Approved | Declined | Cancelled)
            | (Some(Approved), Completed | Declined | Cancelled)
    )
}

pub(super) fn check(
    report: &mut Report,
    engagements: &HashMap<&str, usize>,
    records: &[Engagement],
    history: &[EngagementHistory],
    accounts: &HashMap<&str, usize>,
    hidden: &[String],
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, entry) in history.iter().enumerate() {
        let place = || format!("history[{i}]");
        let found = check_reference(
            report,
            || format!("{}.engagement", place()),
            "engagement",
            &entry.engagement,
            engagements,
        );
        if let Some(first) = seen.insert(&entry.engagement, i) {
            seen.insert(&entry.engagement, first);
            let message = format!(
                "engagement {:?} has a second history: the first is at history[{first}]",
                entry.engagement
            );
            report.add(format!("{}.engagement", place()), ProblemKind::DuplicateId, message);
        }
        if entry.steps.is_empty() {
            report.add(
                format!("{}.steps", place()),
                ProblemKind::OutOfRange,
                "no step: expected at least the request",
            );
        }
        let mut last: Option<&Transition> = None;
        for (j, step) in entry.steps.iter().enumerate() {
            check_step(report, &|| format!("{}.steps[{j}]", place()), step, last);
            last = Some(step);
        }
        if let (Some(e), Some(last)) = (found, last)
            && last.to != records[e].status
        {
            let message = format!(
                "the history ends in {} but the engagement is {}: expected its last step to reach its status",
                last.to, records[e].status
            );
            report.add(format!("{}.steps", place()), ProblemKind::OutOfRange, message);
        }
    }
    let mut listed: HashMap<&str, usize> = HashMap::new();
    for (i, account) in hidden.iter().enumerate() {
        let place = format!("hidden_accounts[{i}]");
        check_reference(report, || place.clone(), "account", account, accounts);
        if let Some(first) = listed.insert(account, i) {
            let message = format!("account {account:?} is listed twice: first at hidden_accounts[{first}]");
            report.add(place, ProblemKind::DuplicateId, message);
        }
    }
}

fn check_step(report: &mut Report, place: &dyn Fn() -> String, step: &Transition, last: Option<&Transition>) {
    let from = last.map(|l| l.to);
    if step.from != from || !allowed_step(step.from, step.to) {
        let shown = |s: Option<EngagementStatus>| s.map_or("no state".to_string(), |s| s.to_string());
        let message = format!(
            "a step from {} to {} after {}: expected a workflow step from {}",
            shown(step.from),
            step.to,
            shown(from),
            shown(from)
        );
        report.add(format!("{}.to", place()), ProblemKind::OutOfRange, message);
    }
    if let Some(last) = last.filter(|l| step.at < l.at) {
        let message =
            format!("at {} is before the step before it, at {}: expected times in order", step.at, last.at);
        report.add(format!("{}.at", place()), ProblemKind::UnorderedRange, message);
    }
    check_actor_and_time(report, place, &step.actor, step.at, "made the step");
    if let Some(message) = too_long(Len::Text, &step.reason) {
        report.add(format!("{}.reason", place()), ProblemKind::OutOfRange, message);
    }
}

/// The time and the actor of a recorded step (or feedback) at `place`: a
/// day in the range of dates, an actor id that is not blank and at most a
/// label long. `did` says what the actor did, for the message.
pub(super) fn check_actor_and_time(
    report: &mut Report,
    place: &dyn Fn() -> String,
    actor: &Actor,
    at: Timestamp,
    did: &str,
) {
    if let Some(message) = date_out_of_range(at.to_zoned(jiff::tz::TimeZone::UTC).date()) {
        report.add(format!("{}.at", place()), ProblemKind::OutOfRange, message);
    }
    if actor.id.trim().is_empty() {
        report.add(
            format!("{}.actor.id", place()),
            ProblemKind::EmptyId,
            format!("empty actor id: expected who {did}"),
        );
    } else if let Some(message) = too_long(Len::Label, &actor.id) {
        report.add(format!("{}.actor.id", place()), ProblemKind::OutOfRange, message);
    }
}
