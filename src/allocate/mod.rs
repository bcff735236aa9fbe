//! Allocating scarce advocates across many open deals at once, and
//! one-to-many reference sessions for what stays unfilled.
//!
//! Ranking deals one at a time hands the same best advocates to the first
//! deals and leaves later ones nothing. A [`Planner`] takes every open
//! [`AllocationRequest`] of a batch and solves them together.
//!
//! # The model
//!
//! - **Candidates.** Eligibility and scores are the engine's
//!   ([`crate::rank`]): each request is ranked at its own `request.date`
//!   with `k = top_m` (default 50) and no account limit, so an account's
//!   second advocate is not hidden; the request's own `max_per_account` is
//!   then enforced by the allocation. The request's relevance floor
//!   (`request.min_relevance`) applies as in ranking: an advocate below it
//!   is no candidate, so a weak match never fills a slot. `request.k` is
//!   not used: `slots` (default 1) says how many advocates the request
//!   needs.
//! - **Capacity.** Each advocate can serve `min(max_per_batch, cap -
//!   used)` requests of the batch, `used` and `cap` as in rule E6
//!   evaluated at the planning date (`max_per_batch` default 1: no
//!   advocate gets two calls in one batch unless allowed). Under an
//!   account cap (rule E9), an account's advocates together serve at most
//!   `account cap - account used` requests, the account's load at the
//!   planning date. The batch does not apply rest days between its own
//!   engagements.
//! - **Objective**, in this order: fill as many slots as possible; then
//!   maximise the total score, counted in whole units of the resolution
//!   (default `1e-6`). Solved exactly as a min-cost flow ([`Problem`]):
//!   requests -> (request, account) with capacity `max_per_account` ->
//!   advocates -> (an account under a cap, with its headroom) -> sink.
//! - **Sparsification.** Only each request's top `top_m` candidates enter
//!   the graph. The result is exact for that graph: an advocate ranked
//!   below a request's `top_m` is never considered for it, so with a small
//!   `top_m` a request may stay unfilled that a larger one would fill.
//! - **Output.** An [`Allocation`]: per request the chosen advocates with
//!   score, explanation and names, the unfilled slots and [`Unfilled`]
//!   (why), and totals; every output type serializes with serde. [`Allocation::record`] writes it into a
//!   [`Program`](crate::ledger::Program) as requests.
//! - **Baseline.** [`Planner::greedy`] ranks the requests in order, each
//!   taking the best advocates still available: what one-by-one ranking
//!   does, for comparison (`BENCHMARKS.md` has the figures).
//! - **Sessions.** [`Allocation::sessions`] proposes group sessions (one
//!   advocate, one story, several prospects) for the requests left
//!   unfilled; see [`SessionOptions`].
//!
//! Scores and rules come from [`crate::rank`]; requests and fatigue from
//! [`crate::ledger`].
//!
//! # Example
//!
//! ```
//! use refmatch::allocate::{AllocationRequest, Planner};
//! use refmatch::model::EngagementKind;
//! use refmatch::{Date, Index, Library, Prospect, Request};
//!
//! let index = Index::new(Library::sample());
//! let day: Date = "2027-01-11".parse()?;
//! let call = Request::new(EngagementKind::ReferenceCall, day);
//! let bank = Prospect::new().with_industry("522110").with_country("DE").with_use_case("fraud detection");
//! let insurer = Prospect::new().with_industry("524126").with_country("US");
//! let requests = vec![
//!     AllocationRequest::new("opp-1", bank.clone(), call.clone()).with_slots(2),
//!     AllocationRequest::new("opp-2", bank, call.clone()),
//!     AllocationRequest::new("opp-3", insurer, call),
//! ];
//! let allocation = Planner::new(day).allocate(&index, &requests)?;
//! assert_eq!(allocation.filled(), 4);
//! let greedy = Planner::new(day).greedy(&index, &requests)?;
//! assert!(allocation.filled() >= greedy.filled());
//! for request in allocation.requests() {
//!     for chosen in &request.chosen {
//!         println!("{}: {} ({:.3})", request.id, chosen.advocate, chosen.score);
//!     }
//! }
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod flow;
mod output;
mod planner;
mod problem;
mod sessions;

pub use output::{Allocation, RequestAllocation, Taken, Unfilled};
pub use planner::{AllocateError, AllocationRequest, Planner};
pub use problem::{DEFAULT_RESOLUTION, Problem, Solution};
pub use sessions::{Attendee, Session, SessionOptions, SessionPlan};
