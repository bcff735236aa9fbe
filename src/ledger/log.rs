//! The append-only JSON Lines log: one operation per line with its
//! sequence number, how it is synced ([`Durability`]), and how it is read
//! back on open ([`OpenReport`]).
//!
//! A line is written with one `write_all` of the JSON and its line break.
//! On open, every complete line replays in order. A last line without its
//! line break, or a last line that does not parse, is what a crash in the
//! middle of a write leaves: it is reported, skipped and cut off the file,
//! and every line before it is kept. Anything else that does not parse,
//! or a sequence number out of order, is an [`Error::Corrupt`] naming the
//! file and the line: a ledger never skips a committed line silently.

use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};

use super::error::Error;
use super::state::Op;

/// When appended lines reach the disk.
///
/// `EveryAppend` calls `File::sync_data` after each line: an operation
/// that returned `Ok` survives a power cut, at the price of one disk flush
/// per operation (milliseconds on many disks; see `benches/ledger.rs`).
/// `Batched(n)` syncs every `n` lines and on [`Program::flush`](super::Program::flush)
/// and drop: many times the throughput, but a power cut (not a process
/// crash: the lines are then in the OS's cache) can lose up to `n - 1`
/// operations that returned `Ok`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Sync after every append. The default.
    EveryAppend,
    /// Sync after every `n` appends, on flush and on drop.
    Batched(NonZeroU32),
}

/// A line of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct LogRecord {
    pub(crate) seq: u64,
    #[serde(flatten)]
    pub(crate) op: Op,
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
    /// that crashed before emptying the log), skipped.
    pub already_in_snapshot: usize,
    /// A torn last line, skipped and cut off the file.
    pub torn: Option<TornLine>,
}

/// What [`read_log`] found: the complete records with their line numbers,
/// the torn tail if any, and the length of the good part of the file.
pub(crate) type LogContents = (Vec<(usize, LogRecord)>, Option<TornLine>, u64);

/// Reads the log at `path`; a missing file is an empty log.
pub(crate) fn read_log(path: &Path) -> Result<LogContents, Error> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(err) => return Err(Error::io(path, err)),
    };
    let mut records = Vec::new();
    let mut start = 0usize;
    let mut line = 0usize;
    while start < bytes.len() {
        line += 1;
        let Some(end) = bytes[start..].iter().position(|&b| b == b'\n').map(|i| start + i) else {
            // No line break: the write of this line never finished.
            let torn = TornLine { line, bytes: bytes.len() - start };
            return Ok((records, Some(torn), start as u64));
        };
        match serde_json::from_slice::<LogRecord>(&bytes[start..end]) {
            Ok(record) => records.push((line, record)),
            Err(_) if end + 1 == bytes.len() => {
                let torn = TornLine { line, bytes: bytes.len() - start };
                return Ok((records, Some(torn), start as u64));
            }
            Err(err) => {
                let message = format!("not a ledger operation: {}", strip_place(&err));
                return Err(Error::Corrupt { path: path.to_path_buf(), line, message });
            }
        }
        start = end + 1;
    }
    Ok((records, None, bytes.len() as u64))
}

/// serde_json's message without its " at line L column C".
pub(crate) fn strip_place(err: &serde_json::Error) -> String {
    let message = err.to_string();
    message.split(" at line ").next().unwrap_or(&message).to_string()
}

/// The open log, appending.
#[derive(Debug)]
pub(crate) struct LogWriter {
    path: PathBuf,
    file: File,
    len: u64,
    unsynced: u32,
    durability: Durability,
}

impl LogWriter {
    /// Opens the log at `path` for appending, cutting it to `len` bytes
    /// (the end of its last good line).
    pub(crate) fn open(path: &Path, len: u64, durability: Durability) -> Result<LogWriter, Error> {
        let fail = |err| Error::io(path, err);
        let file = OpenOptions::new().create(true).append(true).open(path).map_err(fail)?;
        if file.metadata().map_err(fail)?.len() != len {
            file.set_len(len).map_err(fail)?;
            file.sync_all().map_err(fail)?;
        }
        Ok(LogWriter { path: path.to_path_buf(), file, len, unsynced: 0, durability })
    }

    /// Appends one record as a line and syncs as the durability says. On
    /// failure the file is cut back to its previous length.
    pub(crate) fn append(&mut self, record: &LogRecord) -> Result<(), Error> {
        // Serializing plain records of strings, numbers and dates cannot fail.
        let mut line = serde_json::to_vec(record).expect("a log record serializes to JSON");
        line.push(b'\n');
        if let Err(err) = self.file.write_all(&line) {
            let _ = self.file.set_len(self.len);
            return Err(Error::io(&self.path, err));
        }
        self.len += line.len() as u64;
        self.unsynced += 1;
        let due = match self.durability {
            Durability::EveryAppend => true,
            Durability::Batched(n) => self.unsynced >= n.get(),
        };
        if due { self.flush() } else { Ok(()) }
    }

    pub(crate) fn durability(&self) -> Durability {
        self.durability
    }

    /// Syncs appended lines to the disk.
    pub(crate) fn flush(&mut self) -> Result<(), Error> {
        if self.unsynced > 0 {
            self.file.sync_data().map_err(|err| Error::io(&self.path, err))?;
            self.unsynced = 0;
        }
        Ok(())
    }
}

impl Drop for LogWriter {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}
