//! The append-only log, `ledger.jsonl`: a header line, then one operation
//! per line, each a JSON object carrying its own checksum.
//!
//! ```text
//! {"crc":2864434397,"head":{"format":2,"program":"9f3c…","generation":4,"after":120}}
//! {"crc":1203123412,"rec":{"seq":121,"op":{"type":"request","id":"eng-0253",…}}}
//! ```
//!
//! The header names the program, the generation (which compaction wrote
//! this log) and the sequence number the log continues from. Each record's
//! `crc` is the CRC-32C of the exact bytes of its `rec`, salted with the
//! program id and generation ([`super::frame`]), so an edited digit, a
//! line from another program or from an older generation fails. A line is
//! written with one `write_all`; only a last line without its line break
//! is what a crash leaves mid-write and may be cut. Every complete line
//! must pass its checksum and follow the previous sequence number, or the
//! log is corrupt, named by file and line.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::frame::{ProgramId, Salt, header_checksum};
use crate::ledger::durability::TornLine;
use crate::ledger::error::Error;
use crate::ledger::ops::Op;

/// File name of the log in a ledger directory.
pub(crate) const LOG: &str = "ledger.jsonl";

/// The version of the files' layout this crate writes and reads.
pub(crate) const FORMAT: u32 = 2;

/// The first line of a log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Header {
    pub(crate) format: u32,
    pub(crate) program: ProgramId,
    pub(crate) generation: u64,
    /// The sequence number of the last operation before this log's first.
    pub(crate) after: u64,
}

impl Header {
    pub(crate) fn salt(&self) -> Salt {
        Salt::new(self.program, self.generation)
    }
}

/// One operation of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LogRecord {
    pub(crate) seq: u64,
    pub(crate) op: Op,
}

/// A line as it stands in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line<'a> {
    crc: u32,
    #[serde(borrow, default)]
    head: Option<&'a RawValue>,
    #[serde(borrow, default)]
    rec: Option<&'a RawValue>,
}

fn line_of(crc: u32, field: &str, payload: &[u8]) -> Vec<u8> {
    let mut line = format!("{{\"crc\":{crc},\"{field}\":").into_bytes();
    line.extend_from_slice(payload);
    line.extend_from_slice(b"}\n");
    line
}

/// The header line of a log.
pub(crate) fn header_line(header: &Header) -> Vec<u8> {
    // Plain numbers and a hex string always serialize.
    let payload = serde_json::to_vec(header).expect("a log header serializes");
    line_of(header_checksum(&payload), "head", &payload)
}

/// The line of a record.
pub(crate) fn record_line(salt: Salt, record: &LogRecord) -> Vec<u8> {
    // Plain records of strings, numbers and dates always serialize.
    let payload = serde_json::to_vec(record).expect("a log record serializes");
    line_of(salt.checksum(&payload), "rec", &payload)
}

/// What [`read`] found in a log file.
#[derive(Debug)]
pub(crate) struct LogContents {
    pub(crate) header: Header,
    /// The records with their 1-based line numbers (the header is line 1),
    /// in order, sequence numbers checked to follow `header.after`.
    pub(crate) records: Vec<(usize, LogRecord)>,
    /// A last line cut by a crash mid-write.
    pub(crate) torn: Option<TornLine>,
    /// Bytes of the file up to the end of its last complete line.
    pub(crate) good_len: u64,
}

/// serde_json's message without its " at line L column C".
pub(crate) fn strip_place(err: &serde_json::Error) -> String {
    let message = err.to_string();
    message.split(" at line ").next().unwrap_or(&message).to_string()
}

