//! CSV import of exports as CRMs write them: the fictional Salesforce-style
//! export in `data/crm-export/`, the realistic mistakes of
//! `data/crm-export-mistakes/` with their full error list, tolerant values,
//! options, the problem cap and the cost of industry labels.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use refmatch::io::ErrorKind;
use refmatch::io::csv::{CsvImport, MAX_PROBLEMS, NumberFormat, Table, load_dir};
use refmatch::model::{AdvocateStatus, Channel, EngagementKind, EngagementStatus, Seniority};

fn crate_dir(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// Every problem of an import, one string each, the folder left out.
fn problems(err: &refmatch::io::Error, dir: &Path) -> Vec<String> {
    let prefix = format!("{}/", dir.display());
    err.problems().iter().map(|p| p.to_string().replace(&prefix, "")).collect()
}

#[test]
fn the_crm_export_imports_with_zero_errors() {
    let dir = crate_dir("data/crm-export");
    let (library, report) =
        CsvImport::new().read_dir(&dir).finish_with_report().unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(
        (
            library.products().len(),
            library.accounts().len(),
            library.advocates().len(),
            library.stories().len()
        ),
        (5, 12, 26, 15)
    );
    assert_eq!((library.engagements().len(), library.quotes().len()), (8, 2));
    let industry = |id: &str| library.account(id).unwrap().industry.as_str();
    assert_eq!(industry("001Dn00000Brk01"), "5221", "Banking");
    assert_eq!(industry("001Dn00000Hls02"), "524", "Insurance");
    assert_eq!(industry("001Dn00000Nrd03"), "5132", "Software");
    assert_eq!(industry("001Dn00000Vrd04"), "62", "Healthcare");
    assert_eq!(industry("001Dn00000Tpz09"), "522320", "Fintech, from aliases.csv");
    let brueckner = library.account("001Dn00000Brk01").unwrap();
    assert_eq!((brueckner.employees, brueckner.country.as_str()), (3200, "DE"));
    assert_eq!(library.account("001Dn00000Cst05").unwrap().country, "US", "\"us\"");
    assert_eq!(library.account("001Dn00000Tpz09").unwrap().country, "GB", "\"GBR\"");

    let anja = library.advocate("003Dn00001Ana01").unwrap();
    assert_eq!(anja.name, "Anja Brückner", "first and last name");
    assert_eq!(anja.seniority, Seniority::Executive, "C-Level");
    assert_eq!(anja.languages, ["de", "en"]);
    assert_eq!(anja.kinds, [EngagementKind::ReferenceCall, EngagementKind::Webinar]);
    assert_eq!(library.advocate("003Dn00001Eli03").unwrap().languages, ["de", "en", "tr"], "\"de,en,tr\"");
    assert_eq!(library.advocate("003Dn00001Mar04").unwrap().seniority, Seniority::Vp, "Vice President");
    assert_eq!(
        library.advocate("003Dn00001Fel08").unwrap().status,
        AdvocateStatus::DoNotContact,
        "Email Opt Out"
    );
    assert_eq!(library.advocate("003Dn00001Ngu13").unwrap().status, AdvocateStatus::Departed, "Left Company");
    let held = library.engagement("00TDn0000Eng003").unwrap();
    assert_eq!(held.status, EngagementStatus::Approved, "Scheduled");
    assert_eq!(library.story("a0R5g000001Ref06").unwrap().outcomes[0].value, Some(-1250.0), "\"-1,250\"");
    let anja_says = library.quote("a0Q5g000003Quo01").unwrap();
    assert_eq!(anja_says.language, "de", "German");
    assert_eq!(anja_says.channels, [Channel::Web, Channel::SalesDeck], "Website;Sales Deck");
    assert_eq!(anja_says.approved_until, Some(jiff::civil::date(2027, 12, 31)));
    let camille_says = library.quote("a0Q5g000003Quo02").unwrap();
    assert_eq!((camille_says.language.as_str(), camille_says.approved_until), ("fr", None), "FR");
    assert_eq!(camille_says.channels, [Channel::Web, Channel::Press, Channel::Social]);
    assert!(camille_says.text.starts_with("Les prises de contrôle"));

    // The report: rows, ignored columns and mapped values.
    let accounts = &report.files[1];
    assert_eq!((accounts.table, accounts.rows), (Table::Accounts, 12));
    assert_eq!(accounts.ignored, ["Type", "Created Date", "Website"]);
    let text = report.to_string();
    for line in [
        "  ignored \"Type\", \"Created Date\", \"Website\"",
        "  industry: Banking → 5221 (Depository Credit Intermediation) ×1",
        "Insurance → 524 (Insurance Carriers and Related Activities) ×2",
        "Fintech → 522320 (Financial Transactions Processing, Reserve, and Clearinghouse Activities) ×1",
        "  country: Germany → DE ×2, United States → US ×1, USA → US ×1",
        "  opt_out: true → status do_not_contact ×1",
        "  ignored \"Contact Name\", \"Created Date\"",
        "  language: German → de ×1",
        "  channels: Website → web ×1, PRESS RELEASE → press ×1, Social Media → social ×1",
    ] {
        assert!(text.contains(line), "the report lacks {line:?}:\n{text}");
    }
    assert_eq!(library, load_dir(&dir).unwrap());
}

#[test]
fn the_mistakes_give_their_full_error_list() {
    let dir = crate_dir("data/crm-export-mistakes");
    let err = load_dir(&dir).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Many { truncated: false, .. }), "{err:?}");
    assert_eq!(err.path(), Some(dir.as_path()));
    let expected = [
        r#"accounts.csv: row 4, column "Industry": unknown industry "Softwear": closest titles are Software Publishers (5132), Soft Drink and Ice Manufacturing (31211), Computer and Computer Peripheral Equipment and Software Merchant Wholesalers (42343), Soft Drink Manufacturing (312111), Softwood Veneer and Plywood Manufacturing (321212): expected a NAICS 2022 code such as "522110" or an industry title"#,
        r#"accounts.csv: row 6, column "Billing Country": unknown country "Atlantis": expected an ISO 3166-1 code or English name, e.g. DE, DEU or Germany"#,
        r#"accounts.csv: row 7, column "Employees": "2.100" is not a whole number: expected employees as digits, e.g. 3000 or 2,400 (it reads as 2100 with NumberFormat::Comma)"#,
        r#"accounts.csv: row 14, column "Account ID": duplicate account id "001Dn00000Mrd08": first used in row 9"#,
        r#"advocates.csv: row 5, column "Account ID": unknown account id "001Dn00000Hls2" (did you mean "001Dn00000Hls02"?)"#,
        r#"advocates.csv: row 7, column "Seniority": "Boss" is not a valid seniority: expected one of executive, vp, director, manager, individual"#,
        r#"advocates.csv: row 9, column "Languages": "Klingon" is Klingon (tlh), which has no ISO 639-1 code: expected ISO 639-1 codes or English names, e.g. de;en or German;English"#,
        r#"advocates.csv: row 11, column "Reference Status": "Actve" is not a valid status: expected one of active, paused, do_not_contact, departed (did you mean "active"?)"#,
        r#"stories.csv: row 4, column "Approved for Use": "Maybe" is not a yes/no value: expected true, false, yes, no, y, n, 1 or 0"#,
        r#"stories.csv: row 6, column "Last Verified": "2026-02-30" is not a date: expected verified_on as YYYY-MM-DD, e.g. 2026-11-20"#,
        r#"stories.csv: row 8, column "Contact IDs": advocate "003Dn00001Lin05" works at account "001Dn00000Hls02": expected someone at the story's account "001Dn00000Vrd04""#,
        r#"outcomes.csv: row 3, column "Improvement": "2,5" is not a finite number: expected value as a decimal number, e.g. -12.5 (it reads as 2.5 with NumberFormat::Comma)"#,
        r#"outcomes.csv: row 7, column "Reference ID": unknown story id "a0R5g000001Ref99": expected the id of a row of the stories table"#,
        r#"engagements.csv: row 5, column "Reference Type": "Dinner" is not a valid kind: expected one of reference_call, site_visit, case_study, press, speaking, webinar, review, advisory_board"#,
        r#"engagements.csv: row 7, column "Contact ID": unknown advocate id "003Dn00001Cam32" (did you mean "003Dn00001Cam23"?)"#,
    ];
    assert_eq!(problems(&err, &dir), expected);
    assert!(err.to_string().starts_with(&format!(
        "{}: 15 problems\n  {}/accounts.csv: row 4",
        dir.display(),
        dir.display()
    )));
}

