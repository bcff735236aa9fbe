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
pub(super) fn json_error(path: Option<PathBuf>, err: &serde_json::Error) -> Error {
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
/// Writes a new temporary file beside the target (same directory, so the
/// rename cannot cross file systems), created exclusively under a random
/// name by [`tempfile`] (so nothing planted at a predictable name can be
/// written through), flushes and syncs it, renames it over the target, then
/// syncs the directory so the rename itself survives a crash. Readers see
/// either the old content or the new, never a mix.
///
/// - **Permissions.** A file that exists keeps its permissions (a 0600 file
///   stays 0600); a new file gets the usual `0666` less the umask, as
///   [`std::fs::File::create`] would give it.
/// - **Symlinks.** When `path` is a symbolic link, the file it points to is
///   replaced (in that file's directory) and the link stays a link, as an
///   editor saving through a link would do. A link that points nowhere is
///   an error.
///
/// # Errors
///
/// [`ErrorKind::Io`] naming the file when any step fails; the temporary
/// file is removed and the target keeps its old content.
pub fn write_atomic(path: impl AsRef<Path>, bytes: &[u8]) -> Result<(), Error> {
    let path = path.as_ref();
    let fail = |err: std::io::Error| Error::new(Some(path.to_path_buf()), ErrorKind::Io(err));
    let target = resolve_link(path).map_err(fail)?;
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .ok_or_else(|| fail(std::io::Error::new(std::io::ErrorKind::InvalidInput, "path names no file")))?;
    let existing = match fs::metadata(&target) {
        Ok(meta) => Some(meta.permissions()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(fail(err)),
    };
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(&dir).map_err(fail)?;
    // On any error below, dropping `temp` removes the temporary file.
    if let Some(permissions) = existing {
        fs::set_permissions(temp.path(), permissions).map_err(fail)?;
    }
    temp.write_all(bytes).map_err(fail)?;
    temp.flush().map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(&target).map_err(|err| fail(err.error))?;
    // Persist the rename; not every platform can open a directory for sync.
    if let Ok(dir) = File::open(&dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// The suffix of [`write_atomic`]'s temporary files, which are named
/// `.<file name>.<random>.tmp`.
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// The file a symlink at `path` finally points to, or `path` itself.
fn resolve_link(path: &Path) -> std::io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).map_err(|err| {
            std::io::Error::new(err.kind(), format!("the symbolic link points to no file ({err})"))
        }),
        _ => Ok(path.to_path_buf()),
    }
}
