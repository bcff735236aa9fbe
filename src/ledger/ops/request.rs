//! Asking an advocate: [`Program::request`], checked against the same
//! rules as ranking (E1 to E8 for that advocate, story and day, hidden
//! accounts as E8) and recorded under one lock.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Change, Ctx, Op, check_text, forbidden};
use crate::ledger::error::Error;
use crate::ledger::program::Program;
use crate::ledger::state::{Effect, RequestRecord, State, Undo};
use crate::model::Transition;
use crate::model::validate::ranges::Len;
use crate::model::{Actor, Role};
use crate::model::{Engagement, EngagementKind, EngagementStatus};
use crate::rank::Admission;

/// A request as logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RequestOp {
    pub(crate) id: String,
    pub(crate) advocate: String,
    pub(crate) story: String,
    pub(crate) kind: EngagementKind,
    pub(crate) date: Date,
    pub(crate) prospect: Option<String>,
    pub(crate) actor: Actor,
    pub(crate) at: Timestamp,
}

impl RequestOp {
    pub(super) fn check(&self, ctx: &Ctx<'_>) -> Result<(), Error> {
        let actor = &self.actor;
        if !matches!(actor.role, Role::SalesRep | Role::Admin) {
            let operation = format!("request advocate {}", self.advocate);
            return Err(forbidden(actor, operation, "only sales reps and admins make requests"));
        }
        if let Some(prospect) = &self.prospect {
            check_text("prospect", Len::Label, prospect)?;
        }
        if ctx.state.record(&self.id).is_some() {
            return Err(Error::Duplicate { what: "request", id: self.id.clone() });
        }
        let today = super::today(self.at);
        if self.date < today {
            let message = format!(
                "a request for {} is in the past: today is {today} (the program's clock, UTC), expected today or later",
                self.date
            );
            return Err(Error::Dates { message });
        }
        let hidden = &ctx.state.saved.hidden;
        let admitted = ctx
            .view
            .index
            .admit(&self.advocate, &self.story, self.kind, self.date, |account| hidden.contains(account));
        admitted.map_err(|refused| match refused {
            Admission::UnknownAdvocate => Error::unknown("advocate", &self.advocate),
            Admission::UnknownStory => Error::unknown("story", &self.story),
            Admission::NotOnStory => {
                Error::NotOnStory { advocate: self.advocate.clone(), story: self.story.clone() }
            }
            Admission::Date(message) => Error::OutOfRange { field: "date".into(), message },
            Admission::Refused(exclusion) => {
                Error::Ineligible { advocate: self.advocate.clone(), story: self.story.clone(), exclusion }
            }
        })
    }

    pub(super) fn apply(&self, state: &mut State) -> Change {
        let next_id = state.saved.next_id;
        // The counter moves past the id when it is the one it would give.
        let (fresh, after) = state.fresh_id();
        if fresh == self.id {
            state.saved.next_id = after;
        }
        let step = Transition {
            from: None,
            to: EngagementStatus::Requested,
            actor: self.actor.clone(),
            at: self.at,
            reason: String::new(),
        };
        state.push_request(RequestRecord {
            engagement: Engagement {
                id: self.id.clone(),
                advocate: self.advocate.clone(),
                story: self.story.clone(),
                kind: self.kind,
                date: self.date,
                status: EngagementStatus::Requested,
                prospect: self.prospect.clone(),
            },
            history: vec![step],
            feedback: Vec::new(),
        });
        Change {
            effect: Effect::Held(self.advocate.clone()),
            undo: Undo::Request { advocate: self.advocate.clone(), next_id },
        }
    }
}

impl Program {
    /// Asks `advocate` to tell `story` as a `kind` engagement on `date`,
    /// for `prospect`, and records the request, all under one lock.
    /// Returns the new request's id (`eng-0042`).
    ///
    /// Allowed to sales reps and admins. The advocate must pass rules E1
    /// to E7 of [`crate::rank`] for this story on this day, as ranking
    /// judges them on the current ledger, and the story's account must not
    /// be hidden (E8). Cost: `O(log n)` in the program's size plus
    /// `O(k log k)` for the advocate's `k` held engagements, and the log
    /// append.
    ///
    /// # Errors
    ///
    /// [`Error::Forbidden`], [`Error::Unknown`], [`Error::NotOnStory`],
    /// [`Error::Ineligible`] with the engine's exclusion,
    /// [`Error::OutOfRange`] for a date outside 1900..=2199 or a prospect
    /// over 256 bytes, [`Error::Dates`] for a date before today (by the
    /// program's clock, in UTC), [`Error::Io`] when the log cannot be written or
    /// synced (nothing is recorded then), [`Error::Poisoned`] after an
    /// earlier i/o error.
    pub fn request(
        &self,
        actor: &Actor,
        advocate: &str,
        story: &str,
        kind: EngagementKind,
        date: Date,
        prospect: Option<&str>,
    ) -> Result<String, Error> {
        self.commit(|state, at| {
            let (id, _) = state.fresh_id();
            let op = RequestOp {
                id: id.clone(),
                advocate: advocate.to_string(),
                story: story.to_string(),
                kind,
                date,
                prospect: prospect.map(str::to_string),
                actor: actor.clone(),
                at,
            };
            Ok((Op::Request(op), id))
        })
    }
}
