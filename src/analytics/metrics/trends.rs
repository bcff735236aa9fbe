//! The program over time: requests made and engagements completed per
//! month, and win rates per quarter, with and without a reference.

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use super::revenue::{WinRate, referenced};
use crate::ledger::RequestRecord;
use crate::model::{DateRange, Engagement, EngagementStatus, Opportunity, OpportunityStatus};

/// One month of the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Month {
    /// The year.
    pub year: i16,
    /// The month, 1 to 12.
    pub month: i8,
    /// Requests made in the month: the day of the request in its workflow
    /// history (UTC), or the engagement's day for an entry without one.
    pub requests: usize,
    /// Engagements completed, by their day.
    pub completions: usize,
}

/// One quarter of closed deals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Quarter {
    /// The year.
    pub year: i16,
    /// The quarter, 1 to 4.
    pub quarter: i8,
    /// Deals closed in the quarter that were referenced.
    pub with_reference: WinRate,
    /// Deals closed in the quarter that were not.
    pub without_reference: WinRate,
}

impl Quarter {
    /// Won / closed over both groups, or `None` when nothing closed.
    pub fn rate(&self) -> Option<f64> {
        let closed = self.with_reference.closed + self.without_reference.closed;
        (closed > 0).then(|| (self.with_reference.won + self.without_reference.won) as f64 / closed as f64)
    }

    /// Deals closed in the quarter.
    pub fn closed(&self) -> usize {
        self.with_reference.closed + self.without_reference.closed
    }
}

/// Requests and completions per month, win rates per quarter.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Trends {
    /// Every month the period touches, in order, empty ones included.
    pub months: Vec<Month>,
    /// Every quarter the period touches, in order.
    pub quarters: Vec<Quarter>,
}

fn quarter_of(date: Date) -> (i16, i8) {
    (date.year(), (date.month() - 1) / 3 + 1)
}

pub(super) fn trends(
    records: &[RequestRecord],
    opportunities: &[Opportunity],
    supporters: &HashMap<&str, Vec<&Engagement>>,
    period: DateRange,
) -> Trends {
    let mut months: BTreeMap<(i16, i8), Month> = BTreeMap::new();
    let mut day = period.start.first_of_month();
    while day <= period.end {
        months.insert(
            (day.year(), day.month()),
            Month { year: day.year(), month: day.month(), requests: 0, completions: 0 },
        );
        match day.last_of_month().tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    for record in records {
        let requested = record
            .history
            .iter()
            .find(|t| t.from.is_none())
            .map(|t| t.at.to_zoned(jiff::tz::TimeZone::UTC).date())
            .unwrap_or(record.engagement.date);
        if period.contains(requested)
            && let Some(month) = months.get_mut(&(requested.year(), requested.month()))
        {
            month.requests += 1;
        }
        let e = &record.engagement;
        if e.status == EngagementStatus::Completed
            && period.contains(e.date)
            && let Some(month) = months.get_mut(&(e.date.year(), e.date.month()))
        {
            month.completions += 1;
        }
    }
    let mut quarters: BTreeMap<(i16, i8), Quarter> = BTreeMap::new();
    for &(year, month) in months.keys() {
        let q = (month - 1) / 3 + 1;
        quarters.entry((year, q)).or_insert(Quarter {
            year,
            quarter: q,
            with_reference: WinRate::default(),
            without_reference: WinRate::default(),
        });
    }
    for o in opportunities.iter().filter(|o| o.status.is_closed() && period.contains(o.close)) {
        let Some(quarter) = quarters.get_mut(&quarter_of(o.close)) else { continue };
        let is_referenced = referenced(o, supporters.get(o.id.as_str()).map_or(&[], Vec::as_slice));
        let group = if is_referenced { &mut quarter.with_reference } else { &mut quarter.without_reference };
        group.closed += 1;
        group.won += usize::from(o.status == OpportunityStatus::Won);
    }
    Trends { months: months.into_values().collect(), quarters: quarters.into_values().collect() }
}
