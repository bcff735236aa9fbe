//! Any bytes as a folder of CRM CSV exports: the input is cut at each
//! `\0` into the folder's files in a fixed order (accounts, advocates,
//! stories, products, outcomes, assets, engagements, policy), written to a
//! temporary folder and loaded with `load_dir`. An error or a library,
//! never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

const FILES: [&str; 8] = [
    "accounts.csv",
    "advocates.csv",
    "stories.csv",
    "products.csv",
    "outcomes.csv",
    "assets.csv",
    "engagements.csv",
    "policy.json",
];

fuzz_target!(|data: &[u8]| {
    // In memory when the machine has it: writing files is most of a run.
    let dir = tempfile::tempdir_in("/dev/shm").or_else(|_| tempfile::tempdir()).expect("a temporary folder");
    for (name, content) in FILES.iter().zip(data.split(|&b| b == 0)) {
        std::fs::write(dir.path().join(name), content).expect("a file");
    }
    let _ = refmatch::io::csv::load_dir(dir.path());
});
