//! [`Planner`]: from requests to candidates (the engine's rankings) and
//! capacities (the ledger's fatigue at the planning date), then the exact
//! allocation or the greedy baseline.

use std::collections::HashMap;

use jiff::civil::Date;

use super::output::{Allocation, Batch};
use super::problem::{DEFAULT_RESOLUTION, Problem};
use crate::Prospect;
use crate::ledger::Program;
use crate::model::limits::{MAX_CAP, MAX_COUNT, MAX_RESOLUTION, MIN_RESOLUTION};
use crate::model::validate::ranges::date_out_of_range;
use crate::rank::{Index, QueryError, Request};

/// One open opportunity of a batch: who the prospect is, what it needs
/// (as in ranking) and how many advocates.
#[derive(Debug, Clone, PartialEq)]
pub struct AllocationRequest {
    /// The caller's id for the opportunity, unique in the batch; it names
    /// the request in the output and in errors, and is recorded as the
    /// prospect by [`Allocation::record`].
    pub id: String,
    /// The prospect, as in ranking.
    pub prospect: Prospect,
    /// Kind, date, languages, `max_per_account`, excluded accounts and
    /// policy as in ranking; `k` is not used (see `slots`).
    pub request: Request,
    /// How many advocates the opportunity needs. Default 1.
    pub slots: usize,
}

impl AllocationRequest {
    /// A request for one advocate.
    pub fn new(id: impl Into<String>, prospect: Prospect, request: Request) -> AllocationRequest {
        AllocationRequest { id: id.into(), prospect, request, slots: 1 }
    }

    /// Sets how many advocates the opportunity needs.
    pub fn with_slots(mut self, slots: usize) -> AllocationRequest {
        self.slots = slots;
        self
    }
}

/// A batch that cannot be allocated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AllocateError {
    /// A request's prospect or request cannot be ranked.
    #[error("requests[{index}] ({id:?}): {source}")]
    Query {
        /// Position of the request in the batch.
        index: usize,
        /// The request's id.
        id: String,
        /// What ranking said.
        source: QueryError,
    },
    /// Two requests share an id.
    #[error("requests[{index}]: duplicate request id {id:?} (first at requests[{first}])")]
    DuplicateId {
        /// Position of the second request with the id.
        index: usize,
        /// Position of the first.
        first: usize,
        /// The id.
        id: String,
    },
    /// A planner setting is out of range.
    #[error("planner.{field}: {message}")]
    Setting {
        /// The setting: `top_m`, `max_per_batch`, `resolution`, `date` or
        /// `slots` (a request's).
        field: &'static str,
        /// What is wrong and what was expected.
        message: String,
    },
}

/// Allocates a batch of requests together; holds the batch's settings.
///
/// Build with [`Planner::new`] (the planning date is required), adjust
/// with the setters, then call [`Planner::allocate`] (exact) or
/// [`Planner::greedy`] (the one-by-one baseline), on an [`Index`] or, with
/// the `_in` variants, on a [`Program`]'s current ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Planner {
    date: Date,
    max_per_batch: u32,
    top_m: usize,
    resolution: f64,
}

impl Planner {
    /// A planner for the batch planned on `date`: capacities are evaluated
    /// on that day.
    pub fn new(date: Date) -> Planner {
        Planner { date, max_per_batch: 1, top_m: 50, resolution: DEFAULT_RESOLUTION }
    }

    /// At most this many requests of the batch per advocate (also bounded
    /// by `cap - used`). Default 1; allowed `1..=1000` (the largest cap).
    pub fn max_per_batch(&mut self, max_per_batch: u32) -> &mut Planner {
        self.max_per_batch = max_per_batch;
        self
    }

    /// How many candidates of each request enter the allocation: its top
    /// `top_m` advocates by the engine's score. Default 50; allowed
    /// `1..=10000`.
    pub fn top_m(&mut self, top_m: usize) -> &mut Planner {
        self.top_m = top_m;
        self
    }

