//! What a batch allocation returns ([`Allocation`], [`RequestAllocation`],
//! [`Unfilled`]), how it is read off a solved batch, the greedy baseline,
//! and recording into a ledger.

use serde::{Serialize, Serializer};
use std::collections::HashMap;

use jiff::civil::Date;

use super::planner::AllocationRequest;
use crate::ledger::{self, Actor, Program};
use crate::model::EngagementKind;
use crate::rank::AdvocateMatch;

/// An advocate met in a batch's candidates.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub(crate) id: String,
    pub(crate) account: u32,
    /// `min(max_per_batch, cap - used)` at the planning date.
    pub(crate) capacity: u32,
    /// `cap - used` at the planning date.
    pub(crate) headroom: u32,
}

/// A batch ranked and numbered, ready to be solved.
#[derive(Debug, Clone, Default)]
pub(crate) struct Batch {
    pub(crate) requests: Vec<AllocationRequest>,
    /// Per request, its top candidates in the engine's order.
    pub(crate) candidates: Vec<Vec<AdvocateMatch>>,
    /// Per request, each candidate's advocate number in `advocates`.
    pub(crate) numbers: Vec<Vec<u32>>,
    pub(crate) advocates: Vec<Member>,
    /// Per account number: its id and, under an account cap (rule E9),
    /// the engagements it has left at the planning date.
    pub(crate) accounts: Vec<(String, Option<u32>)>,
}

/// Why some slots of a request stay unfilled.
///
/// Serializes with its reason as a tag: `{"reason": "at_capacity",
/// "advocates": ["adv-036"]}`; the ids resolve with
/// [`Library::advocate`](crate::Library::advocate) and
/// [`Library::account`](crate::Library::account).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unfilled {
    /// No other candidate is left: every eligible advocate among the
    /// request's top `top_m` already serves it or belongs to an account
    /// at the request's `max_per_account`.
    NoEligibleAdvocate,
    /// The remaining candidates have no capacity left at the planning
    /// date (`used >= cap` there, though eligible on the request's day).
    AtCapacity {
        /// Their ids, in the request's ranking order.
        advocates: Vec<String>,
    },
    /// The remaining candidates' accounts have no engagement left under
    /// the account cap (rule E9) once the batch is held: at the planning
    /// date, or after the colleagues the batch gave to other requests.
    AccountAtCapacity {
        /// The accounts' ids, in the request's ranking order.
        accounts: Vec<String>,
    },
    /// The remaining candidates serve other requests of the batch. In the
    /// exact allocation, moving any of them here would fill no more slots
    /// and lower the total score: the other requests score them higher, or
    /// have no one else. (In the greedy baseline: earlier requests took
    /// them.)
    TakenByBetterRequests {
        /// Each such candidate and who holds it, in ranking order.
        taken: Vec<Taken>,
    },
}

/// A candidate a request wanted, held by other requests.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Taken {
    /// The advocate's id.
    pub advocate: String,
    /// The advocate's score for the request that did not get it.
    pub score: f64,
    /// Ids of the requests it was given to.
    pub by: Vec<String>,
}

/// The allocation of one request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestAllocation {
    /// The request's id.
    pub id: String,
    /// Engagement kind, from the request.
    pub kind: EngagementKind,
    /// Day needed, from the request.
    pub date: Date,
    /// Advocates wanted.
    pub slots: usize,
    /// The advocates given, in ranking order, with their stories, scores
    /// and explanations as ranking returned them.
    pub chosen: Vec<AdvocateMatch>,
    /// `slots - chosen.len()`.
    pub unfilled: usize,
    /// Why slots stay unfilled; `None` when all are filled.
    pub reason: Option<Unfilled>,
}

