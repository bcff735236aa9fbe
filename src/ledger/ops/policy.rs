//! Replacing the program's policy: caps, windows, rest days, tiers by
//! seniority and the scoring weights ([`Program::set_policy`]).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Change, Ctx, Op, forbidden};
use crate::ledger::error::Error;
use crate::ledger::program::Program;
use crate::ledger::state::{Effect, State, Undo};
use crate::model::Actor;
use crate::model::Policy;

/// A policy change as logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SetPolicyOp {
    pub(crate) policy: Policy,
    pub(crate) actor: Actor,
    pub(crate) at: Timestamp,
}

impl SetPolicyOp {
    pub(super) fn check(&self, ctx: &Ctx<'_>) -> Result<(), Error> {
        if !self.actor.is_admin() {
            return Err(forbidden(&self.actor, "change the policy".into(), "only admins may"));
        }
        let mut changed = ctx.state.clone();
        self.apply(&mut changed);
        changed.library().map(drop).map_err(Error::Invalid)
    }

    pub(super) fn apply(&self, state: &mut State) -> Change {
        let old = std::mem::replace(&mut state.saved.library.policy, self.policy);
        Change { effect: Effect::Policy, undo: Undo::Policy(Box::new(old)) }
    }
}

impl Program {
    /// Replaces the policy (caps, windows, rest days, tiers by seniority,
    /// weights). Admins only. An advocate's own limits are the advocate's
    /// record ([`Program::upsert`]). Rebuilds the ranking index: `O(n log
    /// n)`. Held engagements stay held even where the new policy would not
    /// have allowed them; new requests follow the new one.
    ///
    /// # Errors
    ///
    /// [`Error::Forbidden`], [`Error::Invalid`] for a policy outside its
    /// ranges (a window of 0 days, a cap above 1,000), [`Error::Io`],
    /// [`Error::Poisoned`].
    pub fn set_policy(&self, actor: &Actor, policy: Policy) -> Result<(), Error> {
        self.commit(|_, at| Ok((Op::SetPolicy(SetPolicyOp { policy, actor: actor.clone(), at }), ())))
    }
}
