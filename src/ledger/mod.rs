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
//! - **Rights.** [`Actor`]s act in a [`Role`]; every refusal is an
//!   [`Error::Forbidden`] naming the actor and the operation:
//!
//!   | operation | allowed to |
//!   | --- | --- |
//!   | [`request`](Program::request) an advocate | sales reps, admins |
//!   | [`cancel`](Program::cancel) a request | the rep who made it, admins |
//!   | [`approve`](Program::approve) or [`decline`](Program::decline) | the owner named on the advocate's account, admins |
//!   | [`complete`](Program::complete) | the rep who made it, the account's owner, admins |
//!   | [`update_advocate`](Program::update_advocate): blackouts, languages, status | the advocate themself, admins |
//!   | [`set_account_status`](Program::set_account_status) (do-not-contact) | the account's owner, admins |
//!   | [`set_policy`](Program::set_policy), [`hide_account`](Program::hide_account) | admins |
//! - **Policy.** [`FatiguePolicy`]: the program's cap per window and rest
//!   days, tiers by seniority ("executive: 2 per 90 days"), per-advocate
//!   overrides, an optional cap per account (rule E9); blackouts and do-not-contact live on advocates and
//!   accounts as in [`crate::model`]. Admins can hide an account from
//!   ranking and requests.
//! - **One decision.** [`Program::request`] checks the advocate against the
//!   same rules as ranking (E1..E9 of [`crate::rank`] for that advocate,
//!   story and day, with hidden accounts as E8 and the policy's account cap
//!   as E9) and records the request under one
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
//! - **Sample.** [`Program::sample`] is the sample library's program with
//!   the request workflow behind each ledger entry (who asked, when the
//!   owner approved or declined and why), which the analytics measure.
//! - **Durability.** [`Program::create`] and [`Program::open`] keep the
//!   ledger in a directory: `snapshot.json` (a [`ProgramState`]) and
//!   `ledger.jsonl`, an append-only log of operations, synced as
//!   [`Durability`] says. [`Program::compact`] writes a new snapshot and
//!   empties the log, each step atomic and a crash between them harmless.
//!
//! Ranking itself is [`crate::rank`]'s; the records are [`crate::model`]'s.
//!
//! # Example
//!
//! ```
//! use refmatch::ledger::{Actor, Error, Program};
//! use refmatch::model::EngagementKind;
//! use refmatch::{Date, Library};
//!
//! let library = Library::sample();
//! let owner = library.account(&library.advocate("adv-037").unwrap().account).unwrap().owner.clone();
//! // In memory here; `Program::create` and `Program::open` keep a log.
//! let program = Program::new(library);
//! let day: Date = "2027-01-04".parse()?;
//! let call = EngagementKind::ReferenceCall;
//! let rep = Actor::sales_rep("rep-anna");
//! let id = program.request(&rep, "adv-037", "sty-033", call, day, Some("Bank AG"))?;
//! program.approve(&Actor::owner(owner), &id, "good fit")?;
//! assert!(program.fatigue("adv-037", day)?.used >= 1);
//!
//! // The program's busiest advocate is at her cap on 2026-12-01.
//! let busy: Date = "2026-12-01".parse()?;
//! match program.request(&rep, "adv-036", "sty-033", call, busy, None) {
//!     Err(Error::Ineligible { exclusion, .. }) => assert_eq!(exclusion.rule(), "E6"),
//!     other => panic!("expected a refusal, got {other:?}"),
//! }
//! // Only the account's owner or an admin approves.
//! assert!(matches!(program.approve(&rep, &id, ""), Err(Error::Forbidden { .. })));
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod actor;
mod answers;
mod error;
mod log;
mod policy;
mod program;
mod sample;
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