/// The allocation of a batch: per request, in the batch's order, and
/// totals.
///
/// Serializes as `{"requests": [..], "filled": 4, "slots": 4,
/// "total_score": 2.7}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Allocation {
    pub(crate) requests: Vec<RequestAllocation>,
    pub(crate) filled: usize,
    pub(crate) slots: usize,
    pub(crate) total_score: f64,
    /// Per request, its candidates in ranking order (for sessions).
    pub(crate) candidates: Vec<Vec<AdvocateMatch>>,
    /// Per advocate met, engagements left under its cap after the batch.
    pub(crate) spare: HashMap<String, u32>,
}

impl Serialize for Allocation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            requests: &'a [RequestAllocation],
            filled: usize,
            slots: usize,
            total_score: f64,
        }
        Out {
            requests: &self.requests,
            filled: self.filled,
            slots: self.slots,
            total_score: self.total_score,
        }
        .serialize(serializer)
    }
}

impl Allocation {
    /// Per request, in the batch's order.
    pub fn requests(&self) -> &[RequestAllocation] {
        &self.requests
    }

    /// The allocation of the request with this id.
    pub fn request(&self, id: &str) -> Option<&RequestAllocation> {
        self.requests.iter().find(|r| r.id == id)
    }

    /// Slots filled over the batch.
    pub fn filled(&self) -> usize {
        self.filled
    }

    /// Slots wanted over the batch.
    pub fn slots(&self) -> usize {
        self.slots
    }

    /// Sum of the chosen advocates' scores.
    pub fn total_score(&self) -> f64 {
        self.total_score
    }

    /// Engagements the advocate has left under its cap at the planning
    /// date once the batch is held; `None` for an advocate no request had
    /// as a candidate.
    pub fn spare(&self, advocate: &str) -> Option<u32> {
        self.spare.get(advocate).copied()
    }

    /// Records every chosen advocate into `program` as a request by
    /// `actor`, on the request's kind and day, with the request's id as the
    /// prospect. Returns the new ledger ids in the allocation's order.
    ///
    /// The ledger has no batch operation, so the requests are recorded one
    /// by one, each checked by [`Program::request`] against the ledger as
    /// it is then. When one is refused (the ledger changed since the
    /// allocation, or `max_per_batch > 1` put one advocate on days closer
    /// than its rest period), the ones already recorded are cancelled by
    /// `actor` with reason "allocation rolled back" and the refusal is
    /// returned: all or nothing in effect, though the cancelled requests
    /// stay in the ledger's history, and another thread may see them for
    /// that moment.
    ///
    /// # Errors
    ///
    /// The first refusal of [`Program::request`].
    pub fn record(&self, program: &Program, actor: &Actor) -> Result<Vec<String>, ledger::Error> {
        let mut made = Vec::with_capacity(self.filled);
        for request in &self.requests {
            for chosen in &request.chosen {
                let kind = request.kind;
                match program.request(
                    actor,
                    &chosen.advocate,
                    &chosen.story,
                    kind,
                    request.date,
                    Some(request.id.as_str()),
                ) {
                    Ok(id) => made.push(id),
                    Err(err) => {
                        for id in made.iter().rev() {
                            // Cancelling a request this actor just made is
                            // allowed; a failure here leaves it held.
                            let _ = program.cancel(actor, id, "allocation rolled back");
                        }
                        return Err(err);
                    }
                }
            }
        }
        Ok(made)
    }
}

impl Batch {
    /// Requests in order, each taking its best candidates with capacity
    /// left and the account limit not reached.
    pub(crate) fn greedy(self) -> Allocation {
        let mut left: Vec<u32> = self.advocates.iter().map(|m| m.capacity).collect();
        let mut account_left: Vec<u32> = self.accounts.iter().map(|(_, h)| h.unwrap_or(u32::MAX)).collect();
        let mut chosen = Vec::with_capacity(self.requests.len());
        for (r, request) in self.requests.iter().enumerate() {
            let mut per_account: HashMap<u32, usize> = HashMap::new();
            let mut mine = Vec::new();
            for (i, &a) in self.numbers[r].iter().enumerate() {
                if mine.len() >= request.slots {
                    break;
                }
                let account = self.advocates[a as usize].account;
                let count = per_account.entry(account).or_insert(0);
                if left[a as usize] > 0
                    && account_left[account as usize] > 0
                    && *count < request.request.max_per_account
                {
                    left[a as usize] -= 1;
                    account_left[account as usize] -= 1;
                    *count += 1;
                    mine.push(i);
                }
            }
            chosen.push(mine);
        }
        self.into_allocation(chosen)
    }

