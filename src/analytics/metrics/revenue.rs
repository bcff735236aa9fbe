//! Revenue the references touched: influenced pipeline, won revenue and
//! win rates with and without a reference.

use serde::Serialize;
use std::collections::HashMap;

use crate::model::{DateRange, Engagement, EngagementStatus, Opportunity, OpportunityStatus};

/// A number of opportunities and their summed amount.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Number of opportunities.
    pub count: usize,
    /// Sum of their amounts.
    pub amount: f64,
}

impl Tally {
    fn add(&mut self, opportunity: &Opportunity) {
        self.count += 1;
        self.amount += opportunity.amount;
    }

    /// `self.amount / of.amount`, or `None` when `of` sums to 0.
    pub fn share_of(&self, of: &Tally) -> Option<f64> {
        (of.amount > 0.0).then(|| self.amount / of.amount)
    }
}

/// Pipeline and won revenue in a period, and how much of each a reference
/// supported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Revenue {
    /// Opportunities open at some time in the period: created on or before
    /// its end, closing (or expected to close) on or after its start.
    pub pipeline: Tally,
    /// Those of `pipeline` that are [referenced](referenced).
    pub influenced_pipeline: Tally,
    /// Opportunities won with a close date in the period.
    pub won: Tally,
    /// Those of `won` that are referenced.
    pub influenced_won: Tally,
}

/// Won and closed opportunities of one group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct WinRate {
    /// Opportunities won.
    pub won: usize,
    /// Opportunities closed, won or lost.
    pub closed: usize,
}

impl WinRate {
    /// `won / closed`, or `None` when nothing closed.
    pub fn rate(&self) -> Option<f64> {
        (self.closed > 0).then(|| self.won as f64 / self.closed as f64)
    }
}

/// Win rates of the opportunities closed in a period, with and without a
/// reference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct WinRates {
    /// Closed opportunities that were [referenced](referenced).
    pub with_reference: WinRate,
    /// Closed opportunities that were not.
    pub without_reference: WinRate,
}

impl WinRates {
    /// How many times likelier a referenced deal is won: the ratio of the
    /// two rates, or `None` when either is undefined or the rate without a
    /// reference is 0.
    pub fn lift(&self) -> Option<f64> {
        let (with, without) = (self.with_reference.rate()?, self.without_reference.rate()?);
        (without > 0.0).then(|| with / without)
    }
}

/// The engagements that supported each opportunity, by opportunity id:
/// those it lists, and those whose `prospect` is its id.
pub(crate) fn supporters<'a>(
    opportunities: &'a [Opportunity],
    engagements: &[&'a Engagement],
) -> HashMap<&'a str, Vec<&'a Engagement>> {
    let by_id: HashMap<&str, &Engagement> = engagements.iter().map(|e| (e.id.as_str(), *e)).collect();
    let mut by_prospect: HashMap<&str, Vec<&Engagement>> = HashMap::new();
    for e in engagements {
        if let Some(prospect) = &e.prospect {
            by_prospect.entry(prospect.as_str()).or_default().push(e);
        }
    }
    opportunities
        .iter()
        .map(|o| {
            let mut found: Vec<&Engagement> =
                o.engagements.iter().filter_map(|id| by_id.get(id.as_str()).copied()).collect();
            for e in by_prospect.get(o.id.as_str()).into_iter().flatten() {
                if !found.iter().any(|f| f.id == e.id) {
                    found.push(e);
                }
            }
            (o.id.as_str(), found)
        })
        .collect()
}

/// Whether an opportunity counts as referenced: one of its supporting
/// engagements was completed and is dated on or before its close date.
pub fn referenced(opportunity: &Opportunity, supporters: &[&Engagement]) -> bool {
    supporters.iter().any(|e| e.status == EngagementStatus::Completed && e.date <= opportunity.close)
}

pub(super) fn revenue_and_win_rates(
    opportunities: &[Opportunity],
    supporters: &HashMap<&str, Vec<&Engagement>>,
    period: DateRange,
) -> (Revenue, WinRates) {
    let mut revenue = Revenue::default();
    let mut rates = WinRates::default();
    for o in opportunities {
        let is_referenced = referenced(o, supporters.get(o.id.as_str()).map_or(&[], Vec::as_slice));
        if o.created <= period.end && o.close >= period.start {
            revenue.pipeline.add(o);
            if is_referenced {
                revenue.influenced_pipeline.add(o);
            }
        }
        if !(o.status.is_closed() && period.contains(o.close)) {
            continue;
        }
        let won = o.status == OpportunityStatus::Won;
        if won {
            revenue.won.add(o);
            if is_referenced {
                revenue.influenced_won.add(o);
            }
        }
        let group = if is_referenced { &mut rates.with_reference } else { &mut rates.without_reference };
        group.closed += 1;
        group.won += usize::from(won);
    }
    (revenue, rates)
}
