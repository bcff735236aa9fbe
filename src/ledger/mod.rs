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
//! - **Feedback.** Once an engagement is completed, each side rates it
//!   once ([`Program::feedback`], a [`FeedbackForm`]): the rep the call,
//!   the advocate the experience, 1 to 5, with whether it helped the deal,
//!   a note and whether the call was a no-show (`missed`). A second
//!   feedback from one side is refused ([`Error::Feedback`]): feedback is
//!   history. Under [`Policy::poor_feedback`](crate::Policy::poor_feedback)
//!   an advocate's poor rating lengthens their rest after that engagement
//!   (rule E5); [`crate::eval::implicit::feedback_of`] turns the rep's
//!   feedback into judgments.
//! - **Rights.** [`Actor`]s act in a [`Role`]; every refusal is an
//!   [`Error::Forbidden`] naming the actor and the operation. Rights are
//!   checked before records are looked up wherever the actor may not see
//!   the record, so an unknown id and somebody else's id get the same
//!   refusal (admins get [`Error::Unknown`]). Actors compare by id and
//!   role together.
//!
//!   | operation | allowed to |
//!   | --- | --- |
//!   | [`request`](Program::request) an advocate | sales reps, admins |
//!   | [`cancel`](Program::cancel) a request | the rep who made it (same id and role), admins |
//!   | [`approve`](Program::approve) or [`decline`](Program::decline) | the owner named on the advocate's account, admins |
//!   | [`complete`](Program::complete) | the rep who made it, the account's owner, admins |
//!   | [`feedback`](Program::feedback) from the rep's side (rating the call) | the rep who made it, the account's owner, admins |
//!   | [`feedback`](Program::feedback) from the advocate's side (rating the experience) | the advocate themself, admins |
//!   | [`update_advocate`](Program::update_advocate): name, title, blackouts, languages, status | the advocate themself, admins |
//!   | [`set_account_status`](Program::set_account_status) (do-not-contact) | the account's owner, admins |
//!   | [`set_policy`](Program::set_policy), [`hide_account`](Program::hide_account) | admins |
//!   | [`upsert`](Program::upsert), [`remove`](Program::remove) a record | the account's owner for an account (keeping its owner), its advocates, stories and figures; sales reps for opportunities; admins for everything, removals too |
//!   | [`sync`](Program::sync) with a CRM export | admins |
//!
//!   **The ledger does not authenticate.** The embedding application
//!   authenticates its users and builds each [`Actor`] from its own
//!   session; the ledger trusts the actor it is given.
//! - **Policy.** The library's [`Policy`](crate::Policy): the program's cap
//!   per window and rest days, tiers by seniority ("executive: 2 per 90
//!   days"), an optional cap per account (rule E9), the weights; an advocate's own limits, blackouts and
//!   do-not-contact live on the advocate and account records as in
//!   [`crate::model`]. Admins can hide an account from ranking and
//!   requests.
//! - **One decision.** [`Program::request`] checks the advocate against the
//!   same rules as ranking (E1 to E9 of [`crate::rank`] for that
//!   advocate, story and day, with hidden accounts as E8) and records the
//!   request under one lock: of two threads racing for an advocate's last
//!   slot one succeeds and the other gets [`Error::Ineligible`] with the
//!   engine's [`Exclusion`](crate::rank::Exclusion).
//! - **Ranking sees the ledger.** [`Program::rank_advocates`] and
//!   [`Program::explain`] use an [`Index`] whose held engagements the
//!   ledger replaces per advocate on each request or release.
//! - **Answers.** [`Program::fatigue`] (used/cap and the next free day),
//!   [`Program::fatigue_summary`], [`Program::at_or_over_cap`],
//!   [`Program::never_asked`], [`Program::over_cap`] (history over a cap).
//! - **History and export.** [`Program::create`] takes a library's
//!   engagements as history: statuses and workflow history
//!   ([`LibraryData::history`](crate::LibraryData::history)) are kept as
//!   they are, even over a cap ([`Program::over_cap`] says where), and the
//!   caps hold from then on. [`Program::export`] gives every record,
//!   engagement, history and feedback back as one library; a program created from it
//!   holds the same and ranks the same.
//! - **Sync.** [`Program::sync`] brings a fresh CRM export in as one
//!   logged operation, or refuses it whole: records added, changed field
//!   by field and missing (retired by default), engagements matched by id,
//!   conflicts by time ([`sync`]).
//! - **Sample.** [`Program::sample`] is the sample library's program with
//!   the request workflow behind each ledger entry (who asked, when the
//!   owner approved or declined and why), which the analytics measure.
//!
//! # Inputs
//!
//! Every date an operation carries (a request's day, blackouts) lies in
//! 1900-01-01..=2199-12-31, and so must the clock's day; reasons and
//! feedback notes are at most 20,000 bytes, feedback ratings 1..=5, actor ids and prospects at most 256, and an actor id
//! is not blank. The full table of ranges is in [`crate::model::limits`].
//!
//! # Costs
//!
//! | operation | cost |
//! | --- | --- |
//! | [`request`](Program::request), transitions, [`feedback`](Program::feedback) | `O(log n)` in the program's size, `O(k log k)` for the advocate's `k` held engagements, one log append |
//! | [`hide_account`](Program::hide_account) | `O(hidden accounts)` |
//! | [`update_advocate`](Program::update_advocate), [`set_account_status`](Program::set_account_status), and an [`upsert`](Program::upsert) of any record (changed or new; an industry title resolved to its code first) | the record is validated with its neighbours and the ranking index changed in place, no rebuild: 25-90 µs for a change (a quote's the dearest; two runs on different days gave 26-36 and 64-86 µs for the cycle of `ledger/change`), about 0.25 ms for a new advocate and 0.55-0.75 ms for a new story at 100k advocates (`ledger/change` in `benches/ledger.rs`) |
//! | an [`upsert`](Program::upsert) that moves an advocate or a story to another account, and [`remove`](Program::remove) | in place too, once the reference counts say nothing refers to the record (`O(1)`): the rows after it renumbered, about 0.3 ms to remove an advocate, 0.5 ms a story and 0.4 ms to move an advocate at 100k advocates |
//! | a change refused | the whole changed library validated, so the problems read as loading it would say them: `O(n)` |
//! | [`set_policy`](Program::set_policy) | `O(n log n)`: the index rebuilt |
//! | [`sync`](Program::sync) | `O(n)`: a diff and one validation of the changed program; the index changes each record in place, unless more than 256 records change (then one rebuild, `O(n log n)`) |
//! | [`open`](Program::open) | reading both files, one index build, each operation's own cost |
//! | [`search`](Program::search) (the `search` feature) | the first builds the search index (about 1.3 s at 100k stories); a record change then adds the analysis of the old story's or quote's text (the first change after a build also numbers the index's documents by id, `O(n)` once), and the next search numbers the rows again and indexes the changed texts: about 86 ms at 100k stories for a changed story and the search after it (`search/change` in `benches/search.rs`) |
//!
//! `benches/ledger.rs` measures requests at 1k, 10k and 100k advocates.
//!
//! # Files and guarantees
//!
//! [`Program::create`] and [`Program::open`] keep the ledger in a
//! directory: `snapshot.json` (a [`ProgramState`]), `ledger.jsonl` (an
//! append-only log of operations) and `ledger.lock`.
//!
//! - **One program per directory.** The directory is locked by the
//!   operating system for the program's life; a second
//!   [`Program::open`] or [`Program::create`], in this process or another,
//!   gets [`Error::Locked`] naming the directory and the holder.
//! - **Every change is checked on replay.** Each log line and the snapshot
//!   carry a CRC-32C of their bytes salted with the program's id and the
//!   generation, so an edited byte, a line or a whole log from another
//!   program, or an edited snapshot is [`Error::Corrupt`] naming the file
//!   and the line. Replay checks every operation again against the rights
//!   and rules of its time: a logged request over a cap is corruption, not
//!   history.
//! - **A crash** (of the process or the machine) loses nothing that
//!   returned `Ok` under [`Durability::EveryAppend`] (the default), and at
//!   most the last `n - 1` operations under [`Durability::Batched`]`(n)`
//!   after a power cut. A last line cut mid-write (no line break) is
//!   reported in [`OpenReport::torn`], skipped and cut; a complete line
//!   that fails its checksum is never skipped.
//! - **An i/o error** on a write or a sync (a full disk, a failing disk,
//!   an `fsync` error, the directory deleted or moved under the program):
//!   the operation gets [`Error::Io`], every operation not yet durable is
//!   taken out again (from memory, from ranking and from the log, which is
//!   cut back to its last durable line), and every later change gets
//!   [`Error::Poisoned`] until the ledger is reopened. The sync is never
//!   retried: after a failed `fsync` the operating system may have dropped
//!   the data. A refused operation does not reappear on reopening, unless
//!   even cutting the log failed, which the error then says.
//! - **Compaction** ([`Program::compact`]) writes a new snapshot and
//!   empties the log, each step atomic; a crash between them is harmless.
//!   Temporary files that an interrupted compaction leaves are removed on
//!   the next open ([`OpenReport::removed_temp_files`]).
//! - [`Program::create`] refuses a directory that holds a snapshot or a
//!   log, whole or not: it never overwrites a ledger.
//!
//! Ranking itself is [`crate::rank`]'s; the records are [`crate::model`]'s.
//!
//! # The life of a program
//!
//! Import the CRM's records once, sync each fresh export, record what
//! happens in between, and export the whole program when it is needed
//! elsewhere (the README's section of the same name shows this code):
//!
//! ```
//! use jiff::ToSpan;
//! use refmatch::ledger::{Actor, Options, Program, Record, SyncOptions};
//! use refmatch::model::EngagementKind;
//! use refmatch::{Library, Prospect, Request, io};
//!
//! // Import: a folder of CRM CSV exports (every problem at once, with its
//! // file, row and column), kept as a ledger in a directory.
//! let dir = tempfile::tempdir()?;
//! let library = io::csv::load_dir("data/crm-export")?;
//! let program = Program::create(library, dir.path().join("ledger"), &Options::new())?;
//!
//! // Sync: each fresh export, as one logged operation; what the export
//! // lacks is retired, not deleted.
//! let admin = Actor::admin("ada");
//! let fresh = io::csv::load_dir("data/crm-export")?.into_data();
//! let report = program.sync(fresh, &admin, &SyncOptions::new(jiff::Timestamp::now()))?;
//! assert!(report.changes_nothing());
//!
//! // Record: requests and their workflow, and changes to records.
//! let day = jiff::Zoned::now().date().checked_add(30.days())?;
//! let request = Request::new(EngagementKind::ReferenceCall, day);
//! let prospect = Prospect::new().with_industry("522110");
//! if let Some(best) = program.rank_advocates(&prospect, &request)?.into_iter().next() {
//!     let id = program.request(&Actor::sales_rep("rep-anna"), &best.advocate, &best.story, request.kind, day, None)?;
//!     program.approve(&admin, &id, "good fit")?;
//! }
//! let mut advocate = program.library().advocates()[0].clone();
//! advocate.title = "Chief Risk Officer".into();
//! program.upsert(&admin, Record::Advocate(advocate))?;
//!
//! // Export: every record, engagement and workflow step, as JSON or CSV.
//! let exported = Library::new(program.export())?;
//! io::save_json(&exported, dir.path().join("program.json"))?;
//! std::fs::create_dir(dir.path().join("csv"))?;
//! io::csv::write_dir(&exported, dir.path().join("csv"))?;
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Example
//!
//! ```
//! use refmatch::ledger::{Actor, Error, Options, Program};
//! use refmatch::model::EngagementKind;
//! use refmatch::{Date, Library};
//!
//! let library = Library::sample();
//! let owner = library.account(&library.advocate("adv-037").unwrap().account).unwrap().owner_id.clone();
//! // In memory here; `Program::create` and `Program::open` keep a log.
//! // The clock says the sample's day (requests in the past are refused).
//! let clock = || "2026-12-01T09:00:00Z".parse().expect("a time");
//! let program = Program::with_options(library, Options::new().clock(clock));
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

mod answers;
mod durability;
mod error;
mod ops;
mod program;
mod refs;
mod sample;
#[cfg(feature = "search")]
mod search;
mod state;
mod store;
pub mod sync;
#[cfg(test)]
mod tests;

pub use crate::model::{Actor, Feedback, FeedbackFrom, Role, Transition};
pub use answers::{Fatigue, OverCap};
pub use durability::{Durability, OpenReport, TornLine};
pub use error::Error;
pub use ops::{AdvocateUpdate, FeedbackForm, Record, RecordKind};
pub use program::{Clock, Options, Program};
pub use state::{ProgramState, RequestRecord};
pub use sync::{Missing, SyncOptions, SyncReport};

#[cfg(doc)]
use crate::Index;
