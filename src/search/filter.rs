//! Filters checked against the library and compiled to tests on the rows
//! of [`Tables`]: each list becomes a table of booleans over the values it
//! can name, so a document is tested with a few look-ups.

use jiff::civil::Date;

use super::error::{QueryProblem, QueryProblemKind};
use super::parse::{FilterClause, FilterName};
use super::request::Filters;
use super::tables::{DocRow, Tables};
use crate::model::limits::{MAX_LIST_LEN, date_in_range};
use crate::model::{AssetKind, Library};
use crate::taxonomy::{SalesRegion, country, language_name, naics};

/// Filters ready to test documents: `None` keeps everything.
#[derive(Debug, Clone, Default)]
pub(crate) struct Compiled {
    /// Bit `r` for region `SalesRegion::ALL[r]`.
    regions: Option<u8>,
    countries: Option<Vec<bool>>,
    industries: Option<Vec<bool>>,
    products: Option<Vec<bool>>,
    /// Bit `k` for `AssetKind::ALL[k]`.
    kinds: Option<u8>,
    languages: Option<Vec<bool>>,
    approved_on: Option<Date>,
}

impl Compiled {
    /// Whether `doc` passes every filter.
    pub(crate) fn keeps(&self, tables: &Tables, doc: &DocRow) -> bool {
        let story = &tables.stories[doc.story as usize];
        if let Some(mask) = self.regions {
            let region = story.region.and_then(|r| SalesRegion::ALL.iter().position(|&x| x == r));
            if region.is_none_or(|r| mask & (1 << r) == 0) {
                return false;
            }
        }
        if self.countries.as_ref().is_some_and(|t| !t[story.country as usize])
            || self.industries.as_ref().is_some_and(|t| !t[story.industry as usize])
            || self.languages.as_ref().is_some_and(|t| !t[doc.language as usize])
        {
            return false;
        }
        if let Some(day) = self.approved_on
            && doc.usable_until < day
        {
            return false;
        }
        if let Some(wanted) = &self.products
            && !tables.products(story).iter().any(|&p| wanted[p as usize])
        {
            return false;
        }
        if let Some(mask) = self.kinds {
            let quote_bit = 1 << AssetKind::ALL.iter().position(|&k| k == AssetKind::Quote).unwrap_or(0);
            let is_quote = doc.quote.is_some() && mask & quote_bit != 0;
            let has_asset = story.assets_until.iter().enumerate().any(|(k, until)| {
                mask & (1 << k) != 0 && until.is_some_and(|u| self.approved_on.is_none_or(|day| day <= u))
            });
            if !is_quote && !has_asset {
                return false;
            }
        }
        true
    }
}

/// Where a filter value came from, for messages.
#[derive(Clone)]
enum Place {
    Column(usize),
    Field(String),
}

impl Place {
    fn problem(&self, kind: QueryProblemKind, message: String) -> QueryProblem {
        match self {
            Place::Column(column) => QueryProblem::at(*column, kind, message),
            Place::Field(field) => QueryProblem::in_field(field.clone(), kind, message),
        }
    }
}

/// Checks `filters` (the request's) against the library and compiles
/// them, adding a problem for each value that does not exist.
pub(crate) fn compile_request(
    library: &Library,
    tables: &Tables,
    filters: &Filters,
    problems: &mut Vec<QueryProblem>,
) -> Compiled {
    let field = |name: &str, values: &[String]| -> Vec<(String, Place)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (v.clone(), Place::Field(format!("filters.{name}[{i}]"))))
            .collect()
    };
    for (name, len) in [
        ("regions", filters.regions.len()),
        ("countries", filters.countries.len()),
        ("sectors", filters.sectors.len()),
        ("products", filters.products.len()),
        ("asset_kinds", filters.asset_kinds.len()),
        ("languages", filters.languages.len()),
    ] {
        if len > MAX_LIST_LEN {
            problems.push(QueryProblem::in_field(
                format!("filters.{name}"),
                QueryProblemKind::OutOfRange,
                format!("{len} values: expected at most {MAX_LIST_LEN}"),
            ));
            return Compiled::default();
        }
    }
    let mut compiled = Compiled::default();
    if !filters.regions.is_empty() {
        compiled.regions = Some(filters.regions.iter().fold(0, |mask, r| mask | region_bit(*r)));
    }
    if !filters.asset_kinds.is_empty() {
        compiled.kinds = Some(filters.asset_kinds.iter().fold(0, |mask, k| mask | kind_bit(*k)));
    }
    compile_lists(
        library,
        tables,
        &mut compiled,
        &field("countries", &filters.countries),
        &field("sectors", &filters.sectors),
        &field("products", &filters.products),
        &field("languages", &filters.languages),
        problems,
    );
    if let Some(day) = filters.approved_on {
        if date_in_range(day) {
            compiled.approved_on = Some(day);
        } else {
            problems.push(QueryProblem::in_field(
                "filters.approved_on",
                QueryProblemKind::OutOfRange,
                format!("date {day} is out of range: expected 1900-01-01 to 2199-12-31"),
            ));
        }
    }
    compiled
}