#[test]
fn three_bad_cells_in_two_files_are_three_problems() {
    let accounts = "id,name,industry,employees,country,status,owner\n\
                    a-001,Acme,522110,12k,DE,active,Dana\n\
                    a-099,Beta,522110,10,DE,Activ,Sam\n";
    let advocates = "id,account,name,title,seniority,status\n\
                     v1,a-999,Ana,CFO,boss,active\n\
                     v2,a-099,Bo,CTO,vp,active\n";
    let err = CsvImport::new()
        .accounts("accounts.csv", accounts.as_bytes())
        .advocates("advocates.csv", advocates.as_bytes())
        .finish()
        .unwrap_err();
    let messages = problems(&err, Path::new("."));
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(messages[0].starts_with(r#"accounts.csv: row 2, column "employees": "12k""#));
    assert!(
        messages[1].starts_with(r#"accounts.csv: row 3, column "status": "Activ" is not a valid status"#)
    );
    assert!(messages[1].ends_with(r#"(did you mean "active"?)"#), "{}", messages[1]);
    assert!(messages[2].starts_with(r#"advocates.csv: row 2, column "seniority": "boss""#));

    // Once the cells are right, validation speaks, in files and rows.
    let accounts = accounts.replace("12k", "12").replace("Activ", "active");
    let advocates = advocates.replace("boss", "executive");
    let err = CsvImport::new()
        .accounts("accounts.csv", accounts.as_bytes())
        .advocates("advocates.csv", advocates.as_bytes())
        .finish()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"advocates.csv: row 2, column "account": unknown account id "a-999" (did you mean "a-099"?)"#
    );
    let ErrorKind::Rule { problem, .. } = err.kind() else { panic!("{err:?}") };
    assert_eq!(problem.place, "advocates[0].account");
}

#[test]
fn references_to_unreadable_rows_are_not_reported_again() {
    let accounts = "id,name,industry,employees,country,status,owner\na-1,Acme,522110,many,DE,active,Dana\n";
    let advocates = "id,account,name,title,seniority,status\nv1,a-1,Ana,CFO,executive,active\n";
    let stories = "id,account,title,advocates,verified_on,approved\ns1,a-1,T,v1,2026-01-01,yes\n";
    let err = CsvImport::new()
        .accounts("accounts.csv", accounts.as_bytes())
        .advocates("advocates.csv", advocates.as_bytes())
        .stories("stories.csv", stories.as_bytes())
        .finish()
        .unwrap_err();
    assert_eq!(err.problems().len(), 1, "{err}");
    assert!(err.to_string().starts_with(r#"accounts.csv: row 2, column "employees""#), "{err}");
}

#[test]
fn values_in_other_forms() {
    let accounts = "Account ID,Account Name,Industry,Employees,Billing Country,Status,Owner\n\
                    a1,Acme,healthcare,\"1.234.567\",deu,Do Not Contact,Dana\n\
                    a2,Beta,Hospital & Health Care,\"2.400\",Korea (Republic of),ACTIVE,Sam\n";
    let advocates = "Contact ID,Account ID,First Name,Last Name,Job Title,Seniority,Language,Reference Status\n\
                     v1,a1,Ana,,CFO,Owner / Partner,\"Modern Greek, pt_BR\",DNC\n\
                     v2,a2,,Bo,CTO,VP-Level,ENG,Available\n";
    let library = CsvImport::new()
        .numbers(NumberFormat::Comma)
        .accounts("accounts.csv", accounts.as_bytes())
        .advocates("advocates.csv", advocates.as_bytes())
        .finish()
        .unwrap_or_else(|err| panic!("{err}"));
    let [a1, a2] = library.accounts() else { panic!() };
    assert_eq!((a1.industry.as_str(), a1.employees, a1.country.as_str()), ("62", 1_234_567, "DE"));
    assert_eq!((a2.industry.as_str(), a2.employees, a2.country.as_str()), ("62", 2_400, "KR"));
    let [v1, v2] = library.advocates() else { panic!() };
    assert_eq!(
        (v1.name.as_str(), v1.seniority, v1.status),
        ("Ana", Seniority::Executive, AdvocateStatus::DoNotContact)
    );
    assert_eq!(v1.languages, ["el", "pt"]);
    assert_eq!((v2.name.as_str(), v2.seniority, v2.status), ("Bo", Seniority::Vp, AdvocateStatus::Active));
    assert_eq!(v2.languages, ["en"]);
}

#[test]
fn an_unknown_language_is_an_error_never_a_silent_miss() {
    let advocates =
        "id,account,name,title,seniority,languages,status\nv1,a1,Ana,CFO,vp,German;Germna,active\n";
    let err = CsvImport::new().advocates("advocates.csv", advocates.as_bytes()).finish().unwrap_err();
    assert_eq!(
        err.problems()[0].to_string(),
        r#"advocates.csv: row 2, column "languages": unknown language "Germna" (did you mean "German"?): expected ISO 639-1 codes or English names, e.g. de;en or German;English"#
    );
}

#[test]
fn options_map_columns_and_industries() {
    let accounts = "Firma,Name,Branche,Mitarbeiter,Land,Status,Betreuer,Notiz\n\
                    a1,Acme,Zahlungsverkehr,\"2 400\",Germany,active,Dana,x\n";
    // A German export: its own headers and numbers.
    let german = |import: CsvImport| {
        import
            .numbers(NumberFormat::SpaceComma)
            .column(Table::Accounts, "Firma", "id")
            .column(Table::Accounts, "Branche", "industry")
            .column(Table::Accounts, "Mitarbeiter", "employees")
            .column(Table::Accounts, "Land", "country")
            .column(Table::Accounts, "Betreuer", "owner")
            .industry_alias("Zahlungsverkehr", "522320")
    };
    let import = german(CsvImport::new().strict(true))
        .column(Table::Accounts, "Notiz", "nothing")
        .industry_alias("Kredit", "9999")
        .accounts("accounts.csv", accounts.as_bytes());
    let err = import.finish().unwrap_err();
    let messages = problems(&err, Path::new("."));
    // Problems of no file come after those of files.
    assert_eq!(
        messages,
        [
            r#"accounts.csv: row 1, column "Notiz": unknown column "Notiz": expected the columns id, name, industry, employees, country, status, owner, owner_id (optional), advisory_board (optional)"#,
            r#"<input>: column(Accounts, "Notiz", "nothing"): unknown column "nothing": expected one of id, name, industry, employees, country, status, owner, owner_id, advisory_board"#,
            r#"<input>: industry_alias("Kredit", "9999"): "9999" is not a NAICS 2022 code: expected a code such as "5221""#,
        ]
    );
    let library = german(CsvImport::new())
        .accounts("accounts.csv", accounts.as_bytes())
        .finish()
        .unwrap_or_else(|err| panic!("{err}"));
    let account = &library.accounts()[0];
    assert_eq!((account.id.as_str(), account.industry.as_str(), account.employees), ("a1", "522320", 2400));
}

#[test]
fn aliases_csv_is_checked_row_by_row() {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(crate_dir("data/crm-export")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    fs::write(dir.path().join("aliases.csv"), "label,code\nFintech,522320\nFintech,5221\n,\nGhost,99\n")
        .unwrap();
    let err = load_dir(dir.path()).unwrap_err();
    assert_eq!(
        problems(&err, dir.path()),
        [
            r#"aliases.csv: row 3, column "label": "Fintech" is already an alias of 522320: expected one code per label"#,
            r#"aliases.csv: row 5, column "code": "99" is not a NAICS 2022 code: expected a code such as "5221""#,
        ]
    );
}

#[test]
fn the_problem_cap_stops_the_import() {
    let mut accounts = String::from("id,name,industry,employees,country,status,owner\n");
    for i in 0..1_500 {
        writeln!(accounts, "a{i},Acme,522110,lots,DE,active,Dana").unwrap();
    }
    let err = CsvImport::new()
        .accounts("accounts.csv", accounts.as_bytes())
        .advocates("advocates.csv", &b"id\n"[..])
        .finish()
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Many { truncated: true, .. }), "{:?}", err.kind());
    assert_eq!(err.problems().len(), MAX_PROBLEMS);
    assert!(
        err.to_string()
            .lines()
            .next()
            .unwrap()
            .ends_with("1000 problems (the import stopped there; fix these and run it again for the rest)")
    );
}

#[test]
fn industry_labels_cost_once_per_distinct_label() {
    // 10,000 rows over 40 distinct labels: today's code took about 4 ms a
    // row; each label is now resolved once (the unit tests of
    // taxonomy::naics count the work).
    let labels: Vec<String> =
        refmatch::taxonomy::crm_industries().iter().take(40).map(|i| i.label.clone()).collect();
    let mut accounts = String::from("id,name,industry,employees,country,status,owner\n");
    for i in 0..10_000 {
        writeln!(accounts, "a{i},Acme {i},\"{}\",{},DE,active,Dana", labels[i % labels.len()], 10 + i)
            .unwrap();
    }
    let (library, report) =
        CsvImport::new().accounts("accounts.csv", accounts.as_bytes()).finish_with_report().unwrap();
    assert_eq!(library.accounts().len(), 10_000);
    assert!(library.accounts().iter().all(|a| refmatch::taxonomy::naics().contains(&a.industry)));
    let mapped: u64 = report.mapped.iter().filter(|m| m.column == "industry").map(|m| m.count).sum();
    assert_eq!(mapped, 10_000);
    assert!(report.mapped.iter().filter(|m| m.column == "industry").count() <= 40);
}

#[test]
fn a_megabyte_label_is_refused_with_its_length() {
    let label = "x".repeat(1 << 20);
    let accounts =
        format!("id,name,industry,employees,country,status,owner\na1,Acme,{label},10,DE,active,Dana\n");
    let err = CsvImport::new().accounts("accounts.csv", accounts.as_bytes()).finish().unwrap_err();
    // One problem, naming the cell and the length, not the megabyte.
    assert_eq!(err.problems().len(), 1, "{}", &err.to_string()[..300]);
    let message = err.to_string();
    assert!(message.len() < 300, "{}", &message[..300]);
    assert!(message.starts_with(r#"accounts.csv: row 2, column "industry": "#), "{message}");
    assert!(
        message.contains("1048576 bytes") && message.ends_with("expected at most 256 bytes"),
        "{message}"
    );
}

#[test]
fn quote_problems_name_their_file_row_and_column() {
    /// The problems of a library of one account with these tables.
    fn quote_problems(advocates: &str, stories: &str, quotes: &str) -> Vec<String> {
        let accounts = "id,name,industry,employees,country,status,owner\na1,Acme,522110,10,DE,active,Dana\n";
        let err = CsvImport::new()
            .accounts("accounts.csv", accounts.as_bytes())
            .advocates("advocates.csv", advocates.as_bytes())
            .stories("stories.csv", stories.as_bytes())
            .quotes("quotes.csv", quotes.as_bytes())
            .finish()
            .unwrap_err();
        problems(&err, Path::new("."))
    }
    let advocates = "id,account,name,title,seniority,status\n\
                     v1,a1,Ana,CFO,executive,active\n\
                     v2,a1,Bo,CTO,executive,active\n\
                     v3,a1,Cy,COO,boss,active\n";
    let stories = "id,account,title,advocates,verified_on,approved\ns1,a1,T,v1;v2,2026-01-01,yes\n";
    let quotes = "Quote ID,Story ID,Contact ID,Quote Text,Quote Language,Approved Channels,Expires\n\
                  q1,s1,v1,We close in three days.,English,Website;Sales,2027-06-30\n\
                  q2,s1,v1,Wir schließen in drei Tagen.,Klingonese,Billbord,\n\
                  q1,s1,v2,On ferme en trois jours.,fr,web;Website,\n\
                  q3,s1,v9,Text,en,web,\n\
                  q4,s9,v1,,en,,2026-02-30\n\
                  q5,s1,v3,Not reported again,en,press,\n";
    assert_eq!(
        quote_problems(advocates, stories, quotes),
        [
            r#"advocates.csv: row 4, column "seniority": "boss" is not a valid seniority: expected one of executive, vp, director, manager, individual"#,
            r#"quotes.csv: row 3, column "Quote Language": unknown language "Klingonese": expected one ISO 639-1 code or English name, e.g. de or German"#,
            r#"quotes.csv: row 3, column "Approved Channels": "Billbord" is not a valid value in channels: expected one of web, sales_deck, press, social, event"#,
            r#"quotes.csv: row 4, column "Quote ID": duplicate quote id "q1": first used in row 2"#,
            r#"quotes.csv: row 4, column "Approved Channels": channel web is listed twice: first at channels[0]"#,
            r#"quotes.csv: row 5, column "Contact ID": unknown advocate id "v9""#,
            r#"quotes.csv: row 6, column "Expires": "2026-02-30" is not a date: expected approved_until as YYYY-MM-DD, e.g. 2026-11-20"#,
        ]
    );

    // Once the cells read, validation's problems are told in rows too.
    let quotes = "id,story,advocate,text,language,channels\n\
                  q1,s1,v1,We close in three days.,en,web\n\
                  q2,s9,v1,Text,en,web\n\
                  q3,s1,v2,Text,en,web\n\
                  q4,s1,v1,,en,\n";
    let stories = stories.replace("v1;v2", "v1");
    let advocates = advocates.replace("boss", "executive");
    assert_eq!(
        quote_problems(&advocates, &stories, quotes),
        [
            r#"quotes.csv: row 3, column "story": unknown story id "s9""#,
            r#"quotes.csv: row 4, column "advocate": advocate "v2" does not tell story "s1": expected one of its advocates (v1)"#,
            r#"quotes.csv: row 5, column "text": empty text: expected the quote's words"#,
            r#"quotes.csv: row 5, column "channels": no channel: expected at least one of web, sales_deck, press, social, event"#,
        ]
    );
}
