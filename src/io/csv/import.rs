//! [`CsvImport`]: the options of an import, the tables it reads, and the
//! library (or the full list of problems) it builds from them.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::header::UserColumn;
use super::places::{Broken, Origin, Origins, Placer, TableFile};
use super::records;
use super::report::{FileReport, ImportReport, MappedValues};
use super::spec::{Table, header_key};
use super::table::{Context, Problems, Row, csv_error, read_table};
use super::values::NumberFormat;
use super::{MAX_PROBLEMS, aliases};
use crate::io::error::{Error, ErrorKind};
use crate::model::limits::MAX_LABEL_LEN;
use crate::model::{Asset, Library, LibraryData, Outcome, Policy, ProblemKind};
use crate::taxonomy::{label_key, naics};

/// A row of `outcomes.csv` or `assets.csv`, waiting for its story.
#[derive(Debug)]
struct Attached<T> {
    origin: Origin,
    story: String,
    item: T,
}

/// Builds a [`Library`] from CSV tables held anywhere: a folder
/// ([`CsvImport::read_dir`]), strings, files, network streams.
///
/// Set the options first ([`CsvImport::strict`],
/// [`CsvImport::numbers`], [`CsvImport::column`],
/// [`CsvImport::industry_alias`], [`CsvImport::policy`]), then give the
/// tables. Each table method reads one table completely (see the
/// [module docs](super) for its columns) and returns the builder, so calls
/// chain. `name` is used only in messages, usually the file name. Tables
/// may be given in any order; a table not given is empty, a table given
/// twice has its rows appended.
///
/// Nothing fails before [`CsvImport::finish`]: every problem (a bad
/// option, header, row or cell, up to [`MAX_PROBLEMS`]) is kept, and
/// `finish` attaches outcomes and assets to their stories, validates the
/// library and returns it, or every problem at once, each naming its file,
/// row and column.
///
/// # Example
///
/// ```
/// use refmatch::Policy;
/// use refmatch::io::csv::{CsvImport, Table};
///
/// let accounts = "Account ID,Account Name,Industry,Employees,Billing Country,Status,Owner,Created Date\n\
///                 acme,Acme,Banking,\"3,000\",Germany,Active,Dana,2024-01-05\n";
/// let (library, report) = CsvImport::new()
///     .policy(Policy { cap: 2, ..Policy::default() })
///     .accounts("accounts.csv", accounts.as_bytes())
///     .finish_with_report()?;
/// let acme = &library.accounts()[0];
/// assert_eq!((acme.industry.as_str(), acme.employees, acme.country.as_str()), ("5221", 3000, "DE"));
/// assert_eq!(library.policy().cap, 2);
/// assert_eq!(report.files[0].ignored, ["Created Date"]);
/// assert!(report.to_string().contains("industry: Banking → 5221 (Depository Credit Intermediation) ×1"), "{report}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Default)]
#[must_use = "a CsvImport does nothing until finish is called"]
pub struct CsvImport {
    data: LibraryData,
    strict: bool,
    numbers: NumberFormat,
    columns: Vec<UserColumn>,
    /// Industry aliases by [`label_key`], with their code.
    industry_aliases: HashMap<String, String>,
    /// The tables read, in order; origins index into it.
    files: Vec<TableFile>,
    /// Every file given, tables or not, in order: problems sort by it.
    order: Vec<PathBuf>,
    origins: Origins,
    outcomes: Vec<Attached<Outcome>>,
    assets: Vec<Attached<Asset>>,
    problems: Problems,
    broken: Broken,
    mapped: MappedValues,
    dir: Option<PathBuf>,
    policy_path: Option<PathBuf>,
    sales_path: Option<PathBuf>,
    program_path: Option<PathBuf>,
}

impl CsvImport {
    /// An import with the default options: tolerant headers, numbers as
    /// [`NumberFormat::Point`], no aliases, the default [`Policy`].
    pub fn new() -> CsvImport {
        CsvImport { problems: Problems { cap: MAX_PROBLEMS, ..Problems::default() }, ..CsvImport::default() }
    }

