//! Save and load round trips of whole libraries, in memory and on disk.

mod common;

use proptest::prelude::*;
use refmatch::Library;
use refmatch::io::{from_json_slice, from_json_str, load_json, save_json, to_json_string};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// from_json_str(to_json_string(x)) == x for every valid library x:
    /// every field, including unicode and control characters in texts and
    /// the exact bits of every f64 outcome value, survives the JSON text,
    /// and printing the parsed library again gives the same text.
    #[test]
    fn json_text_round_trip(x in common::arb_library(common::Sizes::small())) {
        let text = to_json_string(&x);
        let back = from_json_str(&text).map_err(|err| TestCaseError::fail(format!("{err}\n{text}")))?;
        prop_assert_eq!(&back, &x);
        prop_assert!(back.resolutions().is_empty());
        prop_assert_eq!(outcome_bits(&back), outcome_bits(&x));
        prop_assert_eq!(to_json_string(&back), text.clone());
        prop_assert_eq!(from_json_slice(text.as_bytes()).unwrap(), x);
    }

    /// load_json(save_json(x)) == x for every valid library x, and saving
    /// over an existing file replaces it with the same bytes a fresh save
    /// writes, leaving no temporary file behind.
    #[test]
    fn json_file_round_trip(x in common::arb_library(common::Sizes::small())) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.json");
        save_json(&x, &path).unwrap();
        let back = load_json(&path).map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert_eq!(&back, &x);
        prop_assert_eq!(outcome_bits(&back), outcome_bits(&x));

        let first = std::fs::read(&path).unwrap();
        prop_assert_eq!(first.last(), Some(&b'\n'));
        save_json(&back, &path).unwrap();
        prop_assert_eq!(std::fs::read(&path).unwrap(), first);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        prop_assert_eq!(names, vec![std::ffi::OsString::from("library.json")]);
    }
}

/// The bits of every outcome value, so that `-0.0` against `0.0` (equal
/// as numbers) would still be told apart.
fn outcome_bits(library: &Library) -> Vec<Option<u64>> {
    library.stories().iter().flat_map(|s| s.outcomes.iter().map(|o| o.value.map(f64::to_bits))).collect()
}
