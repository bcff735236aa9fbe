//! The eligibility rules E1..E8 of SCORING.md section 1 over the index, and
//! [`Exclusion`]: why an advocate was left out, in a sales rep's words.

use jiff::civil::Date;
use std::fmt;

use super::days::{date_of, day_number};
use super::index::Index;
use super::query::Compiled;
use crate::model::{AccountStatus, AdvocateStatus, EngagementKind};

/// Why a story cannot be used for a query (rules E7 and E8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoryExclusion {
    /// E7: the customer has not approved the story.
    NotApproved {
        /// The story's id.
        story: String,
    },
    /// E7: the approval ended before the day needed.
    ApprovalExpired {
        /// The story's id.
        story: String,
        /// Last approved day.
        until: Date,
    },
    /// E8: the story's account is excluded by the request.
    AccountExcluded {
        /// The story's id.
        story: String,
        /// The excluded account.
        account: String,
    },
}

impl fmt::Display for StoryExclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoryExclusion::NotApproved { story } => {
                write!(f, "story {story} is not approved by the customer")
            }
            StoryExclusion::ApprovalExpired { story, until } => {
                write!(f, "story {story} was approved only until {until}")
            }
            StoryExclusion::AccountExcluded { story, account } => {
                write!(f, "story {story} belongs to excluded account {account}")
            }
        }
    }
}

/// Why an advocate is not a match for a query: the first rule of SCORING.md
/// section 1 that drops every one of its candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Exclusion {
    /// The advocate is listed on no story, so it is no candidate at all.
    NoStory,
    /// E1: the advocate is not active.
    Status {
        /// The advocate's status.
        status: AdvocateStatus,
    },
    /// E1: the account asked not to be contacted.
    AccountDoNotContact {
        /// The account's id.
        account: String,
    },
    /// E2: the advocate does not do this kind of engagement.
    Kind {
        /// The kind requested.
        requested: EngagementKind,
        /// The kinds the advocate accepts.
        accepted: Vec<EngagementKind>,
    },
    /// E3: the advocate speaks none of the wanted languages.
    Language {
        /// The languages wanted.
        wanted: Vec<String>,
        /// The languages the advocate speaks.
        spoken: Vec<String>,
    },
    /// E4: the day falls in one of the advocate's blackouts.
    Blackout {
        /// First day of the blackout.
        start: Date,
        /// Last day of the blackout (inclusive).
        end: Date,
        /// The day needed.
        day: Date,
    },
    /// E5: another held engagement is closer than the rest period.
    Rest {
        /// The id of that engagement.
        engagement: String,
        /// Its day.
        date: Date,
        /// The rest period in days.
        rest_days: u32,
        /// The day needed.
        day: Date,
    },
    /// E6: the advocate's busiest window around the day is full.
    Capacity {
        /// Held engagements in that window.
        used: u32,
        /// The advocate's cap.
        cap: u32,
        /// The window length in days.
        window_days: u32,
        /// The day needed.
        day: Date,
    },
    /// E7/E8: none of the advocate's stories can be used.
    Stories {
        /// Why each story is out.
        stories: Vec<StoryExclusion>,
    },
}

impl Exclusion {
    /// The SCORING.md rule that excluded the advocate: `"E1"` .. `"E8"`, or
    /// `"none"` for [`Exclusion::NoStory`]. An advocate's stories all belong
    /// to its account, so rule E8 drops all of them or none.
    pub fn rule(&self) -> &'static str {
        match self {
            Exclusion::NoStory => "none",
            Exclusion::Status { .. } | Exclusion::AccountDoNotContact { .. } => "E1",
            Exclusion::Kind { .. } => "E2",
            Exclusion::Language { .. } => "E3",
            Exclusion::Blackout { .. } => "E4",
            Exclusion::Rest { .. } => "E5",
            Exclusion::Capacity { .. } => "E6",
            Exclusion::Stories { stories } => {
                if stories.iter().any(|s| matches!(s, StoryExclusion::AccountExcluded { .. })) {
                    "E8"
                } else {
                    "E7"
                }
            }
        }
    }
}

