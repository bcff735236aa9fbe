//! The operations of [`Program`]: requests and their transitions, advocate
//! updates, policy changes and hidden accounts, each checking the actor's
//! rights (see [`Role`]) before it is logged.

use jiff::civil::Date;

use super::actor::{Actor, Role};
use super::error::{Error, verb};
use super::policy::FatiguePolicy;
use super::program::{Program, View};
use super::state::{AdvocateUpdate, Op};
use crate::Prospect;
use crate::model::{AccountStatus, EngagementKind, EngagementStatus};
use crate::rank::{Exclusion, Request, StoryExclusion, Verdict};

fn forbidden(actor: &Actor, operation: String, rule: &'static str) -> Error {
    Error::Forbidden { actor: actor.clone(), operation, rule }
}

fn story_of(exclusion: &StoryExclusion) -> &str {
    match exclusion {
        StoryExclusion::NotApproved { story }
        | StoryExclusion::ApprovalExpired { story, .. }
        | StoryExclusion::AccountExcluded { story, .. } => story,
    }
}

/// Rules E1..E9 for `advocate` telling `story` on `date`, as ranking sees
/// them now, hidden accounts as E8.
fn check_eligible(
    view: &View,
    advocate: &str,
    story: &str,
    kind: EngagementKind,
    date: Date,
) -> Result<(), Error> {
    let library = view.index.library();
    library.advocate(advocate).ok_or_else(|| Error::unknown("advocate", advocate))?;
    let told = library.story(story).ok_or_else(|| Error::unknown("story", story))?;
    if !told.advocates.iter().any(|a| a == advocate) {
        return Err(Error::NotOnStory { advocate: advocate.to_string(), story: story.to_string() });
    }
    let ineligible =
        |exclusion| Error::Ineligible { advocate: advocate.to_string(), story: story.to_string(), exclusion };
    let mut request = Request::new(kind, date);
    request.exclude_accounts = view.hidden.clone();
    let verdict = view
        .index
        .explain(advocate, &Prospect::new(), &request)
        .map_err(|_| Error::unknown("advocate", advocate))?;
    match verdict {
        Verdict::Excluded(Exclusion::Stories { stories }) => {
            let stories = stories.into_iter().filter(|s| story_of(s) == story).collect();
            Err(ineligible(Exclusion::Stories { stories }))
        }
        Verdict::Excluded(exclusion) => Err(ineligible(exclusion)),
        // E1..E6 and E9 pass and some story of the advocate is usable; E7
        // for this one (E8 is the same for every story of the account).
        Verdict::Eligible(_) if !told.approved_on(date) => {
            let story = story.to_string();
            let why = match told.approved_until {
                Some(until) if told.approved => StoryExclusion::ApprovalExpired { story, until },
                _ => StoryExclusion::NotApproved { story },
            };
            Err(ineligible(Exclusion::Stories { stories: vec![why] }))
        }
        Verdict::Eligible(_) => Ok(()),
    }
}

impl Program {
    /// Asks `advocate` to tell `story` as a `kind` engagement on `date`,
    /// for `prospect`, and records the request, all under one lock.
    /// Returns the new request's id (`eng-0042`).
    ///
    /// Allowed to sales reps and admins. The advocate must pass rules E1..E7
    /// and E9 (the account cap, when the policy sets one) of
    /// [`crate::rank`] for this story on this day, as ranking judges them
    /// on the current ledger, and the story's account must not be hidden
    /// (E8).
    /// Cost: `O(accounts + the advocate's stories and engagements)`, plus
    /// the log append.
    ///
    /// # Errors
    ///
    /// [`Error::Forbidden`], [`Error::Unknown`], [`Error::NotOnStory`],
    /// [`Error::Ineligible`] with the engine's exclusion, [`Error::Io`] when
    /// the log cannot be written (nothing is recorded then).
    pub fn request(
        &self,
        actor: &Actor,
        advocate: &str,
        story: &str,
        kind: EngagementKind,
        date: Date,
        prospect: Option<&str>,
    ) -> Result<String, Error> {
        if !matches!(actor.role, Role::SalesRep | Role::Admin) {
            let operation = format!("request advocate {advocate}");
            return Err(forbidden(actor, operation, "only sales reps and admins make requests"));
        }
        let mut inner = self.lock();
        check_eligible(&self.read(), advocate, story, kind, date)?;
        let (id, _) = inner.state.fresh_id();
        let op = Op::Request {
            id: id.clone(),
            advocate: advocate.to_string(),
            story: story.to_string(),
            kind,
            date,
            prospect: prospect.map(str::to_string),
            actor: actor.clone(),
            at: self.now(),
        };
        self.commit(&mut inner, op)?;
        Ok(id)
    }

