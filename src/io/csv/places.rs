//! Where an imported record came from, and validation's problems told in
//! files, rows and columns instead of places in the library
//! (`advocates.csv: row 5, column "account"` for `advocates[3].account`).

use std::collections::HashSet;
use std::path::PathBuf;

use super::header::Header;
use super::spec::{Spec, Table};
use crate::io::error::{Error, ErrorKind};
use crate::model::{LibraryData, Problem, ProblemKind};

/// The file (an index into the import's tables) and row of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Origin {
    pub(super) file: usize,
    pub(super) row: u64,
}

/// A table the import read: its file, layout and header.
#[derive(Debug)]
pub(super) struct TableFile {
    pub(super) path: PathBuf,
    pub(super) table: Table,
    pub(super) header: Header,
    pub(super) rows: u64,
}

/// The origin of every record, parallel to the sections of the data.
#[derive(Debug, Default)]
pub(super) struct Origins {
    pub(super) products: Vec<Origin>,
    pub(super) accounts: Vec<Origin>,
    pub(super) advocates: Vec<Origin>,
    pub(super) stories: Vec<Origin>,
    pub(super) engagements: Vec<Origin>,
    pub(super) quotes: Vec<Origin>,
    /// Per story (by index), the origins of its outcomes and assets.
    pub(super) outcomes: Vec<Vec<Origin>>,
    pub(super) assets: Vec<Vec<Origin>>,
}

impl Origins {
    pub(super) fn of(&self, table: Table) -> &Vec<Origin> {
        match table {
            Table::Products => &self.products,
            Table::Accounts => &self.accounts,
            Table::Advocates => &self.advocates,
            Table::Stories | Table::Outcomes | Table::Assets => &self.stories,
            Table::Engagements => &self.engagements,
            Table::Quotes => &self.quotes,
        }
    }
}

/// Ids of rows that could not be read, per table: a reference to one of
/// them is not reported again as unknown.
#[derive(Debug, Default)]
pub(super) struct Broken {
    products: HashSet<String>,
    accounts: HashSet<String>,
    advocates: HashSet<String>,
    stories: HashSet<String>,
    /// Tables that could not be read at all (a bad header, a missing
    /// file): any id of theirs may have been there.
    tables: HashSet<Table>,
}

impl Broken {
    pub(super) fn add(&mut self, table: Table, id: &str) {
        let set = match table {
            Table::Products => &mut self.products,
            Table::Accounts => &mut self.accounts,
            Table::Advocates => &mut self.advocates,
            Table::Stories => &mut self.stories,
            _ => return,
        };
        if !id.is_empty() {
            set.insert(id.to_string());
        }
    }

    /// Notes that a whole table could not be read.
    pub(super) fn add_table(&mut self, table: Table) {
        self.tables.insert(table);
    }

    /// Whether `id` may be the id of an unreadable row of `table`.
    pub(super) fn contains(&self, table: Table, id: &str) -> bool {
        let set = match table {
            Table::Products => &self.products,
            Table::Accounts => &self.accounts,
            Table::Advocates => &self.advocates,
            Table::Stories => &self.stories,
            _ => return false,
        };
        self.tables.contains(&table) || set.contains(id)
    }

    fn is_empty(&self) -> bool {
        self.tables.is_empty()
            && self.products.is_empty()
            && self.accounts.is_empty()
            && self.advocates.is_empty()
            && self.stories.is_empty()
    }

    /// The places of references to broken rows: validation would call them
    /// unknown, but the row is there, only unreadable, and reported so.
    pub(super) fn consequences(&self, data: &LibraryData) -> HashSet<String> {
        let mut places = HashSet::new();
        if self.is_empty() {
            return places;
        }
        for (i, advocate) in data.advocates.iter().enumerate() {
            if self.contains(Table::Accounts, &advocate.account) {
                places.insert(format!("advocates[{i}].account"));
            }
        }
        for (i, story) in data.stories.iter().enumerate() {
            if self.contains(Table::Accounts, &story.account) {
                places.insert(format!("stories[{i}].account"));
            }
            for (j, product) in story.products.iter().enumerate() {
                if self.contains(Table::Products, product) {
                    places.insert(format!("stories[{i}].products[{j}]"));
                }
            }
            for (j, advocate) in story.advocates.iter().enumerate() {
                if self.contains(Table::Advocates, advocate) {
                    places.insert(format!("stories[{i}].advocates[{j}]"));
                }
            }
        }
        for (i, engagement) in data.engagements.iter().enumerate() {
            if self.contains(Table::Advocates, &engagement.advocate) {
                places.insert(format!("engagements[{i}].advocate"));
            }
            if self.contains(Table::Stories, &engagement.story) {
                places.insert(format!("engagements[{i}].story"));
            }
        }
        for (i, quote) in data.quotes.iter().enumerate() {
            if self.contains(Table::Stories, &quote.story) {
                places.insert(format!("quotes[{i}].story"));
            }
            if self.contains(Table::Advocates, &quote.advocate) {
                places.insert(format!("quotes[{i}].advocate"));
            }
        }
        places
    }
}

