//! CSV import of the tables a CRM exports: [`load_dir`] reads a folder of
//! standard file names, [`CsvImport`] builds a library from any readers.
//!
//! Both check what they read twice: each cell as it is parsed (an error
//! names the file, the row and the column) and the whole library at the end
//! with [`Library::new`] (ids resolve, codes exist). Writing CSV is not
//! supported; save with [`save_json`](super::save_json).
//!
//! # Files
//!
//! [`load_dir`] reads these files from one folder:
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
//! | `policy.json`     | no       | [`LibraryData::policy`], a [`Policy`] as JSON; default when missing |
//!
//! A missing optional table means no records of that kind. Opportunities
//! and account figures ([`LibraryData::opportunities`],
//! [`LibraryData::account_figures`]) have no CSV table: an opportunity's
//! prospect is nested, so they come from JSON (add them to the imported
//! library's data and validate again).
//!
//! # Format
//!
//! - UTF-8, comma-separated, `"` quotes (a quoted cell may hold commas and
//!   line breaks), as RFC 4180. A leading byte order mark is ignored.
//! - The first row is the header. Columns are matched by name (ASCII case
//!   ignored, order free). A column not listed below is an error, and so is
//!   a missing required column; an optional column may be left out, and its
//!   cells then count as empty.
//! - Every row has as many fields as the header. Blank lines and rows
//!   whose cells are all empty (`,,,`) are skipped.
//! - Cells are trimmed. Multi-valued cells (*list* below) separate items
//!   with `;`; items are trimmed and empty items dropped, so an empty cell
//!   is an empty list.
//! - Whole numbers are plain digits (`3000`, not `3,000` or `3k`); decimals
//!   use a point (`-35.5`); days are `YYYY-MM-DD`; yes/no cells accept
//!   `true`, `false`, `yes`, `no` in any case; a *vocabulary* value is one
//!   of the snake_case names of its type, exactly (`do_not_contact`).
//! - Errors number rows as a spreadsheet shows them: the header is row 1,
//!   the first data row is row 2 (blank lines are not counted).
//!
//! ## `products.csv`
//!
//! | column   | required | content        |
//! |----------|----------|----------------|
//! | `id`     | yes      | unique id, not empty |
//! | `name`   | yes      | text           |
//! | `family` | yes      | text, e.g. `Analytics` |
//!
//! ## `accounts.csv`
//!
//! | column           | required | content |
//! |------------------|----------|---------|
//! | `id`             | yes      | unique id, not empty |
//! | `name`           | yes      | text |
//! | `industry`       | yes      | NAICS 2022 code (`522110`) or industry title (`commercial banks`, resolved by validation, see [`Library::resolutions`]) |
//! | `employees`      | yes      | whole number |
//! | `country`        | yes      | ISO 3166-1 alpha-2 code, e.g. `DE` |
//! | `status`         | yes      | vocabulary [`AccountStatus`](crate::model::AccountStatus) |
//! | `owner`          | yes      | text |
//! | `advisory_board` | no       | list of years, e.g. `2024;2025` |
//!
//! ## `advocates.csv`
//!
//! | column        | required | content |
//! |---------------|----------|---------|
//! | `id`          | yes      | unique id, not empty |
//! | `account`     | yes      | account id |
//! | `name`        | yes      | text |
//! | `title`       | yes      | text |
//! | `seniority`   | yes      | vocabulary [`Seniority`](crate::model::Seniority) |
//! | `languages`   | no       | list of language codes, e.g. `en;de` |
//! | `kinds`       | no       | list of [`EngagementKind`](crate::model::EngagementKind), e.g. `reference_call;webinar` |
//! | `status`      | yes      | vocabulary [`AdvocateStatus`](crate::model::AdvocateStatus) |
//! | `cap`         | no       | whole number; empty means the policy's |
//! | `window_days` | no       | whole number; empty means the policy's |
//! | `rest_days`   | no       | whole number; empty means the policy's |
//! | `blackouts`   | no       | list of day ranges `start..end`, both days included, or single days: `2026-12-20..2027-01-05;2027-03-01` |
//!
//! ## `stories.csv`
//!
//! | column           | required | content |
//! |------------------|----------|---------|
//! | `id`             | yes      | unique id, not empty |
//! | `account`        | yes      | account id |
//! | `title`          | yes      | text |
//! | `summary`        | no       | text |
//! | `products`       | no       | list of product ids |
//! | `use_cases`      | no       | list of tags, e.g. `fraud detection;kyc` |
//! | `advocates`      | no       | list of advocate ids |
//! | `competitors`    | no       | list of names |
//! | `verified_on`    | yes      | day |
//! | `approved`       | yes      | yes/no |
//! | `approved_until` | no       | day; empty means no end |
//!
//! ## `outcomes.csv`
//!
//! Each row is appended to the outcomes of the story it names, in file order.
//!
//! | column        | required | content |
//! |---------------|----------|---------|
//! | `story`       | yes      | story id (must exist in the stories table) |
//! | `metric`      | yes      | text, e.g. `month-end close time` |
//! | `value`       | no       | decimal number; empty means none |
//! | `unit`        | no       | text, e.g. `%` |
//! | `description` | yes      | text |
//!
//! ## `assets.csv`
//!
//! Each row is appended to the assets of the story it names, in file order.
//!
//! | column           | required | content |
//! |------------------|----------|---------|
//! | `story`          | yes      | story id (must exist in the stories table) |
//! | `kind`           | yes      | vocabulary [`AssetKind`](crate::model::AssetKind) |
//! | `location`       | yes      | URL or document reference, not empty |
//! | `approved_until` | no       | day; empty means no end |
//!
//! ## `engagements.csv`
//!
//! | column     | required | content |
//! |------------|----------|---------|
//! | `id`       | yes      | unique id, not empty |
//! | `advocate` | yes      | advocate id |
//! | `story`    | yes      | story id |
//! | `kind`     | yes      | vocabulary [`EngagementKind`](crate::model::EngagementKind) |
//! | `date`     | yes      | day |
//! | `status`   | yes      | vocabulary [`EngagementStatus`](crate::model::EngagementStatus) |
//! | `prospect` | no       | text; empty means none |
//!
//! # Example
//!
//! ```
//! use refmatch::io::csv::CsvImport;
//!
//! let accounts = "\
//! id,name,industry,employees,country,status,owner
//! acme,Acme Bank,commercial banks,3000,DE,active,Dana Lee
//! ";
//! let advocates = "\
//! id,account,name,title,seniority,languages,kinds,status
//! ana,acme,Ana Ruiz,CFO,executive,en;es,reference_call;webinar,active
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
//! let library = CsvImport::new()
//!     .accounts("accounts.csv", accounts.as_bytes())?
//!     .advocates("advocates.csv", advocates.as_bytes())?
//!     .stories("stories.csv", stories.as_bytes())?
//!     .outcomes("outcomes.csv", outcomes.as_bytes())?
//!     .finish()?;
//!
//! assert_eq!(library.accounts()[0].industry, "522110");
//! assert_eq!(library.advocates()[0].languages, ["en", "es"]);
//! assert_eq!(library.stories()[0].outcomes[0].value, Some(-40.0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Errors name their place:
//!
//! ```
//! use refmatch::io::ErrorKind;
//! use refmatch::io::csv::CsvImport;
//!
//! let accounts = "id,name,industry,employees,country,status,owner\n\
//!                 acme,Acme Bank,522110,12k,DE,active,Dana Lee\n";
//! let err = CsvImport::new().accounts("accounts.csv", accounts.as_bytes()).unwrap_err();
//! assert!(matches!(err.kind(), ErrorKind::Csv { row: 2, .. }));
//! assert_eq!(
//!     err.to_string(),
//!     "accounts.csv: row 2, column \"employees\": \"12k\" is not a whole number: \
//!      expected employees as digits, e.g. 3000",
//! );
//! ```

