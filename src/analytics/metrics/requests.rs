//! What happened to reference requests: how many owners accepted, how long
//! approval took, why requests were declined.

use serde::Serialize;
use std::collections::HashMap;

use crate::ledger::RequestRecord;
use crate::model::{DateRange, EngagementStatus, normalize_tag};

/// The reason shown for a decline that gave none, or that the ledger
/// received without its history.
pub const NO_REASON: &str = "no reason given";

/// Requests whose engagement date lies in a period, by where they stand,
/// with the owners' answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RequestOutcomes {
    /// Requests counted.
    pub total: usize,
    /// Still waiting for the owner (`requested`).
    pub pending: usize,
    /// Approved and not yet completed.
    pub approved: usize,
    /// Completed.
    pub completed: usize,
    /// Declined by the owner.
    pub declined: usize,
    /// Cancelled by the rep.
    pub cancelled: usize,
    /// Requests the owner said yes to: approved, completed, or cancelled
    /// after an approval the history records.
    pub accepted: usize,
    /// Hours from the request to its approval, over the requests whose
    /// history records both; `None` when there are none.
    pub approval_hours: Option<Summary>,
    /// Declines by reason, most frequent first (ties by reason). Reasons
    /// group after trimming, lowercasing and collapsing white space and show
    /// as first written; a decline without a reason counts as [`NO_REASON`].
    pub declines: Vec<(String, usize)>,
}

impl RequestOutcomes {
    /// `accepted / (accepted + declined)`: of the requests an owner
    /// answered, the share they said yes to. `None` when none was answered.
    pub fn acceptance_rate(&self) -> Option<f64> {
        let answered = self.accepted + self.declined;
        (answered > 0).then(|| self.accepted as f64 / answered as f64)
    }
}

/// Count, median, mean and maximum of some numbers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    /// How many numbers.
    pub count: usize,
    /// The middle number; the mean of the two middle ones for an even count.
    pub median: f64,
    /// The arithmetic mean.
    pub mean: f64,
    /// The largest number.
    pub max: f64,
}

impl Summary {
    /// The summary of `values`, or `None` when there are none. NaNs sort
    /// last and should not be passed.
    pub fn of(mut values: Vec<f64>) -> Option<Summary> {
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        let n = values.len();
        let median = if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 };
        let mean = values.iter().sum::<f64>() / n as f64;
        Some(Summary { count: n, median, mean, max: values[n - 1] })
    }
}

pub(super) fn request_outcomes(records: &[RequestRecord], period: DateRange) -> RequestOutcomes {
    let mut out = RequestOutcomes::default();
    let mut hours = Vec::new();
    // Normalized reason -> (reason as first written, count), in first-seen order.
    let mut reasons: HashMap<String, (String, usize)> = HashMap::new();
    for record in records.iter().filter(|r| period.contains(r.engagement.date)) {
        out.total += 1;
        let status = record.engagement.status;
        match status {
            EngagementStatus::Requested => out.pending += 1,
            EngagementStatus::Approved => out.approved += 1,
            EngagementStatus::Completed => out.completed += 1,
            EngagementStatus::Declined => out.declined += 1,
            EngagementStatus::Cancelled => out.cancelled += 1,
        }
        let requested_at = record.history.iter().find(|t| t.from.is_none()).map(|t| t.at);
        let approval = record.history.iter().find(|t| t.to == EngagementStatus::Approved);
        if matches!(status, EngagementStatus::Approved | EngagementStatus::Completed) || approval.is_some() {
            out.accepted += 1;
        }
        if let (Some(start), Some(approval)) = (requested_at, approval) {
            hours.push(approval.at.duration_since(start).as_secs_f64() / 3600.0);
        }
        if status == EngagementStatus::Declined {
            let written = record
                .history
                .iter()
                .rev()
                .find(|t| t.to == EngagementStatus::Declined)
                .map(|t| t.reason.trim())
                .filter(|r| !r.is_empty())
                .unwrap_or(NO_REASON);
            reasons.entry(normalize_tag(written)).or_insert_with(|| (written.to_string(), 0)).1 += 1;
        }
    }
    out.approval_hours = Summary::of(hours);
    let mut declines: Vec<(String, usize)> = reasons.into_values().collect();
    declines.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.declines = declines;
    out
}
