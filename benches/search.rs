//! Search benchmarks: a filtered search over 100k stories (and their
//! quotes) returning the top 10 with snippets, an unfiltered one, and
//! building the search index for 100k stories.
//!
//! `cargo bench --bench search`; one group with `cargo bench --bench search -- search/query`.
//! The library's size is printed while it is built.

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group};
use refmatch::Library;
use refmatch::search::{Filters, SearchIndex, SearchRequest};
use refmatch::taxonomy::SalesRegion;
use support::synthetic;

/// Candidates that give a little over 100,000 stories.
const CANDIDATES: usize = 166_000;

fn library() -> Library {
    library_of(CANDIDATES)
}

fn library_of(candidates: usize) -> Library {
    let data = synthetic::with_text(synthetic::library(candidates, 42), 42);
    let library = Library::new(data).expect("synthetic libraries are valid");
    let text: usize = library.stories().iter().map(|s| s.title.len() + s.summary.len()).sum::<usize>()
        + library.quotes().iter().map(|q| q.text.len()).sum::<usize>();
    eprintln!(
        "library: {} stories, {} quotes, {:.1} MB of text",
        library.stories().len(),
        library.quotes().len(),
        text as f64 / 1e6
    );
    library
}

/// Queries a rep might type, with filters.
fn requests() -> Vec<SearchRequest> {
    let filters = [
        Filters::new().region(SalesRegion::Emea),
        Filters::new().country("DE"),
        Filters::new().sector("52"),
        Filters::new().region(SalesRegion::Amer).product("prd-01"),
        Filters::new().language("de"),
        Filters::new().region(SalesRegion::Apac).approved_on("2026-12-01".parse().unwrap()),
    ];
    let queries = [
        "fraud detection",
        "\"real-time scoring\" payments",
        "replaced a legacy core Ledgerly",
        "onboard* customers",
        "claims automation +insurance",
        "Echtzeit Zahlen",
        "predictive maintenance sensor alerts",
        "month-end close finance",
    ];
    let mut out = Vec::new();
    for (i, query) in queries.iter().enumerate() {
        for (j, filter) in filters.iter().enumerate() {
            if (i + j) % 2 == 0 {
                out.push(SearchRequest::new(*query).with_filters(filter.clone()));
            }
        }
    }
    out
}

fn search(c: &mut Criterion) {
    let index = SearchIndex::new(library()).expect("the index builds");
    let requests = requests();
    let mut group = c.benchmark_group("search/query");
    let mut i = 0;
    group.bench_function("filtered/100k", |b| {
        b.iter(|| {
            let request = &requests[i % requests.len()];
            i += 1;
            black_box(index.search(request).unwrap())
        })
    });
    let plain: Vec<SearchRequest> = requests.iter().map(|r| SearchRequest::new(r.query.clone())).collect();
    let mut i = 0;
    group.bench_function("unfiltered/100k", |b| {
        b.iter(|| {
            let request = &plain[i % plain.len()];
            i += 1;
            black_box(index.search(request).unwrap())
        })
    });
    group.finish();
}

fn build(c: &mut Criterion) {
    let library = std::sync::Arc::new(library());
    let mut group = c.benchmark_group("search/build");
    group.sample_size(10).measurement_time(Duration::from_secs(30));
    group.bench_function("100k", |b| b.iter(|| black_box(SearchIndex::new(library.clone()).unwrap())));
    group.finish();
}

criterion_group!(benches, search, build);

/// With `SEARCH_ONCE=<candidates>`, builds the search index of that
/// synthetic library once and exits, for counting instructions:
/// `SEARCH_ONCE=16600 valgrind --tool=callgrind --toggle-collect='*SearchIndex*new*' target/release/deps/search-*`
/// counts the build, not the library's generation.
fn main() {
    match std::env::var("SEARCH_ONCE") {
        Ok(candidates) => {
            let library =
                std::sync::Arc::new(library_of(candidates.parse().expect("a number of candidates")));
            let index = SearchIndex::new(library).expect("an index");
            eprintln!("{} documents indexed", index.documents());
        }
        Err(_) => {
            benches();
            Criterion::default().configure_from_args().final_summary();
        }
    }
}
