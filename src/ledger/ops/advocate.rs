//! An advocate's own changes: name, title, blackouts, languages and
//! status ([`Program::update_advocate`]): their own profile.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::records::{Record, RecordKind};
use super::{Change, Ctx, Op, forbidden};
use crate::ledger::error::Error;
use crate::ledger::program::Program;
use crate::ledger::state::{Effect, State, Undo};
use crate::model::{Actor, Role};
use crate::model::{Advocate, AdvocateStatus, DateRange};

/// What an advocate (or an admin) changes about an advocate; `None`
/// leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AdvocateUpdate {
    /// New full name: not blank, at most 256 bytes.
    pub name: Option<String>,
    /// New job title, at most 256 bytes.
    pub title: Option<String>,
    /// New blackout ranges, replacing the old ones; each within
    /// 1900-01-01..=2199-12-31 and ordered.
    pub blackouts: Option<Vec<DateRange>>,
    /// New languages, replacing the old ones.
    pub languages: Option<Vec<String>>,
    /// New status.
    pub status: Option<AdvocateStatus>,
}

impl AdvocateUpdate {
    /// Sets the fields the update gives on `advocate`.
    fn apply_to(&self, advocate: &mut Advocate) {
        if let Some(name) = &self.name {
            advocate.name = name.clone();
        }
        if let Some(title) = &self.title {
            advocate.title = title.clone();
        }
        if let Some(blackouts) = &self.blackouts {
            advocate.blackouts = blackouts.clone();
        }
        if let Some(languages) = &self.languages {
            advocate.languages = languages.clone();
        }
        if let Some(status) = self.status {
            advocate.status = status;
        }
    }
}

/// An advocate update as logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UpdateAdvocateOp {
    pub(crate) advocate: String,
    pub(crate) update: AdvocateUpdate,
    pub(crate) actor: Actor,
    pub(crate) at: Timestamp,
}

impl UpdateAdvocateOp {
    pub(super) fn check(&self, ctx: &Ctx<'_>) -> Result<(), Error> {
        let actor = &self.actor;
        let own = actor.role == Role::Advocate && actor.id == self.advocate;
        if !own && !actor.is_admin() {
            let operation = format!("update advocate {}", self.advocate);
            return Err(forbidden(actor, operation, "only the advocate themself or an admin may"));
        }
        if ctx.state.advocate(&self.advocate).is_none() {
            return Err(Error::unknown("advocate", &self.advocate));
        }
        if self.update.name.as_ref().is_some_and(|name| name.trim().is_empty()) {
            let message = "a blank name: expected the advocate's full name".to_string();
            return Err(Error::OutOfRange { field: "name".into(), message });
        }
        // The changed library must still be valid: same checks, same
        // messages as loading it.
        let (_, found) =
            ctx.state.advocate(&self.advocate).ok_or_else(|| Error::unknown("advocate", &self.advocate))?;
        let mut changed = found.clone();
        self.update.apply_to(&mut changed);
        super::neighborhood::check_put(ctx.state, &Record::Advocate(changed))
    }

    pub(super) fn apply(&self, state: &mut State) -> Change {
        // The checks found the advocate.
        let (position, _) = state.advocate(&self.advocate).expect("a checked update names an advocate");
        let found = state.advocate_mut(position);
        let old = Box::new(found.clone());
        self.update.apply_to(found);
        let effect = Effect::Replaced { kind: RecordKind::Advocate, id: self.advocate.clone() };
        Change { effect, undo: Undo::Advocate { position, advocate: old } }
    }
}

impl Program {
    /// Changes an advocate's name, title, blackouts, languages or status
    /// (their own profile; lengths as [`crate::model::limits`] says).
    /// Allowed to the
    /// advocate themself (an [`Actor::advocate`] with that advocate's id)
    /// and admins. The advocate is checked with its account and changed in
    /// the ranking index in place: `O(its own lists)` and a move of memory
    /// over the index's lists, no rebuild (the `ledger/change` cycle of
    /// advocate and story changes: 30-40 µs at 100k advocates).
    ///
    /// # Errors
    ///
    /// [`Error::Forbidden`] (before anything is looked up),
    /// [`Error::Unknown`], [`Error::Invalid`] when the change breaks a rule
    /// of the model (a blackout ending before it starts, a date outside
    /// 1900..=2199), [`Error::Io`], [`Error::Poisoned`].
    pub fn update_advocate(
        &self,
        actor: &Actor,
        advocate: &str,
        update: AdvocateUpdate,
    ) -> Result<(), Error> {
        self.commit(|_, at| {
            let op = UpdateAdvocateOp { advocate: advocate.to_string(), update, actor: actor.clone(), at };
            Ok((Op::UpdateAdvocate(op), ()))
        })
    }
}
