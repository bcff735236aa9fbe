//! Loading a library: `io::load_json` of the synthetic generator's library
//! at 100k and 1M candidates (read, parse, validate), the validation alone
//! (`Library::new` of parsed data), and the index build after it.
//!
//! `cargo bench --bench load`. The JSON file is written once per size to a
//! temporary directory (untimed); its size is printed.
//!
//! With `LOAD_ONCE=<candidates>`, loads that library's JSON once, builds
//! its index and prints the process's peak resident memory (`VmHWM`) after
//! each step, for the memory figures; with `valgrind --tool=callgrind
//! --toggle-collect='*load_json*'` it counts the load's instructions.

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group};
use refmatch::io::load_json;
use refmatch::{Index, Library};
use support::synthetic;

const SIZES: [(usize, &str); 2] = [(100_000, "100k"), (1_000_000, "1m")];

/// Writes the synthetic library of `candidates` as JSON into `dir`.
fn write_library(dir: &Path, candidates: usize) -> std::path::PathBuf {
    let library = Library::new(synthetic::library(candidates, 42)).expect("synthetic libraries are valid");
    let path = dir.join(format!("library-{candidates}.json"));
    refmatch::io::save_json(&library, &path).expect("saved");
    let bytes = std::fs::metadata(&path).expect("written").len();
    eprintln!(
        "{candidates} candidates: {} advocates, {} stories, {:.1} MB of JSON",
        library.advocates().len(),
        library.stories().len(),
        bytes as f64 / 1e6
    );
    path
}

fn load(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut group = c.benchmark_group("load");
    group.sample_size(10).measurement_time(Duration::from_secs(40));
    for (candidates, name) in SIZES {
        let path = write_library(dir.path(), candidates);
        group.bench_function(BenchmarkId::new("json", name), |b| {
            b.iter(|| black_box(load_json(&path).expect("loads")))
        });
        let text = std::fs::read(&path).expect("readable");
        let data: refmatch::model::LibraryData = serde_json::from_slice(&text).expect("parses");
        group.bench_function(BenchmarkId::new("validate", name), |b| {
            b.iter_batched(
                || data.clone(),
                |data| black_box(Library::new(data).expect("valid")),
                criterion::BatchSize::LargeInput,
            )
        });
        std::fs::remove_file(&path).expect("removed");
    }
    group.finish();
}

/// A memory figure of this process in MB: `VmHWM` (the peak resident
/// set so far) or `VmRSS` (the current one).
fn status_mb(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(f64::NAN);
    kb / 1e3
}

/// One load of `candidates`' JSON (written by an earlier run of this
/// function, or now), then its index, with the memory after each.
fn once(candidates: usize) {
    let dir = std::env::temp_dir().join("refmatch-load-bench");
    std::fs::create_dir_all(&dir).expect("a directory");
    let path = dir.join(format!("library-{candidates}.json"));
    if !path.exists() {
        write_library(&dir, candidates);
        eprintln!("written; run again to measure a process that only loads");
        return;
    }
    let bytes = std::fs::metadata(&path).expect("written").len();
    let before = status_mb("VmRSS");
    let start = std::time::Instant::now();
    let library = load_json(&path).expect("loads");
    let loaded = start.elapsed();
    let after_load = status_mb("VmRSS");
    let peak_load = status_mb("VmHWM");
    let start = std::time::Instant::now();
    let index = Index::new(library);
    let built = start.elapsed();
    eprintln!(
        "{candidates} candidates, {:.1} MB of JSON: load {loaded:.2?} (resident {after_load:.0} MB, peak {peak_load:.0} MB, \
         {before:.0} MB before); index {built:.2?} ({:.1} bytes per candidate by heap_bytes); resident with the index {:.0} MB, peak {:.0} MB",
        bytes as f64 / 1e6,
        index.heap_bytes() as f64 / index.candidates() as f64,
        status_mb("VmRSS"),
        status_mb("VmHWM")
    );
    black_box(index);
}

criterion_group!(benches, load);

fn main() {
    match std::env::var("LOAD_ONCE") {
        Ok(candidates) => once(candidates.parse().expect("a number of candidates")),
        Err(_) => {
            benches();
            Criterion::default().configure_from_args().final_summary();
        }
    }
}
