//! [`SearchError`]: what a search or an index build can fail with, and the
//! [`QueryProblem`]s of a malformed query.

use std::fmt;

/// What kind of mistake a [`QueryProblem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QueryProblemKind {
    /// The query text cannot be read: an unbalanced quote, a `*` inside a
    /// word, a field name with no value.
    Syntax,
    /// A `name:` names no field or filter.
    UnknownField,
    /// A filter names a value that does not exist: a region, country,
    /// NAICS code, product, asset kind or language.
    UnknownValue,
    /// A number, length or date is outside its range, or a prefix matches
    /// too many terms.
    OutOfRange,
}

/// One mistake in a search request, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryProblem {
    /// Where: `query, column 7` for the query text (columns count
    /// characters from 1), or a field of the request such as
    /// `filters.products[0]` or `request.limit`.
    pub place: String,
    /// The column in the query text, when the problem is there.
    pub column: Option<usize>,
    /// The kind of mistake.
    pub kind: QueryProblemKind,
    /// What is wrong and what was expected, lowercase.
    pub message: String,
}

impl QueryProblem {
    pub(crate) fn at(column: usize, kind: QueryProblemKind, message: impl Into<String>) -> QueryProblem {
        QueryProblem {
            place: format!("query, column {column}"),
            column: Some(column),
            kind,
            message: message.into(),
        }
    }

    pub(crate) fn in_field(
        place: impl Into<String>,
        kind: QueryProblemKind,
        message: impl Into<String>,
    ) -> QueryProblem {
        QueryProblem { place: place.into(), column: None, kind, message: message.into() }
    }
}

impl fmt::Display for QueryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Why a search or an index build failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SearchError {
    /// The request is malformed; every problem found, in the order of the
    /// query text, then the filters and options. Never empty.
    Query(Vec<QueryProblem>),
    /// The search engine (tantivy) failed. With an in-RAM index this only
    /// happens when memory runs out or on a bug; the message is tantivy's.
    Engine(String),
}

impl SearchError {
    /// The problems of a malformed request; empty for an engine failure.
    pub fn problems(&self) -> &[QueryProblem] {
        match self {
            SearchError::Query(problems) => problems,
            SearchError::Engine(_) => &[],
        }
    }
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::Query(problems) => match problems.as_slice() {
                [one] => write!(f, "invalid search: {one}"),
                many => {
                    write!(f, "invalid search: {} problems", many.len())?;
                    for problem in many {
                        write!(f, "\n  {problem}")?;
                    }
                    Ok(())
                }
            },
            SearchError::Engine(message) => write!(f, "search engine failed: {message}"),
        }
    }
}

impl std::error::Error for SearchError {}

impl From<tantivy::TantivyError> for SearchError {
    fn from(err: tantivy::TantivyError) -> SearchError {
        SearchError::Engine(err.to_string())
    }
}