    /// The allocation giving request `r` its candidates at positions
    /// `chosen[r]` (ascending), with the reasons for what stays unfilled.
    pub(crate) fn into_allocation(self, chosen: Vec<Vec<usize>>) -> Allocation {
        let mut holders: Vec<Vec<usize>> = vec![Vec::new(); self.advocates.len()];
        let mut account_left: Vec<u32> = self.accounts.iter().map(|(_, h)| h.unwrap_or(u32::MAX)).collect();
        for (r, positions) in chosen.iter().enumerate() {
            for &i in positions {
                let a = self.numbers[r][i] as usize;
                holders[a].push(r);
                let left = &mut account_left[self.advocates[a].account as usize];
                *left = left.saturating_sub(1);
            }
        }
        let mut requests = Vec::with_capacity(self.requests.len());
        for (r, request) in self.requests.iter().enumerate() {
            let picked: Vec<AdvocateMatch> =
                chosen[r].iter().map(|&i| self.candidates[r][i].clone()).collect();
            let unfilled = request.slots.saturating_sub(picked.len());
            let reason = (unfilled > 0).then(|| self.reason(r, &chosen[r], &holders, &account_left));
            requests.push(RequestAllocation {
                id: request.id.clone(),
                kind: request.request.kind,
                date: request.request.date,
                slots: request.slots,
                chosen: picked,
                unfilled,
                reason,
            });
        }
        let spare = self
            .advocates
            .iter()
            .zip(&holders)
            .map(|(m, h)| (m.id.clone(), m.headroom.saturating_sub(h.len() as u32)))
            .collect();
        Allocation {
            filled: requests.iter().map(|r| r.chosen.len()).sum(),
            slots: requests.iter().map(|r| r.slots).sum(),
            total_score: requests.iter().flat_map(|r| &r.chosen).map(|m| m.score).sum(),
            requests,
            candidates: self.candidates,
            spare,
        }
    }

    fn reason(&self, r: usize, chosen: &[usize], holders: &[Vec<usize>], account_left: &[u32]) -> Unfilled {
        let numbers = &self.numbers[r];
        let mut per_account: HashMap<u32, usize> = HashMap::new();
        for &i in chosen {
            *per_account.entry(self.advocates[numbers[i] as usize].account).or_insert(0) += 1;
        }
        let limit = self.requests[r].request.max_per_account;
        let mut taken = Vec::new();
        let mut at_cap = Vec::new();
        let mut accounts_at_cap: Vec<String> = Vec::new();
        for (i, &a) in numbers.iter().enumerate() {
            let member = &self.advocates[a as usize];
            if chosen.contains(&i) || per_account.get(&member.account).copied().unwrap_or(0) >= limit {
                continue;
            }
            if member.capacity == 0 {
                at_cap.push(member.id.clone());
            } else if account_left[member.account as usize] == 0 && holders[a as usize].is_empty() {
                let account = &self.accounts[member.account as usize].0;
                if !accounts_at_cap.contains(account) {
                    accounts_at_cap.push(account.clone());
                }
            } else {
                let by = holders[a as usize].iter().map(|&h| self.requests[h].id.clone()).collect();
                taken.push(Taken { advocate: member.id.clone(), score: self.candidates[r][i].score, by });
            }
        }
        if !taken.is_empty() {
            Unfilled::TakenByBetterRequests { taken }
        } else if !accounts_at_cap.is_empty() {
            Unfilled::AccountAtCapacity { accounts: accounts_at_cap }
        } else if !at_cap.is_empty() {
            Unfilled::AtCapacity { advocates: at_cap }
        } else {
            Unfilled::NoEligibleAdvocate
        }
    }
}
