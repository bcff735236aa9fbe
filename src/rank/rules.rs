//! The eligibility rules E1..E9 of the [`rank`](super) module's table over
//! the index, and [`Exclusion`]: why an advocate was left out, in a sales
//! rep's words. When an advocate is next free is `next.rs`'s.

use jiff::civil::Date;
use serde::{Serialize, Serializer};
use std::fmt;

use super::days::date_of;
use super::index::Index;
use super::query::Compiled;
use super::rule::Rule;
use crate::model::{AccountStatus, AdvocateStatus, EngagementKind, PoorFeedback};

/// Why a story cannot be used for a query (rules E7 and E8).
///
/// Serializes with its reason as a tag: `{"reason": "not_approved",
/// "story": "sty-014"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
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
    /// The reason in words: `story sty-014 is not approved by the customer`.
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

/// Why an advocate is not a match for a query: the first rule that drops
/// every one of its candidates, checked in the order E1 to E6, then E8 and
/// E7 per story, then E9.
///
/// `Display` says it in a sales rep's words; [`Exclusion::rule`] names the
/// rule. Serializes with both and the details: `{"rule": "E6", "message":
/// "at capacity: ..", "reason": "capacity", "used": 4, "cap": 4, ..}`; ids
/// name the library's records (resolve them with
/// [`Library::advocate`](crate::Library::advocate),
/// [`Library::account`](crate::Library::account) and the like).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(remote = "Self", tag = "reason", rename_all = "snake_case")]
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
        /// The rest period in days that engagement imposes: the
        /// advocate's, plus `poor_feedback.extra_rest_days` when the
        /// advocate rated it poorly and the day is after it.
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
    /// E9: the account's busiest window around the day is full: its
    /// advocates together hold the account's cap.
    AccountCapacity {
        /// The account's id.
        account: String,
        /// Held engagements of the account's advocates in that window.
        used: u32,
        /// The account cap.
        cap: u32,
        /// The window length in days.
        window_days: u32,
        /// The day needed.
        day: Date,
    },
}

impl Serialize for Exclusion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The rule and the words beside the tagged details.
        #[derive(Serialize)]
        struct Out<'a> {
            rule: &'static str,
            message: String,
            #[serde(flatten, serialize_with = "details")]
            details: &'a Exclusion,
        }
        fn details<S: Serializer>(exclusion: &&Exclusion, serializer: S) -> Result<S::Ok, S::Error> {
            Exclusion::serialize(exclusion, serializer)
        }
        Out { rule: self.rule(), message: self.to_string(), details: self }.serialize(serializer)
    }
}

impl Exclusion {
    /// The rule that excluded the advocate: `"E1"` .. `"E9"`, or `"none"`
    /// for [`Exclusion::NoStory`]. An advocate's stories all belong to its
    /// account, so rule E8 drops all of them or none.
    pub fn rule(&self) -> &'static str {
        self.rule_id().map_or("none", Rule::as_str)
    }

    /// [`Exclusion::rule`] as a [`Rule`], `None` for [`Exclusion::NoStory`].
    pub fn rule_id(&self) -> Option<Rule> {
        Some(match self {
            Exclusion::NoStory => return None,
            Exclusion::Status { .. } | Exclusion::AccountDoNotContact { .. } => Rule::Status,
            Exclusion::Kind { .. } => Rule::Kind,
            Exclusion::Language { .. } => Rule::Language,
            Exclusion::Blackout { .. } => Rule::Blackout,
            Exclusion::Rest { .. } => Rule::Rest,
            Exclusion::Capacity { .. } => Rule::Capacity,
            Exclusion::Stories { stories } => {
                if stories.iter().any(|s| matches!(s, StoryExclusion::AccountExcluded { .. })) {
                    Rule::Excluded
                } else {
                    Rule::Story
                }
            }
            Exclusion::AccountCapacity { .. } => Rule::AccountCapacity,
        })
    }
}

fn list<T: fmt::Display>(items: &[T]) -> String {
    if items.is_empty() {
        return "none".to_string();
    }
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

impl fmt::Display for Exclusion {
    /// The reason in a sales rep's words: `at capacity: 4 engagements held
    /// within a 90-day window around 2026-12-01 (cap 4)`.
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
            Exclusion::AccountCapacity { account, used, cap, window_days, day } => write!(
                f,
                "account at capacity: account {account}'s advocates hold {used} engagements within a \
                 {window_days}-day window around {day} (account cap {cap})"
            ),
        }
    }
}