/// A place split at its first index: `advocates[3].account` is
/// (`advocates`, 3, `account`), `stories[2].outcomes[1].value` is
/// (`stories`, 2, `outcomes[1].value`).
fn split_place(place: &str) -> Option<(&str, usize, &str)> {
    let (section, rest) = place.split_once('[')?;
    let (index, rest) = rest.split_once(']')?;
    let index = index.parse().ok()?;
    Some((section, index, rest.strip_prefix('.').unwrap_or(rest)))
}

/// The table whose rows are the records of a section of the library.
fn record_table(section: &str) -> Option<Table> {
    [Table::Products, Table::Accounts, Table::Advocates, Table::Stories, Table::Engagements, Table::Quotes]
        .into_iter()
        .find(|table| table.section() == section)
}

/// The field a rest of a place names: `account`, `languages` for
/// `languages[1]`.
fn field_of(rest: &str) -> &str {
    rest.split(['.', '[']).next().unwrap_or("")
}

/// Tells validation's problems in files and rows.
pub(super) struct Placer<'a> {
    pub(super) files: &'a [TableFile],
    pub(super) origins: &'a Origins,
    /// Where problems that belong to no row go: `policy.json` for the
    /// policy's, the folder (or nothing) for the rest.
    pub(super) policy_path: Option<PathBuf>,
    /// Where opportunities and account figures came from (`sales.json`).
    pub(super) sales_path: Option<PathBuf>,
    /// Where engagement history and hidden accounts came from
    /// (`program.json`).
    pub(super) program_path: Option<PathBuf>,
    pub(super) fallback: Option<PathBuf>,
}

impl Placer<'_> {
    /// The problem as an error naming its file, row and column, when the
    /// record came from a table.
    pub(super) fn place(&self, problem: Problem) -> Error {
        match self.locate(&problem.place) {
            Some((origin, spec, field)) => {
                let file = &self.files[origin.file];
                let column = spec.position(field).map(|i| file.header.name_of(spec, i).to_string());
                let mut problem = problem;
                if problem.kind == ProblemKind::DuplicateId {
                    problem.message = self.first_use(&problem.message, origin.file);
                }
                Error::new(
                    Some(file.path.clone()),
                    ErrorKind::Rule { row: Some(origin.row), column, problem },
                )
            }
            None => {
                let own = if problem.place.starts_with("policy") {
                    self.policy_path.clone()
                } else if problem.place.starts_with("opportunities")
                    || problem.place.starts_with("account_figures")
                {
                    self.sales_path.clone()
                } else if ["history", "feedback", "hidden_accounts"]
                    .iter()
                    .any(|s| problem.place.starts_with(s))
                {
                    self.program_path.clone()
                } else {
                    None
                };
                let path = own.or_else(|| self.fallback.clone());
                Error::new(path, ErrorKind::Rule { row: None, column: None, problem })
            }
        }
    }

    /// The origin, layout and field of the record a place is in.
    fn locate<'p>(&self, place: &'p str) -> Option<(Origin, &'static Spec, &'p str)> {
        let (section, index, rest) = split_place(place)?;
        let table = record_table(section)?;
        let origin = *self.origins.of(table).get(index)?;
        let field = field_of(rest);
        let attached = match field {
            "outcomes" if table == Table::Stories => Some((&self.origins.outcomes, Table::Outcomes)),
            "assets" if table == Table::Stories => Some((&self.origins.assets, Table::Assets)),
            _ => None,
        };
        if let Some((lists, kind)) = attached {
            let (_, j, inner) = split_place(rest)?;
            let origin = *lists.get(index)?.get(j)?;
            return Some((origin, kind.spec(), field_of(inner)));
        }
        Some((origin, table.spec(), field))
    }

    /// "first used at accounts[0]" told as "first used in row 2" (or "in
    /// accounts-2.csv row 2" when that row is in another file).
    fn first_use(&self, message: &str, file: usize) -> String {
        let Some((head, place)) = message.rsplit_once(": first used at ") else { return message.to_string() };
        let Some((section, index, _)) = split_place(place) else { return message.to_string() };
        let Some(table) = record_table(section) else { return message.to_string() };
        let Some(first) = self.origins.of(table).get(index) else { return message.to_string() };
        if first.file == file {
            format!("{head}: first used in row {}", first.row)
        } else {
            let name = self.files[first.file].path.display();
            format!("{head}: first used in {name} row {}", first.row)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_split() {
        assert_eq!(split_place("advocates[3].account"), Some(("advocates", 3, "account")));
        assert_eq!(split_place("stories[2].outcomes[1].value"), Some(("stories", 2, "outcomes[1].value")));
        assert_eq!(split_place("accounts[0]"), Some(("accounts", 0, "")));
        assert_eq!(split_place("policy.cap"), None);
        assert_eq!(field_of("languages[1]"), "languages");
        assert_eq!(field_of("outcomes[1].value"), "outcomes");
    }
}
