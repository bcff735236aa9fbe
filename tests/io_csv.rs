//! CSV import: a whole folder read into a library, and every kind of bad
//! input reported with its file, row and column.

use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::date;
use refmatch::io::csv::{CsvImport, load_dir};
use refmatch::io::{Error, ErrorKind};
use refmatch::model::{
    AccountStatus, AdvocateStatus, AssetKind, DateRange, EngagementKind, EngagementStatus, Seniority,
};

const PRODUCTS: &str = "\
id,name,family
ledger,Ledger Cloud,Finance
fraud,Fraud Shield,Risk
";

// Columns out of the documented order, a quoted comma, spaces around items.
const ACCOUNTS: &str = "\
name,id,industry,employees,country,status,owner,advisory_board
Acme Bank,acme,commercial banks,3000,DE,active,Dana Lee,2024; 2025
\"Globex, Inc.\",globex,513210,120,US,do_not_contact,Sam Roe,
";

const ADVOCATES: &str = "\
id,account,name,title,seniority,languages,kinds,status,cap,window_days,rest_days,blackouts
ana,acme,Ana Ruiz,CFO,executive, en ; es ;,reference_call;webinar,active,2,60,,2026-12-20..2027-01-05;2027-03-01..2027-03-02
bob,globex,Bob Stone,Director of IT,director,en,,paused,,,,
";

// The first summary holds a line break inside quotes: still one row.
const STORIES: &str = "\
id,account,title,summary,products,use_cases,advocates,competitors,verified_on,approved,approved_until
s1,acme,Close in three days,\"Acme closes, fast.
Two lines.\",ledger;fraud,Fraud Detection;kyc,ana,Oracle,2026-03-01,yes,2027-03-01
s2,globex,Globex goes cloud,,ledger,,bob,,2025-06-15,FALSE,
";

const OUTCOMES: &str = "\
story,metric,value,unit,description
s1,month-end close time,-40,%,three days instead of five
s2,uptime,,,always on
s1,fraud losses,-12.5,%,fewer losses
";

const ASSETS: &str = "\
story,kind,location,approved_until
s1,case_study,https://example.com/acme,2027-01-31
s1,quote,doc-17,
";

const ENGAGEMENTS: &str = "\
id,advocate,story,kind,date,status,prospect
e1,ana,s1,reference_call,2026-05-04,completed,Initech
e2,bob,s2,webinar,2026-06-01,requested,
";