/// Reads and checks the log at `path`; `None` when there is no file.
pub(crate) fn read(path: &Path) -> Result<Option<LogContents>, Error> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(Error::io(path, err)),
    };
    let corrupt = |line: usize, message: String| Error::Corrupt { path: path.to_path_buf(), line, message };
    let mut header: Option<Header> = None;
    let mut records = Vec::new();
    let mut start = 0usize;
    let mut line = 0usize;
    while start < bytes.len() {
        line += 1;
        let Some(end) = bytes[start..].iter().position(|&b| b == b'\n').map(|i| start + i) else {
            let Some(header) = header else {
                // The header is written whole, with the file, never appended.
                return Err(corrupt(line, "incomplete header line: expected a whole log header".into()));
            };
            // No line break: the write of this line never finished.
            let torn = TornLine { line, bytes: bytes.len() - start };
            return Ok(Some(LogContents { header, records, torn: Some(torn), good_len: start as u64 }));
        };
        let text = std::str::from_utf8(&bytes[start..end]).map_err(|err| {
            corrupt(line, format!("not utf-8 after {} bytes of the line", err.valid_up_to()))
        })?;
        let parsed: Line<'_> = serde_json::from_str(text)
            .map_err(|err| corrupt(line, format!("not a ledger line: {}", strip_place(&err))))?;
        match (&header, parsed.head, parsed.rec) {
            (None, Some(head), None) => {
                if header_checksum(head.get().as_bytes()) != parsed.crc {
                    return Err(corrupt(
                        line,
                        "checksum mismatch in the log header: the line was changed".into(),
                    ));
                }
                let found: Header = serde_json::from_str(head.get())
                    .map_err(|err| corrupt(line, format!("not a log header: {}", strip_place(&err))))?;
                if found.format != FORMAT {
                    let message =
                        format!("log format {} is not supported: expected format {FORMAT}", found.format);
                    return Err(corrupt(line, message));
                }
                header = Some(found);
            }
            (Some(head), None, Some(rec)) => {
                if head.salt().checksum(rec.get().as_bytes()) != parsed.crc {
                    let message = "checksum mismatch: the line was changed after it was written, or comes \
                                   from another program's log or an older generation of this one";
                    return Err(corrupt(line, message.into()));
                }
                let record: LogRecord = serde_json::from_str(rec.get())
                    .map_err(|err| corrupt(line, format!("not a ledger operation: {}", strip_place(&err))))?;
                let expected = records.last().map_or(head.after, |(_, r): &(usize, LogRecord)| r.seq) + 1;
                if record.seq != expected {
                    let message = format!("sequence number {} out of order: expected {expected}", record.seq);
                    return Err(corrupt(line, message));
                }
                records.push((line, record));
            }
            (None, _, _) => return Err(corrupt(line, "expected the log header on the first line".into())),
            (Some(_), _, _) => return Err(corrupt(line, "expected one operation record on the line".into())),
        }
        start = end + 1;
    }
    match header {
        None => Err(corrupt(1, "empty log: expected a header line".into())),
        Some(header) => Ok(Some(LogContents { header, records, torn: None, good_len: bytes.len() as u64 })),
    }
}

/// The open log, appending.
#[derive(Debug)]
pub(crate) struct Writer {
    pub(crate) path: PathBuf,
    pub(crate) file: Arc<File>,
    salt: Salt,
    /// Bytes of the file: the end of the last line appended.
    pub(crate) len: u64,
}

impl Writer {
    /// Opens the log at `path` for appending, cutting it to `len` bytes
    /// (the end of its last complete line) and syncing the cut.
    pub(crate) fn open(path: &Path, len: u64, salt: Salt) -> Result<Writer, Error> {
        let fail = |err| Error::io(path, err);
        let file = OpenOptions::new().append(true).open(path).map_err(fail)?;
        if file.metadata().map_err(fail)?.len() != len {
            file.set_len(len).map_err(fail)?;
            file.sync_all().map_err(fail)?;
        }
        Ok(Writer { path: path.to_path_buf(), file: Arc::new(file), salt, len })
    }

    /// Appends one record as a line, not yet synced. On failure the file
    /// is cut back to where the line started (as far as the disk lets).
    pub(crate) fn append(&mut self, record: &LogRecord) -> std::io::Result<u64> {
        let line = record_line(self.salt, record);
        if let Err(err) =
            super::faults::hit(super::faults::Point::Write).and_then(|()| (&*self.file).write_all(&line))
        {
            let _ = self.file.set_len(self.len);
            return Err(err);
        }
        self.len += line.len() as u64;
        Ok(self.len)
    }
}
