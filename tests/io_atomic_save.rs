//! `save_json` (through `io::write_atomic`): a file planted at a
//! predictable temporary name is never written through, permissions are
//! kept, and saving through a symlink replaces the file it points to.

use refmatch::Library;
use refmatch::io::{load_json, save_json};

#[cfg(unix)]
#[test]
fn a_planted_symlink_at_the_old_temporary_name_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let target = dir.path().join("library.json");
    // The names the old code used: ".<file>.<pid>.<n>.tmp".
    for n in 0..4 {
        let planted = dir.path().join(format!(".library.json.{}.{n}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
    }
    save_json(&Library::sample(), &target).unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(std::fs::symlink_metadata(&victim).unwrap().file_type().is_file());
    assert_eq!(load_json(&target).unwrap(), Library::sample());
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_permissions_of_the_file_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.json");
    std::fs::write(&path, "{}").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    save_json(&Library::sample(), &path).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    // A new file gets what File::create would give it.
    let fresh = dir.path().join("fresh.json");
    let plain = dir.path().join("plain.json");
    save_json(&Library::sample(), &fresh).unwrap();
    std::fs::File::create(&plain).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&fresh), mode(&plain));
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_replaces_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    std::fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("library.json");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    save_json(&Library::sample(), &link).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link was replaced");
    assert_eq!(load_json(&real).unwrap(), Library::sample());
    // No temporary file is left anywhere.
    for d in [dir.path(), real_dir.as_path()] {
        let leftovers: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
    // A link to nowhere is an error that says so.
    let dangling = dir.path().join("dangling.json");
    std::os::unix::fs::symlink(dir.path().join("missing/file.json"), &dangling).unwrap();
    let err = save_json(&Library::sample(), &dangling).unwrap_err();
    assert!(err.to_string().contains("points to no file"), "{err}");
}
