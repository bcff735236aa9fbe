//! [`SyncOptions`]: what a sync does with the records an export lacks,
//! whether it applies anything, and how old the export is.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// What a sync does with a record the program holds and the export lacks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// Retire it (the default): an advocate becomes `departed`, a story
    /// unapproved, an account `do_not_contact`, a quote's approval ends
    /// the day before the sync (a quote whose advocate no longer tells
    /// its story after the sync cannot stay valid and is removed: nothing
    /// refers to quotes), and a retired story lets go of the advocates
    /// the export has at another account. Products, opportunities and
    /// account figures have no retired state and are kept as they are.
    #[default]
    Retire,
    /// Keep it as it is. A story whose advocate the export moved to
    /// another account cannot stay as it is: the sync is refused, naming
    /// the story and the advocate.
    Keep,
    /// Remove it, unless an engagement refers to it (directly, or through
    /// a record that stays): such a record is retired instead (a story
    /// as under [`Missing::Retire`]), and the report says what refers to
    /// it.
    Remove,
}

/// How [`Program::sync`](crate::ledger::Program::sync) runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncOptions {
    /// When the CRM wrote the export. An engagement the program changed
    /// after this time is not overwritten by the export (a conflict).
    /// Must lie in 1900-01-01..=2199-12-31 and not after the program's
    /// clock.
    pub exported_at: Timestamp,
    /// Check everything and report, but apply nothing. Default `false`.
    pub dry_run: bool,
    /// What to do with records the export lacks. Default [`Missing::Retire`].
    pub missing: Missing,
}

impl SyncOptions {
    /// A sync of an export written at `exported_at` that applies its
    /// changes and retires what the export lacks.
    pub fn new(exported_at: Timestamp) -> SyncOptions {
        SyncOptions { exported_at, dry_run: false, missing: Missing::Retire }
    }

    /// Whether to apply nothing (see [`SyncOptions::dry_run`](#structfield.dry_run)).
    pub fn dry_run(mut self, dry_run: bool) -> SyncOptions {
        self.dry_run = dry_run;
        self
    }

    /// What to do with missing records (see [`Missing`]).
    pub fn missing(mut self, missing: Missing) -> SyncOptions {
        self.missing = missing;
        self
    }
}
