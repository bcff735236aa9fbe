//! Judgment sets as one CSV table, a row per judgment: read with
//! [`Judgments::from_csv_reader`] and [`Judgments::load_csv`], written with
//! [`Judgments::to_csv_string`]. The cells follow the conventions of
//! [`crate::io::csv`] (lists split on `;`, days `YYYY-MM-DD`, vocabularies
//! by their snake_case names), whose table reader this uses.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::str::FromStr;

use jiff::civil::Date;

use super::error::{JudgmentsError, Problem, ProblemKind};
use super::judgments::{JudgmentData, Judgments, JudgmentsData, QueryData, Target};
use super::validate::{
    ASSET_KIND, COMPETITOR, COUNTRY, CsvOrigin, DATE, EMPLOYEES, EXCLUDE_ACCOUNTS, Field, GRADE, ID,
    INDUSTRY, KIND, LANGUAGES, MAX_PER_ACCOUNT, NOTE, Origin, PRODUCTS, PROSPECT_LANGUAGES, QUERY_ID, RANK,
    SENIORITY, USE_CASES,
};
use crate::io::csv::spec::{Column, Need, Spec, column};
use crate::io::csv::table::{Row, date_expectation, parse_date, read_outside_import};
use crate::io::{Error, ErrorKind};
use crate::model::limits::MIN_DATE;
use crate::model::{AssetKind, EngagementKind, Library, Prospect, Seniority, UnknownName};

use Need::{Optional, Required};

/// The columns a query's first row gives; later rows leave them empty or
/// repeat them.
const QUERY_COLUMNS: [Field; 15] = [
    RANK,
    KIND,
    ASSET_KIND,
    DATE,
    LANGUAGES,
    MAX_PER_ACCOUNT,
    EXCLUDE_ACCOUNTS,
    INDUSTRY,
    EMPLOYEES,
    COUNTRY,
    PROSPECT_LANGUAGES,
    PRODUCTS,
    USE_CASES,
    SENIORITY,
    COMPETITOR,
];

/// The table's columns, in the order [`Judgments::to_csv_string`] writes
/// them; no other header names.
const COLUMNS: &[Column] = &[
    column("query", Required, &[]),
    column("rank", Required, &[]),
    column("kind", Optional, &[]),
    column("asset_kind", Optional, &[]),
    column("date", Required, &[]),
    column("languages", Optional, &[]),
    column("max_per_account", Optional, &[]),
    column("exclude_accounts", Optional, &[]),
    column("industry", Optional, &[]),
    column("employees", Optional, &[]),
    column("country", Optional, &[]),
    column("prospect_languages", Optional, &[]),
    column("products", Optional, &[]),
    column("use_cases", Optional, &[]),
    column("seniority", Optional, &[]),
    column("competitor", Optional, &[]),
    column("id", Required, &[]),
    column("grade", Required, &[]),
    column("note", Optional, &[]),
];

const TABLE: Spec = Spec::outside_import(COLUMNS);

impl Judgments {
    /// Reads a judgments CSV table (a row per judgment, columns in
    /// [`crate::eval`]) from `reader` and checks it against `library`.
    /// `name` is used in messages only, usually the file name.
    ///
    /// Every cell that does not parse is a problem of its own, reported
    /// with the checks' problems at once.
    ///
    /// # Errors
    ///
    /// [`JudgmentsError::Read`] naming `name`, the row and the column when
    /// the header is wrong (an unknown, missing or repeated column), a row
    /// has the wrong number of fields or is not UTF-8, or `reader` fails,
    /// with every such problem at once;
    /// [`JudgmentsError::Invalid`] with every problem otherwise, each
    /// naming its row and column.
    pub fn from_csv_reader(
        name: impl AsRef<Path>,
        reader: impl Read,
        library: &Library,
    ) -> Result<Judgments, JudgmentsError> {
        read(name.as_ref(), reader, library)
    }

    /// Reads a judgments CSV file and checks it against `library`.
    ///
    /// # Errors
    ///
    /// [`JudgmentsError::Read`] naming the file when it cannot be opened,
    /// otherwise as [`Judgments::from_csv_reader`].
    pub fn load_csv(path: impl AsRef<Path>, library: &Library) -> Result<Judgments, JudgmentsError> {
        let path = path.as_ref();
        let file = std::fs::File::open(path)
            .map_err(|err| Error::new(Some(path.to_path_buf()), ErrorKind::Io(err)))?;
        read(path, file, library)
    }