    /// Sets the program policy. Default: [`Policy::default`], or
    /// `policy.json` in [`CsvImport::read_dir`]'s folder.
    pub fn policy(mut self, policy: Policy) -> CsvImport {
        self.data.policy = policy;
        self
    }

    /// Whether a header that names no column is refused (`true`) or
    /// ignored and listed in the report (`false`, the default).
    pub fn strict(mut self, strict: bool) -> CsvImport {
        self.strict = strict;
        self
    }

    /// How numbers are written. Default: [`NumberFormat::Point`] (`2,400`,
    /// `-12.5`).
    pub fn numbers(mut self, format: NumberFormat) -> CsvImport {
        self.numbers = format;
        self
    }

    /// Reads the header `header` of `table` as the column `column` (a name
    /// of [`Table::columns`]), matched like every header, regardless of
    /// case, spaces and punctuation. It is tried before the built-in names.
    /// Default: none.
    ///
    /// An unknown column, or a header over
    /// [`MAX_LABEL_LEN`](crate::model::limits::MAX_LABEL_LEN) bytes, is
    /// reported by [`CsvImport::finish`] as an [`ErrorKind::Setting`].
    pub fn column(mut self, table: Table, header: &str, column: &str) -> CsvImport {
        let setting = || format!("column({table:?}, {header:?}, {column:?})");
        if header.len() > MAX_LABEL_LEN || header_key(header).is_empty() {
            self.setting(
                setting(),
                format!("header of {} bytes: expected 1 to {MAX_LABEL_LEN}", header.len()),
            );
        } else if let Some(position) = table.spec().position(column) {
            self.columns.push(UserColumn { table, key: header_key(header), column: position });
        } else {
            let names: Vec<&str> = table.columns().collect();
            self.setting(
                setting(),
                format!("unknown column {column:?}: expected one of {}", names.join(", ")),
            );
        }
        self
    }

    /// Reads the industry label `label` as the NAICS 2022 code `code`,
    /// before the built-in picklist values and titles; labels compare
    /// ignoring case, punctuation and the word "and". Default: none; a
    /// folder may hold more in `aliases.csv`.
    ///
    /// An empty label, a label over
    /// [`MAX_LABEL_LEN`](crate::model::limits::MAX_LABEL_LEN) bytes, a code
    /// not in NAICS 2022, or a label given two different codes is reported
    /// by [`CsvImport::finish`] as an [`ErrorKind::Setting`].
    pub fn industry_alias(mut self, label: &str, code: &str) -> CsvImport {
        if let Err(message) = self.add_alias(label, code.trim()) {
            self.setting(format!("industry_alias({label:?}, {code:?})"), message);
        }
        self
    }

    /// Adds an alias, or says what is wrong with it.
    pub(super) fn add_alias(&mut self, label: &str, code: &str) -> Result<(), String> {
        if label.len() > MAX_LABEL_LEN {
            return Err(format!("label of {} bytes: expected at most {MAX_LABEL_LEN}", label.len()));
        }
        let key = label_key(label);
        if key.is_empty() {
            return Err("empty label: expected an industry label such as \"Fintech\"".into());
        }
        if !naics().contains(code) {
            return Err(format!("{code:?} is not a NAICS 2022 code: expected a code such as \"5221\""));
        }
        match self.industry_aliases.get(&key) {
            Some(known) if known != code => {
                Err(format!("{label:?} is already an alias of {known}: expected one code per label"))
            }
            _ => {
                self.industry_aliases.insert(key, code.to_string());
                Ok(())
            }
        }
    }

    fn setting(&mut self, setting: String, message: String) {
        self.problems.push(Error::new(None, ErrorKind::Setting { setting, message }));
    }

