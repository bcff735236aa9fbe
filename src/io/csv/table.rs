//! One CSV table: its header checked against a [`Spec`], its rows read as
//! UTF-8, and the cells of a [`Row`] parsed into the model's types. Every
//! error carries the file, the row and, for a cell, the column.

use std::fmt::Display;
use std::io::Read;
use std::path::Path;
use std::str::FromStr;

use jiff::civil::Date;

use crate::io::error::{Error, ErrorKind};
use crate::model::DateRange;

/// Whether a column must appear in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// The header must name the column.
    Required,
    /// The column may be left out; its cells then read as empty.
    Optional,
}

/// The columns a table may have, in the order the docs list them.
#[derive(Debug)]
pub(crate) struct Spec {
    pub(crate) columns: &'static [(&'static str, Need)],
}

impl Spec {
    /// The columns for error messages: `id, name, advisory_board (optional)`.
    fn expected(&self) -> String {
        let names: Vec<String> = self
            .columns
            .iter()
            .map(|&(name, need)| match need {
                Need::Required => name.to_string(),
                Need::Optional => format!("{name} (optional)"),
            })
            .collect();
        names.join(", ")
    }
}

/// An [`ErrorKind::Csv`] error in `path`.
pub(crate) fn csv_error(path: &Path, row: u64, column: Option<&str>, message: impl Into<String>) -> Error {
    Error::new(
        Some(path.to_path_buf()),
        ErrorKind::Csv { row, column: column.map(str::to_string), message: message.into() },
    )
}

fn read_error(path: &Path, row: u64, err: ::csv::Error) -> Error {
    // Only I/O errors can occur with the reader's settings (flexible, byte
    // records); any other one still becomes a placed error, not a panic.
    let message = err.to_string().to_lowercase();
    match err.into_kind() {
        ::csv::ErrorKind::Io(err) => Error::new(Some(path.to_path_buf()), ErrorKind::Io(err)),
        _ => csv_error(path, row, None, format!("unreadable csv: {message}")),
    }
}

/// Reads a table, calling `each` with every data row in file order.
///
/// Blank lines are skipped and not counted: row `n` is the `n`-th record,
/// the header being row 1, as a spreadsheet numbers rows (a cell with a
/// line break inside quotes stays in its row). Rows whose cells are all
/// empty are counted but skipped.
pub(crate) fn read_table<R: Read>(
    path: &Path,
    spec: &Spec,
    reader: R,
    mut each: impl FnMut(&Row<'_>) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut csv = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(reader);
    let mut record = ::csv::ByteRecord::new();
    if !csv.read_byte_record(&mut record).map_err(|err| read_error(path, 1, err))? {
        return Err(csv_error(
            path,
            1,
            None,
            format!("empty file: expected a header row with the columns {}", spec.expected()),
        ));
    }
    let header = header_names(path, &record)?;
    let slots = map_header(path, spec, &header)?;

    let mut row = 1;
    loop {
        row += 1;
        if !csv.read_byte_record(&mut record).map_err(|err| read_error(path, row, err))? {
            return Ok(());
        }
        if record.len() != header.len() {
            return Err(csv_error(
                path,
                row,
                None,
                format!(
                    "found {} fields: expected {}, one per header column ({})",
                    record.len(),
                    header.len(),
                    header.join(", ")
                ),
            ));
        }
        let mut fields: Vec<&str> = Vec::with_capacity(header.len());
        for (bytes, name) in record.iter().zip(&header) {
            let text = std::str::from_utf8(bytes).map_err(|err| {
                csv_error(
                    path,
                    row,
                    Some(name),
                    format!(
                        "invalid utf-8 after {} bytes of the cell: expected text encoded as utf-8",
                        err.valid_up_to()
                    ),
                )
            })?;
            fields.push(text);
        }
        // Spreadsheets export trailing rows of bare commas; they hold nothing.
        if fields.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        each(&Row { path, row, spec, slots: &slots, fields: &fields })?;
    }
}

/// The header's column names, trimmed, without a leading byte order mark.
fn header_names(path: &Path, record: &::csv::ByteRecord) -> Result<Vec<String>, Error> {
    let mut names = Vec::with_capacity(record.len());
    for (i, bytes) in record.iter().enumerate() {
        let text = std::str::from_utf8(bytes).map_err(|err| {
            csv_error(
                path,
                1,
                None,
                format!(
                    "invalid utf-8 in header column {} after {} bytes: expected text encoded as utf-8",
                    i + 1,
                    err.valid_up_to()
                ),
            )
        })?;
        let text = if i == 0 { text.trim_start_matches('\u{feff}') } else { text };
        names.push(text.trim().to_string());
    }
    Ok(names)
}

/// For each column of `spec`, its position in the header, if present.
fn map_header(path: &Path, spec: &Spec, header: &[String]) -> Result<Vec<Option<usize>>, Error> {
    let mut slots = vec![None; spec.columns.len()];
    for (position, name) in header.iter().enumerate() {
        let Some(i) = spec.columns.iter().position(|(column, _)| column.eq_ignore_ascii_case(name)) else {
            return Err(csv_error(
                path,
                1,
                Some(name),
                format!("unknown column {name:?}: expected the columns {}", spec.expected()),
            ));
        };
        if slots[i].is_some() {
            return Err(csv_error(
                path,
                1,
                Some(name),
                format!("column {name:?} appears twice: expected each column once"),
            ));
        }
        slots[i] = Some(position);
    }
    for (&(column, need), slot) in spec.columns.iter().zip(&slots) {
        if need == Need::Required && slot.is_none() {
            return Err(csv_error(
                path,
                1,
                Some(column),
                format!("missing required column {column:?}: expected the columns {}", spec.expected()),
            ));
        }
    }
    Ok(slots)
}

/// A whole-number type a cell can hold.
pub(crate) trait Whole: FromStr + Display + Copy {
    /// The largest value, for the "too large" message.
    const MAX: Self;
}

impl Whole for u32 {
    const MAX: u32 = u32::MAX;
}

impl Whole for u64 {
    const MAX: u64 = u64::MAX;
}

/// One data row of a table; cells are looked up by column name and trimmed.
pub(crate) struct Row<'a> {
    path: &'a Path,
    row: u64,
    spec: &'a Spec,
    slots: &'a [Option<usize>],
    fields: &'a [&'a str],
}

