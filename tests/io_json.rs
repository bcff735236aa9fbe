//! JSON load errors with their place, and atomic saves.

use std::fs;
use std::path::Path;

use jiff::civil::date;
use refmatch::io::{
    ErrorKind, from_json_slice, from_json_str, load_json, save_json, to_json_string, write_atomic,
};
use refmatch::model::{
    Account, AccountStatus, Advocate, AdvocateStatus, Engagement, EngagementKind, EngagementStatus, Product,
    Seniority, Story,
};
use refmatch::{Library, LibraryData, Policy};

/// A small valid library; `title` makes libraries tell apart.
fn small(title: &str) -> Library {
    let data = LibraryData {
        policy: Policy::default(),
        products: vec![Product {
            id: "ledger".into(),
            name: "Ledger Cloud".into(),
            family: "Finance".into(),
        }],
        accounts: vec![Account {
            id: "acme".into(),
            name: "Acme Bank".into(),
            industry: "522110".into(),
            employees: 3000,
            country: "DE".into(),
            status: AccountStatus::Active,
            owner: "Dana Lee".into(),
            owner_id: "dana-lee".into(),
            advisory_board: vec![2025],
        }],
        advocates: vec![Advocate {
            id: "ana".into(),
            account: "acme".into(),
            name: "Ana Ruiz".into(),
            title: "CFO".into(),
            seniority: Seniority::Executive,
            languages: vec!["en".into()],
            kinds: vec![EngagementKind::ReferenceCall],
            status: AdvocateStatus::Active,
            cap: Some(2),
            window_days: None,
            rest_days: None,
            blackouts: vec![],
        }],
        stories: vec![Story {
            id: "s1".into(),
            account: "acme".into(),
            title: title.into(),
            summary: String::new(),
            products: vec!["ledger".into()],
            use_cases: vec!["fraud detection".into()],
            advocates: vec!["ana".into()],
            outcomes: vec![],
            competitors: vec![],
            assets: vec![],
            verified_on: date(2026, 3, 1),
            approved: true,
            approved_until: None,
        }],
        engagements: vec![Engagement {
            id: "e1".into(),
            advocate: "ana".into(),
            story: "s1".into(),
            kind: EngagementKind::ReferenceCall,
            date: date(2026, 5, 4),
            status: EngagementStatus::Completed,
            prospect: None,
        }],
        ..LibraryData::default()
    };
    Library::new(data).expect("the test library is valid")
}

/// The JSON error's line, column and message.
fn json_place(result: Result<Library, refmatch::io::Error>) -> (usize, usize, String) {
    let err = result.expect_err("the input is bad");
    match err.kind() {
        ErrorKind::Json { line, column, message } => (*line, *column, message.clone()),
        other => panic!("expected a json error, got {other:?}"),
    }
}

/// Names of the files in `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn round_trips_through_text_and_files() {
    let library = small("Close in three days");
    assert_eq!(from_json_str(&to_json_string(&library)).unwrap(), library);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.json");
    save_json(&library, &path).unwrap();
    assert_eq!(load_json(&path).unwrap(), library);
}

#[test]
fn truncated_json() {
    let text = to_json_string(&small("t"));
    let cut = &text[..text.find("\"advocates\"").unwrap()];
    let lines = cut.lines().count();
    let (line, column, message) = json_place(from_json_str(cut));
    assert_eq!(line, lines, "{message}");
    // serde_json places the end of input on the last character read.
    assert_eq!(column, cut.lines().last().unwrap().len(), "{message}");
    assert!(message.contains("EOF while parsing"), "{message}");
}

#[test]
fn wrong_type() {
    let (line, column, message) = json_place(from_json_str("{\n  \"accounts\": 5\n}"));
    assert_eq!((line, column), (2, 15), "{message}");
    assert!(message.starts_with("invalid type: integer `5`, expected a sequence"), "{message}");
}

#[test]
fn unknown_field() {
    // serde_json points at the last character of the offending token: the
    // closing quote of the key.
    let (line, column, message) = json_place(from_json_str("{\"acounts\": []}"));
    assert_eq!((line, column), (1, 10), "{message}");
    assert!(message.starts_with("unknown field `acounts`, expected one of"), "{message}");
}

