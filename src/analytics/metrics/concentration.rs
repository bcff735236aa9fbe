//! How concentrated the program's asks are: the share of the period's
//! engagements that its busiest tenth of advocates carries, and the share
//! of each tenth, busiest first.

use serde::Serialize;
use std::collections::HashMap;

use crate::model::{AdvocateStatus, DateRange, Engagement, LibraryData};

/// The share of engagements per tenth of the active advocates.
///
/// The active advocates are sorted by the held engagements dated in the
/// period, most first (ties by id), and cut into ten groups as equal as
/// whole advocates allow (`deciles[0]` the busiest tenth). An even program
/// gives every tenth 10 %; a program leaning on a few names gives the
/// first tenth most of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Concentration {
    /// Active advocates counted.
    pub advocates: usize,
    /// Held engagements of active advocates dated in the period.
    pub engagements: usize,
    /// Advocates in the busiest tenth: `ceil(advocates / 10)`.
    pub top_advocates: usize,
    /// Their engagements.
    pub top_engagements: usize,
    /// Share of the engagements per tenth of the advocates, busiest first;
    /// all 0 without engagements.
    pub deciles: [f64; 10],
}

impl Concentration {
    /// `top_engagements / engagements`, or `None` without engagements.
    pub fn top_share(&self) -> Option<f64> {
        (self.engagements > 0).then(|| self.top_engagements as f64 / self.engagements as f64)
    }
}

pub(super) fn concentration(
    data: &LibraryData,
    engagements: &[&Engagement],
    period: DateRange,
) -> Concentration {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for e in engagements.iter().filter(|e| e.status.is_held() && period.contains(e.date)) {
        *counts.entry(e.advocate.as_str()).or_default() += 1;
    }
    let mut active: Vec<(usize, &str)> = data
        .advocates
        .iter()
        .filter(|a| a.status == AdvocateStatus::Active)
        .map(|a| (counts.get(a.id.as_str()).copied().unwrap_or(0), a.id.as_str()))
        .collect();
    active.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let advocates = active.len();
    let engagements: usize = active.iter().map(|a| a.0).sum();
    let top_advocates = advocates.div_ceil(10);
    let top_engagements = active.iter().take(top_advocates).map(|a| a.0).sum();
    let mut deciles = [0.0; 10];
    if engagements > 0 {
        for (i, &(n, _)) in active.iter().enumerate() {
            // Advocate i of n falls in tenth floor(10 i / n).
            deciles[10 * i / advocates] += n as f64 / engagements as f64;
        }
    }
    Concentration { advocates, engagements, top_advocates, top_engagements, deciles }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tenths_split_as_evenly_as_whole_advocates_allow() {
        // 20 advocates: two per tenth. 10 engagements for the first, 1 for
        // each of ten others, none for the rest.
        let mut shares = [0usize; 10];
        for i in 0..20 {
            shares[10 * i / 20] += 1;
        }
        assert_eq!(shares, [2; 10]);
        let mut shares = [0usize; 10];
        for i in 0..7 {
            shares[10 * i / 7] += 1;
        }
        assert_eq!(shares.iter().sum::<usize>(), 7);
        assert!(shares.iter().all(|&n| n <= 1));
    }
}