    /// The judgments as a CSV table, the format
    /// [`Judgments::from_csv_reader`] reads: every column in the header,
    /// a query's columns on its first row only.
    pub fn to_csv_string(&self) -> String {
        let mut out = ::csv::Writer::from_writer(Vec::new());
        // Writing to memory cannot fail.
        out.write_record(TABLE.names()).expect("writes to memory");
        for query in &self.data().queries {
            for (j, judgment) in query.judgments.iter().enumerate() {
                let first = j == 0;
                let q = |cell: String| if first { cell } else { String::new() };
                let p = &query.prospect;
                out.write_record([
                    query.id.clone(),
                    q(query.rank.to_string()),
                    q(query.kind.map(|k| k.to_string()).unwrap_or_default()),
                    q(query.asset_kind.map(|k| k.to_string()).unwrap_or_default()),
                    q(query.date.to_string()),
                    q(query.languages.join(";")),
                    q(query.max_per_account.map(|n| n.to_string()).unwrap_or_default()),
                    q(query.exclude_accounts.join(";")),
                    q(p.industry.clone().unwrap_or_default()),
                    q(p.employees.map(|n| n.to_string()).unwrap_or_default()),
                    q(p.country.clone().unwrap_or_default()),
                    q(p.languages.join(";")),
                    q(p.products.join(";")),
                    q(p.use_cases.join(";")),
                    q(p.seniority.map(|s| s.to_string()).unwrap_or_default()),
                    q(p.competitor.clone().unwrap_or_default()),
                    judgment.id.clone(),
                    judgment.grade.to_string(),
                    judgment.note.clone(),
                ])
                .expect("writes to memory");
            }
        }
        let bytes = out.into_inner().expect("writes to memory");
        String::from_utf8(bytes).expect("the cells are UTF-8")
    }
}

/// What reading has found so far.
#[derive(Default)]
struct Reading {
    data: JudgmentsData,
    origin: CsvOrigin,
    /// Per query, its query columns' items as its first row gives them.
    firsts: Vec<Vec<Vec<String>>>,
    by_id: HashMap<String, usize>,
    problems: Vec<Problem>,
}

impl Reading {
    /// The value of a cell that parsed, or `placeholder` after recording
    /// the problem (the cell's message) and marking the cell broken (the
    /// checks that depend on it are then skipped).
    fn take<T>(
        &mut self,
        row: &Row<'_>,
        (q, j): (usize, Option<usize>),
        field: Field,
        parsed: Result<T, String>,
        placeholder: T,
    ) -> T {
        parsed.unwrap_or_else(|message| {
            let query = &self.data.queries[q];
            self.problems.push(Problem {
                place: place(row, field),
                query: query.id.clone(),
                id: j.map(|j| query.judgments[j].id.clone()),
                kind: if field == GRADE { ProblemKind::GradeOutOfRange } else { ProblemKind::Malformed },
                message,
            });
            self.origin.broken.insert((q, j, field.csv));
            placeholder
        })
    }

    fn row(&mut self, row: &Row<'_>) {
        let qid = row.cell(QUERY_ID.csv);
        if qid.is_empty() {
            self.problems.push(Problem {
                place: place(row, QUERY_ID),
                query: String::new(),
                id: Some(row.text(ID.csv)).filter(|id| !id.is_empty()),
                kind: ProblemKind::EmptyId,
                message: "empty cell: expected the id of the query the row judges".into(),
            });
            return;
        }
        let q = match self.by_id.get(qid) {
            Some(&q) => {
                self.check_repeated(row, q);
                q
            }
            None => self.first_row(row, qid),
        };
        let query = &mut self.data.queries[q];
        let j = query.judgments.len();
        query.judgments.push(JudgmentData { id: row.text(ID.csv), grade: 0, note: row.text(NOTE.csv) });
        self.origin.rows[q].1.push(row.number());
        self.data.queries[q].judgments[j].grade = self.take(row, (q, Some(j)), GRADE, grade(row), 0);
    }

    /// Starts query `qid` from its first row.
    fn first_row(&mut self, row: &Row<'_>, qid: &str) -> usize {
        let q = self.data.queries.len();
        self.by_id.insert(qid.to_string(), q);
        self.origin.rows.push((row.number(), Vec::new()));
        self.firsts.push(QUERY_COLUMNS.iter().map(|field| row.list(field.csv)).collect());
        self.data.queries.push(QueryData {
            id: qid.to_string(),
            prospect: Prospect::default(),
            rank: Target::Advocates,
            kind: None,
            asset_kind: None,
            date: MIN_DATE,
            languages: row.list(LANGUAGES.csv),
            max_per_account: None,
            exclude_accounts: row.list(EXCLUDE_ACCOUNTS.csv),
            judgments: Vec::new(),
        });
        let at = (q, None);
        let rank = self.take(row, at, RANK, choice(row, RANK), Target::Advocates);
        let kind = self.take(row, at, KIND, optional(row, KIND, choice::<EngagementKind>), None);
        let asset_kind = self.take(row, at, ASSET_KIND, optional(row, ASSET_KIND, choice::<AssetKind>), None);
        let date: Date = self.take(row, at, DATE, date(row), MIN_DATE);
        let max_per_account = self.take(row, at, MAX_PER_ACCOUNT, whole(row, MAX_PER_ACCOUNT, "1"), None);
        let employees = self.take(row, at, EMPLOYEES, whole(row, EMPLOYEES, "3000"), None);
        let seniority = self.take(row, at, SENIORITY, optional(row, SENIORITY, choice::<Seniority>), None);
        let query = &mut self.data.queries[q];
        query.rank = rank;
        query.kind = kind;
        query.asset_kind = asset_kind;
        query.date = date;
        // A count beyond usize is out of range either way.
        query.max_per_account = max_per_account.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
        query.prospect = Prospect {
            industry: row.optional_text(INDUSTRY.csv),
            employees,
            country: row.optional_text(COUNTRY.csv),
            languages: row.list(PROSPECT_LANGUAGES.csv),
            products: row.list(PRODUCTS.csv),
            use_cases: row.list(USE_CASES.csv),
            seniority,
            competitor: row.optional_text(COMPETITOR.csv),
            text: None,
        };
        q
    }

