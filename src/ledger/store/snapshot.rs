//! The snapshot, `snapshot.json`: the whole [`ProgramState`] as of a
//! sequence number, with the program id, the generation and a CRC-32C of
//! the state's exact bytes, salted like the log's lines ([`super::frame`]).
//! An edited snapshot (a changed record, a raised sequence number) fails
//! its checksum on open.
//!
//! ```text
//! {
//!   "format": 2,
//!   "program": "9f3c…",
//!   "generation": 4,
//!   "crc": 3735928559,
//!   "state": { "seq": 120, … }
//! }
//! ```

use serde::Deserialize;
use serde_json::value::RawValue;
use std::path::Path;

use super::frame::{ProgramId, Salt};
use super::log::{FORMAT, strip_place};
use crate::io;
use crate::ledger::error::Error;
use crate::ledger::state::ProgramState;

/// File name of the snapshot in a ledger directory.
pub(crate) const SNAPSHOT: &str = "snapshot.json";

/// A snapshot as read.
#[derive(Debug)]
pub(crate) struct Snapshot {
    pub(crate) program: ProgramId,
    pub(crate) generation: u64,
    pub(crate) state: ProgramState,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File<'a> {
    format: u32,
    program: ProgramId,
    generation: u64,
    crc: u32,
    #[serde(borrow)]
    state: &'a RawValue,
}

/// Writes the snapshot atomically ([`io::write_atomic`]).
pub(crate) fn write(
    path: &Path,
    program: ProgramId,
    generation: u64,
    state: &ProgramState,
) -> Result<(), Error> {
    // Plain records of strings, numbers and dates always serialize.
    let payload = serde_json::to_string_pretty(state).expect("a program state serializes to JSON");
    let crc = Salt::new(program, generation).checksum(payload.as_bytes());
    let text = format!(
        "{{\n\"format\": {FORMAT},\n\"program\": \"{program}\",\n\"generation\": {generation},\n\"crc\": {crc},\n\"state\": {payload}\n}}\n"
    );
    io::write_atomic(path, text.as_bytes()).map_err(|err| {
        let source = match err.kind() {
            io::ErrorKind::Io(cause) => std::io::Error::new(cause.kind(), cause.to_string()),
            _ => std::io::Error::other(err.to_string()),
        };
        Error::io(path, source)
    })
}

/// Reads and checks the snapshot at `path`; `None` when there is no file.
pub(crate) fn read(path: &Path) -> Result<Option<Snapshot>, Error> {
    let text = match std::fs::read(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(Error::io(path, err)),
    };
    let corrupt = |line: usize, message: String| Error::Corrupt { path: path.to_path_buf(), line, message };
    let text = std::str::from_utf8(&text)
        .map_err(|err| corrupt(1, format!("not utf-8 after {} bytes", err.valid_up_to())))?;
    let file: File<'_> = serde_json::from_str(text)
        .map_err(|err| corrupt(err.line(), format!("not a ledger snapshot: {}", strip_place(&err))))?;
    if file.format != FORMAT {
        return Err(corrupt(
            1,
            format!("snapshot format {} is not supported: expected format {FORMAT}", file.format),
        ));
    }
    if Salt::new(file.program, file.generation).checksum(file.state.get().as_bytes()) != file.crc {
        let message = "checksum mismatch: the snapshot was changed after it was written".to_string();
        return Err(corrupt(1, message));
    }
    let state: ProgramState = serde_json::from_str(file.state.get())
        .map_err(|err| corrupt(1, format!("not a ledger state: {}", strip_place(&err))))?;
    Ok(Some(Snapshot { program: file.program, generation: file.generation, state }))
}
