//! [`FatiguePolicy`]: the program's cap, window and rest days, seniority
//! tiers and per-advocate overrides, and how they resolve for one advocate.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::model::{AccountCap, Advocate, LibraryData, Policy, Seniority};

/// Limits that replace the program's for a tier or an advocate; `None`
/// keeps the next broader value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Most held engagements in any window.
    pub cap: Option<u32>,
    /// Length of the window in days.
    pub window_days: Option<u32>,
    /// Fewest days between two held engagements.
    pub rest_days: Option<u32>,
}

impl Limits {
    /// `cap` per `window_days`, the shape of a tier such as "executive: 2
    /// per 90 days".
    pub fn per(cap: u32, window_days: u32) -> Limits {
        Limits { cap: Some(cap), window_days: Some(window_days), rest_days: None }
    }

    fn or(self, broader: Limits) -> Limits {
        Limits {
            cap: self.cap.or(broader.cap),
            window_days: self.window_days.or(broader.window_days),
            rest_days: self.rest_days.or(broader.rest_days),
        }
    }
}

/// How often an advocate may be asked (rules E5 and E6 of
/// [`crate::rank`]), and how often one account's advocates together (rule
/// E9).
///
/// An advocate's limits resolve field by field: its entry in `advocates`,
/// else its seniority's entry in `tiers`, else the program's `cap`,
/// `window_days` and `rest_days`. The account cap applies to every account
/// alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FatiguePolicy {
    /// Most held engagements in any window of `window_days`. Default 4.
    pub cap: u32,
    /// Window length in days. Default 90.
    pub window_days: u32,
    /// Fewest days between two held engagements. Default 14.
    pub rest_days: u32,
    /// Limits by seniority, e.g. executives `Limits::per(2, 90)`.
    #[serde(default)]
    pub tiers: BTreeMap<Seniority, Limits>,
    /// Limits of single advocates, by advocate id.
    #[serde(default)]
    pub advocates: BTreeMap<String, Limits>,
    /// Rule E9: most held engagements of one account's advocates together
    /// in any window. Default `None`, no account cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_cap: Option<AccountCap>,
}

impl Default for FatiguePolicy {
    fn default() -> FatiguePolicy {
        let policy = Policy::default();
        FatiguePolicy {
            cap: policy.cap,
            window_days: policy.window_days,
            rest_days: policy.rest_days,
            tiers: BTreeMap::new(),
            advocates: BTreeMap::new(),
            account_cap: None,
        }
    }
}

impl FatiguePolicy {
    /// The policy a library carries: its program policy (with its account
    /// cap), and the advocates' own limits as per-advocate overrides; no
    /// tiers.
    pub fn of_library(data: &LibraryData) -> FatiguePolicy {
        let advocates = data
            .advocates
            .iter()
            .map(|a| {
                (a.id.clone(), Limits { cap: a.cap, window_days: a.window_days, rest_days: a.rest_days })
            })
            .filter(|(_, limits)| *limits != Limits::default())
            .collect();
        FatiguePolicy {
            cap: data.policy.cap,
            window_days: data.policy.window_days,
            rest_days: data.policy.rest_days,
            tiers: BTreeMap::new(),
            advocates,
            account_cap: data.policy.account_cap,
        }
    }

    /// The limits that apply to `advocate`: its own, else its tier's
    /// (`None` fields fall back to the program's).
    pub fn limits_of(&self, advocate: &Advocate) -> Limits {
        let own = self.advocates.get(&advocate.id).copied().unwrap_or_default();
        own.or(self.tiers.get(&advocate.seniority).copied().unwrap_or_default())
    }

    /// `(cap, window_days, rest_days)` for `advocate`, every fallback applied.
    pub fn resolve(&self, advocate: &Advocate) -> (u32, u32, u32) {
        let limits = self.limits_of(advocate);
        (
            limits.cap.unwrap_or(self.cap),
            limits.window_days.unwrap_or(self.window_days),
            limits.rest_days.unwrap_or(self.rest_days),
        )
    }

    /// Writes the policy into `data`: the program limits and the account
    /// cap into `data.policy` (weights kept) and each advocate's resolved own or
    /// tier limits into its `cap`, `window_days` and `rest_days`, the form
    /// the ranking index reads.
    pub(crate) fn write_into(&self, data: &mut LibraryData) {
        data.policy.cap = self.cap;
        data.policy.window_days = self.window_days;
        data.policy.rest_days = self.rest_days;
        data.policy.account_cap = self.account_cap;
        for advocate in &mut data.advocates {
            let limits = self.limits_of(advocate);
            advocate.cap = limits.cap;
            advocate.window_days = limits.window_days;
            advocate.rest_days = limits.rest_days;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Library;

    #[test]
    fn own_limits_beat_tiers_beat_the_program() {
        let data = Library::sample().into_data();
        let mut policy = FatiguePolicy::of_library(&data);
        policy.tiers.insert(Seniority::Executive, Limits::per(2, 90));
        let executive = data.advocates.iter().find(|a| a.seniority == Seniority::Executive).unwrap().clone();
        let other = data.advocates.iter().find(|a| a.seniority == Seniority::Manager).unwrap().clone();
        policy.advocates.remove(&executive.id);
        policy.advocates.remove(&other.id);
        assert_eq!(policy.resolve(&executive), (2, 90, policy.rest_days));
        assert_eq!(policy.resolve(&other), (policy.cap, policy.window_days, policy.rest_days));
        policy.advocates.insert(executive.id.clone(), Limits { cap: Some(1), ..Limits::default() });
        assert_eq!(policy.resolve(&executive), (1, 90, policy.rest_days));
    }
}
