//! Feedback on a completed engagement ([`Program::feedback`]): the rep's
//! side rates the call, the advocate's side the experience, each at most
//! once.
//!
//! Rights are checked before the request is looked up, so an actor who
//! may not see a request cannot learn whether it exists: for anyone but an
//! admin, an unknown request is refused like somebody else's.
//!
//! | side | allowed to |
//! | --- | --- |
//! | [`FeedbackFrom::Rep`] | the rep who made the request (same id and role), the owner of the advocate's account, admins |
//! | [`FeedbackFrom::Advocate`] | the advocate (an [`Actor`] of [`Role::Advocate`] whose id is the advocate's), admins |
//!
//! Decisions: only a `completed` engagement takes feedback (a no-show is
//! a completed engagement with `missed` set: its slot was held); a second
//! feedback from the same side is refused, never merged or replaced, so
//! feedback is history like the workflow steps; feedback is dated by the
//! program's clock, so it is never in the clock's future, and it must not
//! come before the engagement's day or the request's last step.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Change, Ctx, Op, check_text, forbidden};
use crate::ledger::error::Error;
use crate::ledger::program::Program;
use crate::ledger::state::{Effect, State, Undo};
use crate::model::validate::ranges::Len;
use crate::model::{Actor, Role};
use crate::model::{EngagementStatus, Feedback, FeedbackFrom, MAX_RATING, MIN_RATING};

/// What the giver of feedback fills in; the ledger adds the engagement,
/// the actor and the time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackForm {
    /// Whose side gives it.
    pub from: FeedbackFrom,
    /// 1 (poor) to 5 (excellent).
    pub rating: u8,
    /// Whether it helped the deal, when the giver says. Default `None`.
    pub helped: Option<bool>,
    /// Whether the call was a no-show. Default `false`.
    pub missed: bool,
    /// In the giver's words, at most 20,000 bytes. Default empty.
    pub note: String,
}

impl FeedbackForm {
    /// A rating from one side, without the optional parts.
    pub fn new(from: FeedbackFrom, rating: u8) -> FeedbackForm {
        FeedbackForm { from, rating, helped: None, missed: false, note: String::new() }
    }
}

/// Feedback as logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FeedbackOp {
    pub(crate) feedback: Feedback,
}

fn rule(from: FeedbackFrom) -> &'static str {
    match from {
        FeedbackFrom::Rep => "only the requesting rep, the account's owner or an admin may",
        FeedbackFrom::Advocate => "only the advocate themself or an admin may",
    }
}

impl FeedbackOp {
    pub(super) fn actor_and_time(&self) -> (&Actor, Timestamp) {
        (&self.feedback.actor, self.feedback.at)
    }

    pub(super) fn check(&self, ctx: &Ctx<'_>) -> Result<(), Error> {
        let given = &self.feedback;
        let (actor, id) = (&given.actor, &given.engagement);
        let found = ctx.state.request(id);
        if !actor.is_admin() {
            let allowed = found.is_some_and(|(_, record)| {
                let advocate = &record.engagement.advocate;
                match given.from {
                    FeedbackFrom::Rep => {
                        let is_owner = actor.role == Role::Owner
                            && ctx.state.owner_of_advocate(advocate) == Some(actor.id.as_str());
                        is_owner || record.requested_by() == Some(actor)
                    }
                    FeedbackFrom::Advocate => actor.role == Role::Advocate && actor.id == *advocate,
                }
            });
            if !allowed {
                let operation = format!("give {} feedback on request {id}", given.from);
                return Err(forbidden(actor, operation, rule(given.from)));
            }
        }
        let (_, record) = found.ok_or_else(|| Error::unknown("request", id))?;
        let refused = |message: String| Error::Feedback { request: id.clone(), message };
        let status = record.engagement.status;
        if status != EngagementStatus::Completed {
            return Err(refused(format!("the request is {status}: expected a completed engagement")));
        }
        if let Some(first) = record.feedback_from(given.from) {
            return Err(refused(format!(
                "the {} side gave feedback at {} already: feedback is kept as given, not replaced",
                given.from, first.at
            )));
        }
        if !(MIN_RATING..=MAX_RATING).contains(&given.rating) {
            let message =
                format!("rating {} is out of range: expected {MIN_RATING}..={MAX_RATING}", given.rating);
            return Err(Error::OutOfRange { field: "rating".into(), message });
        }
        check_text("note", Len::Text, &given.note)?;
        let today = super::today(given.at);
        if today < record.engagement.date {
            let message = format!(
                "request {id}: feedback on {today} comes before the engagement's day {}: expected that day or later",
                record.engagement.date
            );
            return Err(Error::Dates { message });
        }
        if let Some(last) = record.history.last().filter(|last| given.at < last.at) {
            let message = format!(
                "request {id}: feedback at {} comes before its last step at {}: expected a later time",
                given.at, last.at
            );
            return Err(Error::Dates { message });
        }
        Ok(())
    }

    pub(super) fn apply(&self, state: &mut State) -> Change {
        // The checks found the request.
        let (i, _) = state.request(&self.feedback.engagement).expect("checked feedback names a request");
        let record = &mut state.saved.requests[i];
        record.feedback.push(self.feedback.clone());
        // Ranking reads the advocate's own rating (rule E5); the rep's
        // changes only the library the program shows.
        let advocate = record.engagement.advocate.clone();
        Change { effect: Effect::Held(advocate), undo: Undo::Feedback { request: i } }
    }
}

impl Program {
    /// Records `form` as `actor`'s feedback on the completed engagement
    /// `request`, at the clock's time. See the [module docs](crate::ledger)
    /// for who may give which side; each side gives feedback once. The
    /// advocate's own rating lengthens their rest when the policy says so
    /// ([`Policy::poor_feedback`](crate::Policy::poor_feedback)), for
    /// ranking at once. Cost: `O(k log k)` for the advocate's `k` held
    /// engagements, and the log append.
    ///
    /// # Errors
    ///
    /// [`Error::Forbidden`] (also, for anyone but an admin, when the
    /// request does not exist), [`Error::Unknown`] for an admin naming an
    /// unknown request, [`Error::Feedback`] when the engagement is not
    /// completed or the side gave feedback already,
    /// [`Error::OutOfRange`] for a rating outside 1..=5 or a note over
    /// 20,000 bytes, [`Error::Dates`] for feedback before the engagement's
    /// day (by the program's clock, in UTC) or before the request's last
    /// step, [`Error::Io`] and [`Error::Poisoned`] as for
    /// [`Program::request`].
    pub fn feedback(&self, actor: &Actor, request: &str, form: FeedbackForm) -> Result<(), Error> {
        self.commit(|_, at| {
            let FeedbackForm { from, rating, helped, missed, note } = form;
            let feedback = Feedback {
                engagement: request.to_string(),
                from,
                rating,
                helped,
                missed,
                note,
                actor: actor.clone(),
                at,
            };
            Ok((Op::Feedback(FeedbackOp { feedback }), ()))
        })
    }
}