/// Which of rules E4, E5, E6 and E9 failed, in the scan's cheap form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Costly {
    /// E4, with the blackout's day numbers.
    Blackout { start: i32, end: i32 },
    /// E5, with the position of the too-close engagement among the held.
    Rest { held: usize, rest_days: u32 },
    /// E6.
    Capacity { used: u32, cap: u32, window_days: u32 },
    /// E9, for the advocate's account.
    AccountCapacity { used: u32, cap: u32, window_days: u32 },
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

/// Position in `held` of an engagement closer than `rest` days to `day`:
/// rule E5 without [`Policy::poor_feedback`](crate::Policy::poor_feedback).
pub(crate) fn rest_conflict(held: &[i32], day: i32, rest: u32) -> Option<usize> {
    let (day, rest) = (i64::from(day), i64::from(rest));
    let i = held.partition_point(|&h| i64::from(h) <= day - rest);
    (i < held.len() && i64::from(held[i]) < day + rest).then_some(i)
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
        if let Some((i, rest_days)) = self.rest_rule(a, held, day, rest_days, q.policy.poor_feedback) {
            return Err(Costly::Rest { held: i, rest_days });
        }
        let used = used_on(held, day, window_days);
        if used >= cap {
            return Err(Costly::Capacity { used, cap, window_days });
        }
        Ok((used, cap))
    }

    /// Rule E5 for advocate `a` (whose held days are `held`) on `day` with
    /// a rest of `rest` days: the position of a held engagement too close
    /// and the rest it imposes (`rest`, or `rest` plus the extra days of a
    /// poor experience), `None` when the rule passes. The plain rule is
    /// checked first, so without `poor` the cost is that of
    /// [`rest_conflict`] and one test of `poor` (the scan calls it).
    #[inline(always)]
    pub(crate) fn rest_rule(
        &self,
        a: usize,
        held: &[i32],
        day: i32,
        rest: u32,
        poor: Option<PoorFeedback>,
    ) -> Option<(usize, u32)> {
        if let Some(i) = rest_conflict(held, day, rest) {
            return Some((i, rest));
        }
        self.poor_rest_conflict(a, held, day, rest, poor?)
    }

    /// The longer rest after a poor experience: a held day `h` that the
    /// advocate rated at most `poor.at_most` holds `day` when `h - rest <
    /// day < h + rest + extra`. Once the plain rule passed, only the held
    /// days in `day - rest - extra < h < day + rest` can (those at or after
    /// `day - rest + 1` would have failed it, except on the day itself
    /// with a rest of 0, which the bounds leave out). Kept out of line so
    /// the scan's code stays as it is without the option.
    #[inline(never)]
    fn poor_rest_conflict(
        &self,
        a: usize,
        held: &[i32],
        day: i32,
        rest: u32,
        poor: PoorFeedback,
    ) -> Option<(usize, u32)> {
        let (d, rest64, extra) = (i64::from(day), i64::from(rest), i64::from(poor.extra_rest_days));
        let lo = held.partition_point(|&h| i64::from(h) <= d - rest64 - extra);
        let hi = held.partition_point(|&h| i64::from(h) < d + rest64);
        (lo..hi)
            .find(|&i| poor.extra_for(self.held_rating(a, i)) > 0)
            .map(|i| (i, rest + poor.extra_rest_days))
    }

    /// Rule E9 for `account`: `Err` with its load when the query's account
    /// cap is reached. Passes when the query sets no account cap.
    #[inline]
    pub(crate) fn account_rule(&self, q: &Compiled, account: usize) -> Result<(), Costly> {
        let Some(limit) = q.policy.account_cap else { return Ok(()) };
        let used = used_on(self.account_held_of(account), q.day, limit.window_days);
        if used >= limit.cap {
            return Err(Costly::AccountCapacity { used, cap: limit.cap, window_days: limit.window_days });
        }
        Ok(())
    }

    /// The [`Exclusion`] a failed [`Index::costly_rules`] or
    /// [`Index::account_rule`] stands for.
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
            Costly::AccountCapacity { used, cap, window_days } => Exclusion::AccountCapacity {
                account: self.account_id(self.advocates[a].account as usize).to_string(),
                used,
                cap,
                window_days,
                day,
            },
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
