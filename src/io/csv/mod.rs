//! CSV import of the tables a CRM exports, as it exports them, and CSV out:
//! [`load_dir`] reads a folder of standard file names, [`CsvImport`]
//! builds a library from any readers with options, [`write_dir`] writes a
//! library back in the same layout.
//!
//! An import checks what it reads twice: each cell as it is parsed and
//! the whole library at the end with [`Library::new`] (ids resolve, codes
//! exist, values lie in their ranges). It reports every problem at once
//! (up to [`MAX_PROBLEMS`]), each naming its file, row and column, and an
//! [`ImportReport`] says what it read and decided.
//!
//! # Files
//!
//! [`load_dir`] and [`CsvImport::read_dir`] read these files from one
//! folder. A missing optional file, or one of zero bytes, means no records
//! of its kind.
//!
//! | file              | required | becomes                                  |
//! |-------------------|----------|------------------------------------------|
//! | `accounts.csv`    | yes      | [`LibraryData::accounts`]                |
//! | `advocates.csv`   | yes      | [`LibraryData::advocates`]               |
//! | `stories.csv`     | yes      | [`LibraryData::stories`]                 |
//! | `products.csv`    | no       | [`LibraryData::products`]                |
//! | `outcomes.csv`    | no       | [`Story::outcomes`](crate::model::Story::outcomes) |
//! | `assets.csv`      | no       | [`Story::assets`](crate::model::Story::assets)     |
//! | `engagements.csv` | no       | [`LibraryData::engagements`]             |
//! | `quotes.csv`      | no       | [`LibraryData::quotes`]                  |
//! | `aliases.csv`     | no       | industry aliases, columns `label` and `code` (see [`CsvImport::industry_alias`]) |
//! | `policy.json`     | no       | [`LibraryData::policy`], a [`Policy`](crate::Policy) as JSON; default when missing |
//! | `sales.json`      | no       | [`LibraryData::opportunities`] and [`LibraryData::account_figures`] as JSON, `{"opportunities": [...], "account_figures": [...]}` (an opportunity's prospect is nested, so it has no table) |
//! | `program.json`    | no       | [`LibraryData::history`], [`LibraryData::hidden_accounts`] and [`LibraryData::feedback`] as JSON, `{"history": [...], "hidden_accounts": [...], "feedback": [...]}`: what a program's export adds (workflow steps are nested, so they have no table) |
//!
//! # Format
//!
//! - UTF-8, comma-separated, `"` quotes (a quoted cell may hold commas and
//!   line breaks), as RFC 4180. A leading byte order mark is ignored.
//! - The first row is the header. Columns are matched by name, ignoring
//!   case, spaces and punctuation (`Account ID`, `account_id` and
//!   `AccountId` are one name), in any order. Each column below may also
//!   go by the CRM names listed for it (as Salesforce and HubSpot reports
//!   name them), or by a header the caller maps with [`CsvImport::column`].
//!   Other columns are ignored and listed in the report; in strict mode
//!   ([`CsvImport::strict`]) they are refused. A missing required column
//!   is refused; an optional column may be left out, and its cells then
//!   count as empty. Two headers for one column are refused.
//! - Every row has as many fields as the header. Blank lines and rows
//!   whose cells are all empty (`,,,`) are skipped.
//! - Cells are trimmed. Multi-valued cells (*list* below) separate items
//!   with `;`; items are trimmed and empty items dropped, so an empty cell
//!   is an empty list.
//! - Errors number rows as a spreadsheet shows them: the header is row 1,
//!   the first data row is row 2 (blank lines are not counted). They name
//!   the column as the file's header does.
//!
//! ## Values
//!
//! - *Whole numbers* are digits, with thousands separators by the
//!   [`NumberFormat`] (default `2,400`; `2.400`, `2 400` or `2'400` as
//!   chosen); a separator must stand between groups of three digits.
//!   *Decimals* use the format's decimal mark (`-12.5`, or `-12,5`, which
//!   must then be quoted). No `3k`, no exponents.
//! - *Days* are `YYYY-MM-DD`.
//! - *Yes/no* cells accept `true`, `false`, `yes`, `no`, `y`, `n`, `1`,
//!   `0` in any case.
//! - A *vocabulary* value is one of the snake_case names of its type, in
//!   any case, with spaces, hyphens or slashes for underscores (`Do Not
//!   Contact`, `reference-call`), or a synonym:
//!
//!   | type | synonyms |
//!   | --- | --- |
//!   | [`Seniority`](crate::model::Seniority) | executive: `C-level`, `C-suite`, `CXO`, `Chief`, `Exec`, `Owner`, `Partner`, `Owner / Partner`, `Founder`, `President`; vp: `Vice President`, `VP-Level`, `SVP`, `EVP`, `AVP`, `Senior Vice President`, `Executive Vice President`; director: `Director-Level`, `Senior Director`, `Head`; manager: `Manager-Level`, `Senior Manager`, `Experienced Manager`, `Entry Level Manager`, `Mgr`; individual: `Individual Contributor`, `IC`, `Non-Manager`, `Staff`, `Senior`, `Strategic`, `Entry Level`, `In Training` (the levels LinkedIn and data vendors use) |
//!   | [`AccountStatus`](crate::model::AccountStatus) | active: `Customer`; do_not_contact: `DNC`, `No Contact` |
//!   | [`AdvocateStatus`](crate::model::AdvocateStatus) | active: `Available`; paused: `On Hold`, `Unavailable`, `Inactive`; do_not_contact: `DNC`, `No Contact`, `Opted Out`; departed: `Left`, `Left Company`, `Former Employee`, `No Longer With Company` |
//!   | [`EngagementKind`](crate::model::EngagementKind) | reference_call: `Call`, `Phone Call`, `Phone Reference`, `Reference`; site_visit: `Visit`, `Onsite Visit`, `On-Site Visit`, `Customer Visit`; case_study: `Written Case Study`; press: `Press Release`, `Media`, `Media Interview`, `PR`; speaking: `Speaker`, `Speaking Engagement`, `Event`, `Keynote`; webinar: `Web Seminar`; review: `Peer Review`, `Online Review`; advisory_board: `CAB`, `Customer Advisory Board` |
//!   | [`EngagementStatus`](crate::model::EngagementStatus) | requested: `Pending`, `Submitted`; approved: `Accepted`, `Scheduled`, `Confirmed`; completed: `Complete`, `Done`, `Held`; declined: `Rejected`, `Denied`, `Refused`; cancelled: `Canceled`, `Withdrawn` |
//!   | [`AssetKind`](crate::model::AssetKind) | case_study: `Customer Story`, `Success Story`; video: `Video Testimonial`; quote: `Testimonial`, `Customer Quote`; press_article: `Press`, `Article`, `News Article`; slides: `Deck`, `Slide Deck`, `Presentation`; review: `Peer Review`, `Online Review` |
//!   | [`Channel`](crate::model::Channel) | web: `Website`, `Web Site`, `Online`; sales_deck: `Sales`, `Deck`, `Sales Presentation`, `Sales Collateral`, `Proposal`; press: `Press Release`, `PR`, `Media`; social: `Social Media`, `Social Post`; event: `Events`, `Conference`, `Trade Show` |
//!
//! - A *country* is an ISO 3166-1 alpha-2 code in any case (`de`), an
//!   alpha-3 code (`DEU`) or an English name (`Germany`, `Korea (Republic
//!   of)`, `Turkey`), as [`find_country`](crate::taxonomy::find_country)
//!   reads them; it is stored as the alpha-2 code.
//! - *Languages* are ISO 639-1 codes or English names, separated by `;`
//!   or `,` (`German;English`, `de,en`), as
//!   [`language`](crate::taxonomy::language) reads them; they are stored
//!   as lowercase codes. An unknown language is refused. A *language* is
//!   one of them (`German`, `de`, `pt_BR`).
//! - An *industry* is a NAICS 2022 code, an alias (from
//!   [`CsvImport::industry_alias`] or `aliases.csv`), a title or a CRM
//!   picklist value (Salesforce's standard Account Industry values and
//!   LinkedIn's most common industries, each mapped at the depth it means:
//!   `Banking` is 5221, `Healthcare` 62, `Software` 5132, `Insurance` 524;
//!   see [`crm_industries`](crate::taxonomy::crm_industries)), or a label
//!   close to a title, as [`Naics::resolve`](crate::taxonomy::Naics::resolve)
//!   reads it. The import stores the code and lists each label it mapped in
//!   the report; a label nothing matches is reported with suggestions.
//!
//! ## `products.csv`
//!
//! | column   | required | CRM names | content |
//! |----------|----------|-----------|---------|
//! | `id`     | yes      | Product ID, Product Code | unique id, not empty |
//! | `name`   | yes      | Product Name | text |
//! | `family` | yes      | Product Family | text, e.g. `Analytics` |
//!
//! ## `accounts.csv`
//!
//! | column           | required | CRM names | content |
//! |------------------|----------|-----------|---------|
//! | `id`             | yes      | Account ID, Record ID, Company ID | unique id, not empty |
//! | `name`           | yes      | Account Name, Company Name | text |
//! | `industry`       | yes      | Account Industry, NAICS Code, NAICS | industry |
//! | `employees`      | yes      | Number of Employees, Employee Count | whole number |
//! | `country`        | yes      | Billing Country, Country/Region, Billing Country Code, Country Code | country |
//! | `status`         | yes      | Account Status, Reference Program Status | vocabulary [`AccountStatus`](crate::model::AccountStatus) |
//! | `owner`          | yes      | Account Owner, Owner Name, Company Owner, Account Owner Name | text |
//! | `owner_id`       | no       | Account Owner ID, Owner ID, Account Owner Id, Owner User ID | the owner's id, what rights compare; empty means derived from `owner` (see [`Account::owner_id`](crate::model::Account::owner_id)) |
//! | `advisory_board` | no       | Advisory Board Years, CAB Years | list of years, e.g. `2024;2025` |
//!
//! ## `advocates.csv`
//!
//! | column        | required | CRM names | content |
//! |---------------|----------|-----------|---------|
//! | `id`          | yes      | Contact ID, Record ID | unique id, not empty |
//! | `account`     | yes      | Account ID, Company ID, Associated Company ID | account id |
//! | `name`        | yes, or `first_name` / `last_name` | Full Name, Contact Name | text |
//! | `first_name`  | no       | First Name | text; with `last_name` the name when there is no `name` column |
//! | `last_name`   | no       | Last Name | text |
//! | `title`       | yes      | Job Title | text |
//! | `seniority`   | yes      | Seniority Level, Management Level, Job Level, Level | vocabulary [`Seniority`](crate::model::Seniority) |
//! | `languages`   | no       | Language, Languages Spoken, Preferred Language | languages |
//! | `kinds`       | no       | Reference Types, Reference Activities, Engagement Types, Reference Type | list of [`EngagementKind`](crate::model::EngagementKind), e.g. `reference_call;webinar` |
//! | `status`      | yes      | Reference Status, Advocate Status, Contact Status | vocabulary [`AdvocateStatus`](crate::model::AdvocateStatus) |
//! | `opt_out`     | no       | Email Opt Out, HasOptedOutOfEmail, Do Not Call, Do Not Contact, Opted Out | yes/no; yes makes the status `do_not_contact` |
//! | `cap`         | no       | Reference Cap, Max References | whole number; empty means the policy's |
//! | `window_days` | no       | Cap Window Days, Window | whole number; empty means the policy's |
//! | `rest_days`   | no       | Days Between References, Rest Period | whole number; empty means the policy's |
//! | `blackouts`   | no       | Blackout Dates, Unavailable Dates | list of day ranges `start..end`, both days included, or single days: `2026-12-20..2027-01-05;2027-03-01` |
//!
//! ## `stories.csv`
//!
//! | column           | required | CRM names | content |
//! |------------------|----------|-----------|---------|
//! | `id`             | yes      | Reference ID, Story ID, Case Study ID | unique id, not empty |
//! | `account`        | yes      | Account ID, Company ID | account id |
//! | `title`          | yes      | Reference Title, Story Title | text |
//! | `summary`        | no       | Description | text |
//! | `products`       | no       | Products Used, Product IDs | list of product ids |
//! | `use_cases`      | no       | Use Case | list of tags, e.g. `fraud detection;kyc` |
//! | `advocates`      | no       | Contact IDs, Contacts, Advocate IDs | list of advocate ids |
//! | `competitors`    | no       | Competitors Displaced, Replaced Competitor, Competitor | list of names |
//! | `verified_on`    | yes      | Last Verified, Last Verified Date, Verified | day |
//! | `approved`       | yes      | Approved for Use, Customer Approved | yes/no |
//! | `approved_until` | no       | Approval Expires, Approval Expiration Date | day; empty means no end |
//!
//! ## `outcomes.csv`
//!
//! Each row is appended to the outcomes of the story it names, in file order.
//!
//! | column        | required | CRM names | content |
//! |---------------|----------|-----------|---------|
//! | `story`       | yes      | Reference ID, Story ID | story id (must exist in the stories table) |
//! | `metric`      | yes      | | text, e.g. `month-end close time` |
//! | `value`       | no       | Improvement | decimal number; empty means none |
//! | `unit`        | no       | | text, e.g. `%` |
//! | `description` | yes      | Outcome | text |
//!
//! ## `assets.csv`
//!
//! Each row is appended to the assets of the story it names, in file order.
//!
//! | column           | required | CRM names | content |
//! |------------------|----------|-----------|---------|
//! | `story`          | yes      | Reference ID, Story ID | story id (must exist in the stories table) |
//! | `kind`           | yes      | Asset Type, Type | vocabulary [`AssetKind`](crate::model::AssetKind) |
//! | `location`       | yes      | URL, Link | URL or document reference, not empty |
//! | `approved_until` | no       | Expires, Expiration Date | day; empty means no end |
//!
//! ## `engagements.csv`
//!
//! | column     | required | CRM names | content |
//! |------------|----------|-----------|---------|
//! | `id`       | yes      | Activity ID, Engagement ID, Request ID | unique id, not empty |
//! | `advocate` | yes      | Contact ID | advocate id |
//! | `story`    | yes      | Reference ID, Story ID | story id |
//! | `kind`     | yes      | Reference Type, Activity Type, Type | vocabulary [`EngagementKind`](crate::model::EngagementKind) |
//! | `date`     | yes      | Activity Date, Scheduled Date | day |
//! | `status`   | yes      | Request Status, Activity Status | vocabulary [`EngagementStatus`](crate::model::EngagementStatus) |
//! | `prospect` | no       | Opportunity, Opportunity ID, Opportunity Name | text; empty means none |
//!
//! ## `quotes.csv`
//!
//! | column           | required | CRM names | content |
//! |------------------|----------|-----------|---------|
//! | `id`             | yes      | Quote ID, Testimonial ID | unique id, not empty |
//! | `story`          | yes      | Reference ID, Story ID | story id |
//! | `advocate`       | yes      | Contact ID, Advocate ID, Quoted Contact ID | advocate id, one of the story's advocates |
//! | `text`           | yes      | Quote, Quote Text, Testimonial, Testimonial Text, Statement | text, not empty, at most 20,000 bytes |
//! | `language`       | yes      | Quote Language, Language Code | language of the text |
//! | `approved_until` | no       | Approval Expires, Approval Expiration Date, Expires | day; empty means no end |
//! | `channels`       | yes      | Approved Channels, Approved Usage, Permitted Channels, Usage Channels, Channel | list of [`Channel`](crate::model::Channel), at least one, e.g. `web;sales_deck` |
//!
//! # Cost
//!
//! An import reads each row once and resolves each distinct industry
//! label once ([`Naics::resolve`](crate::taxonomy::Naics::resolve)
//! caches them); a million advocate rows import in seconds (see
//! `BENCHMARKS.md`).
//!
//! # Example
//!
//! ```
//! use refmatch::io::csv::CsvImport;
//!
//! // A Salesforce-style report: its own header names, mixed case,
//! // country names, picklist industries, an extra column.
//! let accounts = "\
//! Account ID,Account Name,Industry,Employees,Billing Country,Status,Account Owner,Created Date
//! acme,Acme Bank,Banking,\"3,000\",Germany,Active,Dana Lee,2021-04-01
//! ";
//! let advocates = "\
//! Contact ID,Account ID,Full Name,Title,Seniority,Languages,Reference Types,Reference Status
//! ana,acme,Ana Ruiz,CFO,C-level,German;English,Reference Call;Webinar,Active
//! ";
//! let stories = "\
//! id,account,title,advocates,use_cases,verified_on,approved
//! s1,acme,Close in three days,ana,fraud detection;kyc,2026-03-01,yes
//! ";
//! let outcomes = "\
//! story,metric,value,unit,description
//! s1,month-end close time,-40,%,close takes three days instead of five
//! ";
//!
//! let (library, report) = CsvImport::new()
//!     .accounts("accounts.csv", accounts.as_bytes())
//!     .advocates("advocates.csv", advocates.as_bytes())
//!     .stories("stories.csv", stories.as_bytes())
//!     .outcomes("outcomes.csv", outcomes.as_bytes())
//!     .finish_with_report()?;
//!
//! assert_eq!(library.accounts()[0].industry, "5221");
//! assert_eq!(library.accounts()[0].country, "DE");
//! assert_eq!(library.advocates()[0].languages, ["de", "en"]);
//! assert_eq!(library.stories()[0].outcomes[0].value, Some(-40.0));
//! println!("{report}"); // rows per file, ignored columns, mapped values
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Every problem comes at once, each naming its place:
//!
//! ```
//! use refmatch::io::csv::CsvImport;
//!
//! let accounts = "id,name,industry,employees,country,status,owner\n\
//!                 acme,Acme Bank,522110,12k,DE,active,Dana Lee\n\
//!                 a-099,Beta,522110,10,Atlantis,active,Sam\n";
//! let advocates = "id,account,name,title,seniority,status\n\
//!                  ana,a-999,Ana,CFO,boss,active\n";
//! let err = CsvImport::new()
//!     .accounts("accounts.csv", accounts.as_bytes())
//!     .advocates("advocates.csv", advocates.as_bytes())
//!     .finish()
//!     .unwrap_err();
//! let messages: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
//! assert_eq!(messages.len(), 3);
//! assert_eq!(
//!     messages[0],
//!     "accounts.csv: row 2, column \"employees\": \"12k\" is not a whole number: \
//!      expected employees as digits, e.g. 3000 or 2,400",
//! );
//! assert!(messages[1].starts_with("accounts.csv: row 3, column \"country\": unknown country \"Atlantis\""));
//! assert!(messages[2].starts_with("advocates.csv: row 2, column \"seniority\": \"boss\" is not a valid seniority"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod aliases;
mod header;
mod import;
mod places;
mod records;
mod report;
pub(crate) mod spec;
pub(crate) mod table;
mod values;
mod write;

use std::path::Path;

pub use import::CsvImport;
pub use report::{FileReport, ImportReport, MappedValue};
pub use spec::Table;
pub use values::NumberFormat;
pub use write::write_dir;

use super::error::Error;
#[cfg(doc)]
use crate::model::{Library, LibraryData};

/// The most problems an import reports. Past them it stops reading, and
/// its error says so ([`ErrorKind::Many`](super::ErrorKind::Many)).
pub const MAX_PROBLEMS: usize = 1_000;

/// Reads the tables of a CRM export from the folder `dir` and validates
/// them as one library, with the default options: the same as
/// `CsvImport::new().read_dir(dir).finish()`. See the
/// [module docs](self) for file names and column layouts.
///
/// # Errors
///
/// Every problem found, as [`CsvImport::finish`] gives them: unreadable
/// files, missing required tables, malformed headers, rows and cells,
/// records that break the model's rules, each naming its file, row and
/// column.
pub fn load_dir(dir: impl AsRef<Path>) -> Result<crate::model::Library, Error> {
    CsvImport::new().read_dir(dir).finish()
}
