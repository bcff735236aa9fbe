//! CSV out: a library written back in the layout [`super`] documents, so
//! that reading the folder gives the same library.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::spec::Table;
use super::table::{csv_error, parse_date};
use crate::io::error::{Error, ErrorKind};
use crate::io::write_atomic;
use crate::model::{AccountFigure, EngagementHistory, Feedback, Library, Opportunity};
use crate::taxonomy::language;

/// The file opportunities and account figures go to: they have no table.
pub(super) const SALES_FILE: &str = "sales.json";

/// The contents of `sales.json`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Sales {
    #[serde(default)]
    pub(super) opportunities: Vec<Opportunity>,
    #[serde(default)]
    pub(super) account_figures: Vec<AccountFigure>,
}

/// The file a program's workflow history, feedback and hidden accounts go to: they
/// have no table.
pub(super) const PROGRAM_FILE: &str = "program.json";

/// The contents of `program.json`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ProgramFile {
    #[serde(default)]
    pub(super) history: Vec<EngagementHistory>,
    #[serde(default)]
    pub(super) hidden_accounts: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) feedback: Vec<Feedback>,
}

/// Writes `library` into the folder `dir` (which must exist) as
/// [`load_dir`](super::load_dir) reads it: every table of [`Table::ALL`]
/// (a header only when it has no rows), `policy.json`, `sales.json`
/// when the library has opportunities or account figures, and
/// `program.json` when it has engagement history, feedback or hidden accounts (a
/// program's [export](crate::ledger::Program::export)). Each file is
/// written atomically ([`write_atomic`]); the tables are checked before
/// any is written.
///
/// Reading the folder back gives an equal library. Values that CSV
/// cannot carry that way are refused rather than changed: text with
/// spaces at either end (cells are trimmed when read), an empty or padded
/// list item or one holding `;` (the item separator), an empty optional
/// text, a language that is not an ISO 639-1 code, a date or year outside
/// the years 1000 to 9999.
///
/// # Errors
///
/// [`ErrorKind::Csv`] naming the file, row and column of each value that
/// would not read back (all of them at once, as [`ErrorKind::Many`]);
/// [`ErrorKind::Io`] when a file cannot be written.
///
/// # Example
///
/// ```
/// use refmatch::Library;
/// use refmatch::io::csv::{load_dir, write_dir};
///
/// let dir = tempfile::tempdir()?;
/// write_dir(&Library::sample(), dir.path())?;
/// assert_eq!(load_dir(dir.path())?, Library::sample());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_dir(library: &Library, dir: impl AsRef<Path>) -> Result<(), Error> {
    let dir = dir.as_ref();
    let mut tables = Vec::new();
    let mut problems = Vec::new();
    for table in Table::ALL {
        let path = dir.join(table.file_name());
        let mut out = Out { path: &path, row: 1, rows: Vec::new(), problems: &mut problems };
        rows(library, table, &mut out);
        tables.push((path.clone(), out.rows));
    }
    if let Some(error) = Error::collect(Some(dir.to_path_buf()), problems, false) {
        return Err(error);
    }
    for (path, rows) in tables {
        let table = Table::ALL.into_iter().find(|t| path.ends_with(t.file_name())).unwrap_or(Table::Products);
        let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
        let header: Vec<&str> = columns(table).to_vec();
        let written = writer
            .write_record(&header)
            .and_then(|()| rows.iter().try_for_each(|row| writer.write_record(row)))
            .and_then(|()| writer.flush().map_err(::csv::Error::from));
        if let Err(err) = written {
            return Err(Error::new(Some(path), ErrorKind::Io(std::io::Error::other(err.to_string()))));
        }
        let bytes = writer.into_inner().map_err(|err| {
            Error::new(Some(path.clone()), ErrorKind::Io(std::io::Error::other(err.to_string())))
        })?;
        write_atomic(&path, &bytes)?;
    }
    let policy = serde_json::to_vec_pretty(library.policy()).map_err(|err| {
        Error::new(Some(dir.join("policy.json")), ErrorKind::Io(std::io::Error::other(err.to_string())))
    })?;
    write_atomic(dir.join("policy.json"), &policy)?;
    let sales = Sales {
        opportunities: library.opportunities().to_vec(),
        account_figures: library.account_figures().to_vec(),
    };
    if !sales.opportunities.is_empty() || !sales.account_figures.is_empty() {
        let path = dir.join(SALES_FILE);
        let bytes = serde_json::to_vec_pretty(&sales).map_err(|err| {
            Error::new(Some(path.clone()), ErrorKind::Io(std::io::Error::other(err.to_string())))
        })?;
        write_atomic(&path, &bytes)?;
    }
    let program = ProgramFile {
        history: library.data().history.clone(),
        hidden_accounts: library.data().hidden_accounts.clone(),
        feedback: library.data().feedback.clone(),
    };
    if !program.history.is_empty() || !program.hidden_accounts.is_empty() || !program.feedback.is_empty() {
        let path = dir.join(PROGRAM_FILE);
        let bytes = serde_json::to_vec_pretty(&program).map_err(|err| {
            Error::new(Some(path.clone()), ErrorKind::Io(std::io::Error::other(err.to_string())))
        })?;
        write_atomic(&path, &bytes)?;
    }
    Ok(())
}