impl Row<'_> {
    /// The row number, header being row 1.
    pub(crate) fn number(&self) -> u64 {
        self.row
    }

    /// An error about the cell in `column` of this row.
    pub(crate) fn error(&self, column: &str, message: impl Into<String>) -> Error {
        csv_error(self.path, self.row, Some(column), message)
    }

    /// The trimmed cell; empty when the (optional) column is absent.
    pub(crate) fn cell(&self, column: &str) -> &str {
        let Some(i) = self.spec.columns.iter().position(|&(name, _)| name == column) else {
            debug_assert!(false, "column {column:?} is not in the table's spec");
            return "";
        };
        self.slots[i].and_then(|field| self.fields.get(field)).map_or("", |text| text.trim())
    }

    /// Free text; may be empty.
    pub(crate) fn text(&self, column: &str) -> String {
        self.cell(column).to_string()
    }

    /// Free text, `None` when empty.
    pub(crate) fn optional_text(&self, column: &str) -> Option<String> {
        Some(self.cell(column)).filter(|text| !text.is_empty()).map(str::to_string)
    }

    /// An id or a reference to one: must not be empty.
    pub(crate) fn id(&self, column: &str, what: &str) -> Result<String, Error> {
        match self.cell(column) {
            "" => Err(self.error(column, format!("empty cell: expected {what}"))),
            text => Ok(text.to_string()),
        }
    }

    /// The `;`-separated items of a cell, trimmed, empty ones dropped.
    pub(crate) fn list(&self, column: &str) -> Vec<String> {
        items(self.cell(column)).map(str::to_string).collect()
    }

    /// One value of a closed vocabulary, by its snake_case name.
    pub(crate) fn choice<T>(
        &self,
        column: &str,
        parse: fn(&str) -> Option<T>,
        expected: fn() -> String,
    ) -> Result<T, Error> {
        let text = self.cell(column);
        parse(text).ok_or_else(|| self.error(column, vocabulary_message(text, column, &expected())))
    }

    /// A `;`-separated list of values of a closed vocabulary.
    pub(crate) fn choices<T>(
        &self,
        column: &str,
        parse: fn(&str) -> Option<T>,
        expected: fn() -> String,
    ) -> Result<Vec<T>, Error> {
        items(self.cell(column))
            .map(|item| {
                parse(item).ok_or_else(|| {
                    self.error(column, vocabulary_message(item, &format!("value in {column}"), &expected()))
                })
            })
            .collect()
    }

    /// A whole number written as digits; `None` when the cell is empty.
    pub(crate) fn whole<T: Whole>(&self, column: &str, example: &str) -> Result<Option<T>, Error> {
        let text = self.cell(column);
        if text.is_empty() {
            return Ok(None);
        }
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.error(
                column,
                format!("{text:?} is not a whole number: expected {column} as digits, e.g. {example}"),
            ));
        }
        match text.parse() {
            Ok(value) => Ok(Some(value)),
            Err(_) => {
                Err(self
                    .error(column, format!("{text:?} is too large: expected {column} of at most {}", T::MAX)))
            }
        }
    }

    /// Like [`Row::whole`], but the cell must not be empty.
    pub(crate) fn required_whole<T: Whole>(&self, column: &str, example: &str) -> Result<T, Error> {
        self.whole(column, example)?.ok_or_else(|| {
            self.error(column, format!("empty cell: expected {column} as digits, e.g. {example}"))
        })
    }

    /// Years as four digits, `;`-separated.
    pub(crate) fn years(&self, column: &str) -> Result<Vec<i32>, Error> {
        items(self.cell(column))
            .map(|item| {
                let valid = item.len() == 4 && item.bytes().all(|b| b.is_ascii_digit());
                match item.parse() {
                    Ok(year) if valid => Ok(year),
                    _ => Err(self.error(
                        column,
                        format!("{item:?} is not a year: expected years as four digits, e.g. 2024;2025"),
                    )),
                }
            })
            .collect()
    }

    /// A finite decimal number with a point; `None` when the cell is empty.
    pub(crate) fn decimal(&self, column: &str) -> Result<Option<f64>, Error> {
        let text = self.cell(column);
        if text.is_empty() {
            return Ok(None);
        }
        match text.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(Some(value)),
            _ => Err(self.error(
                column,
                format!(
                    "{text:?} is not a finite number: expected {column} as a decimal number with a point, e.g. -12.5"
                ),
            )),
        }
    }

    /// A day as `YYYY-MM-DD`; `None` when the cell is empty.
    pub(crate) fn optional_date(&self, column: &str) -> Result<Option<Date>, Error> {
        match self.cell(column) {
            "" => Ok(None),
            text => parse_date(text)
                .map(Some)
                .ok_or_else(|| self.error(column, format!("{text:?} {}", date_expectation(column)))),
        }
    }

    /// A day as `YYYY-MM-DD`; the cell must not be empty.
    pub(crate) fn date(&self, column: &str) -> Result<Date, Error> {
        self.optional_date(column)?
            .ok_or_else(|| self.error(column, format!("empty cell: expected {column} as YYYY-MM-DD")))
    }

    /// `true`, `false`, `yes` or `no`, in any case.
    pub(crate) fn flag(&self, column: &str) -> Result<bool, Error> {
        let text = self.cell(column);
        match text.to_ascii_lowercase().as_str() {
            "true" | "yes" => Ok(true),
            "false" | "no" => Ok(false),
            _ => Err(self
                .error(column, format!("{text:?} is not a yes/no value: expected true, false, yes or no"))),
        }
    }

    /// Ranges of days `start..end` (or one day), `;`-separated.
    pub(crate) fn date_ranges(&self, column: &str) -> Result<Vec<DateRange>, Error> {
        items(self.cell(column))
            .map(|item| {
                let (start, end) = item.split_once("..").unwrap_or((item, item));
                match (parse_date(start.trim()), parse_date(end.trim())) {
                    (Some(start), Some(end)) => Ok(DateRange { start, end }),
                    _ => Err(self.error(
                        column,
                        format!(
                            "{item:?} is not a range of days: expected start..end as YYYY-MM-DD..YYYY-MM-DD, e.g. 2026-12-20..2027-01-05"
                        ),
                    )),
                }
            })
            .collect()
    }
}

/// The trimmed, non-empty `;`-separated items of a cell.
fn items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|item| !item.is_empty())
}

fn vocabulary_message(found: &str, what: &str, expected: &str) -> String {
    if found.is_empty() {
        format!("empty cell: expected a {what}, one of {expected}")
    } else {
        format!("{found:?} is not a valid {what}: expected one of {expected}")
    }
}

fn date_expectation(column: &str) -> String {
    format!("is not a date: expected {column} as YYYY-MM-DD, e.g. 2026-11-20")
}

/// Parses exactly `YYYY-MM-DD` naming a day that exists.
fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes
            .iter()
            .enumerate()
            .all(|(i, &b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if shaped { text.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert_eq!(parse_date("2026-11-20"), Some(jiff::civil::date(2026, 11, 20)));
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2026-11-20T10:00"), None);
        assert_eq!(parse_date("20261120"), None);
        assert_eq!(parse_date("2026-1-20"), None);
    }

    #[test]
    fn items_trim_and_drop_empties() {
        assert_eq!(items(" en ; ;de;").collect::<Vec<_>>(), ["en", "de"]);
        assert_eq!(items("").count(), 0);
    }
}