/// Checks the filters written in the query text and compiles them.
pub(crate) fn compile_clauses(
    library: &Library,
    tables: &Tables,
    clauses: &[FilterClause],
    problems: &mut Vec<QueryProblem>,
) -> Compiled {
    let mut compiled = Compiled::default();
    let of = |name: FilterName| -> Vec<(String, Place)> {
        clauses
            .iter()
            .filter(|c| c.name == name)
            .map(|c| (c.value.clone(), Place::Column(c.column)))
            .collect()
    };
    for clause in clauses {
        let (value, place) = (clause.value.as_str(), Place::Column(clause.column));
        match clause.name {
            FilterName::Region => match parse_region(value) {
                Some(region) => *compiled.regions.get_or_insert(0) |= region_bit(region),
                None => problems.push(place.problem(
                    QueryProblemKind::UnknownValue,
                    format!("unknown region `{}`: expected AMER, LATAM, EMEA or APAC", value),
                )),
            },
            FilterName::Kind => match AssetKind::parse(&value.to_lowercase()) {
                Some(kind) => *compiled.kinds.get_or_insert(0) |= kind_bit(kind),
                None => problems.push(place.problem(
                    QueryProblemKind::UnknownValue,
                    format!("unknown asset kind `{}`: expected one of {}", value, AssetKind::expected()),
                )),
            },
            FilterName::Approved => match value.parse::<Date>() {
                Ok(day) if date_in_range(day) => {
                    if compiled.approved_on.is_some_and(|d| d != day) {
                        problems.push(place.problem(
                            QueryProblemKind::Syntax,
                            "`approved:` is given twice with different days: expected one day".to_string(),
                        ));
                    }
                    compiled.approved_on = Some(day);
                }
                _ => problems.push(place.problem(
                    QueryProblemKind::OutOfRange,
                    format!(
                        "`{}` is not a day from 1900-01-01 to 2199-12-31: expected a date such as 2026-12-01",
                        value
                    ),
                )),
            },
            FilterName::Country | FilterName::Sector | FilterName::Product | FilterName::Language => {}
        }
    }
    compile_lists(
        library,
        tables,
        &mut compiled,
        &of(FilterName::Country),
        &of(FilterName::Sector),
        &of(FilterName::Product),
        &of(FilterName::Language),
        problems,
    );
    compiled
}

fn region_bit(region: SalesRegion) -> u8 {
    1 << SalesRegion::ALL.iter().position(|&r| r == region).unwrap_or(0)
}

fn kind_bit(kind: AssetKind) -> u8 {
    1 << AssetKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

/// A region by its name, ignoring case.
pub(crate) fn parse_region(text: &str) -> Option<SalesRegion> {
    SalesRegion::ALL.into_iter().find(|r| r.as_str().eq_ignore_ascii_case(text.trim()))
}

/// Whether industry `code` is `filter` or lies below it.
fn under(code: &str, filter: &str) -> bool {
    if filter.contains('-') {
        naics().sector(code).is_some_and(|s| s.code == filter)
    } else {
        code.starts_with(filter)
    }
}

#[allow(clippy::too_many_arguments)]
fn compile_lists(
    library: &Library,
    tables: &Tables,
    compiled: &mut Compiled,
    countries: &[(String, Place)],
    sectors: &[(String, Place)],
    products: &[(String, Place)],
    languages: &[(String, Place)],
    problems: &mut Vec<QueryProblem>,
) {
    if !countries.is_empty() {
        compiled.countries = Some(mark(
            &tables.countries,
            countries,
            |v| v.trim().to_uppercase(),
            |code| country(code).is_some(),
            |known, code| known == code,
            "an ISO 3166-1 alpha-2 code such as DE",
            "country code",
            problems,
        ));
    }
    if !sectors.is_empty() {
        compiled.industries = Some(mark(
            &tables.industries,
            sectors,
            |v| v.trim().to_string(),
            |code| naics().contains(code),
            under,
            "a NAICS 2022 code such as 52, 31-33 or 522110",
            "NAICS code",
            problems,
        ));
    }
    if !products.is_empty() {
        let mut table = vec![false; library.products().len()];
        for (value, place) in products {
            let wanted = value.trim();
            let found =
                library.products().iter().position(|p| p.id == wanted || p.name.eq_ignore_ascii_case(wanted));
            match found {
                Some(p) => table[p] = true,
                None => problems.push(place.problem(
                    QueryProblemKind::UnknownValue,
                    format!("unknown product `{value}`: expected a product id or name of the library"),
                )),
            }
        }
        compiled.products = Some(table);
    }
    if !languages.is_empty() {
        compiled.languages = Some(mark(
            &tables.languages,
            languages,
            |v| v.trim().to_lowercase(),
            |code| language_name(code).is_some(),
            |known, code| known == code,
            "an ISO 639-1 code such as de",
            "language code",
            problems,
        ));
    }
}

/// A table over the `known` values of one column, true where a known value
/// `matches` one of the `given` ones (each normalized first); a given value
/// that does not `exist` is a problem naming it.
#[allow(clippy::too_many_arguments)]
fn mark(
    known: &[String],
    given: &[(String, Place)],
    normalize: impl Fn(&str) -> String,
    exists: impl Fn(&str) -> bool,
    matches: impl Fn(&str, &str) -> bool,
    expected: &str,
    what: &str,
    problems: &mut Vec<QueryProblem>,
) -> Vec<bool> {
    let mut table = vec![false; known.len()];
    for (value, place) in given {
        let code = normalize(value);
        if !exists(&code) {
            problems.push(place.problem(
                QueryProblemKind::UnknownValue,
                format!("unknown {what} `{value}`: expected {expected}"),
            ));
        }
        for (t, k) in table.iter_mut().zip(known) {
            *t |= matches(k, &code);
        }
    }
    table
}