fn list<T: fmt::Display>(items: &[T]) -> String {
    if items.is_empty() {
        return "none".to_string();
    }
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exclusion::NoStory => write!(f, "no story: the advocate is not listed on any story"),
            Exclusion::Status { status } => write!(f, "not available: the advocate's status is {status}"),
            Exclusion::AccountDoNotContact { account } => {
                write!(f, "do not contact: account {account} asked not to be contacted")
            }
            Exclusion::Kind { requested, accepted } => {
                write!(f, "wrong kind: the advocate does not do {requested} (accepts {})", list(accepted))
            }
            Exclusion::Language { wanted, spoken } => {
                write!(f, "language: the advocate speaks none of {} (speaks {})", list(wanted), list(spoken))
            }
            Exclusion::Blackout { start, end, day } => {
                write!(f, "blackout: {day} is within the advocate's blackout {start} to {end}")
            }
            Exclusion::Rest { date, rest_days, day, .. } => {
                write!(f, "rested: engagement on {date} is within {rest_days} days of {day}")
            }
            Exclusion::Capacity { used, cap, window_days, day } => write!(
                f,
                "at capacity: {used} engagements held within a {window_days}-day window around {day} (cap {cap})"
            ),
            Exclusion::Stories { stories } => write!(f, "no usable story: {}", list(stories)),
        }
    }
}

/// Which of rules E4, E5, E6 failed, in the scan's cheap form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Costly {
    /// E4, with the blackout's day numbers.
    Blackout { start: i32, end: i32 },
    /// E5, with the position of the too-close engagement among the held.
    Rest { held: usize, rest_days: u32 },
    /// E6.
    Capacity { used: u32, cap: u32, window_days: u32 },
}

/// The busiest window the new engagement would join: the most held days
/// (sorted ascending) inside any `window` consecutive days containing
/// `day`.
///
/// As the window's start slides from `day - window + 1` up to `day`, its
/// count only grows when its end reaches a held day, so the best start is
/// either the first one or `h - window + 1` for a held day `h` after
/// `day` (and within a window of it). Two pointers walk those starts in
/// `O(m)` for the `m` held days within a window of `day`.
pub(crate) fn used_on(held: &[i32], day: i32, window: u32) -> u32 {
    let (day, window) = (i64::from(day), i64::from(window));
    let first = day - window + 1;
    let mut left = held.partition_point(|&h| i64::from(h) < first);
    let mut right = left;
    let mut best = 0;
    let after = held.partition_point(|&h| i64::from(h) <= day);
    let starts = std::iter::once(first).chain(
        held[after..].iter().map(|&h| i64::from(h)).take_while(|&h| h < day + window).map(|h| h - window + 1),
    );
    for start in starts {
        while left < held.len() && i64::from(held[left]) < start {
            left += 1;
        }
        while right < held.len() && i64::from(held[right]) < start + window {
            right += 1;
        }
        best = best.max(right - left);
    }
    best as u32
}

/// Position in `held` of an engagement closer than `rest` days to `day`.
pub(crate) fn rest_conflict(held: &[i32], day: i32, rest: u32) -> Option<usize> {
    let (day, rest) = (i64::from(day), i64::from(rest));
    let i = held.partition_point(|&h| i64::from(h) <= day - rest);
    (i < held.len() && i64::from(held[i]) < day + rest).then_some(i)
}

/// An advocate's load on a day as rules E4, E5 and E6 see it, for the
/// ledger's answers ([`crate::ledger::Program::fatigue`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Load {
    pub(crate) used: u32,
    pub(crate) cap: u32,
    pub(crate) window_days: u32,
    pub(crate) rest_days: u32,
    /// First day on or after the asked day on which E1, E4, E5 and E6
    /// pass; `None` when E1 fails or the cap is 0.
    pub(crate) next_available: Option<Date>,
}

