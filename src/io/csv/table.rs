//! One CSV table: its header mapped to a [`Spec`], its rows read as UTF-8,
//! and the cells of a [`Row`] parsed into the model's types. A row keeps
//! every problem of its cells, each naming the file, the row and the
//! column, and reads on after one.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Display;
use std::io::Read;
use std::path::Path;
use std::str::FromStr;

use jiff::civil::Date;

use super::MAX_PROBLEMS;
use super::header::{Header, UserColumn, map_header};
use super::spec::Spec;
use super::values::{NumberFormat, Vocabulary, closest_value, read_flag, read_vocabulary, vocabulary_key};
use crate::io::error::{Error, ErrorKind};
use crate::model::DateRange;
use crate::model::limits::{MAX_LABEL_LEN, MIN_DATE};
use crate::taxonomy::{LanguageError, find_country, label_key, language, naics};

/// An [`ErrorKind::Csv`] error in `path`.
pub(super) fn csv_error(path: &Path, row: u64, column: Option<&str>, message: impl Into<String>) -> Error {
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

/// Where the problems of an import go, up to a cap.
#[derive(Debug, Default)]
pub(super) struct Problems {
    pub(super) list: Vec<Error>,
    /// Set when a problem came after the cap.
    pub(super) truncated: bool,
    pub(super) cap: usize,
}

impl Problems {
    pub(super) fn push(&mut self, error: Error) {
        if self.list.len() < self.cap {
            self.list.push(error);
        } else {
            self.truncated = true;
        }
    }

    pub(super) fn is_full(&self) -> bool {
        self.list.len() >= self.cap
    }
}

/// What the reading of cells depends on besides the cells.
#[derive(Debug)]
pub(super) struct Context<'a> {
    pub(super) numbers: NumberFormat,
    /// Industry aliases by [`label_key`], with their code.
    pub(super) industry_aliases: &'a HashMap<String, String>,
}

/// A value a cell held and what the import made of it, for the report.
#[derive(Debug)]
pub(super) struct Mapping<'a> {
    pub(super) column: &'static str,
    pub(super) from: &'a str,
    pub(super) to: Cow<'static, str>,
}

/// What reading a table found besides its records.
#[derive(Debug)]
pub(super) struct TableRead {
    pub(super) header: Header,
    /// Data rows read (rows of empty cells not counted).
    pub(super) rows: u64,
}

