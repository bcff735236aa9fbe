//! The sample reference program shipped with the crate.

use super::library::{Library, LibraryData};

const SAMPLE_JSON: &str = include_str!("../../data/sample.json");

impl Library {
    /// A realistic, fictional reference program for examples, tests and
    /// benchmarks: accounts across many industries and all four sales
    /// regions, their advocates and stories, and a ledger in which some
    /// advocates are at their cap.
    ///
    /// The data is embedded in the crate (`data/sample.json`, written by
    /// `tools/gen_sample.py`) and parsed on each call.
    ///
    /// # Panics
    ///
    /// Never in practice: the embedded file is checked by the crate's tests.
    pub fn sample() -> Library {
        let data: LibraryData = serde_json::from_str(SAMPLE_JSON).expect("embedded sample.json parses");
        Library::new(data).expect("embedded sample.json is a valid library")
    }
}