impl Index {
    /// The load of the advocate with this id on `day` under the index's
    /// policy, or `None` for an unknown advocate.
    ///
    /// Cost: `O(s * m)` for the `s` days until the advocate is free (at
    /// most a window, a rest period and the blackouts) and its `m` held
    /// engagements.
    pub(crate) fn load_of(&self, advocate: &str, day: Date) -> Option<Load> {
        let a = self.advocate_by_id(advocate)?;
        let own = self.limits_of(a);
        let cap = own.cap.unwrap_or(self.policy.cap);
        let window_days = own.window_days.unwrap_or(self.policy.window_days);
        let rest_days = own.rest_days.unwrap_or(self.policy.rest_days);
        let (held, _) = self.held_of(a);
        let d = day_number(day);
        let used = used_on(held, d, window_days);
        let account = &self.library.accounts()[self.advocates[a].account as usize];
        let open =
            self.advocate(a).status == AdvocateStatus::Active && account.status == AccountStatus::Active;
        let blackouts = self.advocate_blackouts.get(a);
        let free = |x: i32| {
            !blackouts.iter().any(|&(s, e)| s <= x && x <= e)
                && rest_conflict(held, x, rest_days).is_none()
                && used_on(held, x, window_days) < cap
        };
        let next_available = if !open || cap == 0 {
            None
        } else {
            // Past the last held day plus a window and a rest period, and
            // past the last blackout, every rule passes.
            // Windows and rest periods are at most 3,660 days (validated).
            let reach = i32::try_from(window_days.saturating_add(rest_days)).unwrap_or(i32::MAX);
            let last_held = held.last().map_or(d, |&h| h.saturating_add(reach));
            let last_blackout = blackouts.iter().map(|&(_, e)| e).max().unwrap_or(d);
            let last = last_held.max(last_blackout).max(d).saturating_add(1);
            (d..=last).find(|&x| free(x)).map(date_of)
        };
        Some(Load { used, cap, window_days, rest_days, next_available })
    }
}

impl Index {
    /// Rule E3: whether advocate `a` speaks a wanted language.
    #[inline]
    pub(crate) fn speaks(&self, q: &Compiled, a: usize) -> bool {
        match &q.language_ok {
            None => true,
            Some(ok) => ok[self.advocates[a].languages as usize],
        }
    }

    /// Rules E4, E5 and E6 for advocate `a`: `Ok((used, cap))` when they
    /// pass, else which failed. Builds no strings: the scan calls it.
    #[inline]
    pub(crate) fn costly_rules(&self, q: &Compiled, a: usize) -> Result<(u32, u32), Costly> {
        let day = q.day;
        if let Some(&(start, end)) =
            self.advocate_blackouts.get(a).iter().find(|&&(s, e)| s <= day && day <= e)
        {
            return Err(Costly::Blackout { start, end });
        }
        let (cap, window_days, rest_days) = q.limits(self, a);
        // A ledger may have replaced the library's held engagements.
        let (held, _) = self.held_of(a);
        if let Some(i) = rest_conflict(held, day, rest_days) {
            return Err(Costly::Rest { held: i, rest_days });
        }
        let used = used_on(held, day, window_days);
        if used >= cap {
            return Err(Costly::Capacity { used, cap, window_days });
        }
        Ok((used, cap))
    }

    /// The [`Exclusion`] a failed [`Index::costly_rules`] stands for.
    pub(crate) fn costly_exclusion(&self, q: &Compiled, a: usize, failed: Costly) -> Exclusion {
        let day = date_of(q.day);
        match failed {
            Costly::Blackout { start, end } => {
                Exclusion::Blackout { start: date_of(start), end: date_of(end), day }
            }
            Costly::Rest { held: i, rest_days } => {
                let (held, ids) = self.held_of(a);
                let engagement = match ids {
                    Some(ids) => ids[i].clone(),
                    None => {
                        let e = self.held_engagement[self.advocate_held.range(a).start + i] as usize;
                        self.library.engagements()[e].id.clone()
                    }
                };
                Exclusion::Rest { engagement, date: date_of(held[i]), rest_days, day }
            }
            Costly::Capacity { used, cap, window_days } => {
                Exclusion::Capacity { used, cap, window_days, day }
            }
        }
    }

