//! The ledger's operations: [`Op`], the one vocabulary of its log, and for
//! each operation, in its own file, the public entry point on
//! [`Program`](super::Program), the checks (rights first, then the
//! records it names, then the rules) and the effect on the state.
//!
//! An operation is checked the same way when it is made and when a log is
//! replayed: a logged line that its rules refuse (a request over a cap, a
//! transition nobody was allowed to make) is corruption, not history.
//! Applying an operation cannot fail once its checks passed, and returns
//! the [`Undo`] that takes it back out if the log cannot be made durable.
//!
//! | file | operations |
//! | --- | --- |
//! | `request.rs` | [`Program::request`](super::Program::request) |
//! | `transition.rs` | approve, decline, cancel, complete |
//! | `advocate.rs` | [`Program::update_advocate`](super::Program::update_advocate) |
//! | `account.rs` | [`Program::hide_account`](super::Program::hide_account), [`Program::set_account_status`](super::Program::set_account_status) |
//! | `policy.rs` | [`Program::set_policy`](super::Program::set_policy) |
//! | `records.rs` | [`Program::upsert`](super::Program::upsert), [`Program::remove`](super::Program::remove) |
//! | `feedback.rs` | [`Program::feedback`](super::Program::feedback) |
//! | [`super::sync`] (its own folder) | [`Program::sync`](super::Program::sync) |

mod account;
mod advocate;
mod feedback;
mod neighborhood;
mod policy;
pub(crate) mod records;
mod request;
mod transition;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub use advocate::AdvocateUpdate;
pub use feedback::FeedbackForm;
pub use records::{Record, RecordKind};

use super::error::Error;
use super::program::View;
use super::state::{Effect, State, Undo};
use crate::model::Actor;
use crate::model::limits::MAX_LABEL_LEN;
use crate::model::validate::ranges::{Len, date_out_of_range, shown, too_long};

/// One logged operation, as it was accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Op {
    Request(request::RequestOp),
    Transition(transition::TransitionOp),
    UpdateAdvocate(advocate::UpdateAdvocateOp),
    SetPolicy(policy::SetPolicyOp),
    HideAccount(account::HideAccountOp),
    AccountStatus(account::AccountStatusOp),
    Upsert(records::UpsertOp),
    Remove(records::RemoveOp),
    Feedback(feedback::FeedbackOp),
    Sync(crate::ledger::sync::SyncOp),
}

/// What an operation is checked against: the state, and the ranking view
/// built from it (for the eligibility rules).
pub(crate) struct Ctx<'a> {
    pub(crate) state: &'a State,
    pub(crate) view: &'a View,
}

/// What applying an operation did.
#[derive(Debug)]
pub(crate) struct Change {
    pub(crate) effect: Effect,
    pub(crate) undo: Undo,
}

impl Op {
    fn actor_and_time(&self) -> (&Actor, Timestamp) {
        match self {
            Op::Request(op) => (&op.actor, op.at),
            Op::Transition(op) => (&op.actor, op.at),
            Op::UpdateAdvocate(op) => (&op.actor, op.at),
            Op::SetPolicy(op) => (&op.actor, op.at),
            Op::HideAccount(op) => (&op.actor, op.at),
            Op::AccountStatus(op) => (&op.actor, op.at),
            Op::Upsert(op) => (&op.actor, op.at),
            Op::Remove(op) => (&op.actor, op.at),
            Op::Feedback(op) => op.actor_and_time(),
            Op::Sync(op) => (&op.actor, op.at),
        }
    }

    /// Every check of the operation against `ctx`: the actor and the time,
    /// then the operation's own (rights, records, rules).
    pub(crate) fn check(&self, ctx: &Ctx<'_>) -> Result<(), Error> {
        let (actor, at) = self.actor_and_time();
        check_actor(actor)?;
        if let Some(message) = date_out_of_range(today(at)) {
            return Err(Error::OutOfRange { field: "clock".into(), message });
        }
        match self {
            Op::Request(op) => op.check(ctx),
            Op::Transition(op) => op.check(ctx),
            Op::UpdateAdvocate(op) => op.check(ctx),
            Op::SetPolicy(op) => op.check(ctx),
            Op::HideAccount(op) => op.check(ctx),
            Op::AccountStatus(op) => op.check(ctx),
            Op::Upsert(op) => op.check(ctx),
            Op::Remove(op) => op.check(ctx),
            Op::Feedback(op) => op.check(ctx),
            Op::Sync(op) => op.check(ctx),
        }
    }

    /// Applies the operation as number `seq`; its checks must have passed.
    pub(crate) fn apply(&self, state: &mut State, seq: u64) -> Change {
        let change = match self {
            Op::Request(op) => op.apply(state),
            Op::Transition(op) => op.apply(state),
            Op::UpdateAdvocate(op) => op.apply(state),
            Op::SetPolicy(op) => op.apply(state),
            Op::HideAccount(op) => op.apply(state),
            Op::AccountStatus(op) => op.apply(state),
            Op::Upsert(op) => op.apply(state),
            Op::Remove(op) => op.apply(state),
            Op::Feedback(op) => op.apply(state),
            Op::Sync(op) => op.apply(state),
        };
        state.saved.seq = seq;
        change
    }
}

/// An actor must have an id, of at most a label's length.
fn check_actor(actor: &Actor) -> Result<(), Error> {
    if actor.id.trim().is_empty() {
        let message = "empty actor id: expected who acts, e.g. a login".to_string();
        return Err(Error::OutOfRange { field: "actor.id".into(), message });
    }
    if actor.id.len() > MAX_LABEL_LEN {
        let message = format!(
            "actor id {} is {} bytes long: expected at most {MAX_LABEL_LEN}",
            shown(&actor.id),
            actor.id.len()
        );
        return Err(Error::OutOfRange { field: "actor.id".into(), message });
    }
    Ok(())
}

/// A free-text field of an operation within its length.
fn check_text(field: &str, kind: Len, text: &str) -> Result<(), Error> {
    match too_long(kind, text) {
        Some(message) => Err(Error::OutOfRange { field: field.into(), message }),
        None => Ok(()),
    }
}

/// The clock's day: the UTC date of `at`.
fn today(at: Timestamp) -> jiff::civil::Date {
    at.to_zoned(jiff::tz::TimeZone::UTC).date()
}

fn forbidden(actor: &Actor, operation: String, rule: &'static str) -> Error {
    Error::Forbidden { actor: actor.clone(), operation, rule }
}
