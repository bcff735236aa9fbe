//! The errors of [`crate::eval`]: [`JudgmentsError`] for a judgment set
//! that cannot be read or checked, with every [`Problem`] and its place,
//! and [`EvalError`] for an evaluation that cannot run.

use std::fmt;
use std::path::PathBuf;

use crate::rank::QueryError;

/// What kind of rule a [`Problem`] of a judgment set breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A judged id names no advocate (or story) of the library.
    UnknownId,
    /// A grade is not a whole number from 0 to 3.
    GradeOutOfRange,
    /// A query has no judgments, or none of grade 1 or more, so no ranking
    /// can score on it; or the set has no query at all.
    NoJudgments,
    /// Two queries share an id, or a query judges one id twice.
    Duplicate,
    /// An id is empty or blank.
    EmptyId,
    /// The prospect or request names a product, account, industry or
    /// country that does not exist.
    UnknownReference,
    /// A value lies outside its range ([`crate::model::limits`]).
    OutOfRange,
    /// A value is missing, unreadable or contradicts another: a CSV cell
    /// that does not parse, a query ranking advocates without an engagement
    /// kind, two rows of one query that disagree.
    Malformed,
}

/// One broken rule of a judgment set, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: `queries[3].judgments[5].grade` in JSON, `row 7, column
    /// "grade"` in CSV (the header is row 1).
    pub place: String,
    /// The query's id as written (may be empty when the id is the problem).
    pub query: String,
    /// The judged advocate or story id, when the problem is about one
    /// judgment.
    pub id: Option<String>,
    /// The rule broken.
    pub kind: ProblemKind,
    /// What is wrong and what was expected, lowercase.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: query {:?}", self.place, self.query)?;
        if let Some(id) = &self.id {
            write!(f, ", id {id:?}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A judgment set that could not be read or checked.
#[derive(Debug)]
#[non_exhaustive]
pub enum JudgmentsError {
    /// The file could not be read, is not JSON of the judgments' shape
    /// (with line and column), or is not a CSV table of its columns (with
    /// row and column).
    Read(crate::io::Error),
    /// The judgments break the rules: every problem, those found while
    /// reading the file first, then those of the checks, each in file
    /// order.
    Invalid {
        /// The file, when there is one.
        path: Option<PathBuf>,
        /// The problems; never empty.
        problems: Vec<Problem>,
    },
}

impl JudgmentsError {
    /// The problems of an [`JudgmentsError::Invalid`] set; empty for a
    /// read error.
    pub fn problems(&self) -> &[Problem] {
        match self {
            JudgmentsError::Invalid { problems, .. } => problems,
            JudgmentsError::Read(_) => &[],
        }
    }
}

impl fmt::Display for JudgmentsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JudgmentsError::Read(err) => write!(f, "{err}"),
            JudgmentsError::Invalid { path, problems } => {
                let file = path.as_ref().map_or_else(|| "<input>".to_string(), |p| p.display().to_string());
                match problems.as_slice() {
                    [one] => write!(f, "{file}: invalid judgments: {one}"),
                    many => {
                        write!(f, "{file}: invalid judgments: {} problems", many.len())?;
                        for problem in many {
                            write!(f, "\n  {problem}")?;
                        }
                        Ok(())
                    }
                }
            }
        }
    }
}

impl std::error::Error for JudgmentsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            JudgmentsError::Read(err) => Some(err),
            JudgmentsError::Invalid { .. } => None,
        }
    }
}

impl From<crate::io::Error> for JudgmentsError {
    fn from(err: crate::io::Error) -> JudgmentsError {
        JudgmentsError::Read(err)
    }
}

/// An evaluation, comparison or tuning that cannot run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// An option or parameter lies outside its range.
    #[error("{field}: {message}")]
    Options {
        /// The option, e.g. `options.k` or `tune.folds`.
        field: &'static str,
        /// What is wrong and what was expected.
        message: String,
    },
    /// A configuration's policy breaks a rule (a weight below 0, a cap of
    /// 0): every problem, places starting with `policy.`.
    #[error("invalid configuration: {}", list(problems))]
    Config {
        /// The problems; never empty.
        problems: Vec<crate::model::Problem>,
    },
    /// A judged id is not in the index's library: the judgments were
    /// checked against another library.
    #[error(
        "query {query:?}: unknown {item} id {id:?} in the index's library: expected judgments checked against the same library"
    )]
    UnknownId {
        /// The query.
        query: String,
        /// `advocate` or `story`.
        item: &'static str,
        /// The id.
        id: String,
    },
    /// The engine refused a query.
    #[error("query {query:?}: {error}")]
    Query {
        /// The query.
        query: String,
        /// The engine's error.
        error: QueryError,
    },
    /// Ranking without the availability discount needed more results than
    /// the engine returns at once ([`crate::model::limits::MAX_COUNT`]).
    #[error(
        "query {query:?}: cannot rank without the availability discount: the top {k} by relevance are not \
         certain within the first {depth} results by score"
    )]
    Depth {
        /// The query.
        query: String,
        /// The `k` asked for.
        k: usize,
        /// The most results looked at.
        depth: usize,
    },
}

fn list(problems: &[crate::model::Problem]) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}
