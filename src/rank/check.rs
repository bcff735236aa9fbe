//! The input ranges of a query, checked before anything is computed: the
//! prospect's numbers and strings, the request's day, counts and lists
//! (the ranges of [`crate::model::limits`]).

use super::query::Common;
use super::request::QueryError;
use crate::model::Prospect;
use crate::model::limits::{MAX_COUNT, MAX_LIST_LEN};
use crate::model::validate::ranges::{self, Len, date_out_of_range, too_long};

/// The first range problem of `prospect` and the request's `common` part.
pub(super) fn query(prospect: &Prospect, common: &Common<'_>) -> Result<(), QueryError> {
    if prospect.employees == Some(0) {
        return Err(QueryError::ZeroEmployees);
    }
    let mut report = crate::model::validate::Report::default();
    ranges::prospect(&mut report, "prospect", prospect);
    if let Some(problem) = report.into_problems().into_iter().next() {
        return Err(QueryError::OutOfRange { field: problem.place, message: problem.message });
    }
    let out = |field: &str, message: String| QueryError::OutOfRange { field: field.into(), message };
    if let Some(message) = date_out_of_range(common.date) {
        return Err(out("request.date", message));
    }
    if common.k > MAX_COUNT {
        return Err(out("request.k", format!("k {} is out of range: expected 0..={MAX_COUNT}", common.k)));
    }
    if common.max_per_account > MAX_COUNT {
        let message =
            format!("max_per_account {} is out of range: expected 1..={MAX_COUNT}", common.max_per_account);
        return Err(out("request.max_per_account", message));
    }
    ids("request.exclude_accounts", common.exclude_accounts, Len::Id)
}

/// The range problems of a request's languages.
pub(super) fn languages(languages: &[String]) -> Result<(), QueryError> {
    ids("request.languages", languages, Len::Label)
}

fn ids(field: &str, items: &[String], kind: Len) -> Result<(), QueryError> {
    if items.len() > MAX_LIST_LEN {
        let message = format!("{} items: expected at most {MAX_LIST_LEN}", items.len());
        return Err(QueryError::OutOfRange { field: field.into(), message });
    }
    for (i, item) in items.iter().enumerate() {
        if let Some(message) = too_long(kind, item) {
            return Err(QueryError::OutOfRange { field: format!("{field}[{i}]"), message });
        }
    }
    Ok(())
}
