//! The tables an import reads and the columns of each, with the header
//! names CRM reports give them. The module docs of [`super`] describe the
//! same layouts for users; keep the two in step. A table read outside the
//! import has a spec of its own ([`Spec::outside_import`]).

use std::fmt;

/// One of the tables a CSV import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// `products.csv`.
    Products,
    /// `accounts.csv`.
    Accounts,
    /// `advocates.csv`.
    Advocates,
    /// `stories.csv`.
    Stories,
    /// `outcomes.csv`.
    Outcomes,
    /// `assets.csv`.
    Assets,
    /// `engagements.csv`.
    Engagements,
    /// `quotes.csv`.
    Quotes,
}

impl Table {
    /// Every table, in the order [`load_dir`](super::load_dir) reads them.
    pub const ALL: [Table; 8] = [
        Table::Products,
        Table::Accounts,
        Table::Advocates,
        Table::Stories,
        Table::Outcomes,
        Table::Assets,
        Table::Engagements,
        Table::Quotes,
    ];

    /// The table's file name in a folder, e.g. `accounts.csv`.
    pub fn file_name(self) -> &'static str {
        match self {
            Table::Products => "products.csv",
            Table::Accounts => "accounts.csv",
            Table::Advocates => "advocates.csv",
            Table::Stories => "stories.csv",
            Table::Outcomes => "outcomes.csv",
            Table::Assets => "assets.csv",
            Table::Engagements => "engagements.csv",
            Table::Quotes => "quotes.csv",
        }
    }

    /// Whether [`load_dir`](super::load_dir) needs the file.
    pub fn is_required(self) -> bool {
        matches!(self, Table::Accounts | Table::Advocates | Table::Stories)
    }

    /// The table's columns, as the crate names them (`window_days`), in
    /// the order the docs list them.
    pub fn columns(self) -> impl Iterator<Item = &'static str> {
        self.spec().names()
    }

    pub(super) fn spec(self) -> &'static Spec {
        match self {
            Table::Products => &PRODUCTS,
            Table::Accounts => &ACCOUNTS,
            Table::Advocates => &ADVOCATES,
            Table::Stories => &STORIES,
            Table::Outcomes => &OUTCOMES,
            Table::Assets => &ASSETS,
            Table::Engagements => &ENGAGEMENTS,
            Table::Quotes => &QUOTES,
        }
    }

    /// The section of [`LibraryData`](crate::LibraryData) the table's
    /// records go to, as validation names places (`advocates[3]`); outcomes
    /// and assets go into their stories.
    pub(super) fn section(self) -> &'static str {
        match self {
            Table::Products => "products",
            Table::Accounts => "accounts",
            Table::Advocates => "advocates",
            Table::Stories => "stories",
            Table::Outcomes => "outcomes",
            Table::Assets => "assets",
            Table::Engagements => "engagements",
            Table::Quotes => "quotes",
        }
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file_name())
    }
}

/// Whether a column must appear in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// The header must name the column.
    Required,
    /// The header must name the column or one of these.
    RequiredUnless(&'static [&'static str]),
    /// The column may be left out; its cells then read as empty.
    Optional,
}

/// One column: the crate's name, whether it is needed, and the other
/// header names CRM reports give it (compared as [`header_key`]s).
#[derive(Debug)]
pub(crate) struct Column {
    pub(super) name: &'static str,
    pub(super) need: Need,
    pub(super) headers: &'static [&'static str],
}

/// The columns a table may have, in the order the docs list them.
#[derive(Debug)]
pub(crate) struct Spec {
    /// The import's table; `None` for a table read outside the import
    /// (the judgment sets of [`crate::eval`]), whose columns
    /// [`CsvImport::column`](super::CsvImport::column) cannot map.
    pub(super) table: Option<Table>,
    pub(super) columns: &'static [Column],
}

impl Spec {
    /// The spec of a table read outside the import.
    pub(crate) const fn outside_import(columns: &'static [Column]) -> Spec {
        Spec { table: None, columns }
    }

    /// The columns' names, as the crate names them.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> {
        self.columns.iter().map(|column| column.name)
    }

    /// The columns for error messages: `id, name, advisory_board (optional)`.
    pub(super) fn expected(&self) -> String {
        let names: Vec<String> = self
            .columns
            .iter()
            .map(|column| match column.need {
                Need::Required => column.name.to_string(),
                Need::RequiredUnless(others) => format!("{} (or {})", column.name, others.join(" and ")),
                Need::Optional => format!("{} (optional)", column.name),
            })
            .collect();
        names.join(", ")
    }

    /// The position of the column named `name` in [`Spec::columns`].
    pub(super) fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|column| column.name == name)
    }
}