    /// A later row of query `q`: each query column empty or as on the
    /// query's first row.
    fn check_repeated(&mut self, row: &Row<'_>, q: usize) {
        let first_row = self.origin.rows[q].0;
        for (field, first) in QUERY_COLUMNS.iter().zip(&self.firsts[q]) {
            let here = row.list(field.csv);
            if !here.is_empty() && here != *first {
                self.problems.push(Problem {
                    place: place(row, *field),
                    query: self.data.queries[q].id.clone(),
                    id: Some(row.text(ID.csv)).filter(|id| !id.is_empty()),
                    kind: ProblemKind::Malformed,
                    message: format!(
                        "{:?} differs from {:?} on the query's first row {first_row}: expected the same value or an empty cell",
                        here.join(";"),
                        first.join(";")
                    ),
                });
            }
        }
    }
}

fn read(path: &Path, reader: impl Read, library: &Library) -> Result<Judgments, JudgmentsError> {
    let mut reading = Reading::default();
    reading.origin.path = Some(path.to_path_buf());
    let mut last = 1;
    // A header or row the reader refuses fails the read, whatever the
    // rows' cells gave.
    read_outside_import(path, &TABLE, reader, |row| {
        last = row.number();
        reading.row(row);
    })?;
    let Reading { data, mut origin, problems, .. } = reading;
    origin.end = last + 1;
    Judgments::checked(data, library, &Origin::Csv(origin), problems)
}

/// A cell's place in problems: `row 4, column "grade"`.
fn place(row: &Row<'_>, field: Field) -> String {
    format!("row {}, column {:?}", row.number(), field.csv)
}

/// `parse` of an optional cell: `None` when empty.
fn optional<T>(
    row: &Row<'_>,
    field: Field,
    parse: impl Fn(&Row<'_>, Field) -> Result<T, String>,
) -> Result<Option<T>, String> {
    if row.cell(field.csv).is_empty() { Ok(None) } else { parse(row, field).map(Some) }
}

/// One value of a closed vocabulary, by its name ([`FromStr`]).
fn choice<T: FromStr<Err = UnknownName>>(row: &Row<'_>, field: Field) -> Result<T, String> {
    let text = row.cell(field.csv);
    text.parse().map_err(|err: UnknownName| {
        let column = field.csv;
        if text.is_empty() {
            format!("empty cell: expected a {column}, one of {}", err.expected)
        } else {
            format!("{text:?} is not a valid {column}: expected one of {}", err.expected)
        }
    })
}

/// A day as `YYYY-MM-DD`; the cell must not be empty.
fn date(row: &Row<'_>) -> Result<Date, String> {
    let column = DATE.csv;
    match row.cell(column) {
        "" => Err(format!("empty cell: expected {column} as YYYY-MM-DD")),
        text => parse_date(text).ok_or_else(|| format!("{text:?} {}", date_expectation(column))),
    }
}

/// A whole number written as digits; `None` when the cell is empty.
fn whole(row: &Row<'_>, field: Field, example: &str) -> Result<Option<u64>, String> {
    let (column, text) = (field.csv, row.cell(field.csv));
    if text.is_empty() {
        return Ok(None);
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{text:?} is not a whole number: expected {column} as digits, e.g. {example}"));
    }
    text.parse()
        .map(Some)
        .map_err(|_| format!("{text:?} is too large: expected {column} of at most {}", u64::MAX))
}

/// A grade cell: any whole number (the checks refuse those outside 0-3).
fn grade(row: &Row<'_>) -> Result<i64, String> {
    let text = row.cell(GRADE.csv);
    text.parse::<i64>().map_err(|_| {
        let found =
            if text.is_empty() { "empty cell".to_string() } else { format!("{text:?} is not a grade") };
        format!("{found}: expected 0, 1, 2 or 3")
    })
}