    /// Keeps a problem found while reading.
    pub(super) fn problem(&mut self, error: Error) {
        self.problems.push(error);
    }

    /// Notes a file given to the import, for the order of problems.
    pub(super) fn note_file(&mut self, path: &Path) {
        self.order.push(path.to_path_buf());
    }

    /// Reads the tables of a folder: `policy.json`, `aliases.csv` and the
    /// tables of [`Table::ALL`] under their file names. A missing or
    /// zero-byte optional file means no records of its kind; a missing
    /// required one is a problem. See the [module docs](super).
    pub fn read_dir(mut self, dir: impl AsRef<Path>) -> CsvImport {
        let dir = dir.as_ref();
        self.dir = Some(dir.to_path_buf());
        let policy = dir.join("policy.json");
        match read_json::<Policy>(&policy) {
            Ok(None) => {}
            Ok(Some(read)) => {
                self.note_file(&policy);
                self.data.policy = read;
                self.policy_path = Some(policy);
            }
            Err(err) => {
                self.note_file(&policy);
                self.problem(err);
            }
        }
        let sales = dir.join(super::write::SALES_FILE);
        match read_json::<super::write::Sales>(&sales) {
            Ok(None) => {}
            Ok(Some(read)) => {
                self.note_file(&sales);
                self.data.opportunities.extend(read.opportunities);
                self.data.account_figures.extend(read.account_figures);
                self.sales_path = Some(sales);
            }
            Err(err) => {
                self.note_file(&sales);
                self.problem(err);
            }
        }
        let program = dir.join(super::write::PROGRAM_FILE);
        match read_json::<super::write::ProgramFile>(&program) {
            Ok(None) => {}
            Ok(Some(read)) => {
                self.note_file(&program);
                self.data.history.extend(read.history);
                self.data.hidden_accounts.extend(read.hidden_accounts);
                self.data.feedback.extend(read.feedback);
                self.program_path = Some(program);
            }
            Err(err) => {
                self.note_file(&program);
                self.problem(err);
            }
        }
        let aliases_path = dir.join("aliases.csv");
        match optional_file(&aliases_path) {
            Ok(None) => {}
            Ok(Some(file)) => self = self.aliases(&aliases_path, file),
            Err(err) => self.problem(err),
        }
        for table in Table::ALL {
            let path = dir.join(table.file_name());
            match optional_file(&path) {
                Ok(Some(file)) => self = self.read(table, &path, file),
                Ok(None) if !table.is_required() => {}
                Ok(None) => {
                    let missing = std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        format!("missing required table {}: expected a file of that name", table.file_name()),
                    );
                    self.note_file(&path);
                    self.problem(Error::new(Some(path), ErrorKind::Io(missing)));
                    self.broken.add_table(table);
                }
                Err(err) => {
                    self.note_file(&path);
                    self.problem(err);
                    self.broken.add_table(table);
                }
            }
        }
        self
    }

    /// Reads a products table (`products.csv`).
    pub fn products(self, name: impl AsRef<Path>, reader: impl Read) -> CsvImport {
        self.read(Table::Products, name.as_ref(), reader)
    }

    /// Reads an accounts table (`accounts.csv`).
    pub fn accounts(self, name: impl AsRef<Path>, reader: impl Read) -> CsvImport {
        self.read(Table::Accounts, name.as_ref(), reader)
    }

    /// Reads an advocates table (`advocates.csv`).
    pub fn advocates(self, name: impl AsRef<Path>, reader: impl Read) -> CsvImport {
        self.read(Table::Advocates, name.as_ref(), reader)
    }

    /// Reads a stories table (`stories.csv`). Outcomes and assets come
    /// from their own tables.
    pub fn stories(self, name: impl AsRef<Path>, reader: impl Read) -> CsvImport {
        self.read(Table::Stories, name.as_ref(), reader)
    }

    /// Reads an outcomes table (`outcomes.csv`); each row is appended to
    /// the outcomes of its story by [`CsvImport::finish`], in file order.
    pub fn outcomes(self, name: impl AsRef<Path>, reader: impl Read) -> CsvImport {
        self.read(Table::Outcomes, name.as_ref(), reader)
    }

    /// Reads an assets table (`assets.csv`); each row is appended to the
    /// assets of its story by [`CsvImport::finish`], in file order.
    pub fn assets(self, name: impl AsRef<Path>, reader: impl Read) -> CsvImport {
        self.read(Table::Assets, name.as_ref(), reader)
    }

    /// Reads an engagement ledger table (`engagements.csv`).
    pub fn engagements(self, name: impl AsRef<Path>, reader: impl Read) -> CsvImport {
        self.read(Table::Engagements, name.as_ref(), reader)
    }

    /// Reads a quotes table (`quotes.csv`).
    pub fn quotes(self, name: impl AsRef<Path>, reader: impl Read) -> CsvImport {
        self.read(Table::Quotes, name.as_ref(), reader)
    }

    /// Reads an industry alias table (`aliases.csv`, columns `label` and
    /// `code`), as [`CsvImport::industry_alias`] does for each row.
    pub fn aliases(mut self, name: impl AsRef<Path>, reader: impl Read) -> CsvImport {
        self.note_file(name.as_ref());
        aliases::read(&mut self, name.as_ref(), reader);
        self
    }

    fn read(mut self, table: Table, path: &Path, reader: impl Read) -> CsvImport {
        self.note_file(path);
        if self.problems.is_full() {
            self.problems.truncated = true;
            return self;
        }
        let file = self.files.len();
        let CsvImport {
            data,
            strict,
            numbers,
            columns,
            industry_aliases,
            origins,
            outcomes,
            assets,
            problems,
            broken,
            mapped,
            ..
        } = &mut self;
        let context = Context { numbers: *numbers, industry_aliases };
        let mut keep = |row: &Row<'_>, origins: &mut Vec<Origin>| -> bool {
            if row.is_ok() {
                origins.push(Origin { file, row: row.number() });
                for mapping in row.take_mapped() {
                    mapped.add(file, mapping.column, mapping.from, mapping.to);
                }
                true
            } else {
                if table.spec().position("id").is_some() {
                    broken.add(table, row.cell("id"));
                }
                false
            }
        };
        // Each table's rows become records of one section of the data;
        // outcomes and assets wait for their stories.
        macro_rules! into {
            ($record:ident, $section:ident) => {{
                |row: &Row<'_>| {
                    let record = records::$record(row);
                    if keep(row, &mut origins.$section) {
                        data.$section.push(record);
                    }
                }
            }};
        }
        macro_rules! attached {
            ($record:ident, $list:ident) => {{
                |row: &Row<'_>| {
                    let (story, item) = (records::story_ref(row), records::$record(row));
                    let mut origin = Vec::with_capacity(1);
                    if keep(row, &mut origin) {
                        $list.push(Attached { origin: origin[0], story, item });
                    }
                }
            }};
        }
        let each: &mut dyn FnMut(&Row<'_>) = match table {
            Table::Products => &mut into!(product, products),
            Table::Accounts => &mut into!(account, accounts),
            Table::Advocates => &mut into!(advocate, advocates),
            Table::Stories => &mut into!(story, stories),
            Table::Engagements => &mut into!(engagement, engagements),
            Table::Quotes => &mut into!(quote, quotes),
            Table::Outcomes => &mut attached!(outcome, outcomes),
            Table::Assets => &mut attached!(asset, assets),
        };
        let read = read_table(path, table.spec(), reader, columns, *strict, &context, problems, each);
        match read {
            Some(read) => self.files.push(TableFile {
                path: path.to_path_buf(),
                table,
                header: read.header,
                rows: read.rows,
            }),
            None => self.broken.add_table(table),
        }
        self
    }

    /// Attaches outcomes and assets to their stories and validates the
    /// library with [`Library::new`].
    ///
    /// # Errors
    ///
    /// Every problem of the import, in the order of the files and rows
    /// they are in ([`Error::problems`]); one problem is returned as it
    /// is, several as an [`ErrorKind::Many`] about the folder (for
    /// [`CsvImport::read_dir`]) or no file. Each names its place:
    ///
    /// - [`ErrorKind::Csv`]: a header, row or cell that cannot be read, by
    ///   file, row and column (as the file's header names it); also an
    ///   outcome or asset of a story no stories table has.
    /// - [`ErrorKind::Rule`]: a record that breaks the model's rules, by
    ///   the file and row it came from and the column, with the rule
    ///   ([`Problem`](crate::model::Problem)): `advocates.csv: row 5,
    ///   column "account": unknown account id "a-999" (did you mean
    ///   "a-099"?)`. A reference to a row that could not be read is not
    ///   reported again.
    /// - [`ErrorKind::Io`]: a file that cannot be read, or a missing
    ///   required table.
    /// - [`ErrorKind::Json`]: a malformed `policy.json`.
    /// - [`ErrorKind::Setting`]: an invalid option.
    ///
    /// At most [`MAX_PROBLEMS`] are kept; the import stops reading there,
    /// and [`ErrorKind::Many::truncated`](ErrorKind::Many) says so.
    pub fn finish(self) -> Result<Library, Error> {
        self.finish_with_report().map(|(library, _)| library)
    }

    /// Like [`CsvImport::finish`], with the [`ImportReport`] of what was
    /// read and mapped.
    ///
    /// # Errors
    ///
    /// As [`CsvImport::finish`].
    pub fn finish_with_report(self) -> Result<(Library, ImportReport), Error> {
        let CsvImport {
            mut data,
            files,
            order,
            mut origins,
            outcomes,
            assets,
            mut problems,
            broken,
            mapped,
            dir,
            policy_path,
            sales_path,
            program_path,
            ..
        } = self;
        attach(&mut data, &files, &mut origins, &broken, &mut problems, outcomes, assets);
        let report = report(&files, mapped);
        if problems.truncated {
            return Err(sorted(dir, &order, problems));
        }
        let consequences = broken.consequences(&data);
        match Library::new(data) {
            Ok(library) if problems.list.is_empty() => Ok((library, report)),
            Ok(_) => Err(sorted(dir, &order, problems)),
            Err(invalid) => {
                let placer = Placer {
                    files: &files,
                    origins: &origins,
                    policy_path,
                    sales_path,
                    program_path,
                    fallback: dir.clone(),
                };
                for problem in invalid.problems() {
                    let echo = problem.kind == ProblemKind::UnknownReference
                        && consequences.contains(&problem.place);
                    if !echo {
                        problems.push(placer.place(problem.clone()));
                    }
                }
                if problems.list.is_empty() {
                    return Err(Error::new(dir, ErrorKind::Invalid(invalid)));
                }
                Err(sorted(dir, &order, problems))
            }
        }
    }
}