/// A folder with every table and a policy, all valid.
fn full_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("products.csv", PRODUCTS),
        ("accounts.csv", ACCOUNTS),
        ("advocates.csv", ADVOCATES),
        ("stories.csv", STORIES),
        ("outcomes.csv", OUTCOMES),
        ("assets.csv", ASSETS),
        ("engagements.csv", ENGAGEMENTS),
        ("policy.json", r#"{"cap": 3}"#),
    ] {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// The full folder with one file replaced, loaded.
fn load_with(name: &str, content: &[u8]) -> (tempfile::TempDir, Error) {
    let dir = full_dir();
    fs::write(dir.path().join(name), content).unwrap();
    let err = load_dir(dir.path()).expect_err("the replaced file is bad");
    (dir, err)
}

/// Asserts the first problem's file, row and column; returns its message.
fn assert_csv(err: &Error, dir: &Path, file: &str, row: u64, column: Option<&str>) -> String {
    let err = &err.problems()[0];
    assert_eq!(err.path(), Some(dir.join(file).as_path()), "{err}");
    match err.kind() {
        ErrorKind::Csv { row: r, column: c, message } => {
            assert_eq!((*r, c.as_deref()), (row, column), "{err}");
            message.clone()
        }
        other => panic!("expected a csv error, got {other:?}"),
    }
}

#[test]
fn loads_a_full_folder() {
    let dir = full_dir();
    let library = load_dir(dir.path()).unwrap();

    assert_eq!(library.policy().cap, 3);
    assert_eq!(library.policy().window_days, 90, "unset policy fields keep their defaults");
    assert_eq!(library.products().len(), 2);
    assert_eq!(library.product("fraud").unwrap().family, "Risk");

    let acme = library.account("acme").unwrap();
    assert_eq!(acme.name, "Acme Bank");
    assert_eq!(acme.industry, "522110");
    assert_eq!(acme.employees, 3000);
    assert_eq!(acme.status, AccountStatus::Active);
    assert_eq!(acme.advisory_board, [2024, 2025]);
    let globex = library.account("globex").unwrap();
    assert_eq!(globex.name, "Globex, Inc.");
    assert_eq!(globex.status, AccountStatus::DoNotContact);
    assert!(globex.advisory_board.is_empty());

    // The import resolves labels itself and reports them.
    assert!(library.resolutions().is_empty());
    let (_, report) = CsvImport::new().read_dir(dir.path()).finish_with_report().unwrap();
    let [mapped] = report.mapped.as_slice() else { panic!("one value mapped: {report}") };
    assert_eq!((mapped.column, mapped.from.as_str()), ("industry", "commercial banks"));
    assert_eq!((mapped.to.as_str(), mapped.count), ("522110 (Commercial Banking)", 1));
    assert_eq!(report.files.len(), 7);
    assert_eq!(report.files[1].rows, 2);

    let ana = library.advocate("ana").unwrap();
    assert_eq!(ana.seniority, Seniority::Executive);
    assert_eq!(ana.languages, ["en", "es"]);
    assert_eq!(ana.kinds, [EngagementKind::ReferenceCall, EngagementKind::Webinar]);
    assert_eq!((ana.cap, ana.window_days, ana.rest_days), (Some(2), Some(60), None));
    assert_eq!(
        ana.blackouts,
        [
            DateRange { start: date(2026, 12, 20), end: date(2027, 1, 5) },
            DateRange { start: date(2027, 3, 1), end: date(2027, 3, 2) },
        ]
    );
    let bob = library.advocate("bob").unwrap();
    assert_eq!(bob.status, AdvocateStatus::Paused);
    assert!(bob.kinds.is_empty() && bob.blackouts.is_empty());
    assert_eq!((bob.cap, bob.window_days, bob.rest_days), (None, None, None));

    let s1 = library.story("s1").unwrap();
    assert_eq!(s1.summary, "Acme closes, fast.\nTwo lines.");
    assert_eq!(s1.products, ["ledger", "fraud"]);
    assert_eq!(s1.use_cases, ["Fraud Detection", "kyc"]);
    assert_eq!(s1.advocates, ["ana"]);
    assert_eq!(s1.competitors, ["Oracle"]);
    assert_eq!(s1.verified_on, date(2026, 3, 1));
    assert!(s1.approved);
    assert_eq!(s1.approved_until, Some(date(2027, 3, 1)));
    let metrics: Vec<_> = s1.outcomes.iter().map(|o| (o.metric.as_str(), o.value, o.unit.as_str())).collect();
    assert_eq!(metrics, [("month-end close time", Some(-40.0), "%"), ("fraud losses", Some(-12.5), "%")]);
    assert_eq!(s1.assets.len(), 2);
    assert_eq!(s1.assets[0].kind, AssetKind::CaseStudy);
    assert_eq!(s1.assets[0].approved_until, Some(date(2027, 1, 31)));
    assert_eq!((s1.assets[1].kind, s1.assets[1].location.as_str()), (AssetKind::Quote, "doc-17"));
    assert_eq!(s1.assets[1].approved_until, None);

    let s2 = library.story("s2").unwrap();
    assert!(!s2.approved);
    assert!(s2.use_cases.is_empty() && s2.competitors.is_empty() && s2.assets.is_empty());
    assert_eq!(s2.outcomes[0].value, None);
    assert_eq!(s2.outcomes[0].description, "always on");

    let e1 = library.engagement("e1").unwrap();
    assert_eq!(
        (e1.kind, e1.status, e1.date),
        (EngagementKind::ReferenceCall, EngagementStatus::Completed, date(2026, 5, 4))
    );
    assert_eq!(e1.prospect.as_deref(), Some("Initech"));
    assert_eq!(library.engagement("e2").unwrap().prospect, None);
}

#[test]
fn optional_files_and_columns_may_be_missing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("accounts.csv"),
        "id,name,industry,employees,country,status,owner\nacme,Acme,522110,10,DE,active,Dana\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("advocates.csv"),
        "id,account,name,title,seniority,status\nana,acme,Ana,CFO,executive,active\n",
    )
    .unwrap();
    fs::write(dir.path().join("stories.csv"), "id,account,title,verified_on,approved\n").unwrap();
    let library = load_dir(dir.path()).unwrap();
    assert_eq!(*library.policy(), refmatch::Policy::default());
    assert!(
        library.products().is_empty() && library.stories().is_empty() && library.engagements().is_empty()
    );
    assert!(library.advocates()[0].languages.is_empty());
    assert!(library.resolutions().is_empty());
}