mod records;
pub(crate) mod table;

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use self::table::{csv_error, read_table};
use super::error::{Error, ErrorKind};
use crate::model::{Asset, Library, LibraryData, Outcome, Policy};

/// Reads the tables of a CRM export from the folder `dir` and validates
/// them as one library. See the [module docs](self) for file names and
/// column layouts.
///
/// # Errors
///
/// - [`ErrorKind::Io`] naming the file when a required table is missing or
///   any file cannot be read.
/// - [`ErrorKind::Csv`] naming the file, row and column of a malformed cell,
///   header or row.
/// - [`ErrorKind::Json`] naming `policy.json` when it is malformed.
/// - [`ErrorKind::Invalid`] naming the folder when the records break the
///   model's rules; a place such as `advocates[3].account` names the fourth
///   advocate read, row 5 of `advocates.csv` unless empty rows were skipped.
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Library, Error> {
    let dir = dir.as_ref();
    let mut import = CsvImport::new().policy(read_policy(&dir.join("policy.json"))?);
    import = table(import, dir, "products.csv", false, CsvImport::products)?;
    import = table(import, dir, "accounts.csv", true, CsvImport::accounts)?;
    import = table(import, dir, "advocates.csv", true, CsvImport::advocates)?;
    import = table(import, dir, "stories.csv", true, CsvImport::stories)?;
    import = table(import, dir, "outcomes.csv", false, CsvImport::outcomes)?;
    import = table(import, dir, "assets.csv", false, CsvImport::assets)?;
    import = table(import, dir, "engagements.csv", false, CsvImport::engagements)?;
    import.build(Some(dir.to_path_buf()))
}