    /// Scores are compared in whole multiples of this. Default `1e-6`;
    /// allowed from `1e-9` to `1e-2` (see [`crate::model::limits`]),
    /// checked by [`Planner::allocate`].
    pub fn resolution(&mut self, resolution: f64) -> &mut Planner {
        self.resolution = resolution;
        self
    }

    /// The planning date.
    pub fn date(&self) -> Date {
        self.date
    }

    /// The exact allocation of `requests` over `index` (see the
    /// [module docs](super) for the model).
    ///
    /// Cost: one ranking per request (in parallel, as
    /// [`Index::rank_many`]) and one min-cost flow over at most
    /// `top_m` candidates per request.
    ///
    /// # Errors
    ///
    /// [`AllocateError::Query`] for a request ranking refuses,
    /// [`AllocateError::DuplicateId`], [`AllocateError::Setting`] for a
    /// setting outside its range (`top_m`, `max_per_batch`, `resolution`,
    /// the planning date) or a request's `slots` outside `1..=10000`.
    pub fn allocate(
        &self,
        index: &Index,
        requests: &[AllocationRequest],
    ) -> Result<Allocation, AllocateError> {
        let batch = self.batch(index, &[], requests)?;
        Ok(self.solve(batch))
    }

    /// [`Planner::allocate`] on the program's current ledger, its hidden
    /// accounts left out.
    ///
    /// # Errors
    ///
    /// As [`Planner::allocate`].
    pub fn allocate_in(
        &self,
        program: &Program,
        requests: &[AllocationRequest],
    ) -> Result<Allocation, AllocateError> {
        Ok(self.solve(self.batch_in(program, requests)?))
    }

    /// The greedy baseline: requests in the given order, each taking its
    /// best candidates still available (capacity left, account limit not
    /// reached). Same candidates and capacities as [`Planner::allocate`].
    ///
    /// # Errors
    ///
    /// As [`Planner::allocate`].
    pub fn greedy(&self, index: &Index, requests: &[AllocationRequest]) -> Result<Allocation, AllocateError> {
        Ok(self.batch(index, &[], requests)?.greedy())
    }

    /// [`Planner::greedy`] on the program's current ledger.
    ///
    /// # Errors
    ///
    /// As [`Planner::allocate`].
    pub fn greedy_in(
        &self,
        program: &Program,
        requests: &[AllocationRequest],
    ) -> Result<Allocation, AllocateError> {
        Ok(self.batch_in(program, requests)?.greedy())
    }

    /// The candidates and capacities of a batch on the program's current
    /// ledger, its hidden accounts left out; the ledger is read once.
    fn batch_in(&self, program: &Program, requests: &[AllocationRequest]) -> Result<Batch, AllocateError> {
        let view = program.read();
        self.batch(&view.index, &view.hidden, requests)
    }

    fn check(&self, requests: &[AllocationRequest]) -> Result<(), AllocateError> {
        let setting =
            |field, message: &str| Err(AllocateError::Setting { field, message: message.to_string() });
        if !(1..=MAX_COUNT).contains(&self.top_m) {
            return setting(
                "top_m",
                &format!("top_m {} is out of range: expected 1..={MAX_COUNT}", self.top_m),
            );
        }
        if !(1..=MAX_CAP).contains(&self.max_per_batch) {
            let message =
                format!("max_per_batch {} is out of range: expected 1..={MAX_CAP}", self.max_per_batch);
            return setting("max_per_batch", &message);
        }
        if !(MIN_RESOLUTION..=MAX_RESOLUTION).contains(&self.resolution) {
            let message = format!(
                "resolution {} is out of range: expected {MIN_RESOLUTION:e} to {MAX_RESOLUTION:e}",
                self.resolution
            );
            return setting("resolution", &message);
        }
        if let Some(message) = date_out_of_range(self.date) {
            return setting("date", &message);
        }
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(requests.len());
        let mut slots: u64 = 0;
        for (index, request) in requests.iter().enumerate() {
            if !(1..=MAX_COUNT).contains(&request.slots) {
                let message = format!(
                    "requests[{index}].slots {} is out of range: expected 1..={MAX_COUNT}",
                    request.slots
                );
                return setting("slots", &message);
            }
            slots += request.slots as u64;
            if request.request.max_per_account == 0 {
                let source = QueryError::ZeroMaxPerAccount;
                return Err(AllocateError::Query { index, id: request.id.clone(), source });
            }
            if let Some(&first) = seen.get(request.id.as_str()) {
                return Err(AllocateError::DuplicateId { index, first, id: request.id.clone() });
            }
            seen.insert(&request.id, index);
        }
        // The solver's costs are (slots + 1) x (1 / resolution + 1) and
        // sums of a few of them: keep them far inside an i64.
        if (slots as f64 + 1.0) * (1.0 / self.resolution + 1.0) > 1e17 {
            let message = format!(
                "{slots} slots at resolution {:e} are too many to compare exactly: expected a coarser resolution or fewer requests",
                self.resolution
            );
            return setting("resolution", &message);
        }
        Ok(())
    }

