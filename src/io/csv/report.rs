//! [`ImportReport`]: what an import read and what it decided, so that a
//! person can check it.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

use super::spec::Table;

/// How many distinct mapped values a report lists; the rest are counted.
const MAX_MAPPED: usize = 1_000;

/// What a CSV import read and decided: rows per file, columns mapped and
/// ignored, and every value it read as something else than it says
/// (`Banking → 5221 (Depository Credit Intermediation) ×12`).
///
/// Its [`Display`](fmt::Display) is a short text for people; the fields
/// are for programs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// One entry per table read, in the order read.
    pub files: Vec<FileReport>,
    /// Values mapped, by file, column and value in the order first seen;
    /// at most 1,000 distinct ones.
    pub mapped: Vec<MappedValue>,
    /// How many more distinct values were mapped than `mapped` lists.
    pub more_mapped: usize,
}

/// One table of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    /// The file, as given to the import.
    pub path: PathBuf,
    /// The table it was read as.
    pub table: Table,
    /// Data rows read; rows whose cells are all empty are not counted.
    pub rows: u64,
    /// Headers that name a column by another name than the crate's (not
    /// only in case or punctuation), with that column: `("Account Name",
    /// "name")`.
    pub renamed: Vec<(String, &'static str)>,
    /// Headers no column has, ignored.
    pub ignored: Vec<String>,
}

/// A value the import read as something else than it says.
#[derive(Debug, Clone, PartialEq)]
pub struct MappedValue {
    /// The file it is in.
    pub path: PathBuf,
    /// The crate's name of its column, e.g. `industry`.
    pub column: &'static str,
    /// The value as written, e.g. `Banking`.
    pub from: String,
    /// What it became, e.g. `5221 (Depository Credit Intermediation)`.
    pub to: String,
    /// In how many cells (or list items).
    pub count: u64,
}

/// Collects mapped values without allocating for a value seen before.
#[derive(Debug, Default)]
pub(super) struct MappedValues {
    /// Per (file, column): value as written → position in `list`.
    index: HashMap<(usize, &'static str), HashMap<String, usize>>,
    list: Vec<(usize, &'static str, String, String, u64)>,
    more: usize,
}

impl MappedValues {
    pub(super) fn add(
        &mut self,
        file: usize,
        column: &'static str,
        from: &str,
        to: std::borrow::Cow<'static, str>,
    ) {
        let values = self.index.entry((file, column)).or_default();
        if let Some(&i) = values.get(from) {
            self.list[i].4 += 1;
        } else if self.list.len() < MAX_MAPPED {
            values.insert(from.to_string(), self.list.len());
            self.list.push((file, column, from.to_string(), to.into_owned(), 1));
        } else {
            self.more += 1;
        }
    }

    pub(super) fn into_report(self, paths: &[PathBuf]) -> (Vec<MappedValue>, usize) {
        let mapped = self
            .list
            .into_iter()
            .map(|(file, column, from, to, count)| MappedValue {
                path: paths.get(file).cloned().unwrap_or_default(),
                column,
                from,
                to,
                count,
            })
            .collect();
        (mapped, self.more)
    }
}

impl fmt::Display for ImportReport {
    /// One block per file: its rows, the headers read under another name,
    /// the headers ignored, and the values mapped, by column.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for file in &self.files {
            write!(f, "{}: {} rows", file.path.display(), file.rows)?;
            if !file.path.ends_with(file.table.file_name()) {
                write!(f, " of {}", file.table.file_name())?;
            }
            writeln!(f)?;
            if !file.renamed.is_empty() {
                let renamed: Vec<String> =
                    file.renamed.iter().map(|(header, column)| format!("{header:?} as {column}")).collect();
                writeln!(f, "  read {}", renamed.join(", "))?;
            }
            if !file.ignored.is_empty() {
                let ignored: Vec<String> = file.ignored.iter().map(|h| format!("{h:?}")).collect();
                writeln!(f, "  ignored {}", ignored.join(", "))?;
            }
            let mut values: Vec<&MappedValue> = self.mapped.iter().filter(|v| v.path == file.path).collect();
            let order = |column: &str| file.table.columns().position(|c| c == column);
            values.sort_by_key(|v| order(v.column));
            // Industries one a line (their titles are long), other columns
            // on one line each.
            let mut start = 0;
            while start < values.len() {
                let column = values[start].column;
                let end = values[start..]
                    .iter()
                    .position(|v| v.column != column)
                    .map_or(values.len(), |n| start + n);
                let shown: Vec<String> = values[start..end]
                    .iter()
                    .map(|v| format!("{} → {} ×{}", v.from, v.to, v.count))
                    .collect();
                if column == "industry" {
                    let indent = " ".repeat(column.len() + 3);
                    writeln!(f, "  {column}: {}", shown.join(&format!("\n{indent}")))?;
                } else {
                    writeln!(f, "  {column}: {}", shown.join(", "))?;
                }
                start = end;
            }
        }
        if self.more_mapped > 0 {
            writeln!(f, "and {} more distinct values mapped", self.more_mapped)?;
        }
        Ok(())
    }
}
