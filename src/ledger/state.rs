//! The ledger's state ([`ProgramState`]: library, policy, hidden accounts,
//! requests with their history), the operations the log records, and how
//! an operation changes the state. Rights and eligibility are checked
//! before an operation is logged (`workflow.rs`); applying one only checks
//! that what it names exists, so a log replays exactly as it was lived.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

use super::actor::Actor;
use super::policy::FatiguePolicy;
use crate::model::{
    AccountStatus, AdvocateStatus, DateRange, Engagement, EngagementKind, EngagementStatus, Library,
    LibraryData, ValidationError,
};

/// One step of a request's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// The state before; `None` for the request itself.
    pub from: Option<EngagementStatus>,
    /// The state after.
    pub to: EngagementStatus,
    /// Who made the step.
    pub actor: Actor,
    /// When.
    pub at: Timestamp,
    /// Why, in the actor's words (may be empty).
    pub reason: String,
}

/// A ledger entry with who asked and its append-only history. Entries the
/// library came with have no history and no requester.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestRecord {
    /// The entry as the library model holds it; `status` is the current state.
    pub engagement: Engagement,
    /// The rep (or admin) who made the request.
    pub requested_by: Option<String>,
    /// Every transition, oldest first.
    pub history: Vec<Transition>,
}

/// What an advocate (or an admin) changes about an advocate; `None`
/// leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AdvocateUpdate {
    /// New blackout ranges, replacing the old ones.
    pub blackouts: Option<Vec<DateRange>>,
    /// New languages, replacing the old ones.
    pub languages: Option<Vec<String>>,
    /// New status.
    pub status: Option<AdvocateStatus>,
}

/// Everything the ledger knows; what a snapshot holds and what replaying a
/// log must reproduce exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramState {
    /// Sequence number of the last operation applied (0 for none).
    pub seq: u64,
    /// The library without its ledger (`engagements` is empty: the
    /// requests are below) and with the advocates' limits moved into
    /// `policy.advocates`.
    pub library: LibraryData,
    /// Caps, windows, rest days, tiers and overrides.
    pub policy: FatiguePolicy,
    /// Accounts hidden from ranking and requests, in id order.
    pub hidden: BTreeSet<String>,
    /// Every ledger entry, in the order made.
    pub requests: Vec<RequestRecord>,
    /// Number the next generated request id starts looking from.
    pub next_id: u64,
}

/// One logged operation, as it was accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum Op {
    Request {
        id: String,
        advocate: String,
        story: String,
        kind: EngagementKind,
        date: Date,
        prospect: Option<String>,
        actor: Actor,
        at: Timestamp,
    },
    Transition {
        id: String,
        to: EngagementStatus,
        reason: String,
        actor: Actor,
        at: Timestamp,
    },
    UpdateAdvocate {
        advocate: String,
        update: AdvocateUpdate,
        actor: Actor,
        at: Timestamp,
    },
    SetPolicy {
        policy: FatiguePolicy,
        actor: Actor,
        at: Timestamp,
    },
    HideAccount {
        account: String,
        hidden: bool,
        actor: Actor,
        at: Timestamp,
    },
    AccountStatus {
        account: String,
        status: AccountStatus,
        actor: Actor,
        at: Timestamp,
    },
}

/// What applying an operation changed, for the ranking index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Effect {
    /// One advocate's held engagements changed.
    Held(String),
    /// Only the hidden accounts changed.
    Hidden,
    /// The library or the policy changed: the index must be rebuilt.
    Rebuild,
}

/// [`ProgramState`] with look-ups.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub(crate) saved: ProgramState,
    by_id: HashMap<String, usize>,
    /// Held (day, request id) per advocate, ascending.
    pub(crate) held: HashMap<String, BTreeSet<(Date, String)>>,
}

impl State {
    /// The state of a library fresh from validation: its ledger becomes
    /// requests without history.
    pub(crate) fn from_library(library: &Library) -> State {
        let mut data = library.data().clone();
        let policy = FatiguePolicy::of_library(&data);
        let engagements = std::mem::take(&mut data.engagements);
        for advocate in &mut data.advocates {
            (advocate.cap, advocate.window_days, advocate.rest_days) = (None, None, None);
        }
        let next_id = engagements.len() as u64 + 1;
        let requests = engagements
            .into_iter()
            .map(|engagement| RequestRecord { engagement, requested_by: None, history: Vec::new() })
            .collect();
        State::from_saved(ProgramState {
            seq: 0,
            library: data,
            policy,
            hidden: BTreeSet::new(),
            requests,
            next_id,
        })
    }

    pub(crate) fn from_saved(saved: ProgramState) -> State {
        let mut state = State { saved, by_id: HashMap::new(), held: HashMap::new() };
        for (i, record) in state.saved.requests.iter().enumerate() {
            let e = &record.engagement;
            state.by_id.insert(e.id.clone(), i);
            if e.status.is_held() {
                state.held.entry(e.advocate.clone()).or_default().insert((e.date, e.id.clone()));
            }
        }
        state
    }

