//! Changes to an account's reach: hiding it from ranking and requests
//! ([`Program::hide_account`]) and do-not-contact
//! ([`Program::set_account_status`]).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Change, Ctx, Op, forbidden};
use crate::ledger::error::Error;
use crate::ledger::program::Program;
use crate::ledger::state::{Effect, State, Undo};
use crate::model::AccountStatus;
use crate::model::{Actor, Role};

/// Hiding or showing an account, as logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HideAccountOp {
    pub(crate) account: String,
    pub(crate) hidden: bool,
    pub(crate) actor: Actor,
    pub(crate) at: Timestamp,
}

impl HideAccountOp {
    pub(super) fn check(&self, ctx: &Ctx<'_>) -> Result<(), Error> {
        if !self.actor.is_admin() {
            let operation = format!("{} account {}", if self.hidden { "hide" } else { "show" }, self.account);
            return Err(forbidden(&self.actor, operation, "only admins may"));
        }
        match ctx.state.account(&self.account) {
            Some(_) => Ok(()),
            None => Err(Error::unknown("account", &self.account)),
        }
    }

    pub(super) fn apply(&self, state: &mut State) -> Change {
        let was = state.saved.hidden.contains(&self.account);
        if self.hidden {
            state.saved.hidden.insert(self.account.clone());
        } else {
            state.saved.hidden.remove(&self.account);
        }
        Change { effect: Effect::Hidden, undo: Undo::Hidden { account: self.account.clone(), hidden: was } }
    }
}

/// An account status change, as logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AccountStatusOp {
    pub(crate) account: String,
    pub(crate) status: AccountStatus,
    pub(crate) actor: Actor,
    pub(crate) at: Timestamp,
}

impl AccountStatusOp {
    pub(super) fn check(&self, ctx: &Ctx<'_>) -> Result<(), Error> {
        let actor = &self.actor;
        let found = ctx.state.account(&self.account);
        let is_owner =
            actor.role == Role::Owner && found.is_some_and(|(_, account)| account.owner_id == actor.id);
        if !is_owner && !actor.is_admin() {
            let operation = format!("set account {} to {}", self.account, self.status);
            return Err(forbidden(actor, operation, "only the account's owner or an admin may"));
        }
        match found {
            Some(_) => Ok(()),
            None => Err(Error::unknown("account", &self.account)),
        }
    }

    pub(super) fn apply(&self, state: &mut State) -> Change {
        // The checks found the account.
        let (position, account) = state.account(&self.account).expect("a checked change names an account");
        let old = account.status;
        state.saved.library.accounts[position].status = self.status;
        let effect = Effect::Replaced { kind: super::RecordKind::Account, id: self.account.clone() };
        Change { effect, undo: Undo::AccountStatus { position, status: old } }
    }
}

impl Program {
    /// Hides an account from ranking and requests (`hidden = true`) or
    /// shows it again. Admins only. `O(hidden accounts)`, no rebuild.
    ///
    /// # Errors
    ///
    /// [`Error::Forbidden`], [`Error::Unknown`], [`Error::Io`],
    /// [`Error::Poisoned`].
    pub fn hide_account(&self, actor: &Actor, account: &str, hidden: bool) -> Result<(), Error> {
        self.commit(|_, at| {
            let op = HideAccountOp { account: account.to_string(), hidden, actor: actor.clone(), at };
            Ok((Op::HideAccount(op), ()))
        })
    }

    /// Marks an account do-not-contact (rule E1 then drops all its
    /// advocates) or active again. Allowed to the account's owner and
    /// admins. The ranking index changes the account and its advocates in
    /// place: `O(its advocates)`, no rebuild.
    ///
    /// # Errors
    ///
    /// [`Error::Forbidden`] (also, for anyone but an admin, when the
    /// account does not exist), [`Error::Unknown`] for an admin,
    /// [`Error::Io`], [`Error::Poisoned`].
    pub fn set_account_status(
        &self,
        actor: &Actor,
        account: &str,
        status: AccountStatus,
    ) -> Result<(), Error> {
        self.commit(|_, at| {
            let op = AccountStatusOp { account: account.to_string(), status, actor: actor.clone(), at };
            Ok((Op::AccountStatus(op), ()))
        })
    }
}
