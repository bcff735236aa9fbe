//! Moving a request along its workflow: approve, decline, cancel,
//! complete ([`Program::transition`]).
//!
//! Rights are checked before the request is looked up, so an actor who
//! may not see a request cannot learn whether it exists: for anyone but an
//! admin, an unknown request is refused like somebody else's.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Change, Ctx, Op, check_text, forbidden};
use crate::ledger::actor::{Actor, Role};
use crate::ledger::error::{Error, verb};
use crate::ledger::program::Program;
use crate::ledger::state::{Effect, State, Transition, Undo};
use crate::model::EngagementStatus;
use crate::model::validate::ranges::Len;

/// A transition as logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TransitionOp {
    pub(crate) id: String,
    pub(crate) to: EngagementStatus,
    pub(crate) reason: String,
    pub(crate) actor: Actor,
    pub(crate) at: Timestamp,
}

/// Who may make a step to `to`, in words.
fn rule(to: EngagementStatus) -> &'static str {
    match to {
        EngagementStatus::Approved | EngagementStatus::Declined => {
            "only the owner of the advocate's account or an admin may"
        }
        EngagementStatus::Cancelled => "only the rep who made the request or an admin may",
        EngagementStatus::Completed | EngagementStatus::Requested => {
            "only the requesting rep, the account's owner or an admin may"
        }
    }
}

impl TransitionOp {
    pub(super) fn check(&self, ctx: &Ctx<'_>) -> Result<(), Error> {
        let actor = &self.actor;
        let found = ctx.state.request(&self.id);
        if !actor.is_admin() {
            let allowed = found.is_some_and(|(_, record)| {
                let is_owner = actor.role == Role::Owner
                    && ctx.state.owner_of_advocate(&record.engagement.advocate) == Some(actor.id.as_str());
                let is_requester = record.requested_by() == Some(actor);
                match self.to {
                    EngagementStatus::Approved | EngagementStatus::Declined => is_owner,
                    EngagementStatus::Cancelled => is_requester,
                    EngagementStatus::Completed | EngagementStatus::Requested => is_owner || is_requester,
                }
            });
            if !allowed {
                return Err(forbidden(
                    actor,
                    format!("{} request {}", verb(self.to), self.id),
                    rule(self.to),
                ));
            }
        }
        let (_, record) = found.ok_or_else(|| Error::unknown("request", &self.id))?;
        let from = record.engagement.status;
        use EngagementStatus::{Approved, Cancelled, Completed, Declined, Requested};
        let valid = matches!(
            (from, self.to),
            (Requested, Approved | Declined | Cancelled) | (Approved, Completed | Declined | Cancelled)
        );
        if !valid {
            return Err(Error::InvalidTransition { request: self.id.clone(), from, to: self.to });
        }
        check_text("reason", Len::Text, &self.reason)
    }

    pub(super) fn apply(&self, state: &mut State) -> Change {
        // The checks found the request.
        let (i, record) = state.request(&self.id).expect("a checked transition names a request");
        let (from, advocate) = (record.engagement.status, record.engagement.advocate.clone());
        state.set_status(i, self.to);
        state.saved.requests[i].history.push(Transition {
            from: Some(from),
            to: self.to,
            actor: self.actor.clone(),
            at: self.at,
            reason: self.reason.clone(),
        });
        Change { effect: Effect::Held(advocate), undo: Undo::Transition { request: i, status: from } }
    }
}

impl Program {
    /// Moves request `request` to state `to`, recording the actor, the
    /// clock's time and `reason`.
    ///
    /// Allowed steps: requested to approved, declined or cancelled;
    /// approved to completed, declined or cancelled. Approving and
    /// declining is for the owner named on the advocate's account and
    /// admins; cancelling for the rep who made the request (the same actor:
    /// id and role) and admins; completing for either. Declining or
    /// cancelling frees the advocate's slot at once, for ranking too.
    /// Cost: `O(k log k)` for the advocate's `k` held engagements, and the
    /// log append.
    ///
    /// # Errors
    ///
    /// [`Error::Forbidden`] (also, for anyone but an admin, when the
    /// request does not exist), [`Error::Unknown`] for an admin naming an
    /// unknown request, [`Error::InvalidTransition`] naming the request and
    /// both states, [`Error::OutOfRange`] for a reason over 20,000 bytes,
    /// [`Error::Io`] and [`Error::Poisoned`] as for [`Program::request`].
    pub fn transition(
        &self,
        actor: &Actor,
        request: &str,
        to: EngagementStatus,
        reason: &str,
    ) -> Result<(), Error> {
        self.commit(|_, at| {
            let op = TransitionOp {
                id: request.to_string(),
                to,
                reason: reason.to_string(),
                actor: actor.clone(),
                at,
            };
            Ok((Op::Transition(op), ()))
        })
    }

    /// [`Program::transition`] to approved.
    ///
    /// # Errors
    ///
    /// As [`Program::transition`].
    pub fn approve(&self, actor: &Actor, request: &str, reason: &str) -> Result<(), Error> {
        self.transition(actor, request, EngagementStatus::Approved, reason)
    }

    /// [`Program::transition`] to declined.
    ///
    /// # Errors
    ///
    /// As [`Program::transition`].
    pub fn decline(&self, actor: &Actor, request: &str, reason: &str) -> Result<(), Error> {
        self.transition(actor, request, EngagementStatus::Declined, reason)
    }

    /// [`Program::transition`] to cancelled.
    ///
    /// # Errors
    ///
    /// As [`Program::transition`].
    pub fn cancel(&self, actor: &Actor, request: &str, reason: &str) -> Result<(), Error> {
        self.transition(actor, request, EngagementStatus::Cancelled, reason)
    }

    /// [`Program::transition`] to completed.
    ///
    /// # Errors
    ///
    /// As [`Program::transition`].
    pub fn complete(&self, actor: &Actor, request: &str, reason: &str) -> Result<(), Error> {
        self.transition(actor, request, EngagementStatus::Completed, reason)
    }
}