    /// Moves request `request` to state `to`, recording the actor, the
    /// clock's time and `reason`.
    ///
    /// Allowed steps: requested to approved, declined or cancelled;
    /// approved to completed, declined or cancelled. Approving and
    /// declining is for the owner named on the advocate's account and
    /// admins; cancelling for the rep who made the request and admins;
    /// completing for either. Declining or cancelling frees the advocate's
    /// slot at once, for ranking too.
    ///
    /// # Errors
    ///
    /// [`Error::Unknown`] for an unknown request, [`Error::Forbidden`],
    /// [`Error::InvalidTransition`] naming the request and both states,
    /// [`Error::Io`] when the log cannot be written.
    pub fn transition(
        &self,
        actor: &Actor,
        request: &str,
        to: EngagementStatus,
        reason: &str,
    ) -> Result<(), Error> {
        let mut inner = self.lock();
        let record = inner.state.record(request).ok_or_else(|| Error::unknown("request", request))?;
        let from = record.engagement.status;
        let library = self.library();
        let owner = library
            .advocate(&record.engagement.advocate)
            .and_then(|a| library.account(&a.account))
            .map(|a| a.owner.as_str());
        let is_owner = actor.role == Role::Owner && owner == Some(actor.id.as_str());
        let is_requester =
            actor.role == Role::SalesRep && record.requested_by.as_deref() == Some(actor.id.as_str());
        let (allowed, rule) = match to {
            EngagementStatus::Approved | EngagementStatus::Declined => {
                (is_owner, "only the owner of the advocate's account or an admin may")
            }
            EngagementStatus::Cancelled => {
                (is_requester, "only the rep who made the request or an admin may")
            }
            EngagementStatus::Completed => {
                (is_owner || is_requester, "only the requesting rep, the account's owner or an admin may")
            }
            EngagementStatus::Requested => (true, ""),
        };
        if !allowed && !actor.is_admin() {
            return Err(forbidden(actor, format!("{} request {request}", verb(to)), rule));
        }
        use EngagementStatus::{Approved, Cancelled, Completed, Declined, Requested};
        let valid = matches!(
            (from, to),
            (Requested, Approved | Declined | Cancelled) | (Approved, Completed | Declined | Cancelled)
        );
        if !valid {
            return Err(Error::InvalidTransition { request: request.to_string(), from, to });
        }
        let op = Op::Transition {
            id: request.to_string(),
            to,
            reason: reason.to_string(),
            actor: actor.clone(),
            at: self.now(),
        };
        self.commit(&mut inner, op)
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

    /// Changes an advocate's blackouts, languages or status. Allowed to the
    /// advocate themself and admins. Rebuilds the ranking index: `O(n log n)`.
    ///
    /// # Errors
    ///
    /// [`Error::Unknown`], [`Error::Forbidden`], [`Error::Invalid`] when the
    /// change breaks a rule of the model (e.g. a blackout ending before it
    /// starts), [`Error::Io`].
    pub fn update_advocate(
        &self,
        actor: &Actor,
        advocate: &str,
        update: AdvocateUpdate,
    ) -> Result<(), Error> {
        let mut inner = self.lock();
        if !inner.state.saved.library.advocates.iter().any(|a| a.id == advocate) {
            return Err(Error::unknown("advocate", advocate));
        }
        let own = actor.role == Role::Advocate(advocate.to_string());
        if !own && !actor.is_admin() {
            let operation = format!("update advocate {advocate}");
            return Err(forbidden(actor, operation, "only the advocate themself or an admin may"));
        }
        let op = Op::UpdateAdvocate {
            advocate: advocate.to_string(),
            update,
            actor: actor.clone(),
            at: self.now(),
        };
        self.commit(&mut inner, op)
    }

    /// Replaces the fatigue policy. Admins only. Rebuilds the ranking
    /// index: `O(n log n)`. Held engagements stay held even where the new
    /// policy would not have allowed them; new requests follow the new one.
    ///
    /// # Errors
    ///
    /// [`Error::Forbidden`], [`Error::Unknown`] for an override of an
    /// unknown advocate, [`Error::Invalid`] for an invalid policy (e.g. a
    /// window of 0 days), [`Error::Io`].
    pub fn set_policy(&self, actor: &Actor, policy: FatiguePolicy) -> Result<(), Error> {
        if !actor.is_admin() {
            return Err(forbidden(actor, "change the policy".into(), "only admins may"));
        }
        let mut inner = self.lock();
        let advocates = &inner.state.saved.library.advocates;
        if let Some(id) = policy.advocates.keys().find(|id| !advocates.iter().any(|a| a.id == **id)) {
            return Err(Error::unknown("advocate", id));
        }
        let op = Op::SetPolicy { policy, actor: actor.clone(), at: self.now() };
        self.commit(&mut inner, op)
    }

    /// Hides an account from ranking and requests (`hidden = true`) or
    /// shows it again. Admins only. `O(hidden accounts)`, no rebuild.
    ///
    /// # Errors
    ///
    /// [`Error::Forbidden`], [`Error::Unknown`], [`Error::Io`].
    pub fn hide_account(&self, actor: &Actor, account: &str, hidden: bool) -> Result<(), Error> {
        if !actor.is_admin() {
            let operation = format!("{} account {account}", if hidden { "hide" } else { "show" });
            return Err(forbidden(actor, operation, "only admins may"));
        }
        let mut inner = self.lock();
        if !inner.state.saved.library.accounts.iter().any(|a| a.id == account) {
            return Err(Error::unknown("account", account));
        }
        let op =
            Op::HideAccount { account: account.to_string(), hidden, actor: actor.clone(), at: self.now() };
        self.commit(&mut inner, op)
    }

    /// Marks an account do-not-contact (rule E1 then drops all its
    /// advocates) or active again. Allowed to the account's owner and
    /// admins. Rebuilds the ranking index: `O(n log n)`.
    ///
    /// # Errors
    ///
    /// [`Error::Unknown`], [`Error::Forbidden`], [`Error::Io`].
    pub fn set_account_status(
        &self,
        actor: &Actor,
        account: &str,
        status: AccountStatus,
    ) -> Result<(), Error> {
        let mut inner = self.lock();
        let found = inner.state.saved.library.accounts.iter().find(|a| a.id == account);
        let found = found.ok_or_else(|| Error::unknown("account", account))?;
        let is_owner = actor.role == Role::Owner && actor.id == found.owner;
        if !is_owner && !actor.is_admin() {
            let operation = format!("set account {account} to {status}");
            return Err(forbidden(actor, operation, "only the account's owner or an admin may"));
        }
        let op =
            Op::AccountStatus { account: account.to_string(), status, actor: actor.clone(), at: self.now() };
        self.commit(&mut inner, op)
    }
}