    /// Rules E1, E2 and E3 for advocate `a`, with the reason when one fails.
    pub(crate) fn cheap_rules(
        &self,
        q: &Compiled,
        a: usize,
        requested: EngagementKind,
    ) -> Result<(), Exclusion> {
        let advocate = self.advocate(a);
        if advocate.status != AdvocateStatus::Active {
            return Err(Exclusion::Status { status: advocate.status });
        }
        let account = &self.library.accounts()[self.advocates[a].account as usize];
        if account.status != AccountStatus::Active {
            return Err(Exclusion::AccountDoNotContact { account: account.id.clone() });
        }
        if !advocate.kinds.contains(&requested) {
            let mut accepted = advocate.kinds.clone();
            accepted.sort();
            accepted.dedup();
            return Err(Exclusion::Kind { requested, accepted });
        }
        if !self.speaks(q, a) {
            return Err(Exclusion::Language {
                wanted: q.wanted_languages.clone(),
                spoken: advocate.languages.clone(),
            });
        }
        Ok(())
    }

    /// Rules E7 and E8 for story `s`, with the reason when one fails.
    pub(crate) fn story_rules(&self, q: &Compiled, s: usize) -> Result<(), StoryExclusion> {
        let story = self.story(s).id.clone();
        let account = self.story_account[s] as usize;
        if q.is_excluded(account) {
            return Err(StoryExclusion::AccountExcluded {
                story,
                account: self.account_id(account).to_string(),
            });
        }
        match self.stories[s].usable_until {
            i32::MIN => Err(StoryExclusion::NotApproved { story }),
            until if until < q.day => Err(StoryExclusion::ApprovalExpired { story, until: date_of(until) }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `used(d)` by its definition: every window of `window` days that
    /// contains `day`, counted one by one.
    fn used_brute(held: &[i32], day: i32, window: u32) -> u32 {
        let window = window as i32;
        (day - window + 1..=day)
            .map(|start| held.iter().filter(|&&h| start <= h && h < start + window).count() as u32)
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn used_counts_the_busiest_window_before_and_after() {
        // Engagements 80 days before and 80 days after d are never in one
        // 90-day window with each other, but each is in one with d.
        assert_eq!(used_on(&[100, 260], 180, 90), 1);
        assert_eq!(used_on(&[100, 150, 200, 260], 180, 90), 2);
        assert_eq!(used_on(&[100, 150, 170, 200, 260], 180, 90), 3);
        assert_eq!(used_on(&[], 180, 90), 0);
        assert_eq!(used_on(&[180, 180], 180, 1), 2);
        assert_eq!(used_on(&[179, 181], 180, 1), 0);
        for day in 90..300 {
            for window in [1, 7, 30, 90] {
                let held = [95, 100, 100, 130, 170, 171, 200, 240, 280];
                assert_eq!(
                    used_on(&held, day, window),
                    used_brute(&held, day, window),
                    "day {day} window {window}"
                );
            }
        }
    }

    #[test]
    fn rest_is_strict() {
        assert_eq!(rest_conflict(&[100], 114, 14), None);
        assert_eq!(rest_conflict(&[100], 113, 14), Some(0));
        assert_eq!(rest_conflict(&[100], 86, 14), None);
        assert_eq!(rest_conflict(&[100], 87, 14), Some(0));
        assert_eq!(rest_conflict(&[50, 100, 200], 190, 14), Some(2));
        assert_eq!(rest_conflict(&[100], 100, 0), None);
    }
}
