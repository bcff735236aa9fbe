//! The rules a [`JudgmentsData`] must satisfy to become
//! [`Judgments`](super::Judgments), checked in one pass that reports every
//! problem with its place: a JSON path, or a CSV row and column
//! ([`Origin`]).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::error::{Problem, ProblemKind};
use super::judgments::{Ask, JudgmentsData, Query, QueryData, Target};
use crate::model::limits::{MAX_COUNT, MAX_EMPLOYEES, MAX_LIST_LEN};
use crate::model::validate::ranges::{Len, count_out_of_range, date_out_of_range, too_long};
use crate::model::{Library, Prospect};
use crate::taxonomy::{country, naics};

/// A field of a query or judgment, by its JSON path and its CSV column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Field {
    json: &'static str,
    pub(crate) csv: &'static str,
}

macro_rules! fields {
    ($($name:ident => $json:literal, $csv:literal;)+) => {
        $(pub(crate) const $name: Field = Field { json: $json, csv: $csv };)+
    };
}

fields! {
    QUERY_ID => "id", "query";
    RANK => "rank", "rank";
    KIND => "kind", "kind";
    ASSET_KIND => "asset_kind", "asset_kind";
    DATE => "date", "date";
    LANGUAGES => "languages", "languages";
    MAX_PER_ACCOUNT => "max_per_account", "max_per_account";
    EXCLUDE_ACCOUNTS => "exclude_accounts", "exclude_accounts";
    INDUSTRY => "prospect.industry", "industry";
    EMPLOYEES => "prospect.employees", "employees";
    COUNTRY => "prospect.country", "country";
    PROSPECT_LANGUAGES => "prospect.languages", "prospect_languages";
    PRODUCTS => "prospect.products", "products";
    USE_CASES => "prospect.use_cases", "use_cases";
    SENIORITY => "prospect.seniority", "seniority";
    COMPETITOR => "prospect.competitor", "competitor";
    JUDGMENTS => "judgments", "grade";
    ID => "id", "id";
    GRADE => "grade", "grade";
    NOTE => "note", "note";
}

/// Where the records came from, to name the places of problems.
#[derive(Debug, Clone, Default)]
pub(crate) enum Origin {
    /// Built in code or read from JSON: places are JSON paths.
    #[default]
    Json,
    /// A JSON file.
    JsonFile(PathBuf),
    /// A CSV table: places are rows and columns.
    Csv(CsvOrigin),
}

/// The rows a CSV table's queries and judgments came from, and the cells
/// that did not parse (their problems are reported already; the checks
/// that depend on them are skipped).
#[derive(Debug, Clone, Default)]
pub(crate) struct CsvOrigin {
    pub(crate) path: Option<PathBuf>,
    /// Per query, its first row and the row of each judgment.
    pub(crate) rows: Vec<(u64, Vec<u64>)>,
    /// `(query, judgment, csv column)` of every cell that did not parse.
    pub(crate) broken: HashSet<(usize, Option<usize>, &'static str)>,
    /// The row after the last one, for a set without queries.
    pub(crate) end: u64,
}

impl Origin {
    pub(crate) fn path(&self) -> Option<PathBuf> {
        match self {
            Origin::Json => None,
            Origin::JsonFile(path) => Some(path.clone()),
            Origin::Csv(csv) => csv.path.clone(),
        }
    }

    /// The place of `field` of query `q` (of its judgment `j`), and of its
    /// list item `item`.
    fn place(&self, q: usize, j: Option<usize>, field: Field, item: Option<usize>) -> String {
        match self {
            Origin::Json | Origin::JsonFile(_) => {
                let item = item.map(|i| format!("[{i}]")).unwrap_or_default();
                match j {
                    Some(j) => format!("queries[{q}].judgments[{j}].{}{item}", field.json),
                    None => format!("queries[{q}].{}{item}", field.json),
                }
            }
            Origin::Csv(csv) => {
                let (first, rows) = &csv.rows[q];
                let row = j.and_then(|j| rows.get(j)).unwrap_or(first);
                format!("row {row}, column {:?}", field.csv)
            }
        }
    }

    fn broken(&self, q: usize, j: Option<usize>, field: Field) -> bool {
        match self {
            Origin::Csv(csv) => csv.broken.contains(&(q, j, field.csv)),
            Origin::Json | Origin::JsonFile(_) => false,
        }
    }
}

struct Report<'a> {
    origin: &'a Origin,
    problems: Vec<Problem>,
}

