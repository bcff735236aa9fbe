//! When an advocate can next be asked, and its load on a day.
//!
//! Each timing rule forbids a union of day intervals: a blackout forbids
//! its own days; a held engagement on day `h` forbids `h - rest + 1 ..= h +
//! rest - 1` (rule E5), and `extra` days more after it when the advocate
//! rated it poor under the policy's `poor_feedback`; and `cap` held days `h_i <= .. <= h_j` (consecutive
//! in sorted order) that fit in one window forbid every day `x` with which
//! they still fit in a window, `h_j - window + 1 ..= h_i + window - 1`
//! (rules E6 and, over the account's held days, E9): a window containing
//! `x` holds `cap` engagements exactly when some such run fits in it with
//! `x`. The first free day on or after `d` is then one sweep over those
//! intervals sorted by start, with no walk from day to day.

use jiff::civil::Date;

use super::days::{date_of, day_number};
use super::index::Index;
use super::request::QueryError;
use super::rules::used_on;
use crate::model::{AccountCap, AccountStatus, AdvocateStatus, PoorFeedback};

/// An advocate's load on a day as rules E4, E5, E6 and E9 see it, for the
/// ledger's answers ([`crate::ledger::Program::fatigue`]) and the planner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Load {
    pub(crate) used: u32,
    pub(crate) cap: u32,
    pub(crate) window_days: u32,
    pub(crate) rest_days: u32,
    /// `(used, cap)` of the advocate's account under rule E9, when the
    /// policy sets an account cap.
    pub(crate) account: Option<(u32, u32)>,
    /// First day on or after the asked day on which E1, E4, E5, E6 and E9
    /// pass; `None` when E1 fails or a cap is 0.
    pub(crate) next_available: Option<Date>,
}

/// The timing limits one advocate is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timing {
    pub(crate) cap: u32,
    pub(crate) window_days: u32,
    pub(crate) rest_days: u32,
    pub(crate) account_cap: Option<AccountCap>,
    pub(crate) poor_feedback: Option<PoorFeedback>,
}

/// Pushes the days on which `used_on(held, x, window) >= cap` as intervals
/// (`held` ascending, `cap >= 1`).
fn full_windows(held: &[i32], cap: u32, window: u32, out: &mut Vec<(i64, i64)>) {
    let (cap, window) = (cap as usize, i64::from(window));
    if cap > held.len() {
        return;
    }
    for (i, &first) in held[..=held.len() - cap].iter().enumerate() {
        let (first, last) = (i64::from(first), i64::from(held[i + cap - 1]));
        if last - first < window {
            out.push((last - window + 1, first + window - 1));
        }
    }
}

/// The first day on or after `day` in none of `intervals` (both ends
/// included), which it sorts.
fn first_free(day: i64, intervals: &mut [(i64, i64)]) -> i64 {
    intervals.sort_unstable();
    let mut x = day;
    for &(start, end) in intervals.iter() {
        if start > x {
            break;
        }
        x = x.max(end + 1);
    }
    x
}

