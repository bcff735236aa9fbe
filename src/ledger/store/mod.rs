//! The ledger's directory: `snapshot.json` (the state as of a sequence
//! number), `ledger.jsonl` (the operations since), `ledger.lock` (held by
//! the one program that has the directory open), and nothing else that
//! outlives an interrupted save.
//!
//! - [`frame`]: the program id and the salted CRC-32C every record and
//!   the snapshot carry.
//! - [`log`]: the log's lines, how they are read back and appended.
//! - [`snapshot`]: the snapshot's envelope.
//! - [`sync`]: group commit, and the first i/o error that stops writing.
//! - [`lock`]: the directory lock.
//!
//! A **generation** counts compactions. Compaction writes a snapshot of
//! generation `g + 1`, then replaces the log with an empty one of
//! generation `g + 1` (each step atomic). A crash between the two leaves a
//! log of generation `g` whose operations the snapshot already holds:
//! opening skips them and replaces that log. Any other pairing of snapshot
//! and log (another program's, a generation skipped, a sequence number
//! that does not continue) is corruption.
//!
//! Operations are replayed and checked by [`crate::ledger::Program`];
//! this module only vouches that the bytes are the ones written.

pub(crate) mod faults;
pub(crate) mod frame;
mod lock;
pub(crate) mod log;
pub(crate) mod snapshot;
pub(crate) mod sync;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use self::frame::ProgramId;
use self::lock::DirLock;
use self::log::{Header, LOG, LogRecord, Writer, header_line};
use self::snapshot::SNAPSHOT;
use self::sync::{Mark, Syncer};
use super::durability::OpenReport;
use super::error::Error;
use super::state::ProgramState;
use crate::io::write_atomic;

/// An open ledger directory, locked, with its log open for appending.
#[derive(Debug)]
pub(crate) struct Store {
    _lock: DirLock,
    dir: PathBuf,
    program: ProgramId,
    generation: u64,
    pub(crate) writer: Writer,
    pub(crate) syncer: Arc<Syncer>,
}

/// What must happen to the log before appending.
#[derive(Debug)]
enum Fix {
    /// Cut it to this length (a torn last line), if it is longer.
    Cut(u64),
    /// Replace it with an empty log of the snapshot's generation.
    Replace,
}

/// A ledger directory read and checked, locked, waiting for its
/// operations to replay before the log is opened for appending.
#[derive(Debug)]
pub(crate) struct Opened {
    lock: DirLock,
    dir: PathBuf,
    program: ProgramId,
    generation: u64,
    fix: Fix,
}

/// What [`Store::open`] read: the directory, the snapshot's state, the
/// operations after it with their line numbers, and the report so far.
pub(crate) type Read = (Opened, ProgramState, Vec<(usize, LogRecord)>, OpenReport);

fn io_error(path: &Path, err: crate::io::Error) -> Error {
    let source = match err.kind() {
        crate::io::ErrorKind::Io(cause) => std::io::Error::new(cause.kind(), cause.to_string()),
        _ => std::io::Error::other(err.to_string()),
    };
    Error::io(path, source)
}

/// Replaces the log at `path` with an empty one of `header`; its length.
fn write_empty_log(path: &Path, header: &Header) -> Result<u64, Error> {
    let line = header_line(header);
    write_atomic(path, &line).map_err(|err| io_error(path, err))?;
    Ok(line.len() as u64)
}

/// Removes the temporary files that interrupted saves of the snapshot and
/// the log leave (`.snapshot.json.<random>.tmp`); how many.
fn remove_temp_files(dir: &Path) -> Result<usize, Error> {
    let entries = std::fs::read_dir(dir).map_err(|err| Error::io(dir, err))?;
    let mut removed = 0;
    for entry in entries {
        let entry = entry.map_err(|err| Error::io(dir, err))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let ours = [SNAPSHOT, LOG].iter().any(|file| name.starts_with(&format!(".{file}.")));
        if ours && name.ends_with(crate::io::TEMP_SUFFIX) {
            std::fs::remove_file(entry.path()).map_err(|err| Error::io(entry.path(), err))?;
            removed += 1;
        }
    }
    Ok(removed)
}