/// The columns written: every column but the ones only reading knows
/// (first and last names, the opt-out flag).
fn columns(table: Table) -> Vec<&'static str> {
    table.columns().filter(|c| !matches!(*c, "first_name" | "last_name" | "opt_out")).collect()
}

/// The rows of one table being written, and the problems found.
struct Out<'a> {
    path: &'a Path,
    row: u64,
    rows: Vec<Vec<String>>,
    problems: &'a mut Vec<Error>,
}

impl Out<'_> {
    fn start(&mut self) {
        self.row += 1;
        self.rows.push(Vec::new());
    }

    fn push(&mut self, cell: String) {
        if let Some(row) = self.rows.last_mut() {
            row.push(cell);
        }
    }

    fn refuse(&mut self, column: &str, message: String) {
        self.problems.push(csv_error(self.path, self.row, Some(column), message));
    }

    /// Text that reads back as it is: no spaces at either end.
    fn text(&mut self, column: &str, text: &str) {
        if text.trim() != text {
            self.refuse(column, format!("{text:?} has spaces at an end: cells are trimmed when read"));
        }
        self.push(text.to_string());
    }

    /// An id: not empty, no spaces at either end.
    fn id(&mut self, column: &str, id: &str) {
        if id.is_empty() {
            self.refuse(column, "empty cell: expected an id".to_string());
        }
        self.text(column, id);
    }

    fn optional_text(&mut self, column: &str, text: Option<&str>) {
        match text {
            Some("") => {
                self.refuse(column, "empty text: it would read back as none".to_string());
                self.push(String::new());
            }
            Some(text) => self.text(column, text),
            None => self.push(String::new()),
        }
    }

    fn list<'s>(&mut self, column: &str, items: impl IntoIterator<Item = &'s str>) {
        let mut cell = Vec::new();
        for item in items {
            if item.is_empty() || item.trim() != item || item.contains(';') {
                self.refuse(
                    column,
                    format!("item {item:?} would not read back: expected no ';', no spaces at either end, not empty"),
                );
            }
            cell.push(item);
        }
        self.push(cell.join(";"));
    }

    fn date(&mut self, column: &str, date: Option<jiff::civil::Date>) {
        let text = date.map(|d| d.to_string()).unwrap_or_default();
        if date.is_some() && parse_date(&text).is_none() {
            self.refuse(
                column,
                format!("{text} would not read back: expected a date in the years 1000 to 9999"),
            );
        }
        self.push(text);
    }

    /// Refuses a language that does not read back as itself.
    fn check_language(&mut self, column: &str, code: &str) {
        if language(code).ok() != Some(code) {
            self.refuse(column, format!("{code:?} is not an ISO 639-1 code: it would not read back"));
        }
    }

    fn number(&mut self, value: Option<impl ToString>) {
        self.push(value.map(|v| v.to_string()).unwrap_or_default());
    }
}