impl Report<'_> {
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        q: usize,
        query: &str,
        j: Option<usize>,
        id: Option<&str>,
        field: Field,
        item: Option<usize>,
        kind: ProblemKind,
        message: impl Into<String>,
    ) {
        self.problems.push(Problem {
            place: self.origin.place(q, j, field, item),
            query: query.to_string(),
            id: id.map(str::to_string),
            kind,
            message: message.into(),
        });
    }

    /// A problem of query `q` itself (not of one judgment).
    fn query(
        &mut self,
        q: usize,
        query: &str,
        field: Field,
        item: Option<usize>,
        kind: ProblemKind,
        message: String,
    ) {
        self.add(q, query, None, None, field, item, kind, message);
    }
}

/// Checks every rule; returns the checked queries, or every problem
/// (`found`, from reading, first).
pub(crate) fn validate(
    data: &JudgmentsData,
    library: &Library,
    origin: &Origin,
    found: Vec<Problem>,
) -> Result<Vec<Query>, Vec<Problem>> {
    let mut report = Report { origin, problems: found };
    if data.queries.is_empty() {
        let place = match origin {
            Origin::Csv(csv) => format!("row {}", csv.end),
            Origin::Json | Origin::JsonFile(_) => "queries".to_string(),
        };
        report.problems.push(Problem {
            place,
            query: String::new(),
            id: None,
            kind: ProblemKind::NoJudgments,
            message: "no queries: expected at least one judged query".into(),
        });
    }
    if data.queries.len() > MAX_COUNT {
        report.query(
            MAX_COUNT,
            &data.queries[MAX_COUNT].id,
            QUERY_ID,
            None,
            ProblemKind::OutOfRange,
            format!("{} queries: expected at most {MAX_COUNT}", data.queries.len()),
        );
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut queries = Vec::with_capacity(data.queries.len());
    for (q, query) in data.queries.iter().enumerate() {
        check_query_id(&mut report, q, &query.id);
        if !query.id.trim().is_empty() {
            if let Some(&first) = seen.get(query.id.as_str()) {
                let first = origin.place(first, None, QUERY_ID, None);
                report.query(
                    q,
                    &query.id,
                    QUERY_ID,
                    None,
                    ProblemKind::Duplicate,
                    format!("duplicate query id {:?}: first used at {first}", query.id),
                );
            } else {
                seen.insert(&query.id, q);
            }
        }
        let ask = check_request(&mut report, library, q, query);
        let prospect = check_prospect(&mut report, library, q, query);
        let judged = check_judgments(&mut report, library, q, query);
        if let (Some(ask), Some(prospect)) = (ask, prospect) {
            let grades = judged.iter().cloned().collect();
            queries.push(Query {
                id: query.id.clone(),
                prospect,
                ask,
                date: query.date,
                max_per_account: query.max_per_account.unwrap_or(1),
                exclude_accounts: query.exclude_accounts.clone(),
                judged,
                grades,
            });
        }
    }
    if report.problems.is_empty() { Ok(queries) } else { Err(report.problems) }
}

/// A query id: not blank, at most [`MAX_ID_LEN`](crate::model::limits::MAX_ID_LEN) bytes.
fn check_query_id(report: &mut Report<'_>, q: usize, id: &str) {
    if id.trim().is_empty() {
        report.query(
            q,
            id,
            QUERY_ID,
            None,
            ProblemKind::EmptyId,
            "empty query id: expected a non-empty id".into(),
        );
    } else if let Some(message) = too_long(Len::Id, id) {
        report.query(q, id, QUERY_ID, None, ProblemKind::OutOfRange, message);
    }
}

/// The request half of a query: what to rank, the date, the languages, the
/// per-account limit and the excluded accounts.
fn check_request(report: &mut Report<'_>, library: &Library, q: usize, query: &QueryData) -> Option<Ask> {
    let id = query.id.as_str();
    let origin = report.origin;
    let before = report.problems.len();
    if let Some(message) = date_out_of_range(query.date).filter(|_| !origin.broken(q, None, DATE)) {
        report.query(q, id, DATE, None, ProblemKind::OutOfRange, message);
    }
    let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let max = count(MAX_COUNT);
    if let Some(message) =
        query.max_per_account.and_then(|n| count_out_of_range("max_per_account", count(n), 1, max))
    {
        report.query(q, id, MAX_PER_ACCOUNT, None, ProblemKind::OutOfRange, message);
    }
    check_labels(report, q, id, LANGUAGES, &query.languages, "language");
    check_references(report, q, id, EXCLUDE_ACCOUNTS, &query.exclude_accounts, "account", |a| {
        library.account(a).is_some()
    });
    let ask = match query.rank {
        _ if origin.broken(q, None, RANK) => None,
        Target::Advocates => {
            if query.asset_kind.is_some() {
                report.query(
                    q,
                    id,
                    ASSET_KIND,
                    None,
                    ProblemKind::Malformed,
                    "an asset kind in a query ranking advocates: expected an engagement kind in kind only"
                        .into(),
                );
            }
            match query.kind {
                Some(kind) => Some(Ask::Advocates { kind, languages: query.languages.clone() }),
                None => {
                    if !origin.broken(q, None, KIND) {
                        report.query(
                            q,
                            id,
                            KIND,
                            None,
                            ProblemKind::Malformed,
                            "no engagement kind in a query ranking advocates: expected one such as reference_call"
                                .into(),
                        );
                    }
                    None
                }
            }
        }
        Target::Stories => {
            if query.kind.is_some() {
                report.query(
                    q,
                    id,
                    KIND,
                    None,
                    ProblemKind::Malformed,
                    "an engagement kind in a query ranking stories: expected an asset kind in asset_kind only"
                        .into(),
                );
            }
            if !query.languages.is_empty() {
                report.query(
                    q,
                    id,
                    LANGUAGES,
                    None,
                    ProblemKind::Malformed,
                    "languages in a query ranking stories: expected none, stories have no speaker".into(),
                );
            }
            match query.asset_kind {
                Some(asset_kind) => Some(Ask::Stories { asset_kind }),
                None => {
                    if !origin.broken(q, None, ASSET_KIND) {
                        report.query(
                            q,
                            id,
                            ASSET_KIND,
                            None,
                            ProblemKind::Malformed,
                            "no asset kind in a query ranking stories: expected one such as case_study"
                                .into(),
                        );
                    }
                    None
                }
            }
        }
    };
    ask.filter(|_| report.problems.len() == before)
}

/// The prospect, with its industry label resolved to a code, when the
/// engine will accept it.
fn check_prospect(
    report: &mut Report<'_>,
    library: &Library,
    q: usize,
    query: &QueryData,
) -> Option<Prospect> {
    let id = query.id.as_str();
    let before = report.problems.len();
    let mut prospect = query.prospect.clone();
    if let Some(industry) = &prospect.industry {
        if let Some(message) = too_long(Len::Label, industry) {
            report.query(q, id, INDUSTRY, None, ProblemKind::OutOfRange, message);
        } else {
            match naics().resolve(industry) {
                Ok(resolution) => prospect.industry = Some(resolution.code),
                Err(err) => report.query(
                    q,
                    id,
                    INDUSTRY,
                    None,
                    ProblemKind::UnknownReference,
                    format!("{err}: expected a NAICS 2022 code such as \"522110\" or an industry title"),
                ),
            }
        }
    }
    if let Some(message) =
        prospect.employees.and_then(|e| count_out_of_range("employees", e, 1, MAX_EMPLOYEES))
    {
        report.query(q, id, EMPLOYEES, None, ProblemKind::OutOfRange, message);
    }
    if let Some(code) = &prospect.country {
        if let Some(message) = too_long(Len::Label, code) {
            report.query(q, id, COUNTRY, None, ProblemKind::OutOfRange, message);
        } else if country(code).is_none() {
            report.query(
                q,
                id,
                COUNTRY,
                None,
                ProblemKind::UnknownReference,
                format!("unknown country code {code:?}: expected an ISO 3166-1 alpha-2 code such as \"DE\""),
            );
        }
    }
    check_labels(report, q, id, PROSPECT_LANGUAGES, &prospect.languages, "language");
    check_labels(report, q, id, USE_CASES, &prospect.use_cases, "use case");
    check_references(report, q, id, PRODUCTS, &prospect.products, "product", |p| {
        library.product(p).is_some()
    });
    if let Some(message) = prospect.competitor.as_deref().and_then(|c| too_long(Len::Label, c)) {
        report.query(q, id, COMPETITOR, None, ProblemKind::OutOfRange, message);
    }
    (report.problems.len() == before).then_some(prospect)
}

/// The judgments of a query, `(id, grade)` in file order.
fn check_judgments(
    report: &mut Report<'_>,
    library: &Library,
    q: usize,
    query: &QueryData,
) -> Vec<(String, u8)> {
    let origin = report.origin;
    let qid = query.id.as_str();
    if query.judgments.is_empty() {
        report.query(
            q,
            qid,
            JUDGMENTS,
            None,
            ProblemKind::NoJudgments,
            "no judgments: expected at least one graded advocate or story".into(),
        );
    }
    check_list_len(report, q, qid, JUDGMENTS, query.judgments.len());
    let target_known = !origin.broken(q, None, RANK);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut judged = Vec::with_capacity(query.judgments.len());
    // Whether every grade is known and in range, so that "none relevant"
    // is a fact and not a consequence of another problem.
    let mut grades_known = true;
    for (j, judgment) in query.judgments.iter().enumerate() {
        let jid = judgment.id.as_str();
        let item = query.rank.item();
        let add = |report: &mut Report<'_>, field, kind, message: String| {
            report.add(q, qid, Some(j), Some(jid), field, None, kind, message);
        };
        if jid.trim().is_empty() {
            add(report, ID, ProblemKind::EmptyId, format!("empty {item} id: expected a non-empty id"));
        } else if let Some(message) = too_long(Len::Id, jid) {
            add(report, ID, ProblemKind::OutOfRange, message);
        } else if target_known && !exists(library, query.rank, jid) {
            add(
                report,
                ID,
                ProblemKind::UnknownId,
                format!("unknown {item} id {jid:?}: expected the id of one of the library's {}", query.rank),
            );
        } else if let Some(&first) = seen.get(jid) {
            let first = origin.place(q, Some(first), ID, None);
            add(
                report,
                ID,
                ProblemKind::Duplicate,
                format!("{item} {jid:?} is judged twice: first at {first}"),
            );
        } else {
            seen.insert(jid, j);
        }
        let grade = match u8::try_from(judgment.grade) {
            _ if origin.broken(q, Some(j), GRADE) => {
                grades_known = false;
                None
            }
            Ok(grade) if grade <= 3 => Some(grade),
            _ => {
                grades_known = false;
                add(
                    report,
                    GRADE,
                    ProblemKind::GradeOutOfRange,
                    format!("grade {} is out of range: expected 0, 1, 2 or 3", judgment.grade),
                );
                None
            }
        };
        if let Some(message) = too_long(Len::Text, &judgment.note) {
            add(report, NOTE, ProblemKind::OutOfRange, message);
        }
        if let Some(grade) = grade {
            judged.push((judgment.id.clone(), grade));
        }
    }
    if grades_known && !judged.is_empty() && judged.iter().all(|&(_, grade)| grade == 0) {
        report.query(
            q,
            qid,
            JUDGMENTS,
            None,
            ProblemKind::NoJudgments,
            "every judgment has grade 0: expected at least one of grade 1 or more, or no ranking can score"
                .into(),
        );
    }
    judged
}

