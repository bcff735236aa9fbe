//! Judgment sets as JSON: the shape of [`JudgmentsData`], read with
//! [`Judgments::from_json_str`] and [`Judgments::load_json`], written with
//! [`Judgments::to_json_string`].

use std::path::{Path, PathBuf};

use super::error::JudgmentsError;
use super::judgments::{Judgments, JudgmentsData};
use super::validate::Origin;
use crate::io::{Error, ErrorKind, json_error};
use crate::model::Library;

impl Judgments {
    /// Parses judgments from JSON text (the shape of [`JudgmentsData`],
    /// described in [`crate::eval`]) and checks them against `library`.
    ///
    /// # Errors
    ///
    /// [`JudgmentsError::Read`] with line and column when the text is not
    /// JSON of that shape (unknown fields are refused);
    /// [`JudgmentsError::Invalid`] with every problem, as
    /// [`Judgments::new`].
    pub fn from_json_str(text: &str, library: &Library) -> Result<Judgments, JudgmentsError> {
        parse(None, text.as_bytes(), library)
    }

    /// Reads a JSON judgments file and checks it against `library`.
    ///
    /// # Errors
    ///
    /// [`JudgmentsError::Read`] naming the file when it cannot be read,
    /// otherwise as [`Judgments::from_json_str`]; every error names the
    /// file.
    pub fn load_json(path: impl AsRef<Path>, library: &Library) -> Result<Judgments, JudgmentsError> {
        let path = path.as_ref();
        let bytes =
            std::fs::read(path).map_err(|err| Error::new(Some(path.to_path_buf()), ErrorKind::Io(err)))?;
        parse(Some(path.to_path_buf()), &bytes, library)
    }

    /// Reads a judgments file, as CSV when its name ends in `.csv` (any
    /// case), as JSON otherwise.
    ///
    /// # Errors
    ///
    /// As [`Judgments::load_csv`] or [`Judgments::load_json`].
    pub fn load(path: impl AsRef<Path>, library: &Library) -> Result<Judgments, JudgmentsError> {
        let path = path.as_ref();
        match path.extension().and_then(|ext| ext.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("csv") => Judgments::load_csv(path, library),
            _ => Judgments::load_json(path, library),
        }
    }

    /// The judgments as pretty-printed JSON, the format
    /// [`Judgments::from_json_str`] reads.
    pub fn to_json_string(&self) -> String {
        // Plain structs of strings, numbers and dates always serialize.
        serde_json::to_string_pretty(self.data()).expect("judgments serialize to JSON")
    }
}

fn parse(path: Option<PathBuf>, bytes: &[u8], library: &Library) -> Result<Judgments, JudgmentsError> {
    let data: JudgmentsData = serde_json::from_slice(bytes).map_err(|err| json_error(path.clone(), &err))?;
    let origin = path.map_or(Origin::Json, Origin::JsonFile);
    Judgments::checked(data, library, &origin, Vec::new())
}
