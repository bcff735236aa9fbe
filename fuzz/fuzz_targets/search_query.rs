//! Fuzzes the search query parser and the whole search over the sample
//! program: any text gets results or a query error whose every problem has
//! a place, a message and (in the text) a column inside it; never a panic.
//!
//! `cargo +nightly fuzz run search_query fuzz/seeds/search_query` from the
//! crate root (cargo-fuzz); `fuzz/seeds/` holds queries to start from.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use refmatch::Library;
use refmatch::search::{SearchError, SearchIndex, check_syntax};

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| SearchIndex::new(Library::sample()).expect("the sample indexes"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else { return };
    let columns = query.chars().count() + 1;
    let syntax = check_syntax(query);
    match index().search(query) {
        Ok(results) => {
            assert!(syntax.is_ok(), "search answered a query the parser refused: {query:?}");
            assert!(results.hits.len() <= 10 && results.total >= results.hits.len());
            for hit in &results.hits {
                for range in &hit.snippet.highlights {
                    assert!(hit.snippet.text.get(range.clone()).is_some(), "highlight off a char boundary");
                }
            }
        }
        Err(SearchError::Query(problems)) => {
            assert!(!problems.is_empty());
            for problem in &problems {
                assert!(!problem.place.is_empty() && !problem.message.is_empty());
                assert!(problem.column.is_none_or(|c| (1..=columns).contains(&c)), "{problem:?} in {query:?}");
            }
        }
        Err(other) => panic!("engine error on {query:?}: {other}"),
    }
});