fn rows(library: &Library, table: Table, out: &mut Out<'_>) {
    match table {
        Table::Products => {
            for p in library.products() {
                out.start();
                out.id("id", &p.id);
                out.text("name", &p.name);
                out.text("family", &p.family);
            }
        }
        Table::Accounts => {
            for a in library.accounts() {
                out.start();
                out.id("id", &a.id);
                out.text("name", &a.name);
                out.id("industry", &a.industry);
                out.number(Some(a.employees));
                out.id("country", &a.country);
                out.push(a.status.as_str().to_string());
                out.text("owner", &a.owner);
                out.id("owner_id", &a.owner_id);
                if a.advisory_board.iter().any(|y| !(1000..=9999).contains(y)) {
                    out.refuse(
                        "advisory_board",
                        "a year outside 1000 to 9999 would not read back".to_string(),
                    );
                }
                out.push(a.advisory_board.iter().map(i32::to_string).collect::<Vec<_>>().join(";"));
            }
        }
        Table::Advocates => {
            for a in library.advocates() {
                out.start();
                out.id("id", &a.id);
                out.id("account", &a.account);
                out.text("name", &a.name);
                out.text("title", &a.title);
                out.push(a.seniority.as_str().to_string());
                for code in &a.languages {
                    out.check_language("languages", code);
                }
                out.list("languages", a.languages.iter().map(String::as_str));
                out.push(a.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(";"));
                out.push(a.status.as_str().to_string());
                out.number(a.cap);
                out.number(a.window_days);
                out.number(a.rest_days);
                let ranges: Vec<String> =
                    a.blackouts.iter().map(|r| format!("{}..{}", r.start, r.end)).collect();
                for range in &a.blackouts {
                    out.date("blackouts", Some(range.start));
                    out.rows.last_mut().map(Vec::pop);
                    out.date("blackouts", Some(range.end));
                    out.rows.last_mut().map(Vec::pop);
                }
                out.push(ranges.join(";"));
            }
        }
        Table::Stories => {
            for s in library.stories() {
                out.start();
                out.id("id", &s.id);
                out.id("account", &s.account);
                out.text("title", &s.title);
                out.text("summary", &s.summary);
                out.list("products", s.products.iter().map(String::as_str));
                out.list("use_cases", s.use_cases.iter().map(String::as_str));
                out.list("advocates", s.advocates.iter().map(String::as_str));
                out.list("competitors", s.competitors.iter().map(String::as_str));
                out.date("verified_on", Some(s.verified_on));
                out.push(if s.approved { "yes" } else { "no" }.to_string());
                out.date("approved_until", s.approved_until);
            }
        }
        Table::Outcomes => {
            for s in library.stories() {
                for o in &s.outcomes {
                    out.start();
                    out.id("story", &s.id);
                    out.text("metric", &o.metric);
                    out.number(o.value);
                    out.text("unit", &o.unit);
                    out.text("description", &o.description);
                }
            }
        }
        Table::Assets => {
            for s in library.stories() {
                for a in &s.assets {
                    out.start();
                    out.id("story", &s.id);
                    out.push(a.kind.as_str().to_string());
                    out.id("location", &a.location);
                    out.date("approved_until", a.approved_until);
                }
            }
        }
        Table::Engagements => {
            for e in library.engagements() {
                out.start();
                out.id("id", &e.id);
                out.id("advocate", &e.advocate);
                out.id("story", &e.story);
                out.push(e.kind.as_str().to_string());
                out.date("date", Some(e.date));
                out.push(e.status.as_str().to_string());
                out.optional_text("prospect", e.prospect.as_deref());
            }
        }
        Table::Quotes => {
            for q in library.quotes() {
                out.start();
                out.id("id", &q.id);
                out.id("story", &q.story);
                out.id("advocate", &q.advocate);
                out.text("text", &q.text);
                out.check_language("language", &q.language);
                out.push(q.language.clone());
                out.date("approved_until", q.approved_until);
                out.push(q.channels.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(";"));
            }
        }
    }
}