fn exists(library: &Library, target: Target, id: &str) -> bool {
    match target {
        Target::Advocates => library.advocate(id).is_some(),
        Target::Stories => library.story(id).is_some(),
    }
}

/// A list of labels: at most [`MAX_LIST_LEN`] items, each not blank and at
/// most [`MAX_LABEL_LEN`](crate::model::limits::MAX_LABEL_LEN) bytes.
fn check_labels(report: &mut Report<'_>, q: usize, id: &str, field: Field, labels: &[String], what: &str) {
    check_list_len(report, q, id, field, labels.len());
    for (i, label) in labels.iter().enumerate() {
        if label.trim().is_empty() {
            report.query(
                q,
                id,
                field,
                Some(i),
                ProblemKind::OutOfRange,
                format!("empty {what}: expected text"),
            );
        } else if let Some(message) = too_long(Len::Label, label) {
            report.query(q, id, field, Some(i), ProblemKind::OutOfRange, message);
        }
    }
}

/// A list of ids of the library's `what`s: at most [`MAX_LIST_LEN`], each
/// one that `exists`.
fn check_references(
    report: &mut Report<'_>,
    q: usize,
    id: &str,
    field: Field,
    ids: &[String],
    what: &str,
    exists: impl Fn(&str) -> bool,
) {
    check_list_len(report, q, id, field, ids.len());
    for (i, item) in ids.iter().enumerate().filter(|(_, item)| !exists(item)) {
        report.query(
            q,
            id,
            field,
            Some(i),
            ProblemKind::UnknownReference,
            format!("unknown {what} id {item:?}: expected the id of one of the library's {what}s"),
        );
    }
}

fn check_list_len(report: &mut Report<'_>, q: usize, id: &str, field: Field, len: usize) {
    if len > MAX_LIST_LEN {
        report.query(
            q,
            id,
            field,
            None,
            ProblemKind::OutOfRange,
            format!("{len} items: expected at most {MAX_LIST_LEN}"),
        );
    }
}
