//! The rules of a library's feedback section ([`Feedback`]): each names a
//! known engagement that is completed, once per side, with a rating in
//! `1..=5`, a note within the text limit, an actor, and a time in the
//! range of dates not before the engagement's day.

use std::collections::HashMap;

use super::history::check_actor_and_time;
use super::ranges::{Len, too_long};
use super::{ProblemKind, Report, check_reference};
use crate::model::feedback::{MAX_RATING, MIN_RATING};
use crate::model::{Engagement, EngagementStatus, Feedback, FeedbackFrom};

pub(super) fn check(
    report: &mut Report,
    engagements: &HashMap<&str, usize>,
    records: &[Engagement],
    feedback: &[Feedback],
) {
    let mut seen: HashMap<(&str, FeedbackFrom), usize> = HashMap::new();
    for (i, entry) in feedback.iter().enumerate() {
        let place = format!("feedback[{i}]");
        let found = check_reference(
            report,
            || format!("{place}.engagement"),
            "engagement",
            &entry.engagement,
            engagements,
        );
        if let Some(e) = found.map(|e| &records[e]) {
            if e.status != EngagementStatus::Completed {
                let message = format!(
                    "engagement {:?} is {}: expected feedback only on a completed engagement",
                    entry.engagement, e.status
                );
                report.add(format!("{place}.engagement"), ProblemKind::OutOfRange, message);
            }
            let day = entry.at.to_zoned(jiff::tz::TimeZone::UTC).date();
            if day < e.date {
                let message = format!(
                    "feedback on {day} is before the engagement's day {}: expected that day or later",
                    e.date
                );
                report.add(format!("{place}.at"), ProblemKind::UnorderedRange, message);
            }
        }
        if let Some(first) = seen.insert((&entry.engagement, entry.from), i) {
            seen.insert((&entry.engagement, entry.from), first);
            let message = format!(
                "engagement {:?} has a second feedback from the {} side: the first is at feedback[{first}]",
                entry.engagement, entry.from
            );
            report.add(format!("{place}.from"), ProblemKind::DuplicateId, message);
        }
        if !(MIN_RATING..=MAX_RATING).contains(&entry.rating) {
            let message =
                format!("rating {} is out of range: expected {MIN_RATING}..={MAX_RATING}", entry.rating);
            report.add(format!("{place}.rating"), ProblemKind::OutOfRange, message);
        }
        if let Some(message) = too_long(Len::Text, &entry.note) {
            report.add(format!("{place}.note"), ProblemKind::OutOfRange, message);
        }
        check_actor_and_time(report, &|| place.clone(), &entry.actor, entry.at, "gave the feedback");
    }
}
