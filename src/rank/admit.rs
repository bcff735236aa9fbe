//! Whether one advocate may be asked to tell one story on one day: rules
//! E1 to E9 without a prospect, in `O(log n)` for the index's size plus the
//! advocate's own blackouts and engagements. This is what the ledger asks
//! before it records a request ([`crate::ledger::Program::request`]); it
//! compiles no query tables, so its cost does not grow with the library.

use jiff::civil::Date;

use super::days::{date_of, day_number};
use super::index::Index;
use super::rules::{Exclusion, StoryExclusion, used_on};
use crate::model::validate::ranges::date_out_of_range;
use crate::model::{AccountStatus, AdvocateStatus, EngagementKind};

/// Why [`Index::admit`] refused.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Admission {
    /// No advocate has the id.
    UnknownAdvocate,
    /// No story has the id.
    UnknownStory,
    /// The advocate is not listed on the story.
    NotOnStory,
    /// The day is outside the range of dates; the message says so.
    Date(String),
    /// A rule excludes the advocate or the story.
    Refused(Exclusion),
}

impl Index {
    /// Rules E1 to E9 for `advocate` telling `story` as a `kind` engagement
    /// on `day`, under the index's policy and held engagements, with the
    /// accounts for which `hidden` holds excluded (E8). Languages (E3) are
    /// not asked for.
    pub(crate) fn admit(
        &self,
        advocate: &str,
        story: &str,
        kind: EngagementKind,
        day: Date,
        hidden: impl Fn(&str) -> bool,
    ) -> Result<(), Admission> {
        if let Some(message) = date_out_of_range(day) {
            return Err(Admission::Date(message));
        }
        let a = self.advocate_by_id(advocate).ok_or(Admission::UnknownAdvocate)?;
        let told = self.library.story(story).ok_or(Admission::UnknownStory)?;
        if !told.advocates.iter().any(|id| id == advocate) {
            return Err(Admission::NotOnStory);
        }
        let refused = |exclusion| Err(Admission::Refused(exclusion));
        let found = self.advocate(a);
        if found.status != AdvocateStatus::Active {
            return refused(Exclusion::Status { status: found.status });
        }
        let account = &self.library.accounts()[self.advocates[a].account as usize];
        if account.status != AccountStatus::Active {
            return refused(Exclusion::AccountDoNotContact { account: account.id.clone() });
        }
        if !found.kinds.contains(&kind) {
            let mut accepted = found.kinds.clone();
            accepted.sort();
            accepted.dedup();
            return refused(Exclusion::Kind { requested: kind, accepted });
        }
        let d = day_number(day);
        if let Some(&(start, end)) = self.advocate_blackouts.get(a).iter().find(|&&(s, e)| s <= d && d <= e) {
            return refused(Exclusion::Blackout { start: date_of(start), end: date_of(end), day });
        }
        let (cap, window_days, rest_days) = self.limits_under(a, &self.policy);
        let (held, ids) = self.held_of(a);
        if let Some((i, rest_days)) = self.rest_rule(a, held, d, rest_days, self.policy.poor_feedback) {
            let engagement = match ids {
                Some(ids) => ids[i].clone(),
                None => {
                    let e = self.held_engagement[self.advocate_held.range(a).start + i] as usize;
                    self.library.engagements()[e].id.clone()
                }
            };
            return refused(Exclusion::Rest { engagement, date: date_of(held[i]), rest_days, day });
        }
        let used = used_on(held, d, window_days);
        if used >= cap {
            return refused(Exclusion::Capacity { used, cap, window_days, day });
        }
        let story = story.to_string();
        if hidden(&told.account) {
            let why = StoryExclusion::AccountExcluded { story, account: told.account.clone() };
            return refused(Exclusion::Stories { stories: vec![why] });
        }
        if !told.approved_on(day) {
            let why = match told.approved_until {
                Some(until) if told.approved => StoryExclusion::ApprovalExpired { story, until },
                _ => StoryExclusion::NotApproved { story },
            };
            return refused(Exclusion::Stories { stories: vec![why] });
        }
        if let Some(limit) = self.policy.account_cap {
            let account = self.advocates[a].account as usize;
            let used = used_on(self.account_held_of(account), d, limit.window_days);
            if used >= limit.cap {
                return refused(Exclusion::AccountCapacity {
                    account: self.account_id(account).to_string(),
                    used,
                    cap: limit.cap,
                    window_days: limit.window_days,
                    day,
                });
            }
        }
        Ok(())
    }
}
