//! Keeping a program in step with its system of record:
//! [`Program::sync`] takes a fresh CRM export, computes what it adds,
//! changes (field by field) and lacks against the program, and applies
//! it as one logged operation, or not at all.
//!
//! - **Records** (products, accounts, advocates, stories, opportunities,
//!   account figures, quotes) are matched by kind and id (an account
//!   figure's id is `account@date`). The export's version of a record
//!   wins; the [`SyncReport`] lists each changed field with both values.
//! - **Missing records** are retired by default ([`Missing::Retire`]): an
//!   advocate becomes `departed`, a story unapproved, an account
//!   `do_not_contact` (it stays visible, so its history reads whole,
//!   but nobody at it can be asked), a quote's approval ends the day
//!   before the sync (or, when its advocate no longer tells its story,
//!   the quote is removed: nothing refers to quotes, and it could not
//!   stay valid). Products, opportunities and account figures have no
//!   retired state and are kept. [`Missing::Keep`] keeps everything;
//!   [`Missing::Remove`] removes what nothing refers to and retires the
//!   rest, saying what refers to it. A missing story that is retired
//!   lets go of the advocates the export has at another account (the CRM
//!   moved them, and a story's people work at its account), and the
//!   report's note names them; under [`Missing::Keep`] such a story could
//!   not stay valid, and the sync is refused.
//! - **Engagements** are matched by id. New ones become history, their
//!   statuses (and any workflow history the export carries) kept as they
//!   are, even over a cap. An existing one takes the export's state only
//!   when the program has not changed it after
//!   [`SyncOptions::exported_at`] (its last workflow step is not later),
//!   the export changes nothing but its status, and that status is a
//!   later step of the workflow (requested to approved, declined,
//!   cancelled or completed; approved to completed, declined or
//!   cancelled); the steps are recorded as the syncing admin's. Anything
//!   else is a [`Conflict`] the report lists with both states, and the
//!   program's state is kept. Engagements the export lacks are the
//!   program's own and stay.
//! - **Feedback** is the program's: an export's feedback is taken for the
//!   engagements new to the program, and an existing engagement keeps the
//!   feedback the program recorded.
//! - **Not the CRM's:** the export's policy and hidden accounts are
//!   ignored; the program's stay (see [`Program::set_policy`] and
//!   [`Program::hide_account`]).
//! - **Rights:** a sync is an admin operation. Anyone else gets
//!   [`Error::Forbidden`] before the export is looked at.
//! - **One operation:** the parts (each record put or removed, each
//!   engagement added or moved on) are checked together against the
//!   program as it is (every problem of every part at once, each naming
//!   its record, in [`Error::Sync`]), then logged as one line and applied
//!   together; a refused sync leaves nothing, in memory or in the log.
//!   Replay checks the line again like every operation. A sync that finds
//!   nothing to change logs nothing.
//!
//! # Costs
//!
//! `O(n)` to diff (the changed records' fields as JSON), a copy of the
//! state and one validation of the whole program to check, `O(n)` to
//! apply, and one index rebuild: `O(n log n)` for a program of `n`
//! records. Until the line is durable the program keeps a copy of the
//! state before the sync, to take it back out on an i/o error.
//!
//! The single-record operations are [`Program::upsert`] and
//! [`Program::remove`] (in `ops/records.rs`); the report is
//! [`SyncReport`].
//!
//! # Example
//!
//! ```
//! use refmatch::ledger::{Actor, Options, Program, SyncOptions};
//! use refmatch::model::AdvocateStatus;
//!
//! let program = Program::sample(&Options::new());
//! // A week later the CRM has one advocate fewer and a new title for another.
//! let mut export = program.export();
//! let gone = export.advocates.iter().position(|a| a.id == "adv-003").unwrap();
//! export.advocates.remove(gone);
//! for story in &mut export.stories {
//!     story.advocates.retain(|a| a != "adv-003");
//! }
//! export.quotes.retain(|q| q.advocate != "adv-003");
//! export.advocates[0].title = "Chief Risk Officer".into();
//!
//! let admin = Actor::admin("ada");
//! let options = SyncOptions::new(jiff::Timestamp::now());
//! let dry = program.sync(export.clone(), &admin, &options.dry_run(true))?;
//! assert!(!dry.applied && dry.counts.changed >= 1 && dry.counts.retired == 1);
//! let report = program.sync(export, &admin, &options)?;
//! assert!(report.applied);
//! let library = program.library();
//! assert_eq!(library.advocate("adv-003").unwrap().status, AdvocateStatus::Departed);
//! println!("{report}");
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod diff;
mod engagements;
mod op;
mod options;
mod plan;
mod report;

pub use diff::{FieldChange, RecordChange, RecordRef};
pub(crate) use op::SyncOp;
pub use options::{Missing, SyncOptions};
pub use report::{
    Conflict, ConflictKind, EngagementUpdate, MissingAction, MissingRecord, SyncCounts, SyncProblem,
    SyncReport,
};

use super::error::Error;
use super::ops::{Ctx, Op};
use super::program::Program;
use crate::model::{Actor, Library, LibraryData};

impl Program {
    /// Syncs the program with `data`, a fresh export of the CRM written at
    /// [`SyncOptions::exported_at`]: adds, changes and retires (or keeps,
    /// or removes: [`SyncOptions::missing`]) records, adds new engagements
    /// as history and moves existing ones on, all as one logged operation;
    /// see the [module docs](crate::ledger::sync) for the rules. With
    /// [`SyncOptions::dry_run`] it checks everything and applies nothing.
    /// Admins only. Cost: `O(n)` for the diff and one validation of the
    /// changed program; the ranking index then changes each record in
    /// place (records put kind by kind, then those removed), up to 256
    /// changed records, and is rebuilt (`O(n log n)`) for more.
    ///
    /// # Errors
    ///
    /// [`Error::Forbidden`] for anyone but an admin (before anything is
    /// looked at); [`Error::Invalid`] when the export itself is not a valid
    /// library (every problem, with its place in the export);
    /// [`Error::OutOfRange`] or [`Error::Dates`] for an export time outside
    /// 1900..=2199 or later than the program's clock; [`Error::Sync`]
    /// naming every record whose change the program refuses (a removal
    /// that something refers to, a change that leaves a record of the
    /// program invalid), with nothing applied; [`Error::Io`] and
    /// [`Error::Poisoned`] as for every change.
    pub fn sync(&self, data: LibraryData, actor: &Actor, options: &SyncOptions) -> Result<SyncReport, Error> {
        if !actor.is_admin() {
            return Err(op::forbidden(actor));
        }
        let export = Library::new(data).map_err(Error::Invalid)?.into_data();
        {
            let inner = self.lock();
            let (op, report) = plan::plan(&inner.state, &export, actor, self.now(), options);
            if options.dry_run || op.parts.is_empty() {
                // Checked like a real sync, applied never.
                Op::Sync(op).check(&Ctx { state: &inner.state, view: &self.read() })?;
                return Ok(report);
            }
        }
        // Planned again (`O(n)`) under the commit's lock, from the state as
        // it is then, and checked there.
        self.commit(|state, at| {
            let (op, mut report) = plan::plan(state, &export, actor, at, options);
            report.applied = !op.parts.is_empty();
            Ok((Op::Sync(op), report))
        })
    }
}