/// Reads a table, calling `each` with every data row in file order.
///
/// Blank lines are skipped and not counted: row `n` is the `n`-th record,
/// the header being row 1, as a spreadsheet numbers rows (a cell with a
/// line break inside quotes stays in its row). Rows whose cells are all
/// empty are counted but skipped. A ragged or undecodable row is a problem
/// and skipped; the problems of the cells `each` reads are taken after it.
/// Reading stops when `problems` is full. Returns `None` when the header
/// could not be mapped (its problems are in `problems`).
#[allow(clippy::too_many_arguments)]
pub(super) fn read_table<R: Read>(
    path: &Path,
    spec: &'static Spec,
    reader: R,
    user: &[UserColumn],
    strict: bool,
    context: &Context<'_>,
    problems: &mut Problems,
    mut each: impl FnMut(&Row<'_>),
) -> Option<TableRead> {
    let mut csv = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(reader);
    let mut record = ::csv::ByteRecord::new();
    match csv.read_byte_record(&mut record) {
        Err(err) => {
            problems.push(read_error(path, 1, err));
            return None;
        }
        Ok(false) => {
            problems.push(csv_error(
                path,
                1,
                None,
                format!("empty file: expected a header row with the columns {}", spec.expected()),
            ));
            return None;
        }
        Ok(true) => {}
    }
    let names = match header_names(path, &record) {
        Ok(names) => names,
        Err(err) => {
            problems.push(err);
            return None;
        }
    };
    let header = match map_header(path, spec, names, user, strict) {
        Ok(header) => header,
        Err(errors) => {
            errors.into_iter().for_each(|err| problems.push(err));
            return None;
        }
    };

    let mut row = 1;
    let mut rows = 0;
    while !problems.is_full() {
        row += 1;
        match csv.read_byte_record(&mut record) {
            Err(err) => {
                // An I/O error ends the table; a malformed record does not.
                let io = matches!(err.kind(), ::csv::ErrorKind::Io(_));
                problems.push(read_error(path, row, err));
                if io {
                    break;
                }
                continue;
            }
            Ok(false) => break,
            Ok(true) => {}
        }
        // A ragged or undecodable row is a problem, but the cells that can
        // be read still are, so that the record's id is known to be taken.
        let mut early = Vec::new();
        if record.len() != header.names.len() {
            early.push(csv_error(
                path,
                row,
                None,
                format!(
                    "found {} fields: expected {}, one per header column ({})",
                    record.len(),
                    header.names.len(),
                    header.names.join(", ")
                ),
            ));
        }
        let mut fields: Vec<&str> = Vec::with_capacity(header.names.len());
        for (i, name) in header.names.iter().enumerate() {
            match std::str::from_utf8(record.get(i).unwrap_or_default()) {
                Ok(text) => fields.push(text),
                Err(err) => {
                    early.push(csv_error(
                        path,
                        row,
                        Some(name),
                        format!(
                            "invalid utf-8 after {} bytes of the cell: expected text encoded as utf-8",
                            err.valid_up_to()
                        ),
                    ));
                    fields.push("");
                }
            }
        }
        // Spreadsheets export trailing rows of bare commas; they hold nothing.
        if early.is_empty() && fields.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        rows += 1;
        let current = Row {
            path,
            row,
            spec,
            header: &header,
            fields: &fields,
            context,
            problems: RefCell::new(early),
            mapped: RefCell::new(Vec::new()),
        };
        each(&current);
        for err in current.problems.into_inner() {
            problems.push(err);
        }
    }
    Some(TableRead { header, rows })
}

/// Reads a table outside the import (the judgment sets of
/// [`crate::eval`]) as [`read_table`] does for the import's: calls `each`
/// with every data row, refuses unknown columns, and reads numbers in the
/// default [`NumberFormat`] without industry aliases.
///
/// # Errors
///
/// Every problem of the header and the rows (ragged, undecodable, and
/// those of the cells `each` reads with the checking [`Row`] methods), up
/// to [`MAX_PROBLEMS`], as one error ([`Error::collect`]).
pub(crate) fn read_outside_import<R: Read>(
    path: &Path,
    spec: &'static Spec,
    reader: R,
    each: impl FnMut(&Row<'_>),
) -> Result<(), Error> {
    let industry_aliases = HashMap::new();
    let context = Context { numbers: NumberFormat::default(), industry_aliases: &industry_aliases };
    let mut problems = Problems { cap: MAX_PROBLEMS, ..Problems::default() };
    // The header and row count it returns are for the import's report.
    let _ = read_table(path, spec, reader, &[], true, &context, &mut problems, each);
    match Error::collect(Some(path.to_path_buf()), problems.list, problems.truncated) {
        Some(err) => Err(err),
        None => Ok(()),
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

/// A whole-number type a cell can hold.
pub(super) trait Whole: FromStr + Display + Copy + Default {
    /// The largest value, for the "too large" message.
    const MAX: Self;
}

impl Whole for u32 {
    const MAX: u32 = u32::MAX;
}

impl Whole for u64 {
    const MAX: u64 = u64::MAX;
}

/// One data row of a table; cells are looked up by column name and
/// trimmed. A cell that cannot be read leaves a problem in the row and a
/// stand-in value: check [`Row::is_ok`] before keeping the record.
pub(crate) struct Row<'a> {
    path: &'a Path,
    row: u64,
    spec: &'a Spec,
    header: &'a Header,
    fields: &'a [&'a str],
    context: &'a Context<'a>,
    problems: RefCell<Vec<Error>>,
    mapped: RefCell<Vec<Mapping<'a>>>,
}

impl<'a> Row<'a> {
    /// The row number, header being row 1.
    pub(crate) fn number(&self) -> u64 {
        self.row
    }

    /// Whether every cell read so far was valid.
    pub(super) fn is_ok(&self) -> bool {
        self.problems.borrow().is_empty()
    }

    /// The values this row mapped, for the report.
    pub(super) fn take_mapped(&self) -> Vec<Mapping<'a>> {
        std::mem::take(&mut self.mapped.borrow_mut())
    }

    /// Keeps a problem about the cell in `column` of this row.
    pub(super) fn fail(&self, column: &str, message: impl Into<String>) {
        let name = self.spec.position(column).map_or(column, |i| self.header.name_of(self.spec, i));
        self.problems.borrow_mut().push(csv_error(self.path, self.row, Some(name), message));
    }

    /// Notes, for the report, that the cell's `from` became `to`.
    pub(super) fn map(&self, column: &'static str, from: &'a str, to: impl Into<Cow<'static, str>>) {
        self.mapped.borrow_mut().push(Mapping { column, from, to: to.into() });
    }

    /// Whether the table has the column.
    pub(super) fn has(&self, column: &str) -> bool {
        self.spec.position(column).is_some_and(|i| self.header.slots[i].is_some())
    }

    /// The trimmed cell; empty when the (optional) column is absent.
    pub(crate) fn cell(&self, column: &str) -> &'a str {
        let Some(i) = self.spec.position(column) else {
            debug_assert!(false, "column {column:?} is not in the table's spec");
            return "";
        };
        self.header.slots[i].and_then(|field| self.fields.get(field)).map_or("", |text| text.trim())
    }

    /// The cell, or `None` (and a problem saying `expected`) when empty.
    fn nonempty(&self, column: &str, expected: &str) -> Option<&'a str> {
        let text = self.cell(column);
        if text.is_empty() {
            self.fail(column, format!("empty cell: expected {expected}"));
            return None;
        }
        Some(text)
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
    pub(super) fn id(&self, column: &str, what: &str) -> String {
        self.nonempty(column, what).unwrap_or_default().to_string()
    }

    /// The `;`-separated items of a cell, trimmed, empty ones dropped.
    pub(crate) fn list(&self, column: &str) -> Vec<String> {
        items(self.cell(column)).map(str::to_string).collect()
    }

    /// One value of a closed vocabulary, by its name or a synonym, in any
    /// case, with spaces or hyphens for underscores.
    pub(super) fn choice<T: Vocabulary>(&self, column: &'static str, what: &str) -> T {
        let text = self.cell(column);
        match read_vocabulary::<T>(text) {
            Some(value) => {
                if text != value.name() && vocabulary_key(text) != value.name() {
                    self.map(column, text, value.name());
                }
                value
            }
            None => {
                self.fail(column, vocabulary_message::<T>(text, what));
                T::all()[0]
            }
        }
    }

    /// A `;`-separated list of values of a closed vocabulary.
    pub(super) fn choices<T: Vocabulary>(&self, column: &'static str) -> Vec<T> {
        let mut values = Vec::new();
        for item in items(self.cell(column)) {
            match read_vocabulary::<T>(item) {
                Some(value) => {
                    if item != value.name() && vocabulary_key(item) != value.name() {
                        self.map(column, item, value.name());
                    }
                    values.push(value);
                }
                None => self.fail(column, vocabulary_message::<T>(item, &format!("value in {column}"))),
            }
        }
        values
    }

    /// A whole number, digits perhaps grouped by the number format's
    /// thousands separator; `None` when the cell is empty.
    pub(super) fn whole<T: Whole>(&self, column: &str, example: &str) -> Option<T> {
        let text = self.cell(column);
        if text.is_empty() {
            return None;
        }
        let format = self.context.numbers;
        let Some(digits) = format.whole_digits(text) else {
            self.fail(
                column,
                format!(
                    "{text:?} is not a whole number: expected {column} as digits, e.g. {example} or {}{}",
                    format.example(),
                    format.hint(text, true)
                ),
            );
            return None;
        };
        match digits.parse() {
            Ok(value) => Some(value),
            Err(_) => {
                self.fail(column, format!("{text:?} is too large: expected {column} of at most {}", T::MAX));
                None
            }
        }
    }

    /// Like [`Row::whole`], but the cell must not be empty.
    pub(super) fn required_whole<T: Whole>(&self, column: &str, example: &str) -> T {
        if self.cell(column).is_empty() {
            self.fail(column, format!("empty cell: expected {column} as digits, e.g. {example}"));
        }
        self.whole(column, example).unwrap_or_default()
    }

    /// Years as four digits, `;`-separated.
    pub(super) fn years(&self, column: &str) -> Vec<i32> {
        let mut years = Vec::new();
        for item in items(self.cell(column)) {
            let valid = item.len() == 4 && item.bytes().all(|b| b.is_ascii_digit());
            match item.parse() {
                Ok(year) if valid => years.push(year),
                _ => self.fail(
                    column,
                    format!("{item:?} is not a year: expected years as four digits, e.g. 2024;2025"),
                ),
            }
        }
        years
    }

    /// A finite decimal number in the number format; `None` when empty.
    pub(super) fn decimal(&self, column: &str) -> Option<f64> {
        let text = self.cell(column);
        if text.is_empty() {
            return None;
        }
        let format = self.context.numbers;
        match format.decimal_text(text).and_then(|canonical| canonical.parse::<f64>().ok()) {
            Some(value) if value.is_finite() => Some(value),
            _ => {
                self.fail(
                    column,
                    format!(
                        "{text:?} is not a finite number: expected {column} as a decimal number, e.g. {}{}",
                        format.decimal_example(),
                        format.hint(text, false)
                    ),
                );
                None
            }
        }
    }

    /// A day as `YYYY-MM-DD`; `None` when the cell is empty.
    pub(super) fn optional_date(&self, column: &str) -> Option<Date> {
        match self.cell(column) {
            "" => None,
            text => {
                let date = parse_date(text);
                if date.is_none() {
                    self.fail(column, format!("{text:?} {}", date_expectation(column)));
                }
                date
            }
        }
    }

    /// A day as `YYYY-MM-DD`; the cell must not be empty.
    pub(super) fn date(&self, column: &str) -> Date {
        if self.cell(column).is_empty() {
            self.fail(column, format!("empty cell: expected {column} as YYYY-MM-DD"));
        }
        self.optional_date(column).unwrap_or(MIN_DATE)
    }

    /// `true`, `false`, `yes`, `no`, `y`, `n`, `1` or `0`, in any case.
    pub(super) fn flag(&self, column: &str) -> bool {
        let text = self.cell(column);
        read_flag(text).unwrap_or_else(|| {
            self.fail(
                column,
                format!("{text:?} is not a yes/no value: expected true, false, yes, no, y, n, 1 or 0"),
            );
            false
        })
    }

    /// Like [`Row::flag`]; an empty cell is `false`.
    pub(super) fn optional_flag(&self, column: &str) -> bool {
        !self.cell(column).is_empty() && self.flag(column)
    }

    /// Ranges of days `start..end` (or one day), `;`-separated.
    pub(super) fn date_ranges(&self, column: &str) -> Vec<DateRange> {
        let mut ranges = Vec::new();
        for item in items(self.cell(column)) {
            let (start, end) = item.split_once("..").unwrap_or((item, item));
            match (parse_date(start.trim()), parse_date(end.trim())) {
                (Some(start), Some(end)) => ranges.push(DateRange { start, end }),
                _ => self.fail(
                    column,
                    format!(
                        "{item:?} is not a range of days: expected start..end as YYYY-MM-DD..YYYY-MM-DD, e.g. 2026-12-20..2027-01-05"
                    ),
                ),
            }
        }
        ranges
    }

    /// A country as its ISO 3166-1 alpha-2 code, read from a code in any
    /// case, an alpha-3 code or an English name ([`find_country`]).
    pub(super) fn country(&self, column: &'static str) -> String {
        let Some(text) = self.nonempty(column, "a country, e.g. DE, DEU or Germany") else {
            return String::new();
        };
        match find_country(text) {
            Some(found) => {
                if !found.code.eq_ignore_ascii_case(text) {
                    self.map(column, text, found.code.as_str());
                }
                found.code.clone()
            }
            None if text.len() > MAX_LABEL_LEN => {
                self.fail(
                    column,
                    format!(
                        "country of {} bytes is too long: expected at most {MAX_LABEL_LEN} bytes",
                        text.len()
                    ),
                );
                String::new()
            }
            None => {
                self.fail(
                    column,
                    format!(
                        "unknown country {text:?}: expected an ISO 3166-1 code or English name, e.g. DE, DEU or Germany"
                    ),
                );
                String::new()
            }
        }
    }

    /// Languages as ISO 639-1 codes, from codes or English names separated
    /// by `;` or `,` ([`language`]).
    pub(super) fn languages(&self, column: &'static str) -> Vec<String> {
        let mut codes: Vec<String> = Vec::new();
        for item in self.cell(column).split([';', ',']).map(str::trim).filter(|item| !item.is_empty()) {
            match language(item) {
                Ok(code) => {
                    if !code.eq_ignore_ascii_case(item) {
                        self.map(column, item, code);
                    }
                    if !codes.iter().any(|known| known == code) {
                        codes.push(code.to_string());
                    }
                }
                Err(err @ LanguageError::TooLong { .. }) => self.fail(column, err.to_string()),
                Err(err) => self.fail(
                    column,
                    format!("{err}: expected ISO 639-1 codes or English names, e.g. de;en or German;English"),
                ),
            }
        }
        codes
    }

    /// One language as its ISO 639-1 code, from a code, a tag such as
    /// `pt_BR` or an English name ([`language`]); the cell must not be
    /// empty.
    pub(super) fn language(&self, column: &'static str) -> String {
        let Some(text) = self.nonempty(column, "a language, e.g. de or German") else {
            return String::new();
        };
        match language(text) {
            Ok(code) => {
                if !code.eq_ignore_ascii_case(text) {
                    self.map(column, text, code);
                }
                code.to_string()
            }
            Err(err @ LanguageError::TooLong { .. }) => {
                self.fail(column, err.to_string());
                String::new()
            }
            Err(err) => {
                self.fail(
                    column,
                    format!("{err}: expected one ISO 639-1 code or English name, e.g. de or German"),
                );
                String::new()
            }
        }
    }

    /// An industry: a user alias becomes its code; a code stays; a label
    /// the taxonomy resolves becomes its code; any other label stays, for
    /// validation to report with its suggestions.
    pub(super) fn industry(&self, column: &'static str) -> String {
        let Some(text) = self.nonempty(column, "a NAICS 2022 code such as 522110 or an industry title")
        else {
            return String::new();
        };
        if !self.context.industry_aliases.is_empty()
            && text.len() <= MAX_LABEL_LEN
            && let Some(code) = self.context.industry_aliases.get(&label_key(text))
        {
            self.map(column, text, with_title(code));
            return code.clone();
        }
        if naics().contains(text) {
            return text.to_string();
        }
        match naics().resolve(text) {
            Ok(resolution) => {
                self.map(column, text, with_title(&resolution.code));
                resolution.code
            }
            Err(_) => text.to_string(),
        }
    }
}

/// `5221 (Depository Credit Intermediation)`.
fn with_title(code: &str) -> String {
    match naics().get(code) {
        Some(industry) => format!("{code} ({})", industry.title),
        None => code.to_string(),
    }
}

/// The trimmed, non-empty `;`-separated items of a cell.
pub(super) fn items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|item| !item.is_empty())
}

fn vocabulary_message<T: Vocabulary>(found: &str, what: &str) -> String {
    if found.is_empty() {
        format!("empty cell: expected a {what}, one of {}", T::expected())
    } else {
        let hint =
            closest_value::<T>(found).map(|name| format!(" (did you mean {name:?}?)")).unwrap_or_default();
        format!("{found:?} is not a valid {what}: expected one of {}{hint}", T::expected())
    }
}

/// What a day cell must hold, after the cell's text in messages.
pub(crate) fn date_expectation(column: &str) -> String {
    format!("is not a date: expected {column} as YYYY-MM-DD, e.g. 2026-11-20")
}

/// Parses exactly `YYYY-MM-DD` naming a day that exists (validation
/// checks that it lies in the model's range).
pub(crate) fn parse_date(text: &str) -> Option<Date> {
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
