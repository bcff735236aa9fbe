//! The accounts behind the program: advisory board retention year over
//! year, and growth of advocate accounts against the rest.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use jiff::civil::Date;

use super::requests::Summary;
use crate::model::{AccountFigure, Engagement, EngagementStatus, LibraryData};

/// The advisory board in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BoardYear {
    /// The year.
    pub year: i32,
    /// Accounts on the board that year.
    pub members: usize,
    /// Members of the year before still on the board.
    pub retained: usize,
    /// Members who were not on the board the year before.
    pub joined: usize,
    /// Members of the year before who left.
    pub left: usize,
}

impl BoardYear {
    /// `retained / members of the year before`; `None` for the first year
    /// or after a year without members.
    pub fn retention(&self) -> Option<f64> {
        let before = self.retained + self.left;
        (before > 0).then(|| self.retained as f64 / before as f64)
    }
}

/// Every year from the first to the last year any account sat on the
/// board, in order; empty when no account ever did.
pub(super) fn board_retention(data: &LibraryData) -> Vec<BoardYear> {
    let mut by_year: BTreeMap<i32, BTreeSet<&str>> = BTreeMap::new();
    for account in &data.accounts {
        for &year in &account.advisory_board {
            by_year.entry(year).or_default().insert(account.id.as_str());
        }
    }
    let (Some(&first), Some(&last)) = (by_year.keys().next(), by_year.keys().next_back()) else {
        return Vec::new();
    };
    let empty = BTreeSet::new();
    (first..=last)
        .map(|year| {
            let now = by_year.get(&year).unwrap_or(&empty);
            let before = by_year.get(&(year - 1)).unwrap_or(&empty);
            let retained = now.intersection(before).count();
            BoardYear {
                year,
                members: now.len(),
                retained,
                joined: now.len() - retained,
                left: before.len() - retained,
            }
        })
        .collect()
}

/// Annual growth rates of one measure, for one group of accounts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct GroupGrowth {
    /// Accounts in the group.
    pub accounts: usize,
    /// Summary of the annual growth rates (0.05 is 5 % a year) of the
    /// accounts with two dated figures of the measure; `None` when none has.
    pub growth: Option<Summary>,
}

/// Growth of one measure: accounts with advocates who spoke for the
/// company against the rest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct GrowthComparison {
    /// Accounts with at least one completed engagement dated on or before
    /// the period's last day.
    pub advocate_accounts: GroupGrowth,
    /// Every other account.
    pub other_accounts: GroupGrowth,
}

/// Account growth in employees and in revenue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Growth {
    /// Growth in employees.
    pub employees: GrowthComparison,
    /// Growth in revenue.
    pub revenue: GrowthComparison,
}

/// The annual growth rate between the account's first and last dated
/// figure of a measure: `(last / first)^(365.25 / days) - 1`. `None`
/// without two figures on different days.
fn annual_growth(figures: &[&AccountFigure], measure: impl Fn(&AccountFigure) -> Option<f64>) -> Option<f64> {
    let dated: Vec<(Date, f64)> = figures.iter().filter_map(|f| Some((f.date, measure(f)?))).collect();
    let first = dated.iter().min_by_key(|(date, _)| *date)?;
    let last = dated.iter().max_by_key(|(date, _)| *date)?;
    let days = (last.0 - first.0).get_days();
    (days > 0).then(|| (last.1 / first.1).powf(365.25 / f64::from(days)) - 1.0)
}

/// Reads one measure off a figure.
type Measure = fn(&AccountFigure) -> Option<f64>;

pub(super) fn growth(data: &LibraryData, engagements: &[&Engagement], last_day: Date) -> Growth {
    let account_of: HashMap<&str, &str> =
        data.advocates.iter().map(|a| (a.id.as_str(), a.account.as_str())).collect();
    let advocate_of: HashSet<&str> = engagements
        .iter()
        .filter(|e| e.status == EngagementStatus::Completed && e.date <= last_day)
        .filter_map(|e| account_of.get(e.advocate.as_str()).copied())
        .collect();
    let mut figures_of: HashMap<&str, Vec<&AccountFigure>> = HashMap::new();
    for figure in &data.account_figures {
        figures_of.entry(figure.account.as_str()).or_default().push(figure);
    }
    let mut out = Growth::default();
    let measures: [(&mut GrowthComparison, Measure); 2] =
        [(&mut out.employees, |f| f.employees.map(|e| e as f64)), (&mut out.revenue, |f| f.revenue)];
    for (comparison, measure) in measures {
        let (mut with, mut without) = (Vec::new(), Vec::new());
        for account in &data.accounts {
            let is_advocate = advocate_of.contains(account.id.as_str());
            let group =
                if is_advocate { &mut comparison.advocate_accounts } else { &mut comparison.other_accounts };
            group.accounts += 1;
            let figures = figures_of.get(account.id.as_str()).map_or(&[][..], Vec::as_slice);
            if let Some(rate) = annual_growth(figures, measure) {
                if is_advocate { with.push(rate) } else { without.push(rate) }
            }
        }
        comparison.advocate_accounts.growth = Summary::of(with);
        comparison.other_accounts.growth = Summary::of(without);
    }
    out
}
