//! Runs every example, so examples cannot rot: each must exit 0 and print
//! something when run without arguments.
//!
//! `cargo test` builds the examples (dev profile) into
//! `target/debug/examples/<name>` before it runs the tests; this test finds
//! them next to its own binary, which runs from `target/<profile>/deps/`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Names of the examples: `examples/<name>.rs` and `examples/<name>/main.rs`.
fn example_names() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        let name = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned);
        let is_example = if path.is_dir() {
            path.join("main.rs").is_file()
        } else {
            path.extension().is_some_and(|ext| ext == "rs")
        };
        if let (true, Some(name)) = (is_example, name) {
            names.push(name);
        }
    }
    names.sort();
    names
}

/// Where cargo put the example binary, or every place that was tried.
fn example_binary(name: &str) -> Result<PathBuf, Vec<PathBuf>> {
    let exe = std::env::current_exe().expect("the test binary's path");
    // target/<profile>/deps/<test binary>
    let profile_dir = exe.parent().and_then(Path::parent).expect("test binary inside target/<profile>/deps");
    let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    let mut tried = vec![profile_dir.join("examples").join(&file)];
    if let Some(target_dir) = profile_dir.parent() {
        tried.push(target_dir.join("debug").join("examples").join(&file));
    }
    tried.dedup();
    tried.iter().find(|path| path.is_file()).cloned().ok_or(tried)
}

#[test]
fn every_example_runs_and_prints() {
    let names = example_names();
    assert!(!names.is_empty(), "no examples found under examples/");
    for name in &names {
        let binary = example_binary(name).unwrap_or_else(|tried| {
            panic!(
                "example `{name}` is not built (looked at {tried:?}); run `cargo test`, which builds \
                 every example, or `cargo build --examples` first"
            )
        });
        let output = Command::new(&binary)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary.display()));
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "example `{name}` failed with {}\nstdout:\n{stdout}\nstderr:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!stdout.trim().is_empty(), "example `{name}` printed nothing");
    }
}