#[test]
fn huge_number_for_employees() {
    let text =
        to_json_string(&small("t")).replace("\"employees\": 3000", "\"employees\": 99999999999999999999999");
    let expected_line = text.lines().position(|l| l.contains("99999")).unwrap() + 1;
    let (line, column, message) = json_place(from_json_str(&text));
    assert_eq!(line, expected_line, "{message}");
    let end = text.lines().nth(line - 1).unwrap().find("99999").unwrap() + 23;
    assert_eq!(column, end, "{message}");
    assert!(message.contains("expected u64"), "{message}");
}

#[test]
fn invalid_utf8() {
    let mut bytes = b"{\"products\": [\n  {\"id\": \"p\", \"name\": \"Caf".to_vec();
    bytes.extend_from_slice(b"\xe9\", \"family\": \"f\"}]}");
    // Line 2, column 27 is the byte 0xe9 itself.
    let (line, column, message) = json_place(from_json_slice(&bytes));
    assert_eq!((line, column), (2, 27), "{message}");
    assert!(message.contains("unicode"), "{message}");
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.json");
    fs::write(&path, "").unwrap();
    let err = load_json(&path).unwrap_err();
    assert_eq!(err.path(), Some(path.as_path()));
    let (line, column, message) = json_place(Err(err));
    assert_eq!((line, column), (1, 1), "{message}");
    assert!(message.starts_with("EOF while parsing a value"), "{message}");
}

#[test]
fn validation_errors_are_invalid() {
    let text = to_json_string(&small("t")).replace("\"account\": \"acme\"", "\"account\": \"nope\"");
    let err = from_json_str(&text).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Invalid(_)), "{err:?}");
}

#[test]
fn missing_file_is_an_io_error_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.json");
    let err = load_json(&path).unwrap_err();
    assert_eq!(err.path(), Some(path.as_path()));
    assert!(matches!(err.kind(), ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::NotFound), "{err:?}");
    assert!(err.to_string().contains("missing.json"), "{err}");
}

#[test]
fn save_replaces_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.json");
    save_json(&small("old"), &path).unwrap();
    save_json(&small("new"), &path).unwrap();
    assert_eq!(load_json(&path).unwrap().stories()[0].title, "new");
}

#[test]
fn no_temporary_files_remain_after_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.json");
    for title in ["one", "two", "three"] {
        save_json(&small(title), &path).unwrap();
    }
    write_atomic(dir.path().join("notes.txt"), b"hello").unwrap();
    assert_eq!(entries(dir.path()), ["library.json", "notes.txt"]);
}

/// Works as root too: renaming a file over a directory fails for everyone.
#[test]
fn failed_save_leaves_the_target_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let previous = dir.path().join("previous.json");
    save_json(&small("previous"), &previous).unwrap();
    let before = fs::read(&previous).unwrap();
    let target = dir.path().join("library.json");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("inside.txt"), "kept").unwrap();

    let err = save_json(&small("new"), &target).unwrap_err();
    assert_eq!(err.path(), Some(target.as_path()));
    assert!(matches!(err.kind(), ErrorKind::Io(_)), "{err:?}");
    assert_eq!(fs::read_to_string(target.join("inside.txt")).unwrap(), "kept");
    assert_eq!(entries(dir.path()), ["library.json", "previous.json"], "no temporary file is left");
    assert_eq!(fs::read(&previous).unwrap(), before);
    assert_eq!(load_json(&previous).unwrap().stories()[0].title, "previous");
}

/// A read-only directory stops the temporary file from being created. Root
/// ignores permission bits, so the test checks that it is actually refused
/// before asserting anything.
#[cfg(unix)]
#[test]
fn failed_save_in_a_read_only_directory_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.json");
    save_json(&small("old"), &path).unwrap();
    let before = fs::read(&path).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let refused = fs::File::create(dir.path().join("probe")).is_err();
    let result = save_json(&small("new"), &path);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    if !refused {
        eprintln!("skipped: permission bits are not enforced (running as root?)");
        return;
    }
    let err = result.unwrap_err();
    assert_eq!(err.path(), Some(path.as_path()));
    assert!(matches!(err.kind(), ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::PermissionDenied));
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(load_json(&path).unwrap().stories()[0].title, "old");
    assert_eq!(entries(dir.path()), ["library.json"]);
}

#[test]
fn sample_round_trips() {
    let sample = Library::sample();
    assert_eq!(from_json_str(&to_json_string(&sample)).unwrap(), sample);
}

proptest::proptest! {
    /// Any bytes give a library or an error, never a panic.
    #[test]
    fn any_bytes_give_ok_or_err(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
        let _ = from_json_slice(&bytes);
    }
}
