//! The fatigue-protection ledger: [`Program`], the one place that decides
//! who may be asked for a reference, records every request and its
//! workflow, and keeps the promise to customers not to wear them out,
//! across threads and crashes.
//!
//! - **Workflow.** A request moves `requested -> approved -> completed`,
//!   or to `declined` / `cancelled` from `requested` or `approved`.
//!   Every step records who, when (from the [`Options::clock`]) and why,
//!   in an append-only history ([`RequestRecord`]). Other steps are
//!   [`Error::InvalidTransition`]s naming the request and both states.
//! - **Rights.** [`Actor`]s act in a [`Role`]; the table of who may do what
//!   is in [`actor`](Role). Every refusal is an [`Error::Forbidden`].
//! - **Policy.** [`FatiguePolicy`]: the program's cap per window and rest
//!   days, tiers by seniority ("executive: 2 per 90 days"), per-advocate
//!   overrides; blackouts and do-not-contact live on advocates and
//!   accounts as in [`crate::model`]. Admins can hide an account from
//!   ranking and requests.
//! - **One decision.** [`Program::request`] checks the advocate against the
//!   same rules as ranking (SCORING.md E1..E8 for that advocate, story and
//!   day, with hidden accounts as E8) and records the request under one
//!   lock: of two threads racing for an advocate's last slot one succeeds
//!   and the other gets [`Error::Ineligible`] with the engine's
//!   [`Exclusion`](crate::rank::Exclusion).
//! - **Ranking sees the ledger.** [`Program::rank_advocates`] and
//!   [`Program::explain`] use an [`Index`] whose held engagements the
//!   ledger replaces per advocate on each request or release (`O(k log k)`
//!   for the advocate's `k` held engagements, independent of the size of
//!   the program). Changes to an advocate's blackouts, languages or
//!   status, and policy changes, rebuild the index: `O(n log n)` in the
//!   program's records, like [`Index::new`].
//! - **Answers.** [`Program::fatigue`] (used/cap and the next free day),
//!   [`Program::fatigue_summary`], [`Program::at_or_over_cap`],
//!   [`Program::never_asked`].
//! - **Durability.** [`Program::create`] and [`Program::open`] keep the
//!   ledger in a directory: `snapshot.json` (a [`ProgramState`]) and
//!   `ledger.jsonl`, an append-only log of operations, synced as
//!   [`Durability`] says. [`Program::compact`] writes a new snapshot and
//!   empties the log, each step atomic and a crash between them harmless.
//!
//! Ranking itself is [`crate::rank`]'s; the records are [`crate::model`]'s.

mod actor;
mod answers;
mod error;
mod log;
mod policy;
mod program;
mod state;
mod workflow;

pub use actor::{Actor, Role};
pub use answers::Fatigue;
pub use error::Error;
pub use log::{Durability, OpenReport, TornLine};
pub use policy::{FatiguePolicy, Limits};
pub use program::{Clock, Options, Program};
pub use state::{AdvocateUpdate, ProgramState, RequestRecord, Transition};

#[cfg(doc)]
use crate::Index;
