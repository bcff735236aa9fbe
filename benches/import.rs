//! CSV import benchmarks: a CRM export of 10k, 100k and 1M advocate rows
//! (with one account row per four advocates, each account with an
//! industry label), read, resolved and validated into a library.
//!
//! `cargo bench --bench import`. For instruction counts, run one import
//! of a size under callgrind, counting only the import itself:
//! `IMPORT_ONCE=10k valgrind --tool=callgrind --toggle-collect=import::import_once target/release/deps/import-*`.
//!
//! The export is made in memory before the
//! measurement, as a CRM writes it: its own header names, mixed case,
//! thousands separators, country and language names, and industry labels
//! (40 distinct picklist values and titles), so every row goes through the
//! tolerant readers and every account through label resolution.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group};
use refmatch::io::csv::CsvImport;

const LABELS: [&str; 8] = [
    "Banking",
    "Insurance",
    "Software",
    "Healthcare",
    "Commercial Banking",
    "Hospital & Health Care",
    "commercial banks",
    "Information Technology and Services",
];
const COUNTRIES: [&str; 6] = ["Germany", "United States", "FR", "gbr", "Japan", "Brazil"];
const SENIORITY: [&str; 5] = ["C-Level", "VP", "Director", "Manager", "Individual Contributor"];
const LANGUAGES: [&str; 4] = ["English", "German;English", "fr", "Japanese"];

/// The accounts and advocates tables of an export with `advocates` rows.
fn export(advocates: usize) -> (String, String) {
    let accounts_count = advocates.div_ceil(4);
    // 40 distinct labels: the eight above, and 32 picklist values.
    let picklist: Vec<String> =
        refmatch::taxonomy::crm_industries().iter().skip(40).take(32).map(|i| i.label.clone()).collect();
    let mut accounts = String::from(
        "Account ID,Account Name,Industry,Employees,Billing Country,Account Status,Account Owner,Created Date\n",
    );
    for i in 0..accounts_count {
        let label =
            if i % 5 == 0 { picklist[i / 5 % picklist.len()].as_str() } else { LABELS[i % LABELS.len()] };
        writeln!(
            accounts,
            "001A{i:08},Account {i},\"{label}\",\"{},{:03}\",{},Active,Owner {},2024-01-0{}",
            1 + i % 90,
            i % 1000,
            COUNTRIES[i % COUNTRIES.len()],
            i % 40,
            1 + i % 9
        )
        .unwrap();
    }
    let mut people = String::from(
        "Contact ID,Account ID,First Name,Last Name,Title,Seniority,Languages,Reference Types,Reference Status,Email Opt Out\n",
    );
    for i in 0..advocates {
        writeln!(
            people,
            "003A{i:08},001A{:08},First{i},Last{i},Title {},{},\"{}\",Reference Call;Webinar,Active,false",
            i / 4,
            i % 17,
            SENIORITY[i % SENIORITY.len()],
            LANGUAGES[i % LANGUAGES.len()]
        )
        .unwrap();
    }
    (accounts, people)
}

/// One import of the export, as measured.
#[inline(never)]
fn import_once(accounts: &str, advocates: &str) -> refmatch::Library {
    CsvImport::new()
        .accounts("accounts.csv", accounts.as_bytes())
        .advocates("advocates.csv", advocates.as_bytes())
        .finish()
        .expect("the synthetic export is valid")
}

const SIZES: [(&str, usize); 3] = [("10k", 10_000), ("100k", 100_000), ("1m", 1_000_000)];

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import/advocates");
    group.sample_size(10);
    for (name, rows) in SIZES {
        let (accounts, advocates) = export(rows);
        group.throughput(Throughput::Elements(rows as u64));
        if rows >= 1_000_000 {
            group.measurement_time(Duration::from_secs(60));
        }
        group.bench_function(name, |b| {
            b.iter_batched(|| (), |()| black_box(import_once(&accounts, &advocates)), BatchSize::PerIteration)
        });
    }
    group.finish();
}

/// Label resolution on its own: a label seen before (the cache); a label
/// near a title never seen before (6,375 labels, each a title with one
/// letter added, taken in turn, more than the cache holds, so every one is
/// computed); an unknown label (the same pass and the ranked suggestions).
fn resolve(c: &mut Criterion) {
    let naics = refmatch::taxonomy::naics();
    let mut group = c.benchmark_group("taxonomy/resolve");
    naics.resolve("commercial banks").expect("a near title");
    group.bench_function("cached", |b| b.iter(|| black_box(naics.resolve(black_box("commercial banks")))));
    let near: Vec<String> = ["x", "y", "z"]
        .iter()
        .flat_map(|letter| naics.iter().map(move |i| format!("{}{letter}", i.title)))
        .collect();
    let mut i = 0_usize;
    group.bench_function("near", |b| {
        b.iter(|| {
            i += 1;
            black_box(naics.resolve(&near[i % near.len()]))
        })
    });
    group.bench_function("unknown", |b| {
        b.iter(|| {
            i += 1;
            black_box(naics.resolve(&format!("space piracy {i}")))
        })
    });
    group.finish();
}

criterion_group!(benches, import, resolve);

fn main() {
    // `IMPORT_ONCE=10k`: one import of that size, for callgrind.
    if let Ok(size) = std::env::var("IMPORT_ONCE") {
        let (_, rows) =
            SIZES.into_iter().find(|(name, _)| *name == size).expect("IMPORT_ONCE is 10k, 100k or 1m");
        let (accounts, advocates) = export(rows);
        let library = import_once(&accounts, &advocates);
        println!("imported {} advocates of {} accounts", library.advocates().len(), library.accounts().len());
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