#[test]
fn a_missing_required_file_is_an_io_error_naming_it() {
    let dir = full_dir();
    fs::remove_file(dir.path().join("advocates.csv")).unwrap();
    let err = load_dir(dir.path()).unwrap_err();
    assert_eq!(err.path(), Some(dir.path().join("advocates.csv").as_path()));
    assert!(matches!(err.kind(), ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::NotFound), "{err:?}");
}

#[test]
fn bad_number() {
    let accounts = ACCOUNTS.replace(",120,", ",12k,");
    let (dir, err) = load_with("accounts.csv", accounts.as_bytes());
    let message = assert_csv(&err, dir.path(), "accounts.csv", 3, Some("employees"));
    assert_eq!(message, r#""12k" is not a whole number: expected employees as digits, e.g. 3000 or 2,400"#);
    assert!(err.to_string().ends_with(r#"accounts.csv: row 3, column "employees": "12k" is not a whole number: expected employees as digits, e.g. 3000 or 2,400"#));
}

#[test]
fn huge_number() {
    let accounts = ACCOUNTS.replace(",3000,", ",99999999999999999999999,");
    let (dir, err) = load_with("accounts.csv", accounts.as_bytes());
    let message = assert_csv(&err, dir.path(), "accounts.csv", 2, Some("employees"));
    assert_eq!(
        message,
        r#""99999999999999999999999" is too large: expected employees of at most 18446744073709551615"#
    );

    let advocates = ADVOCATES.replace("active,2,60,", "active,2,4294967296,");
    let (dir, err) = load_with("advocates.csv", advocates.as_bytes());
    let message = assert_csv(&err, dir.path(), "advocates.csv", 2, Some("window_days"));
    assert!(message.contains("at most 4294967295"), "{message}");
}

#[test]
fn negative_and_empty_numbers() {
    let (dir, err) = load_with("accounts.csv", ACCOUNTS.replace(",120,", ",-120,").as_bytes());
    assert_csv(&err, dir.path(), "accounts.csv", 3, Some("employees"));
    let (dir, err) = load_with("accounts.csv", ACCOUNTS.replace(",120,", ",,").as_bytes());
    let message = assert_csv(&err, dir.path(), "accounts.csv", 3, Some("employees"));
    assert_eq!(message, "empty cell: expected employees as digits, e.g. 3000");
    let (dir, err) = load_with("outcomes.csv", OUTCOMES.replace("-12.5", "12,5").as_bytes());
    // "12,5" splits into two fields: a ragged row, not a silent misread.
    assert_csv(&err, dir.path(), "outcomes.csv", 4, None);
    let (dir, err) = load_with("outcomes.csv", OUTCOMES.replace("-12.5", "inf").as_bytes());
    assert_csv(&err, dir.path(), "outcomes.csv", 4, Some("value"));
}

#[test]
fn bad_enum_value() {
    let (dir, err) = load_with("advocates.csv", ADVOCATES.replace(",director,", ",boss,").as_bytes());
    let message = assert_csv(&err, dir.path(), "advocates.csv", 3, Some("seniority"));
    assert_eq!(
        message,
        r#""boss" is not a valid seniority: expected one of executive, vp, director, manager, individual"#
    );

    let (dir, err) = load_with(
        "advocates.csv",
        ADVOCATES.replace("reference_call;webinar", "reference_call;dinner").as_bytes(),
    );
    let message = assert_csv(&err, dir.path(), "advocates.csv", 2, Some("kinds"));
    assert!(
        message.starts_with(
            r#""dinner" is not a valid value in kinds: expected one of reference_call, site_visit"#
        ),
        "{message}"
    );

    let (dir, err) = load_with("stories.csv", STORIES.replace(",FALSE,", ",maybe,").as_bytes());
    let message = assert_csv(&err, dir.path(), "stories.csv", 3, Some("approved"));
    assert_eq!(message, r#""maybe" is not a yes/no value: expected true, false, yes, no, y, n, 1 or 0"#);
}

#[test]
fn bad_date() {
    let (dir, err) = load_with("stories.csv", STORIES.replace("2025-06-15", "2025-02-30").as_bytes());
    let message = assert_csv(&err, dir.path(), "stories.csv", 3, Some("verified_on"));
    assert_eq!(message, r#""2025-02-30" is not a date: expected verified_on as YYYY-MM-DD, e.g. 2026-11-20"#);

    let (dir, err) = load_with("engagements.csv", ENGAGEMENTS.replace("2026-06-01", "06/01/2026").as_bytes());
    assert_csv(&err, dir.path(), "engagements.csv", 3, Some("date"));

    let (dir, err) = load_with(
        "advocates.csv",
        ADVOCATES.replace("2027-03-01..2027-03-02", "2027-03-01-2027-03-02").as_bytes(),
    );
    let message = assert_csv(&err, dir.path(), "advocates.csv", 2, Some("blackouts"));
    assert!(message.contains("expected start..end"), "{message}");
}

#[test]
fn unknown_column_is_ignored_or_refused_when_strict() {
    let accounts = ACCOUNTS
        .replace(",owner,", ",owner,region,")
        .replace(",Dana Lee,", ",Dana Lee,north,")
        .replace(",Sam Roe,", ",Sam Roe,south,");
    let dir = full_dir();
    fs::write(dir.path().join("accounts.csv"), &accounts).unwrap();
    let (_, report) = CsvImport::new().read_dir(dir.path()).finish_with_report().unwrap();
    assert_eq!(report.files[1].ignored, ["region"]);
    assert!(report.to_string().contains(r#"ignored "region""#), "{report}");

    let err = CsvImport::new().strict(true).read_dir(dir.path()).finish().unwrap_err();
    let message = assert_csv(&err, dir.path(), "accounts.csv", 1, Some("region"));
    assert_eq!(
        message,
        r#"unknown column "region": expected the columns id, name, industry, employees, country, status, owner, owner_id (optional), advisory_board (optional)"#
    );
    let misspelled = accounts.replace(",region,", ",Acount Owner,").replace(",owner,", ",own,");
    fs::write(dir.path().join("accounts.csv"), misspelled).unwrap();
    let err = CsvImport::new().strict(true).read_dir(dir.path()).finish().unwrap_err();
    let messages: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
    assert!(messages.iter().any(|m| m.ends_with(r#"(did you mean "Account Owner"?)"#)), "{messages:?}");
    assert!(messages.iter().any(|m| m.ends_with(r#"(did you mean "owner"?)"#)), "{messages:?}");
}

#[test]
fn missing_required_column() {
    let advocates = "id,account,name,title,status\nana,acme,Ana,CFO,active\n";
    let (dir, err) = load_with("advocates.csv", advocates.as_bytes());
    let message = assert_csv(&err, dir.path(), "advocates.csv", 1, Some("seniority"));
    assert!(
        message.starts_with(r#"missing required column "seniority": expected the columns id, account,"#),
        "{message}"
    );
}

#[test]
fn duplicate_column() {
    let (dir, err) = load_with("products.csv", b"id,name,family,Product Name\n");
    let message = assert_csv(&err, dir.path(), "products.csv", 1, Some("Product Name"));
    assert!(message.starts_with(r#"columns "name" and "Product Name" both give name"#), "{message}");
}

#[test]
fn ragged_row() {
    // Row 2 spans two lines; row 3 misses its last field.
    let stories = STORIES.replace("2025-06-15,FALSE,", "2025-06-15,FALSE");
    let (dir, err) = load_with("stories.csv", stories.as_bytes());
    let message = assert_csv(&err, dir.path(), "stories.csv", 3, None);
    assert!(message.starts_with("found 10 fields: expected 11, one per header column"), "{message}");

    let (dir, err) = load_with("products.csv", b"id,name,family\nledger,Ledger,Finance,extra\n");
    assert_csv(&err, dir.path(), "products.csv", 2, None);
}

#[test]
fn invalid_utf8() {
    let mut advocates = ADVOCATES.as_bytes().to_vec();
    let at = ADVOCATES.find("Ana Ruiz").unwrap();
    advocates[at + 1] = 0xff;
    let (dir, err) = load_with("advocates.csv", &advocates);
    let message = assert_csv(&err, dir.path(), "advocates.csv", 2, Some("name"));
    assert_eq!(message, "invalid utf-8 after 1 bytes of the cell: expected text encoded as utf-8");

    let (dir, err) = load_with("products.csv", b"id,n\xe4me,family\n");
    let message = assert_csv(&err, dir.path(), "products.csv", 1, None);
    assert!(message.starts_with("invalid utf-8 in header column 2"), "{message}");
}

#[test]
fn empty_file() {
    // A zero-byte optional file is a missing one.
    let dir = full_dir();
    fs::write(dir.path().join("engagements.csv"), b"").unwrap();
    fs::write(dir.path().join("policy.json"), b"").unwrap();
    let library = load_dir(dir.path()).unwrap();
    assert!(library.engagements().is_empty());
    assert_eq!(*library.policy(), refmatch::Policy::default());
    // A file of blank lines has no header; a required file may not be empty.
    let (dir, err) = load_with("engagements.csv", b"\n\n");
    let message = assert_csv(&err, dir.path(), "engagements.csv", 1, None);
    assert!(
        message.starts_with("empty file: expected a header row with the columns id, advocate,"),
        "{message}"
    );
    let (dir, err) = load_with("accounts.csv", b"");
    assert_eq!(err.path(), Some(dir.path().join("accounts.csv").as_path()), "{err}");
    assert!(matches!(err.kind(), ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::NotFound), "{err:?}");
}

#[test]
fn empty_id() {
    let (dir, err) = load_with("products.csv", b"id,name,family\n  ,Nameless,Finance\n");
    let message = assert_csv(&err, dir.path(), "products.csv", 2, Some("id"));
    assert_eq!(message, "empty cell: expected a product id");
}

#[test]
fn outcome_for_unknown_story() {
    let outcomes = OUTCOMES.replace("s2,uptime", "s9,uptime");
    let (dir, err) = load_with("outcomes.csv", outcomes.as_bytes());
    let message = assert_csv(&err, dir.path(), "outcomes.csv", 3, Some("story"));
    assert!(message.starts_with(r#"unknown story id "s9""#), "{message}");

    let (dir, err) = load_with("assets.csv", b"story,kind,location\ns1,video,v.mp4\nnope,video,v.mp4\n");
    assert_csv(&err, dir.path(), "assets.csv", 3, Some("story"));
}

#[test]
fn validation_errors_name_file_row_and_column() {
    let advocates = ADVOCATES.replace("bob,globex,", "bob,globx,");
    let (dir, err) = load_with("advocates.csv", advocates.as_bytes());
    assert_eq!(err.path(), Some(dir.path().join("advocates.csv").as_path()), "{err}");
    let ErrorKind::Rule { row, column, problem } = err.kind() else { panic!("expected a rule, got {err:?}") };
    assert_eq!((*row, column.as_deref()), (Some(3), Some("account")));
    assert_eq!(problem.place, "advocates[1].account");
    assert!(
        err.to_string().ends_with(
            r#"advocates.csv: row 3, column "account": unknown account id "globx" (did you mean "globex"?)"#
        ),
        "{err}"
    );
}

#[test]
fn bad_policy_json_is_a_json_error() {
    let (dir, err) = load_with("policy.json", b"{\"cap\": \"three\"}");
    assert_eq!(err.path(), Some(dir.path().join("policy.json").as_path()));
    assert!(matches!(err.kind(), ErrorKind::Json { line: 1, .. }), "{err:?}");
}

#[test]
fn header_tolerates_bom_case_and_spaces() {
    let products = "\u{feff}ID , Name,FAMILY\nledger,Ledger,Finance\n";
    let library = CsvImport::new().products("products.csv", products.as_bytes()).finish().unwrap();
    assert_eq!(library.products()[0].id, "ledger");
}

#[test]
fn rows_of_empty_cells_are_skipped_but_counted() {
    let products = "id,name,family\nledger,Ledger,Finance\n,,\n , ,\nfraud,Fraud,Risk\n";
    let library = CsvImport::new().products("p.csv", products.as_bytes()).finish().unwrap();
    assert_eq!(library.products().len(), 2);
    let products = "id,name,family\n,,\n,Nameless,Finance\n";
    let err = CsvImport::new().products("p.csv", products.as_bytes()).finish().unwrap_err();
    assert_csv(&err, Path::new(""), "p.csv", 3, Some("id"));
}

#[test]
fn builder_takes_tables_in_any_order() {
    let library = CsvImport::new()
        .outcomes("outcomes.csv", OUTCOMES.as_bytes())
        .assets("assets.csv", ASSETS.as_bytes())
        .stories("stories.csv", STORIES.as_bytes())
        .engagements("engagements.csv", ENGAGEMENTS.as_bytes())
        .advocates("advocates.csv", ADVOCATES.as_bytes())
        .accounts("accounts.csv", ACCOUNTS.as_bytes())
        .products("products.csv", PRODUCTS.as_bytes())
        .finish()
        .unwrap();
    let dir = full_dir();
    fs::remove_file(dir.path().join("policy.json")).unwrap();
    assert_eq!(library, load_dir(dir.path()).unwrap());
}

#[test]
fn builder_errors_use_the_given_name() {
    let err =
        CsvImport::new().products(PathBuf::from("crm/prod.csv"), &b"id,name\n"[..]).finish().unwrap_err();
    assert_eq!(err.path(), Some(Path::new("crm/prod.csv")));
    let err = CsvImport::new()
        .stories("s.csv", &b"id,account,title,verified_on,approved\ns1,acme,T,2026-01-01,yes\n"[..])
        .finish()
        .unwrap_err();
    assert_eq!(err.path(), Some(Path::new("s.csv")), "validation errors name the file of the record");
    assert!(matches!(err.kind(), ErrorKind::Rule { row: Some(2), .. }), "{err:?}");
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<CsvImport>();
    check::<Error>();
}

mod never_panics {
    use proptest::prelude::*;
    use refmatch::io::csv::CsvImport;

    type Table = fn(CsvImport, &'static str, &[u8]) -> CsvImport;

    const TABLES: [(&str, Table); 7] = [
        ("id,name,family\n", |i, n, r| i.products(n, r)),
        ("id,name,industry,employees,country,status,owner,advisory_board\n", |i, n, r| i.accounts(n, r)),
        (
            "id,account,name,title,seniority,languages,kinds,status,cap,window_days,rest_days,blackouts\n",
            |i, n, r| i.advocates(n, r),
        ),
        (
            "id,account,title,summary,products,use_cases,advocates,competitors,verified_on,approved,approved_until\n",
            |i, n, r| i.stories(n, r),
        ),
        ("story,metric,value,unit,description\n", |i, n, r| i.outcomes(n, r)),
        ("story,kind,location,approved_until\n", |i, n, r| i.assets(n, r)),
        ("id,advocate,story,kind,date,status,prospect\n", |i, n, r| i.engagements(n, r)),
    ];

    proptest! {
        /// Any bytes after a valid header give a library or an error, never a panic.
        #[test]
        fn any_body_gives_ok_or_err(
            table in 0..TABLES.len(),
            body in proptest::collection::vec(
                prop_oneof![
                    Just(b','), Just(b';'), Just(b'\n'), Just(b'"'), Just(b'.'), Just(b'-'), Just(0xff),
                    b'0'..=b'9', b'a'..=b'z',
                ],
                0..300,
            ),
        ) {
            let (header, read) = TABLES[table];
            let mut input = header.as_bytes().to_vec();
            input.extend_from_slice(&body);
            let _ = read(CsvImport::new(), "t.csv", &input).finish_with_report();
        }

        /// Any bytes at all, header included, never panic either.
        #[test]
        fn any_bytes_give_ok_or_err(table in 0..TABLES.len(), input in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = TABLES[table].1(CsvImport::new(), "t.csv", &input).finish();
        }
    }
}