    /// Ranks every request and numbers the advocates and accounts met.
    fn batch(
        &self,
        index: &Index,
        hidden: &[String],
        requests: &[AllocationRequest],
    ) -> Result<Batch, AllocateError> {
        self.check(requests)?;
        let queries: Vec<(Prospect, Request)> = requests
            .iter()
            .map(|r| {
                let mut request = r.request.clone();
                request.k = self.top_m;
                request.max_per_account = self.top_m;
                for account in hidden {
                    if !request.exclude_accounts.contains(account) {
                        request.exclude_accounts.push(account.clone());
                    }
                }
                (r.prospect.clone(), request)
            })
            .collect();
        let ranked = index.rank_many(&queries);
        let mut batch = Batch::default();
        let mut advocate_no: HashMap<String, u32> = HashMap::new();
        let mut account_no: HashMap<String, u32> = HashMap::new();
        for (i, (request, ranked)) in requests.iter().zip(ranked).enumerate() {
            let matches =
                ranked.map_err(|source| AllocateError::Query { index: i, id: request.id.clone(), source })?;
            let mut numbers = Vec::with_capacity(matches.len());
            for m in &matches {
                let next = batch.advocates.len() as u32;
                let a = *advocate_no.entry(m.advocate.clone()).or_insert_with(|| {
                    let next_account = account_no.len() as u32;
                    let account = *account_no.entry(m.account.clone()).or_insert(next_account);
                    let (used, cap) =
                        index.load_of(&m.advocate, self.date).map_or((0, 0), |load| (load.used, load.cap));
                    batch.advocates.push(super::output::Member {
                        id: m.advocate.clone(),
                        account,
                        capacity: cap.saturating_sub(used).min(self.max_per_batch),
                        headroom: cap.saturating_sub(used),
                    });
                    next
                });
                numbers.push(a);
            }
            batch.candidates.push(matches);
            batch.numbers.push(numbers);
        }
        batch.requests = requests.to_vec();
        Ok(batch)
    }

    fn solve(&self, batch: Batch) -> Allocation {
        let mut problem = Problem::new();
        problem.resolution(self.resolution);
        for request in &batch.requests {
            let slots = u32::try_from(request.slots).unwrap_or(u32::MAX);
            let limit = u32::try_from(request.request.max_per_account).unwrap_or(u32::MAX);
            problem.add_request(slots, limit);
        }
        for member in &batch.advocates {
            problem.add_advocate(member.capacity, member.account);
        }
        for (r, (matches, numbers)) in batch.candidates.iter().zip(&batch.numbers).enumerate() {
            for (m, &a) in matches.iter().zip(numbers) {
                problem.add_candidate(r, a as usize, m.score.max(0.0));
            }
        }
        let solution = problem.solve();
        let mut chosen: Vec<Vec<usize>> = vec![Vec::new(); batch.requests.len()];
        for &(r, a) in &solution.pairs {
            // Candidates keep the engine's order: the pair's position.
            let at =
                batch.numbers[r].iter().position(|&n| n as usize == a).expect("a chosen pair is a candidate");
            chosen[r].push(at);
        }
        for list in &mut chosen {
            list.sort_unstable();
        }
        batch.into_allocation(chosen)
    }
}