/// Opens a file; `None` when it does not exist or holds zero bytes.
fn optional_file(path: &Path) -> Result<Option<File>, Error> {
    let fail = |err| Error::new(Some(path.to_path_buf()), ErrorKind::Io(err));
    match fs::metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(fail(err)),
        Ok(meta) if meta.is_file() && meta.len() == 0 => Ok(None),
        Ok(_) => File::open(path).map(Some).map_err(fail),
    }
}

/// Reads an optional JSON file; `None` when it is missing or empty.
fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>, Error> {
    let Some(mut file) = optional_file(path)? else { return Ok(None) };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|err| Error::new(Some(path.to_path_buf()), ErrorKind::Io(err)))?;
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|err| crate::io::json::json_error(Some(path.to_path_buf()), &err))
}

/// Appends each outcome and asset to its story, in file order.
fn attach(
    data: &mut LibraryData,
    files: &[TableFile],
    origins: &mut Origins,
    broken: &Broken,
    problems: &mut Problems,
    outcomes: Vec<Attached<Outcome>>,
    assets: Vec<Attached<Asset>>,
) {
    if outcomes.is_empty() && assets.is_empty() {
        return;
    }
    let mut stories: HashMap<&str, usize> = HashMap::with_capacity(data.stories.len());
    for (i, story) in data.stories.iter().enumerate() {
        // A duplicate id is a validation problem; attach to the first.
        stories.entry(story.id.as_str()).or_insert(i);
    }
    let mut find = |origin: Origin, story: &str| -> Option<usize> {
        let found = stories.get(story).copied();
        if found.is_none() && !broken.contains(Table::Stories, story) {
            let path = files.get(origin.file).map_or(Path::new("<input>"), |f| f.path.as_path());
            let message =
                format!("unknown story id {story:?}: expected the id of a row of the stories table");
            problems.push(csv_error(path, origin.row, Some(column_name(files, origin.file)), message));
        }
        found
    };
    let mut outcome_places = Vec::with_capacity(outcomes.len());
    for attached in &outcomes {
        outcome_places.push(find(attached.origin, &attached.story));
    }
    let mut asset_places = Vec::with_capacity(assets.len());
    for attached in &assets {
        asset_places.push(find(attached.origin, &attached.story));
    }
    origins.outcomes = vec![Vec::new(); data.stories.len()];
    origins.assets = vec![Vec::new(); data.stories.len()];
    for (attached, place) in outcomes.into_iter().zip(outcome_places) {
        if let Some(i) = place {
            data.stories[i].outcomes.push(attached.item);
            origins.outcomes[i].push(attached.origin);
        }
    }
    for (attached, place) in assets.into_iter().zip(asset_places) {
        if let Some(i) = place {
            data.stories[i].assets.push(attached.item);
            origins.assets[i].push(attached.origin);
        }
    }
}