/// One step of [`load_dir`]: a table method of [`CsvImport`].
type Step = fn(CsvImport, PathBuf, File) -> Result<CsvImport, Error>;

fn table(import: CsvImport, dir: &Path, name: &str, required: bool, step: Step) -> Result<CsvImport, Error> {
    let path = dir.join(name);
    match File::open(&path) {
        Ok(file) => step(import, path, file),
        Err(err) if !required && err.kind() == std::io::ErrorKind::NotFound => Ok(import),
        Err(err) => Err(Error::new(Some(path), ErrorKind::Io(err))),
    }
}

fn read_policy(path: &Path) -> Result<Policy, Error> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Policy::default()),
        Err(err) => return Err(Error::new(Some(path.to_path_buf()), ErrorKind::Io(err))),
    };
    serde_json::from_slice(&bytes).map_err(|err| super::json::json_error(Some(path.to_path_buf()), &err))
}

/// A row of `outcomes.csv` or `assets.csv`, waiting for its story.
#[derive(Debug, Clone)]
struct Attached<T> {
    /// Index into [`CsvImport::files`].
    file: usize,
    row: u64,
    story: String,
    item: T,
}

/// Builds a [`Library`] from CSV tables held anywhere: strings, files,
/// network streams.
///
/// Each table method reads one table completely (see the
/// [module docs](self) for its columns) and returns the builder, so calls
/// chain with `?`. `name` is used only in error messages, usually the file
/// name. Tables may be given in any order; a table not given is empty,
/// a table given twice has its rows appended. Outcomes and assets are
/// attached to their stories by [`CsvImport::finish`], which then
/// validates the whole library.
///
/// # Example
///
/// ```
/// use refmatch::io::csv::CsvImport;
/// use refmatch::Policy;
///
/// let accounts = "id,name,industry,employees,country,status,owner\n\
///                 acme,Acme,522110,3000,DE,active,Dana\n";
/// let library = CsvImport::new()
///     .policy(Policy { cap: 2, ..Policy::default() })
///     .accounts("accounts.csv", accounts.as_bytes())?
///     .finish()?;
/// assert_eq!(library.policy().cap, 2);
/// assert_eq!(library.accounts()[0].employees, 3000);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use = "a CsvImport does nothing until finish is called"]
pub struct CsvImport {
    data: LibraryData,
    /// Names of the outcome and asset tables read, for errors in `finish`.
    files: Vec<PathBuf>,
    outcomes: Vec<Attached<Outcome>>,
    assets: Vec<Attached<Asset>>,
}

