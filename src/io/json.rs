//! JSON load and atomic save of a whole library.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::{Error, ErrorKind};
use crate::model::{Library, LibraryData};

/// Parses and validates a library from JSON text.
///
/// # Errors
///
/// [`ErrorKind::Json`] with line and column when the text is not JSON of
/// the library's shape (unknown fields are refused rather than dropped, so
/// nothing is lost on the next save); [`ErrorKind::Invalid`] when it breaks
/// the model's rules.
pub fn from_json_str(text: &str) -> Result<Library, Error> {
    parse(None, text.as_bytes())
}

/// Like [`from_json_str`], for bytes; invalid UTF-8 is an error with its
/// place, not a panic.
///
/// # Errors
///
/// As [`from_json_str`].
pub fn from_json_slice(bytes: &[u8]) -> Result<Library, Error> {
    parse(None, bytes)
}

/// Reads, parses and validates a library JSON file.
///
/// # Errors
///
/// [`ErrorKind::Io`] when the file cannot be read, otherwise as
/// [`from_json_str`]; every error names the file.
pub fn load_json(path: impl AsRef<Path>) -> Result<Library, Error> {
    let path = path.as_ref();
    let bytes = fs::read(path).map_err(|err| Error::new(Some(path.to_path_buf()), ErrorKind::Io(err)))?;
    parse(Some(path.to_path_buf()), &bytes)
}

fn parse(path: Option<PathBuf>, bytes: &[u8]) -> Result<Library, Error> {
    let data: LibraryData = serde_json::from_slice(bytes).map_err(|err| json_error(path.clone(), &err))?;
    Library::new(data).map_err(|err| Error::new(path, ErrorKind::Invalid(err)))
}

/// An [`ErrorKind::Json`] error from a serde_json error, with its place.
pub(crate) fn json_error(path: Option<PathBuf>, err: &serde_json::Error) -> Error {
    let message = err.to_string();
    // serde_json appends " at line L column C"; the error states it apart.
    let message = message.split(" at line ").next().unwrap_or(&message).to_string();
    // serde_json reports column 0 for an end of input right after a line
    // break (or an empty input); the column is 1-based, so that is column 1.
    Error::new(path, ErrorKind::Json { line: err.line(), column: err.column().max(1), message })
}

/// The library as pretty-printed JSON, the format [`load_json`] reads.
pub fn to_json_string(library: &Library) -> String {
    // Serializing plain structs of strings, numbers and dates cannot fail.
    serde_json::to_string_pretty(library.data()).expect("a library serializes to JSON")
}

/// Saves the library as JSON, atomically (see [`write_atomic`]).
///
/// # Errors
///
/// [`ErrorKind::Io`] naming the file when any step fails; the previous
/// content of `path`, if any, is then unchanged.
pub fn save_json(library: &Library, path: impl AsRef<Path>) -> Result<(), Error> {
    let mut text = to_json_string(library);
    text.push('\n');
    write_atomic(path, text.as_bytes())
}

/// Replaces the content of `path` with `bytes`, all or nothing.
///
/// Writes a temporary file beside `path` (same directory, so the rename
/// cannot cross file systems), flushes and syncs it, renames it over
/// `path`, then syncs the directory so the rename itself survives a crash.
/// Readers see either the old content or the new, never a mix.
///
/// # Errors
///
/// [`ErrorKind::Io`] naming the file when any step fails; the temporary
/// file is removed and `path` keeps its old content.
pub fn write_atomic(path: impl AsRef<Path>, bytes: &[u8]) -> Result<(), Error> {
    let path = path.as_ref();
    let fail = |err: std::io::Error| Error::new(Some(path.to_path_buf()), ErrorKind::Io(err));
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| fail(std::io::Error::new(std::io::ErrorKind::InvalidInput, "path names no file")))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    // Process id and a counter keep concurrent saves from sharing a file.
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    temp_name.push(format!(".{}.{n}.tmp", std::process::id()));
    let temp = dir.join(temp_name);
    let written = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)
    })();
    if let Err(err) = written {
        let _ = fs::remove_file(&temp);
        return Err(fail(err));
    }
    // Persist the rename; not every platform can open a directory for sync.
    if let Ok(dir) = File::open(&dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}
