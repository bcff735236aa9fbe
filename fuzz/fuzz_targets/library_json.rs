//! Any bytes as a library JSON file: an error or a library, never a panic
//! or a hang; a library that loads saves and loads back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use refmatch::io::{from_json_slice, from_json_str, to_json_string};

fuzz_target!(|data: &[u8]| {
    if let Ok(library) = from_json_slice(data) {
        let text = to_json_string(&library);
        let again = from_json_str(&text).expect("a saved library loads");
        assert_eq!(again, library, "load(save(x)) != x");
    }
});
