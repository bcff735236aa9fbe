//! `aliases.csv`: the user's own industry labels and the NAICS 2022 code
//! each one means, read into [`CsvImport::industry_alias`].

use std::io::Read;
use std::path::Path;

use super::CsvImport;
use super::spec::header_key;
use super::table::csv_error;
use crate::io::error::{Error, ErrorKind};

/// Header names of the label column and of the code column.
const LABEL: [&str; 3] = ["label", "industry", "alias"];
const CODE: [&str; 3] = ["code", "naics", "naicscode"];

/// Reads `label,code` rows into the import's aliases, keeping a problem
/// for each bad row.
pub(super) fn read(import: &mut CsvImport, path: &Path, reader: impl Read) {
    let mut csv = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(reader);
    let mut records = csv.records();
    let header = match records.next() {
        None => {
            import.problem(csv_error(
                path,
                1,
                None,
                "empty file: expected a header row with the columns label, code",
            ));
            return;
        }
        Some(Err(err)) => return import.problem(unreadable(path, 1, err)),
        Some(Ok(header)) => header,
    };
    let find = |names: &[&str]| {
        header.iter().position(|h| names.contains(&header_key(h.trim_start_matches('\u{feff}')).as_str()))
    };
    let (Some(label), Some(code)) = (find(&LABEL), find(&CODE)) else {
        let found: Vec<&str> = header.iter().collect();
        import.problem(csv_error(
            path,
            1,
            None,
            format!("found the columns {}: expected the columns label, code", found.join(", ")),
        ));
        return;
    };
    for (i, record) in records.enumerate() {
        let row = i as u64 + 2;
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                import.problem(unreadable(path, row, err));
                continue;
            }
        };
        let (text, number) = (record.get(label).unwrap_or("").trim(), record.get(code).unwrap_or("").trim());
        if text.is_empty() && number.is_empty() {
            continue;
        }
        let column = if crate::taxonomy::naics().contains(number) { &header[label] } else { &header[code] };
        if let Err(message) = import.add_alias(text, number) {
            import.problem(csv_error(path, row, Some(column), message));
        }
    }
}

fn unreadable(path: &Path, row: u64, err: ::csv::Error) -> Error {
    let message = err.to_string().to_lowercase();
    match err.into_kind() {
        ::csv::ErrorKind::Io(err) => Error::new(Some(path.to_path_buf()), ErrorKind::Io(err)),
        _ => csv_error(path, row, None, format!("unreadable csv: {message}")),
    }
}