/// Generates a table method that appends each row's record to a field of
/// [`LibraryData`].
macro_rules! table_method {
    ($(#[$doc:meta])* $method:ident, $spec:ident, $record:ident, $field:ident) => {
        $(#[$doc])*
        ///
        /// # Errors
        ///
        /// [`ErrorKind::Csv`] naming `name`, the row and the column when the
        /// header, a row or a cell is malformed; [`ErrorKind::Io`] when
        /// `reader` fails.
        pub fn $method(mut self, name: impl AsRef<Path>, reader: impl Read) -> Result<CsvImport, Error> {
            read_table(name.as_ref(), &records::$spec, reader, |row| {
                self.data.$field.push(records::$record(row)?);
                Ok(())
            })?;
            Ok(self)
        }
    };
}

impl CsvImport {
    /// An empty import with the default [`Policy`].
    pub fn new() -> CsvImport {
        CsvImport::default()
    }

    /// Sets the program policy. Default: [`Policy::default`].
    pub fn policy(mut self, policy: Policy) -> CsvImport {
        self.data.policy = policy;
        self
    }

    table_method! {
        /// Reads a products table (`products.csv`).
        products, PRODUCTS, product, products
    }

    table_method! {
        /// Reads an accounts table (`accounts.csv`).
        accounts, ACCOUNTS, account, accounts
    }

    table_method! {
        /// Reads an advocates table (`advocates.csv`).
        advocates, ADVOCATES, advocate, advocates
    }

    table_method! {
        /// Reads a stories table (`stories.csv`). Outcomes and assets come
        /// from their own tables.
        stories, STORIES, story, stories
    }

    table_method! {
        /// Reads an engagement ledger table (`engagements.csv`).
        engagements, ENGAGEMENTS, engagement, engagements
    }

    /// Reads an outcomes table (`outcomes.csv`); each row is appended to the
    /// outcomes of its story by [`CsvImport::finish`], in file order.
    ///
    /// # Errors
    ///
    /// As [`CsvImport::products`]. An unknown story id is reported by
    /// [`CsvImport::finish`], since the stories may come later.
    pub fn outcomes(mut self, name: impl AsRef<Path>, reader: impl Read) -> Result<CsvImport, Error> {
        let path = name.as_ref();
        let file = self.files.len();
        read_table(path, &records::OUTCOMES, reader, |row| {
            let story = records::story_ref(row)?;
            self.outcomes.push(Attached { file, row: row.number(), story, item: records::outcome(row)? });
            Ok(())
        })?;
        self.files.push(path.to_path_buf());
        Ok(self)
    }

    /// Reads an assets table (`assets.csv`); each row is appended to the
    /// assets of its story by [`CsvImport::finish`], in file order.
    ///
    /// # Errors
    ///
    /// As [`CsvImport::outcomes`].
    pub fn assets(mut self, name: impl AsRef<Path>, reader: impl Read) -> Result<CsvImport, Error> {
        let path = name.as_ref();
        let file = self.files.len();
        read_table(path, &records::ASSETS, reader, |row| {
            let story = records::story_ref(row)?;
            self.assets.push(Attached { file, row: row.number(), story, item: records::asset(row)? });
            Ok(())
        })?;
        self.files.push(path.to_path_buf());
        Ok(self)
    }

    /// Attaches outcomes and assets to their stories and validates the
    /// library with [`Library::new`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Csv`] naming the outcomes or assets table, row and
    /// column `story` when a row names a story that no stories table has;
    /// [`ErrorKind::Invalid`] (without a path) when the records break the
    /// model's rules.
    pub fn finish(self) -> Result<Library, Error> {
        self.build(None)
    }

    fn build(self, path: Option<PathBuf>) -> Result<Library, Error> {
        let CsvImport { mut data, files, outcomes, assets } = self;
        let mut stories = HashMap::with_capacity(data.stories.len());
        for (i, story) in data.stories.iter().enumerate() {
            // A duplicate id is a validation problem; attach to the first.
            stories.entry(story.id.clone()).or_insert(i);
        }
        let find = |attached_file: usize, row: u64, story: &str| {
            stories.get(story).copied().ok_or_else(|| {
                let file = files.get(attached_file).map_or(Path::new("<input>"), PathBuf::as_path);
                csv_error(
                    file,
                    row,
                    Some("story"),
                    format!("unknown story id {story:?}: expected the id of a row of the stories table"),
                )
            })
        };
        for outcome in outcomes {
            let i = find(outcome.file, outcome.row, &outcome.story)?;
            data.stories[i].outcomes.push(outcome.item);
        }
        for asset in assets {
            let i = find(asset.file, asset.row, &asset.story)?;
            data.stories[i].assets.push(asset.item);
        }
        Library::new(data).map_err(|err| Error::new(path, ErrorKind::Invalid(err)))
    }
}
