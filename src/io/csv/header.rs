//! A table's header row: which column each header names (the crate's
//! names, the CRM names of [`super::spec`], the caller's own mapping), and
//! every problem with it at once.

use std::path::Path;

use super::spec::{Need, Spec, Table, header_key};
use super::table::csv_error;
use crate::io::error::Error;
use crate::model::limits::MAX_LABEL_LEN;

/// A header mapped to a table's columns.
#[derive(Debug)]
pub(super) struct Header {
    /// For each column of the spec, its field in the record, if present.
    pub(super) slots: Vec<Option<usize>>,
    /// The header's names as the file writes them (trimmed), by field.
    pub(super) names: Vec<String>,
    /// The headers no column has, in file order.
    pub(super) ignored: Vec<String>,
}

impl Header {
    /// The file's name for a column of the spec, or the crate's name when
    /// the file lacks it.
    pub(super) fn name_of<'a>(&'a self, spec: &'a Spec, column: usize) -> &'a str {
        match self.slots[column] {
            Some(field) => &self.names[field],
            None => spec.columns[column].name,
        }
    }
}

/// A header the caller maps to a column with
/// [`CsvImport::column`](super::CsvImport::column).
#[derive(Debug, Clone)]
pub(super) struct UserColumn {
    pub(super) table: Table,
    /// The header as a [`header_key`].
    pub(super) key: String,
    /// Index into the table's spec columns.
    pub(super) column: usize,
}

/// Maps `names` (the header row) to the columns of `spec`.
///
/// A header names a column when its [`header_key`] is that of the
/// column's name, of one of its CRM names, or of a header the caller
/// mapped to it. Other headers are ignored, or refused when `strict`.
///
/// # Errors
///
/// Every problem of the header: a column named twice, an unknown column
/// (when strict), a required column missing; each with a "did you mean"
/// when a name is close.
pub(super) fn map_header(
    path: &Path,
    spec: &Spec,
    names: Vec<String>,
    user: &[UserColumn],
    strict: bool,
) -> Result<Header, Vec<Error>> {
    let mut problems = Vec::new();
    let mut slots: Vec<Option<usize>> = vec![None; spec.columns.len()];
    let mut ignored = Vec::new();
    for (field, name) in names.iter().enumerate() {
        let key = header_key(name);
        let user_column = user.iter().find(|u| Some(u.table) == spec.table && u.key == key).map(|u| u.column);
        let column = user_column.or_else(|| {
            spec.columns.iter().position(|column| {
                header_key(column.name) == key || column.headers.iter().any(|h| header_key(h) == key)
            })
        });
        let Some(column) = column else {
            if strict {
                let hint = did_you_mean(closest_name(spec, name));
                problems.push(csv_error(
                    path,
                    1,
                    Some(name),
                    format!("unknown column {name:?}: expected the columns {}{hint}", spec.expected()),
                ));
            } else {
                ignored.push(name.clone());
            }
            continue;
        };
        match slots[column] {
            Some(first) => problems.push(csv_error(
                path,
                1,
                Some(name),
                format!(
                    "columns {:?} and {name:?} both give {}: expected one column for it ({})",
                    names[first],
                    spec.columns[column].name,
                    if spec.table.is_some() {
                        "map one of them with CsvImport::column, or remove it"
                    } else {
                        "remove one of them"
                    }
                ),
            )),
            None => slots[column] = Some(field),
        }
    }
    for (column, slot) in spec.columns.iter().zip(&slots) {
        let missing = match column.need {
            Need::Required => slot.is_none(),
            Need::RequiredUnless(others) => {
                slot.is_none()
                    && !others.iter().any(|other| spec.position(other).is_some_and(|i| slots[i].is_some()))
            }
            Need::Optional => false,
        };
        if missing {
            let hint = did_you_mean(closest_ignored(column.name, column.headers, &ignored));
            problems.push(csv_error(
                path,
                1,
                Some(column.name),
                format!(
                    "missing required column {:?}: expected the columns {}{hint}",
                    column.name,
                    spec.expected()
                ),
            ));
        }
    }
    if problems.is_empty() { Ok(Header { slots, names, ignored }) } else { Err(problems) }
}

/// How alike two header names are: Jaro-Winkler of their keys.
fn likeness(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(&header_key(a), &header_key(b))
}

/// The column name or CRM name of `spec` closest to an unknown header.
fn closest_name(spec: &Spec, name: &str) -> Option<String> {
    if name.len() > MAX_LABEL_LEN {
        return None;
    }
    spec.columns
        .iter()
        .flat_map(|column| std::iter::once(&column.name).chain(column.headers))
        .map(|known| (likeness(name, known), *known))
        .filter(|(similarity, _)| *similarity >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, known)| known.to_string())
}

/// The ignored header closest to a missing column's names.
fn closest_ignored(name: &str, headers: &[&str], ignored: &[String]) -> Option<String> {
    ignored
        .iter()
        .filter(|header| header.len() <= MAX_LABEL_LEN)
        .map(|header| {
            let best = std::iter::once(&name)
                .chain(headers)
                .map(|known| likeness(header, known))
                .fold(0.0, f64::max);
            (best, header)
        })
        .filter(|(similarity, _)| *similarity >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, header)| header.clone())
}

fn did_you_mean(name: Option<String>) -> String {
    name.map(|name| format!(" (did you mean {name:?}?)")).unwrap_or_default()
}
