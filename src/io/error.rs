//! The error type of [`crate::io`].

use std::fmt;
use std::path::PathBuf;

use crate::model::{Problem, ValidationError};

/// A file could not be read, parsed, validated or written.
///
/// The message names the file (when there is one) and the place in it.
/// Inspect the cause with [`Error::kind`]. A CSV import reports every
/// problem it finds at once: [`Error::problems`] lists them, each an
/// `Error` naming its own file.
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
    /// An imported record breaks one of the model's rules; the error's file
    /// is the one the record came from.
    Rule {
        /// 1-based row of the record (the header is row 1), when the
        /// problem belongs to a row.
        row: Option<u64>,
        /// The column as the file's header names it, when the problem is
        /// in one cell.
        column: Option<String>,
        /// The rule broken; its place is the record's place in the
        /// library, such as `advocates[3].account`.
        problem: Problem,
    },
    /// An option of an import is invalid, e.g. an industry alias to a code
    /// that does not exist.
    Setting {
        /// The option, e.g. `industry_alias("Fintech", "5999")`.
        setting: String,
        /// What is wrong and what was expected, lowercase.
        message: String,
    },
    /// Several problems, in the order of the files and rows they are in.
    Many {
        /// Every problem found, each with its own file; never fewer than two.
        problems: Vec<Error>,
        /// Whether the import stopped at its cap
        /// ([`MAX_PROBLEMS`](super::csv::MAX_PROBLEMS)) with more to find.
        truncated: bool,
    },
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

    /// Every problem this error stands for: the list of an
    /// [`ErrorKind::Many`], else this error alone.
    pub fn problems(&self) -> &[Error] {
        match &*self.kind {
            ErrorKind::Many { problems, .. } => problems,
            _ => std::slice::from_ref(self),
        }
    }

    /// One error for a list of problems: the problem itself when there is
    /// one, else an [`ErrorKind::Many`] about `path`. `None` when empty.
    pub(crate) fn collect(path: Option<PathBuf>, mut problems: Vec<Error>, truncated: bool) -> Option<Error> {
        match problems.len() {
            0 => None,
            1 if !truncated => problems.pop(),
            _ => Some(Error::new(path, ErrorKind::Many { problems, truncated })),
        }
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
            ErrorKind::Rule { row: Some(row), column: Some(column), problem } => {
                write!(f, "{file}: row {row}, column {column:?}: {}", problem.message)
            }
            ErrorKind::Rule { row: Some(row), column: None, problem } => {
                write!(f, "{file}: row {row}: {}", problem.message)
            }
            ErrorKind::Rule { row: None, problem, .. } => write!(f, "{file}: {problem}"),
            ErrorKind::Setting { setting, message } => write!(f, "{file}: {setting}: {message}"),
            ErrorKind::Many { problems, truncated } => {
                write!(f, "{file}: {} problems", problems.len())?;
                if *truncated {
                    write!(f, " (the import stopped there; fix these and run it again for the rest)")?;
                }
                for problem in problems {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.kind {
            ErrorKind::Io(err) => Some(err),
            ErrorKind::Invalid(err) => Some(err),
            ErrorKind::Many { problems, .. } => {
                problems.first().map(|e| e as &(dyn std::error::Error + 'static))
            }
            ErrorKind::Json { .. }
            | ErrorKind::Csv { .. }
            | ErrorKind::Rule { .. }
            | ErrorKind::Setting { .. } => None,
        }
    }
}