/// The file's name for the `story` column of an outcomes or assets table.
fn column_name(files: &[TableFile], file: usize) -> &str {
    files
        .get(file)
        .and_then(|f| f.table.spec().position("story").map(|i| f.header.name_of(f.table.spec(), i)))
        .unwrap_or("story")
}

fn report(files: &[TableFile], mapped: MappedValues) -> ImportReport {
    let paths: Vec<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
    let (mapped, more_mapped) = mapped.into_report(&paths);
    let files = files
        .iter()
        .map(|file| FileReport {
            path: file.path.clone(),
            table: file.table,
            rows: file.rows,
            renamed: file
                .table
                .spec()
                .columns
                .iter()
                .zip(&file.header.slots)
                .filter_map(|(column, slot)| {
                    let header = &file.header.names[(*slot)?];
                    (header_key(header) != header_key(column.name)).then(|| (header.clone(), column.name))
                })
                .collect(),
            ignored: file.header.ignored.clone(),
        })
        .collect();
    ImportReport { files, mapped, more_mapped }
}

/// The problems as one error, in the order of the files (as given) and
/// rows; problems of no file come last.
fn sorted(dir: Option<PathBuf>, order: &[PathBuf], problems: Problems) -> Error {
    let Problems { mut list, truncated, .. } = problems;
    let rank = |err: &Error| {
        let file = err.path().and_then(|p| order.iter().position(|o| o == p)).unwrap_or(usize::MAX);
        let row = match err.kind() {
            ErrorKind::Csv { row, .. } => *row,
            ErrorKind::Rule { row, .. } => row.unwrap_or(0),
            _ => 0,
        };
        (file, row)
    };
    list.sort_by_key(rank);
    let fallback = dir.clone();
    Error::collect(dir, list, truncated).unwrap_or_else(|| {
        // Callers pass problems; an empty list still gives an error, not a panic.
        Error::new(fallback, ErrorKind::Io(std::io::Error::other("import failed without a problem")))
    })
}
