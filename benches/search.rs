//! Search benchmarks: a filtered search over 100k stories (and their
//! quotes) returning the top 10 with snippets, an unfiltered one,
//! building the search index for 100k stories, and keeping it in step with
//! a changed story (`search/change`).
//!
//! `cargo bench --bench search`; one group with `cargo bench --bench search -- search/query`.
//! The library's size is printed while it is built.

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group};
use refmatch::Library;
use refmatch::ledger::{Actor, Program, Record};
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

/// Two versions of `library`: as it is, and with one story's summary (the
/// middle one's) told anew.
fn two_versions(library: &Library) -> [std::sync::Arc<Library>; 2] {
    let mut data = library.data().clone();
    let middle = data.stories.len() / 2;
    data.stories[middle].summary = "Real-time fraud scoring replaced a legacy core in weeks.".into();
    [std::sync::Arc::new(library.clone()), std::sync::Arc::new(Library::new(data).expect("still valid"))]
}

fn change(c: &mut Criterion) {
    let library = library();
    let versions = two_versions(&library);
    let mut group = c.benchmark_group("search/change");
    group.sample_size(20).measurement_time(Duration::from_secs(20));
    // One story's text changed: `SearchIndex::update` compares the
    // libraries, numbers the rows again and indexes the one story.
    let mut index = SearchIndex::new(versions[0].clone()).unwrap();
    let mut turn = 0;
    group.bench_function("update/100k", |b| {
        b.iter(|| {
            turn += 1;
            index.update(versions[turn % 2].clone()).unwrap();
        })
    });
    // The same story changed through a program, then a filtered search,
    // which brings the program's search index in step first.
    let program = Program::new(library.clone());
    let admin = Actor::admin("bench");
    let request = requests().remove(0);
    program.search(request.clone()).unwrap();
    let stories = [versions[0].stories()[versions[0].stories().len() / 2].clone(), {
        let v = &versions[1];
        v.stories()[v.stories().len() / 2].clone()
    }];
    group.bench_function("program_upsert_then_search/100k", |b| {
        b.iter(|| {
            turn += 1;
            program.upsert(&admin, Record::Story(stories[turn % 2].clone())).unwrap();
            black_box(program.search(request.clone()).unwrap());
        })
    });
    group.finish();
}

criterion_group!(benches, search, build, change);

/// With `SEARCH_ONCE=<candidates>`, builds the search index of that
/// synthetic library once and exits, for counting instructions:
/// `SEARCH_ONCE=16600 valgrind --tool=callgrind --toggle-collect='*SearchIndex*new*' target/release/deps/search-*`
/// counts the build, not the library's generation.
fn main() {
    if let Ok(candidates) = std::env::var("SEARCH_CHANGE_ONCE") {
        // `SEARCH_CHANGE_ONCE=16600 valgrind --tool=callgrind
        // --collect-atstart=no --toggle-collect='*SearchIndex*update*'`:
        // the instructions of 16 updates of one story.
        let library = library_of(candidates.parse().expect("a number of candidates"));
        let versions = two_versions(&library);
        let mut index = SearchIndex::new(versions[0].clone()).expect("an index");
        for turn in 1..=16 {
            index.update(versions[turn % 2].clone()).expect("updates");
        }
        return;
    }
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