impl Store {
    /// Creates a ledger for `state` in `dir` (created when missing).
    pub(crate) fn create(dir: &Path, state: &ProgramState) -> Result<Store, Error> {
        std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
        let lock = DirLock::acquire(dir)?;
        for name in [SNAPSHOT, LOG] {
            let path = dir.join(name);
            if std::fs::symlink_metadata(&path).is_ok() {
                return Err(Error::Exists { path });
            }
        }
        let program = ProgramId::random().map_err(|err| Error::io(dir, err))?;
        let generation = 1;
        // Snapshot first: a crash before the log exists leaves a fresh
        // snapshot whose log `open` creates.
        snapshot::write(&dir.join(SNAPSHOT), program, generation, state)?;
        let header = Header { format: log::FORMAT, program, generation, after: state.seq };
        let log = dir.join(LOG);
        let len = write_empty_log(&log, &header)?;
        let writer = Writer::open(&log, len, header.salt())?;
        let syncer = Arc::new(Syncer::new(&log, Arc::clone(&writer.file), Mark { seq: state.seq, len }));
        Ok(Store { _lock: lock, dir: dir.to_path_buf(), program, generation, writer, syncer })
    }

    /// Locks `dir`, removes leftover temporary files, and reads and checks
    /// its snapshot and log.
    pub(crate) fn open(dir: &Path) -> Result<Read, Error> {
        let lock = DirLock::acquire(dir)?;
        let removed_temp_files = remove_temp_files(dir)?;
        let snapshot_path = dir.join(SNAPSHOT);
        let Some(snapshot) = snapshot::read(&snapshot_path)? else {
            let err =
                std::io::Error::new(std::io::ErrorKind::NotFound, "no snapshot: expected a ledger here");
            return Err(Error::io(snapshot_path, err));
        };
        let log_path = dir.join(LOG);
        let corrupt = |line: usize, message: String| Error::Corrupt { path: log_path.clone(), line, message };
        let (seq, generation) = (snapshot.state.seq, snapshot.generation);
        let mut report = OpenReport { removed_temp_files, ..OpenReport::default() };
        let (fix, records) = match log::read(&log_path)? {
            // Created, then crashed before the log was written.
            None if generation == 1 && seq == 0 => (Fix::Replace, Vec::new()),
            None => {
                let message = format!(
                    "the log is missing: expected the log of generation {generation} after operation {seq}"
                );
                return Err(corrupt(0, message));
            }
            Some(log) => {
                let header = log.header;
                if header.program != snapshot.program {
                    let message = format!(
                        "the log belongs to program {}, the snapshot to program {}",
                        header.program, snapshot.program
                    );
                    return Err(corrupt(1, message));
                }
                let last = log.records.last().map_or(header.after, |(_, r)| r.seq);
                if header.generation == generation {
                    if header.after != seq {
                        let message = format!(
                            "the log continues from operation {}, but the snapshot holds operations up to {seq}",
                            header.after
                        );
                        return Err(corrupt(1, message));
                    }
                    report.torn = log.torn;
                    (Fix::Cut(log.good_len), log.records)
                } else if header.generation + 1 == generation && last == seq && log.torn.is_none() {
                    // A compaction crashed before it replaced the log.
                    report.already_in_snapshot = log.records.len();
                    (Fix::Replace, Vec::new())
                } else {
                    let message = format!(
                        "the log is of generation {} and ends at operation {last}, the snapshot of generation \
                         {generation} at operation {seq}: they are not one ledger's",
                        header.generation
                    );
                    return Err(corrupt(1, message));
                }
            }
        };
        let opened = Opened { lock, dir: dir.to_path_buf(), program: snapshot.program, generation, fix };
        Ok((opened, snapshot.state, records, report))
    }

    /// Writes a snapshot of `state` as the next generation and replaces
    /// the log with an empty one. Every appended line must be durable.
    pub(crate) fn compact(&mut self, state: &ProgramState) -> Result<(), Error> {
        let generation = self.generation + 1;
        snapshot::write(&self.dir.join(SNAPSHOT), self.program, generation, state)?;
        let header = Header { format: log::FORMAT, program: self.program, generation, after: state.seq };
        let path = self.writer.path.clone();
        let len = write_empty_log(&path, &header)?;
        self.generation = generation;
        self.writer = Writer::open(&path, len, header.salt())?;
        self.syncer.replace(Arc::clone(&self.writer.file), Mark { seq: state.seq, len });
        Ok(())
    }
}

impl Opened {
    /// Readies the log for appending after the replay reached `seq`: cuts
    /// a torn tail or replaces a log the snapshot already holds.
    pub(crate) fn finish(self, seq: u64) -> Result<Store, Error> {
        let path = self.dir.join(LOG);
        let header =
            Header { format: log::FORMAT, program: self.program, generation: self.generation, after: seq };
        let len = match self.fix {
            Fix::Cut(len) => len,
            Fix::Replace => write_empty_log(&path, &header)?,
        };
        let writer = Writer::open(&path, len, header.salt())?;
        let syncer = Arc::new(Syncer::new(&path, Arc::clone(&writer.file), Mark { seq, len }));
        Ok(Store {
            _lock: self.lock,
            dir: self.dir,
            program: self.program,
            generation: self.generation,
            writer,
            syncer,
        })
    }
}
