//! The ledger's state ([`ProgramState`]: library, policy, hidden accounts,
//! requests with their history) and the look-ups that make every
//! operation `O(1)` or `O(log n)` in the size of the program: records by
//! id, each advocate's held engagements by day.
//!
//! The operations that change the state are [`super::ops`]'; this file
//! only knows how to find things and how to put a change back
//! ([`Undo`]), which is how an operation refused by an i/o error is taken
//! out again.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

use super::actor::Actor;
use super::policy::FatiguePolicy;
use crate::model::{
    AccountStatus, Advocate, Engagement, EngagementStatus, Library, LibraryData, ValidationError,
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

/// A ledger entry with its append-only history. Entries the library came
/// with have no history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestRecord {
    /// The entry as the library model holds it; `status` is the current state.
    pub engagement: Engagement,
    /// Every transition, oldest first; the first, from no state to
    /// `requested`, is the request itself.
    pub history: Vec<Transition>,
}

impl RequestRecord {
    /// Who made the request (the actor of its first step), `None` for an
    /// entry the library came with.
    pub fn requested_by(&self) -> Option<&Actor> {
        self.history.first().filter(|step| step.from.is_none()).map(|step| &step.actor)
    }
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

/// What an operation (or taking one back) changed, for the ranking view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Effect {
    /// One advocate's held engagements changed.
    Held(String),
    /// Only the hidden accounts changed.
    Hidden,
    /// The library or the policy changed: the index must be rebuilt.
    Rebuild,
}

/// How to take one applied operation back out of the state.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Undo {
    /// Remove the last request, which named this advocate, and restore the
    /// id counter.
    Request { advocate: String, next_id: u64 },
    /// Put the request back in `status`, dropping its last history step.
    Transition { request: usize, status: EngagementStatus },
    /// Put the advocate record back.
    Advocate { position: usize, advocate: Box<Advocate> },
    /// Put the policy back.
    Policy(Box<FatiguePolicy>),
    /// Hide or show the account again.
    Hidden { account: String, hidden: bool },
    /// Put the account's status back.
    AccountStatus { position: usize, status: AccountStatus },
}

/// [`ProgramState`] with look-ups.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub(crate) saved: ProgramState,
    requests: HashMap<String, usize>,
    advocates: HashMap<String, usize>,
    accounts: HashMap<String, usize>,
    /// Held (day, request id) per advocate, ascending.
    pub(crate) held: HashMap<String, BTreeSet<(Date, String)>>,
}

fn positions<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    items.iter().enumerate().map(|(i, item)| (id(item).to_string(), i)).collect()
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
            .map(|engagement| RequestRecord { engagement, history: Vec::new() })
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
        let mut state = State {
            requests: positions(&saved.requests, |r| &r.engagement.id),
            advocates: positions(&saved.library.advocates, |a| &a.id),
            accounts: positions(&saved.library.accounts, |a| &a.id),
            held: HashMap::new(),
            saved,
        };
        for record in &state.saved.requests {
            let e = &record.engagement;
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

    /// The request with this id and its position.
    pub(crate) fn request(&self, id: &str) -> Option<(usize, &RequestRecord)> {
        self.requests.get(id).map(|&i| (i, &self.saved.requests[i]))
    }

    pub(crate) fn record(&self, id: &str) -> Option<&RequestRecord> {
        self.request(id).map(|(_, record)| record)
    }

    /// The advocate with this id and its position in the library.
    pub(crate) fn advocate(&self, id: &str) -> Option<(usize, &Advocate)> {
        self.advocates.get(id).map(|&i| (i, &self.saved.library.advocates[i]))
    }

    /// The account with this id and its position in the library.
    pub(crate) fn account(&self, id: &str) -> Option<(usize, &crate::model::Account)> {
        self.accounts.get(id).map(|&i| (i, &self.saved.library.accounts[i]))
    }

    /// The owner named on the advocate's account.
    pub(crate) fn owner_of_advocate(&self, advocate: &str) -> Option<&str> {
        let (_, advocate) = self.advocate(advocate)?;
        self.account(&advocate.account).map(|(_, account)| account.owner.as_str())
    }

    /// The id the next request gets and the counter after it.
    pub(crate) fn fresh_id(&self) -> (String, u64) {
        let mut n = self.saved.next_id;
        loop {
            let id = format!("eng-{n:04}");
            if !self.requests.contains_key(&id) {
                return (id, n + 1);
            }
            n += 1;
        }
    }

    /// Appends a request record; its id must be new.
    pub(crate) fn push_request(&mut self, record: RequestRecord) {
        let e = &record.engagement;
        self.requests.insert(e.id.clone(), self.saved.requests.len());
        if e.status.is_held() {
            self.held.entry(e.advocate.clone()).or_default().insert((e.date, e.id.clone()));
        }
        self.saved.requests.push(record);
    }

    /// Sets the status of request number `i`, keeping `held` in step.
    pub(crate) fn set_status(&mut self, i: usize, status: EngagementStatus) {
        let e = &mut self.saved.requests[i].engagement;
        e.status = status;
        let held = self.held.entry(e.advocate.clone()).or_default();
        if status.is_held() {
            held.insert((e.date, e.id.clone()));
        } else {
            held.remove(&(e.date, e.id.clone()));
        }
    }

    /// Mutable access to the advocate at `position`.
    pub(crate) fn advocate_mut(&mut self, position: usize) -> &mut Advocate {
        &mut self.saved.library.advocates[position]
    }

    /// Takes an operation back out with its `undo`.
    pub(crate) fn undo(&mut self, undo: Undo) -> Effect {
        match undo {
            Undo::Request { advocate, next_id } => {
                if let Some(record) = self.saved.requests.pop() {
                    let e = &record.engagement;
                    self.requests.remove(&e.id);
                    if let Some(held) = self.held.get_mut(&e.advocate) {
                        held.remove(&(e.date, e.id.clone()));
                    }
                }
                self.saved.next_id = next_id;
                Effect::Held(advocate)
            }
            Undo::Transition { request, status } => {
                self.saved.requests[request].history.pop();
                self.set_status(request, status);
                Effect::Held(self.saved.requests[request].engagement.advocate.clone())
            }
            Undo::Advocate { position, advocate } => {
                self.saved.library.advocates[position] = *advocate;
                Effect::Rebuild
            }
            Undo::Policy(policy) => {
                self.saved.policy = *policy;
                Effect::Rebuild
            }
            Undo::Hidden { account, hidden } => {
                if hidden {
                    self.saved.hidden.insert(account);
                } else {
                    self.saved.hidden.remove(&account);
                }
                Effect::Hidden
            }
            Undo::AccountStatus { position, status } => {
                self.saved.library.accounts[position].status = status;
                Effect::Rebuild
            }
        }
    }
}