    /// The library the ranking index is built from: the policy written
    /// into it and the requests as its ledger.
    ///
    /// # Errors
    ///
    /// When the data breaks a rule of the model (a bad blackout range, an
    /// invalid policy).
    pub(crate) fn library(&self) -> Result<Library, ValidationError> {
        let mut data = self.saved.library.clone();
        self.saved.policy.write_into(&mut data);
        data.engagements = self.saved.requests.iter().map(|r| r.engagement.clone()).collect();
        Library::new(data)
    }

    pub(crate) fn record(&self, id: &str) -> Option<&RequestRecord> {
        self.by_id.get(id).map(|&i| &self.saved.requests[i])
    }

    /// The id the next request gets and the counter after it.
    pub(crate) fn fresh_id(&self) -> (String, u64) {
        let mut n = self.saved.next_id;
        loop {
            let id = format!("eng-{n:04}");
            if !self.by_id.contains_key(&id) {
                return (id, n + 1);
            }
            n += 1;
        }
    }

    /// Applies `op` as operation number `seq`.
    ///
    /// # Errors
    ///
    /// A lowercase message when the operation names a record that does not
    /// exist or repeats a request id; the state is then unchanged.
    pub(crate) fn apply(&mut self, seq: u64, op: &Op) -> Result<Effect, String> {
        let effect = match op {
            Op::Request { id, advocate, story, kind, date, prospect, actor, at } => {
                let library = &self.saved.library;
                if !library.advocates.iter().any(|a| a.id == *advocate) {
                    return Err(format!("unknown advocate id `{advocate}`"));
                }
                if !library.stories.iter().any(|s| s.id == *story) {
                    return Err(format!("unknown story id `{story}`"));
                }
                if self.by_id.contains_key(id) {
                    return Err(format!("request id `{id}` is used twice"));
                }
                self.saved.next_id = self.fresh_id().1;
                let engagement = Engagement {
                    id: id.clone(),
                    advocate: advocate.clone(),
                    story: story.clone(),
                    kind: *kind,
                    date: *date,
                    status: EngagementStatus::Requested,
                    prospect: prospect.clone(),
                };
                let step = Transition {
                    from: None,
                    to: EngagementStatus::Requested,
                    actor: actor.clone(),
                    at: *at,
                    reason: String::new(),
                };
                self.by_id.insert(id.clone(), self.saved.requests.len());
                self.saved.requests.push(RequestRecord {
                    engagement,
                    requested_by: Some(actor.id.clone()),
                    history: vec![step],
                });
                self.held.entry(advocate.clone()).or_default().insert((*date, id.clone()));
                Effect::Held(advocate.clone())
            }
            Op::Transition { id, to, reason, actor, at } => {
                let &i = self.by_id.get(id).ok_or_else(|| format!("unknown request id `{id}`"))?;
                let record = &mut self.saved.requests[i];
                let from = record.engagement.status;
                record.engagement.status = *to;
                record.history.push(Transition {
                    from: Some(from),
                    to: *to,
                    actor: actor.clone(),
                    at: *at,
                    reason: reason.clone(),
                });
                let e = &record.engagement;
                let held = self.held.entry(e.advocate.clone()).or_default();
                if e.status.is_held() {
                    held.insert((e.date, e.id.clone()));
                } else {
                    held.remove(&(e.date, e.id.clone()));
                }
                Effect::Held(e.advocate.clone())
            }
            Op::UpdateAdvocate { advocate, update, .. } => {
                let found = self.saved.library.advocates.iter_mut().find(|a| a.id == *advocate);
                let found = found.ok_or_else(|| format!("unknown advocate id `{advocate}`"))?;
                if let Some(blackouts) = &update.blackouts {
                    found.blackouts = blackouts.clone();
                }
                if let Some(languages) = &update.languages {
                    found.languages = languages.clone();
                }
                if let Some(status) = update.status {
                    found.status = status;
                }
                Effect::Rebuild
            }
            Op::SetPolicy { policy, .. } => {
                self.saved.policy = policy.clone();
                Effect::Rebuild
            }
            Op::AccountStatus { account, status, .. } => {
                let found = self.saved.library.accounts.iter_mut().find(|a| a.id == *account);
                found.ok_or_else(|| format!("unknown account id `{account}`"))?.status = *status;
                Effect::Rebuild
            }
            Op::HideAccount { account, hidden, .. } => {
                if !self.saved.library.accounts.iter().any(|a| a.id == *account) {
                    return Err(format!("unknown account id `{account}`"));
                }
                if *hidden {
                    self.saved.hidden.insert(account.clone());
                } else {
                    self.saved.hidden.remove(account);
                }
                Effect::Hidden
            }
        };
        self.saved.seq = seq;
        Ok(effect)
    }
}