impl Index {
    /// The first day on or after `day` on which the advocate can be asked
    /// as far as its status and timing go, under the index's policy: it is
    /// active and its account open to contact (rule E1), the day is in no
    /// blackout (E4), no held engagement is within the rest period (E5),
    /// and neither the advocate's busiest window (E6) nor, when the policy
    /// sets an account cap, its account's (E9) is full. `None` when E1
    /// fails or a cap is 0: no later day passes then.
    ///
    /// The other rules do not depend on the day in the same way (the
    /// engagement kind, languages, a story's approval), so a request on
    /// that day can still fail them.
    ///
    /// Cost: `O(n log n)` for the advocate's `n` blackouts and held
    /// engagements and its account's held engagements, without a walk from
    /// day to day (see the module source for how).
    ///
    /// ```
    /// use refmatch::{Date, Index, Library};
    ///
    /// let index = Index::new(Library::sample());
    /// let busy: Date = "2026-12-01".parse()?;
    /// // The program's busiest advocate is at her cap that day.
    /// let free = index.next_available("adv-036", busy)?.expect("she is active");
    /// assert!(free > busy);
    /// assert_eq!(index.next_available("adv-036", free)?, Some(free));
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`QueryError::UnknownAdvocate`] for an id the library does not have.
    pub fn next_available(&self, advocate: &str, day: Date) -> Result<Option<Date>, QueryError> {
        let a =
            self.advocate_by_id(advocate).ok_or_else(|| QueryError::UnknownAdvocate(advocate.to_string()))?;
        let timing = self.timing_of(a, &self.policy);
        Ok(self.next_free(a, day_number(day), timing).map(date_of))
    }

    /// Advocate `a`'s limits under `policy`: its own, else its tier's, else
    /// the program's.
    pub(crate) fn timing_of(&self, a: usize, policy: &crate::model::Policy) -> Timing {
        let (cap, window_days, rest_days) = self.limits_under(a, policy);
        Timing {
            cap,
            window_days,
            rest_days,
            account_cap: policy.account_cap,
            poor_feedback: policy.poor_feedback,
        }
    }

    /// [`Index::next_available`] of advocate `a` from day number `day`,
    /// under `timing`.
    pub(crate) fn next_free(&self, a: usize, day: i32, timing: Timing) -> Option<i32> {
        let account = self.advocates[a].account as usize;
        let open = self.advocate(a).status == AdvocateStatus::Active
            && self.library.accounts()[account].status == AccountStatus::Active;
        if !open || timing.cap == 0 || timing.account_cap.is_some_and(|c| c.cap == 0) {
            return None;
        }
        let (held, _) = self.held_of(a);
        let mut intervals: Vec<(i64, i64)> =
            self.advocate_blackouts.get(a).iter().map(|&(s, e)| (i64::from(s), i64::from(e))).collect();
        let rest = i64::from(timing.rest_days);
        match timing.poor_feedback {
            None if rest > 0 => {
                intervals.extend(held.iter().map(|&h| (i64::from(h) - rest + 1, i64::from(h) + rest - 1)));
            }
            None => {}
            // A poor experience holds `extra` more days after its day.
            Some(poor) => intervals.extend(held.iter().enumerate().filter_map(|(i, &h)| {
                let extra = i64::from(poor.extra_for(self.held_rating(a, i)));
                let (start, end) = (i64::from(h) - rest + 1, i64::from(h) + rest + extra - 1);
                (start <= end).then_some((start, end))
            })),
        }
        full_windows(held, timing.cap, timing.window_days, &mut intervals);
        if let Some(limit) = timing.account_cap {
            full_windows(self.account_held_of(account), limit.cap, limit.window_days, &mut intervals);
        }
        let day = i64::from(day);
        intervals.retain(|&(_, end)| end >= day);
        let free = first_free(day, &mut intervals);
        // Past the last day a date can be, nothing is free.
        i32::try_from(free).ok().filter(|&x| x <= day_number(Date::MAX))
    }

    /// The load of the advocate with this id on `day` under the index's
    /// policy, or `None` for an unknown advocate.
    pub(crate) fn load_of(&self, advocate: &str, day: Date) -> Option<Load> {
        let a = self.advocate_by_id(advocate)?;
        let timing = self.timing_of(a, &self.policy);
        let d = day_number(day);
        let (held, _) = self.held_of(a);
        let account = timing.account_cap.map(|limit| {
            let held = self.account_held_of(self.advocates[a].account as usize);
            (used_on(held, d, limit.window_days), limit.cap)
        });
        Some(Load {
            used: used_on(held, d, timing.window_days),
            cap: timing.cap,
            window_days: timing.window_days,
            rest_days: timing.rest_days,
            account,
            next_available: self.next_free(a, d, timing).map(date_of),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rank::rules::rest_conflict;

    /// The first free day by walking day by day: what the sweep replaces.
    fn walk(day: i32, blackouts: &[(i32, i32)], held: &[i32], t: Timing, account: &[i32]) -> Option<i32> {
        let free = |x: i32| {
            !blackouts.iter().any(|&(s, e)| s <= x && x <= e)
                && rest_conflict(held, x, t.rest_days).is_none()
                && used_on(held, x, t.window_days) < t.cap
                && t.account_cap.is_none_or(|c| used_on(account, x, c.window_days) < c.cap)
        };
        let last = held.iter().chain(account).map(|&h| h + 2 * 400).max().unwrap_or(day);
        let last = last.max(blackouts.iter().map(|b| b.1).max().unwrap_or(day)).max(day) + 1;
        (day..=last).find(|&x| free(x))
    }

    fn sweep(day: i32, blackouts: &[(i32, i32)], held: &[i32], t: Timing, account: &[i32]) -> i64 {
        let mut intervals: Vec<(i64, i64)> =
            blackouts.iter().map(|&(s, e)| (i64::from(s), i64::from(e))).collect();
        if t.rest_days > 0 {
            let rest = i64::from(t.rest_days);
            intervals.extend(held.iter().map(|&h| (i64::from(h) - rest + 1, i64::from(h) + rest - 1)));
        }
        full_windows(held, t.cap, t.window_days, &mut intervals);
        if let Some(c) = t.account_cap {
            full_windows(account, c.cap, c.window_days, &mut intervals);
        }
        first_free(i64::from(day), &mut intervals)
    }

    proptest::proptest! {
        /// The sweep over forbidden intervals finds exactly the first day
        /// that walking day by day finds, for any held days, blackouts,
        /// limits and account cap.
        #[test]
        fn prop_sweep_equals_the_walk(
            mut held in proptest::collection::vec(0i32..400, 0..12),
            mut account in proptest::collection::vec(0i32..400, 0..20),
            blackouts in proptest::collection::vec((0i32..400, 0i32..60), 0..4),
            day in 0i32..420,
            cap in 1u32..5,
            window_days in 1u32..120,
            rest_days in 0u32..30,
            account_cap in proptest::option::of((1u32..8, 1u32..150)),
        ) {
            held.sort_unstable();
            account.extend(&held);
            account.sort_unstable();
            let blackouts: Vec<(i32, i32)> = blackouts.into_iter().map(|(s, len)| (s, s + len)).collect();
            let t = Timing { cap, window_days, rest_days, account_cap: account_cap.map(|(c, w)| AccountCap::per(c, w)), poor_feedback: None };
            let want = walk(day, &blackouts, &held, t, &account).map(i64::from);
            proptest::prop_assert_eq!(Some(sweep(day, &blackouts, &held, t, &account)), want);
        }
    }

    #[test]
    fn a_full_window_frees_the_day_after_it_can_slide_past() {
        // Cap 2 per 10 days, held on days 100 and 105: days 96..=109 see
        // both in one window (95 + 10 - 1 = 104 < 105, 110 - 10 + 1 > 100).
        let mut intervals = Vec::new();
        full_windows(&[100, 105], 2, 10, &mut intervals);
        assert_eq!(intervals, vec![(96, 109)]);
        assert_eq!(first_free(100, &mut intervals), 110);
        assert_eq!(first_free(90, &mut intervals), 90);
    }
}
