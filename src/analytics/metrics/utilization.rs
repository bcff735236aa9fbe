//! How hard the program leans on its advocates: used/cap of each active
//! advocate on a day, who is at cap, who was never asked, who is asked most.

use serde::Serialize;
use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use crate::ledger::Program;
use crate::model::{AdvocateStatus, DateRange, Engagement, LibraryData};

/// The buckets of used/cap, in order: nothing used, up to a quarter, up to
/// a half, up to three quarters, below the cap, at or over the cap.
pub const UTILIZATION_BINS: [&str; 6] = ["0 %", "1-25 %", "26-50 %", "51-75 %", "76-99 %", "at cap"];

/// An advocate, with names, and how many engagements they hold in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Usage {
    /// The advocate's id.
    pub advocate: String,
    /// The advocate's name.
    pub name: String,
    /// The id of the advocate's account.
    pub account: String,
    /// The account's name.
    pub account_name: String,
    /// Held engagements (requested, approved or completed) dated in the period.
    pub engagements: usize,
}

/// Advocate utilization on a day.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Utilization {
    /// The day used/cap is measured on: the period's last day.
    pub day: Option<Date>,
    /// Active advocates counted in `bins`.
    pub advocates: usize,
    /// Active advocates per bucket of `used / cap`, as [`UTILIZATION_BINS`]
    /// names them (`used` is rule E6's `used(d)` on `day`).
    pub bins: [usize; 6],
    /// Active advocates at or over their cap on `day` (the last bucket).
    pub at_cap: usize,
    /// Active advocates no ledger entry ever named, in id order (their
    /// `engagements` are 0).
    pub never_asked: Vec<Usage>,
    /// The advocates holding the most engagements dated in the period, most
    /// first (ties by id), advocates with none left out.
    pub most_used: Vec<Usage>,
}

impl Utilization {
    /// `at_cap / advocates`, or `None` without active advocates.
    pub fn share_at_cap(&self) -> Option<f64> {
        (self.advocates > 0).then(|| self.at_cap as f64 / self.advocates as f64)
    }
}

/// The bucket of `used / cap`, with integer arithmetic so that a quarter is
/// a quarter exactly.
pub(super) fn bin(used: u32, cap: u32) -> usize {
    let (used, cap) = (u64::from(used), u64::from(cap));
    match used {
        0 if cap > 0 => 0,
        _ if used >= cap => 5,
        _ if 4 * used <= cap => 1,
        _ if 2 * used <= cap => 2,
        _ if 4 * used <= 3 * cap => 3,
        _ => 4,
    }
}

pub(super) fn utilization(
    program: &Program,
    data: &LibraryData,
    engagements: &[&Engagement],
    period: DateRange,
    top: usize,
) -> Utilization {
    let mut out = Utilization { day: Some(period.end), ..Utilization::default() };
    // The ledger's own answers: used/cap per advocate, and who was never asked.
    let active: HashSet<&str> =
        data.advocates.iter().filter(|a| a.status == AdvocateStatus::Active).map(|a| a.id.as_str()).collect();
    for fatigue in program.fatigue_summary(period.end).iter().filter(|f| active.contains(f.advocate.as_str()))
    {
        out.advocates += 1;
        out.bins[bin(fatigue.used, fatigue.cap)] += 1;
    }
    let usage = |id: &str, engagements: usize| -> Option<Usage> {
        let advocate = data.advocates.iter().find(|a| a.id == id)?;
        let account_name = data.accounts.iter().find(|a| a.id == advocate.account).map_or("", |a| &a.name);
        Some(Usage {
            advocate: id.to_string(),
            name: advocate.name.clone(),
            account: advocate.account.clone(),
            account_name: account_name.to_string(),
            engagements,
        })
    };
    out.never_asked = program
        .never_asked()
        .into_iter()
        .filter(|id| active.contains(id.as_str()))
        .filter_map(|id| usage(&id, 0))
        .collect();
    out.at_cap = out.bins[5];

    let mut counts: HashMap<&str, usize> = HashMap::new();
    for e in engagements.iter().filter(|e| e.status.is_held() && period.contains(e.date)) {
        *counts.entry(e.advocate.as_str()).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    out.most_used =
        ranked.into_iter().take(top).filter_map(|(id, engagements)| usage(id, engagements)).collect();
    out
}

#[cfg(test)]
mod tests {
    use super::bin;

    #[test]
    fn bins_split_at_quarters_exactly() {
        let cases = [(0, 4, 0), (1, 4, 1), (2, 4, 2), (3, 4, 3), (4, 4, 5), (5, 4, 5), (1, 3, 2), (2, 3, 3)];
        for (used, cap, expected) in cases {
            assert_eq!(bin(used, cap), expected, "used {used} of cap {cap}");
        }
        assert_eq!(bin(7, 8), 4);
        assert_eq!(bin(0, 0), 5, "a cap of 0 is always reached");
    }
}