/// The key headers are compared by: letters and digits only, lowercased,
/// so "Account ID", "account_id", "AccountId" and "ACCOUNT-ID" are one.
pub(super) fn header_key(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

pub(crate) const fn column(name: &'static str, need: Need, headers: &'static [&'static str]) -> Column {
    Column { name, need, headers }
}

use Need::{Optional, Required, RequiredUnless};

pub(super) const PRODUCTS: Spec = Spec {
    table: Some(Table::Products),
    columns: &[
        column("id", Required, &["Product ID", "Product Code"]),
        column("name", Required, &["Product Name"]),
        column("family", Required, &["Product Family"]),
    ],
};

pub(super) const ACCOUNTS: Spec = Spec {
    table: Some(Table::Accounts),
    columns: &[
        column("id", Required, &["Account ID", "Record ID", "Company ID"]),
        column("name", Required, &["Account Name", "Company Name"]),
        column("industry", Required, &["Account Industry", "NAICS Code", "NAICS"]),
        column("employees", Required, &["Number of Employees", "Employee Count"]),
        column(
            "country",
            Required,
            &["Billing Country", "Country/Region", "Billing Country Code", "Country Code"],
        ),
        column("status", Required, &["Account Status", "Reference Program Status"]),
        column("owner", Required, &["Account Owner", "Owner Name", "Company Owner", "Account Owner Name"]),
        column("owner_id", Optional, &["Account Owner ID", "Owner ID", "Account Owner Id", "Owner User ID"]),
        column("advisory_board", Optional, &["Advisory Board Years", "CAB Years"]),
    ],
};

pub(super) const ADVOCATES: Spec = Spec {
    table: Some(Table::Advocates),
    columns: &[
        column("id", Required, &["Contact ID", "Record ID"]),
        column("account", Required, &["Account ID", "Company ID", "Associated Company ID"]),
        column("name", RequiredUnless(&["first_name", "last_name"]), &["Full Name", "Contact Name"]),
        column("first_name", Optional, &["First Name"]),
        column("last_name", Optional, &["Last Name"]),
        column("title", Required, &["Job Title"]),
        column("seniority", Required, &["Seniority Level", "Management Level", "Job Level", "Level"]),
        column("languages", Optional, &["Language", "Languages Spoken", "Preferred Language"]),
        column(
            "kinds",
            Optional,
            &["Reference Types", "Reference Activities", "Engagement Types", "Reference Type"],
        ),
        column("status", Required, &["Reference Status", "Advocate Status", "Contact Status"]),
        column(
            "opt_out",
            Optional,
            &["Email Opt Out", "HasOptedOutOfEmail", "Do Not Call", "Do Not Contact", "Opted Out"],
        ),
        column("cap", Optional, &["Reference Cap", "Max References"]),
        column("window_days", Optional, &["Cap Window Days", "Window"]),
        column("rest_days", Optional, &["Days Between References", "Rest Period"]),
        column("blackouts", Optional, &["Blackout Dates", "Unavailable Dates"]),
    ],
};

pub(super) const STORIES: Spec = Spec {
    table: Some(Table::Stories),
    columns: &[
        column("id", Required, &["Reference ID", "Story ID", "Case Study ID"]),
        column("account", Required, &["Account ID", "Company ID"]),
        column("title", Required, &["Reference Title", "Story Title"]),
        column("summary", Optional, &["Description"]),
        column("products", Optional, &["Products Used", "Product IDs"]),
        column("use_cases", Optional, &["Use Case"]),
        column("advocates", Optional, &["Contact IDs", "Contacts", "Advocate IDs"]),
        column("competitors", Optional, &["Competitors Displaced", "Replaced Competitor", "Competitor"]),
        column("verified_on", Required, &["Last Verified", "Last Verified Date", "Verified"]),
        column("approved", Required, &["Approved for Use", "Customer Approved"]),
        column("approved_until", Optional, &["Approval Expires", "Approval Expiration Date"]),
    ],
};

pub(super) const OUTCOMES: Spec = Spec {
    table: Some(Table::Outcomes),
    columns: &[
        column("story", Required, &["Reference ID", "Story ID"]),
        column("metric", Required, &[]),
        column("value", Optional, &["Improvement"]),
        column("unit", Optional, &[]),
        column("description", Required, &["Outcome"]),
    ],
};

pub(super) const ASSETS: Spec = Spec {
    table: Some(Table::Assets),
    columns: &[
        column("story", Required, &["Reference ID", "Story ID"]),
        column("kind", Required, &["Asset Type", "Type"]),
        column("location", Required, &["URL", "Link"]),
        column("approved_until", Optional, &["Expires", "Expiration Date"]),
    ],
};

pub(super) const ENGAGEMENTS: Spec = Spec {
    table: Some(Table::Engagements),
    columns: &[
        column("id", Required, &["Activity ID", "Engagement ID", "Request ID"]),
        column("advocate", Required, &["Contact ID"]),
        column("story", Required, &["Reference ID", "Story ID"]),
        column("kind", Required, &["Reference Type", "Activity Type", "Type"]),
        column("date", Required, &["Activity Date", "Scheduled Date"]),
        column("status", Required, &["Request Status", "Activity Status"]),
        column("prospect", Optional, &["Opportunity", "Opportunity ID", "Opportunity Name"]),
    ],
};

pub(super) const QUOTES: Spec = Spec {
    table: Some(Table::Quotes),
    columns: &[
        column("id", Required, &["Quote ID", "Testimonial ID"]),
        column("story", Required, &["Reference ID", "Story ID"]),
        column("advocate", Required, &["Contact ID", "Advocate ID", "Quoted Contact ID"]),
        column("text", Required, &["Quote", "Quote Text", "Testimonial", "Testimonial Text", "Statement"]),
        column("language", Required, &["Quote Language", "Language Code"]),
        column("approved_until", Optional, &["Approval Expires", "Approval Expiration Date", "Expires"]),
        column(
            "channels",
            Required,
            &["Approved Channels", "Approved Usage", "Permitted Channels", "Usage Channels", "Channel"],
        ),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn header_names_are_unambiguous_within_a_table() {
        for table in Table::ALL {
            let mut seen = HashMap::new();
            for column in table.spec().columns {
                for name in std::iter::once(&column.name).chain(column.headers) {
                    let before = seen.insert(header_key(name), column.name);
                    assert!(
                        before.is_none_or(|b| b == column.name),
                        "{table}: {name:?} names {before:?} and {}",
                        column.name
                    );
                }
            }
        }
    }

    #[test]
    fn keys_ignore_case_spacing_and_punctuation() {
        assert_eq!(header_key("Account ID"), "accountid");
        assert_eq!(header_key("account_id"), "accountid");
        assert_eq!(header_key(" AccountId "), "accountid");
        assert_eq!(header_key("Country/Region"), "countryregion");
    }
}
