//! The error type of [`crate::io`].

use std::fmt;
use std::path::PathBuf;

use crate::model::ValidationError;

/// A file could not be read, parsed, validated or written.
///
/// The message names the file (when there is one) and the place in it.
/// Inspect the cause with [`Error::kind`].
#[derive(Debug)]
pub struct Error {
    path: Option<PathBuf>,
    kind: Box<ErrorKind>,
}

/// What went wrong, with its place.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The operating system refused to read or write.
    Io(std::io::Error),
    /// The JSON is malformed or does not have the library's shape.
    Json {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What the parser expected, lowercase.
        message: String,
    },
    /// A CSV cell or row is wrong.
    Csv {
        /// 1-based row number as a spreadsheet shows it (the header is row 1).
        row: u64,
        /// Column name from the header, when the problem is in one cell.
        column: Option<String>,
        /// What is wrong and what was expected, lowercase.
        message: String,
    },
    /// The content parsed but breaks the model's rules.
    Invalid(ValidationError),
}

impl Error {
    pub(crate) fn new(path: Option<PathBuf>, kind: ErrorKind) -> Error {
        Error { path, kind: Box::new(kind) }
    }

    /// The file the error is about, when there is one.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "<input>".into());
        match &*self.kind {
            ErrorKind::Io(err) => write!(f, "{file}: {err}"),
            ErrorKind::Json { line, column, message } => {
                write!(f, "{file}:{line}:{column}: {message}")
            }
            ErrorKind::Csv { row, column: Some(column), message } => {
                write!(f, "{file}: row {row}, column {column:?}: {message}")
            }
            ErrorKind::Csv { row, column: None, message } => write!(f, "{file}: row {row}: {message}"),
            ErrorKind::Invalid(err) => write!(f, "{file}: {err}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.kind {
            ErrorKind::Io(err) => Some(err),
            ErrorKind::Invalid(err) => Some(err),
            ErrorKind::Json { .. } | ErrorKind::Csv { .. } => None,
        }
    }
}
