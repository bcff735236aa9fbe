//! What the ledger promises about its files: when an operation is durable
//! ([`Durability`]), and what opening a ledger found ([`OpenReport`]).

use std::num::NonZeroU32;

/// When an operation that returned `Ok` is on the disk.
///
/// - **`EveryAppend`** (the default): `Ok` means durable. Each operation's
///   log line is written under the program's lock; the caller then waits,
///   outside the lock, for a sync (`fdatasync`) that covers it. Callers
///   waiting at the same time share one sync (group commit, as
///   PostgreSQL's WAL writer does), so eight threads get several times
///   the throughput of one, and a power cut loses no operation that
///   returned `Ok`.
/// - **`Batched(n)`**: `Ok` as soon as the line is written (in the
///   operating system's cache, so it survives a crash of the process); the
///   log is synced every `n` operations, on [`Program::flush`] and when the
///   program is dropped. For bulk loading from one thread: many times the
///   throughput, but a power cut can lose up to `n - 1` operations that
///   returned `Ok`, and so can an i/o error (the undurable operations are
///   taken out again).
///
/// With either, an i/o error on a write or a sync stops the program: the
/// operations not yet durable are refused and taken out of memory and of
/// the log, and every later change gets [`Error::Poisoned`] until the
/// ledger is reopened. The sync is never retried (a failed `fsync` may
/// have dropped the data it was to write).
///
/// [`Program::flush`]: super::Program::flush
/// [`Error::Poisoned`]: super::Error::Poisoned
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// `Ok` after a sync that covers the operation. The default.
    #[default]
    EveryAppend,
    /// `Ok` after the write; a sync every `n` operations, on flush and on drop.
    Batched(NonZeroU32),
}

/// The end of a log that a crash cut in the middle of a write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TornLine {
    /// 1-based number of the torn line.
    pub line: usize,
    /// Bytes dropped from the end of the file.
    pub bytes: usize,
}

/// What opening a ledger found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// Operations replayed from the log.
    pub replayed: usize,
    /// Log lines already contained in the snapshot (left by a compaction
    /// that crashed before it replaced the log), skipped.
    pub already_in_snapshot: usize,
    /// A torn last line, skipped and cut off the file.
    pub torn: Option<TornLine>,
    /// Temporary files of interrupted saves and compactions, removed.
    pub removed_temp_files: usize,
}
