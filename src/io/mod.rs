//! Reading and writing libraries: JSON files ([`load_json`], [`save_json`])
//! and folders of CSV tables ([`csv`]: CRM exports as they come in,
//! [`csv::write_dir`] out).
//!
//! Every loader validates what it reads ([`Library::new`](crate::Library::new)),
//! so what comes back is a [`Library`](crate::Library) or an [`Error`] that
//! names the file and the place in it; a CSV import names every problem at
//! once ([`Error::problems`]). Saves are atomic: the new content is
//! written to a temporary file in the same directory, flushed, synced and
//! renamed over the target, so a failed save leaves the old file intact.

pub mod csv;
mod error;
mod json;

pub use error::{Error, ErrorKind};
pub(crate) use json::TEMP_SUFFIX;
pub(crate) use json::json_error;
pub use json::{from_json_slice, from_json_str, load_json, save_json, to_json_string, write_atomic};
