//! Imports a folder of CRM CSV exports and prints what the import read and
//! decided, then the library's counts.
//!
//! ```text
//! cargo run --example import_crm -- [DIR]
//! ```
//!
//! `DIR` defaults to `data/crm-export/`, a fictional Salesforce-style
//! export. When the import fails, every problem is printed to standard
//! error, one a line, and the exit code is 2.

use std::process::ExitCode;

use refmatch::io::csv::CsvImport;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "data/crm-export".to_string());
    if let Some(extra) = args.next() {
        eprintln!("error: unexpected argument {extra:?}: usage: import_crm [DIR]");
        return ExitCode::from(2);
    }
    match CsvImport::new().read_dir(&dir).finish_with_report() {
        Ok((library, report)) => {
            println!("Imported {dir}");
            print!("{report}");
            println!(
                "library: {} products, {} accounts, {} advocates, {} stories ({} outcomes, {} assets), {} engagements, {} quotes",
                library.products().len(),
                library.accounts().len(),
                library.advocates().len(),
                library.stories().len(),
                library.stories().iter().map(|s| s.outcomes.len()).sum::<usize>(),
                library.stories().iter().map(|s| s.assets.len()).sum::<usize>(),
                library.engagements().len(),
                library.quotes().len(),
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            let problems = err.problems();
            eprintln!("error: the import of {dir} found {} problem(s):", problems.len());
            for problem in problems {
                eprintln!("{problem}");
            }
            if matches!(err.kind(), refmatch::io::ErrorKind::Many { truncated: true, .. }) {
                eprintln!("(the import stopped there; fix these and run it again for the rest)");
            }
            ExitCode::from(2)
        }
    }
}
