//! The rules of quotes: the story and the advocate exist and the advocate
//! tells the story; the text, language, approval date and channels are
//! within [`crate::model::limits`].

use std::collections::HashMap;

use super::{ProblemKind, Report, check_reference, index_ids};
use crate::model::Story;
use crate::model::limits::{MAX_ID_LEN, MAX_TEXT_LEN, date_in_range};
use crate::model::quote::Quote;
use crate::taxonomy::language_name;

/// The ids quotes may name, indexed by the earlier sections.
pub(super) struct Known<'a> {
    pub(super) advocates: &'a HashMap<&'a str, usize>,
    pub(super) stories: &'a HashMap<&'a str, usize>,
    pub(super) story_records: &'a [Story],
}

pub(super) fn check(report: &mut Report, known: &Known<'_>, quotes: &[Quote]) {
    index_ids(report, "quote", "quotes", quotes, |q| &q.id);
    for (i, quote) in quotes.iter().enumerate() {
        check_quote(report, known, i, quote);
    }
}

fn check_quote(report: &mut Report, known: &Known<'_>, i: usize, quote: &Quote) {
    let place = || format!("quotes[{i}]");
    if quote.id.len() > MAX_ID_LEN {
        report.add(
            format!("{}.id", place()),
            ProblemKind::OutOfRange,
            format!("quote id is {} bytes long: expected at most {MAX_ID_LEN}", quote.id.len()),
        );
    }
    let story =
        check_reference(report, || format!("{}.story", place()), "story", &quote.story, known.stories);
    let advocate = check_reference(
        report,
        || format!("{}.advocate", place()),
        "advocate",
        &quote.advocate,
        known.advocates,
    );
    if let (Some(s), Some(_)) = (story, advocate) {
        let story = &known.story_records[s];
        if !story.advocates.contains(&quote.advocate) {
            report.add(
                format!("{}.advocate", place()),
                ProblemKind::NotOnStory,
                format!(
                    "advocate {:?} does not tell story {:?}: expected one of its advocates ({})",
                    quote.advocate,
                    story.id,
                    if story.advocates.is_empty() {
                        "it has none".to_string()
                    } else {
                        story.advocates.join(", ")
                    }
                ),
            );
        }
    }
    if quote.text.trim().is_empty() {
        report.add(
            format!("{}.text", place()),
            ProblemKind::OutOfRange,
            "empty text: expected the quote's words",
        );
    } else if quote.text.len() > MAX_TEXT_LEN {
        report.add(
            format!("{}.text", place()),
            ProblemKind::OutOfRange,
            format!("text is {} bytes long: expected at most {MAX_TEXT_LEN}", quote.text.len()),
        );
    }
    if language_name(&quote.language).is_none() {
        let hint = match language_name(&quote.language.trim().to_lowercase()) {
            Some(_) => format!(" (write it as {:?})", quote.language.trim().to_lowercase()),
            None => String::new(),
        };
        let shown: String = quote.language.chars().take(16).collect();
        report.add(
            format!("{}.language", place()),
            ProblemKind::UnknownLanguage,
            format!(
                "unknown language code {shown:?}: expected a lowercase ISO 639-1 code such as \"en\"{hint}"
            ),
        );
    }
    if let Some(until) = quote.approved_until.filter(|&d| !date_in_range(d)) {
        report.add(
            format!("{}.approved_until", place()),
            ProblemKind::OutOfRange,
            format!("date {until} is out of range: expected 1900-01-01 to 2199-12-31"),
        );
    }
    if quote.channels.is_empty() {
        report.add(
            format!("{}.channels", place()),
            ProblemKind::OutOfRange,
            format!("no channel: expected at least one of {}", crate::model::Channel::expected()),
        );
    }
    for (j, channel) in quote.channels.iter().enumerate() {
        if let Some(first) = quote.channels[..j].iter().position(|c| c == channel) {
            report.add(
                format!("{}.channels[{j}]", place()),
                ProblemKind::DuplicateId,
                format!("channel {channel} is listed twice: first at channels[{first}]"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use crate::model::{
        Account, AccountStatus, Advocate, AdvocateStatus, Channel, ProblemKind, Quote, Seniority, Story,
    };
    use crate::{Library, LibraryData};

    fn data() -> LibraryData {
        let account = |id: &str| Account {
            id: id.into(),
            name: format!("Account {id}"),
            industry: "522110".into(),
            employees: 100,
            country: "DE".into(),
            status: AccountStatus::Active,
            owner: "owner".into(),
            owner_id: "owner".into(),
            advisory_board: Vec::new(),
        };
        let advocate = |id: &str, account: &str| Advocate {
            id: id.into(),
            account: account.into(),
            name: format!("Person {id}"),
            title: "CFO".into(),
            seniority: Seniority::Executive,
            languages: vec!["de".into()],
            kinds: Vec::new(),
            status: AdvocateStatus::Active,
            cap: None,
            window_days: None,
            rest_days: None,
            blackouts: Vec::new(),
        };
        let story = |id: &str, account: &str, tellers: &[&str]| Story {
            id: id.into(),
            account: account.into(),
            title: "Fraud losses halved".into(),
            summary: String::new(),
            products: Vec::new(),
            use_cases: Vec::new(),
            advocates: tellers.iter().map(|t| t.to_string()).collect(),
            outcomes: Vec::new(),
            competitors: Vec::new(),
            assets: Vec::new(),
            verified_on: date(2026, 1, 1),
            approved: true,
            approved_until: None,
        };
        LibraryData {
            accounts: vec![account("a1")],
            advocates: vec![advocate("v1", "a1"), advocate("v2", "a1")],
            stories: vec![story("s1", "a1", &["v1"]), story("s2", "a1", &[])],
            quotes: vec![quote("q1", "s1", "v1")],
            ..LibraryData::default()
        }
    }

    fn quote(id: &str, story: &str, advocate: &str) -> Quote {
        Quote {
            id: id.into(),
            story: story.into(),
            advocate: advocate.into(),
            text: "Wir erkennen Betrug, bevor er passiert.".into(),
            language: "de".into(),
            approved_until: Some(date(2027, 6, 30)),
            channels: vec![Channel::Web, Channel::SalesDeck],
        }
    }

    /// The (place, kind) of every problem of `data`, in order.
    fn problems(data: LibraryData) -> Vec<(String, ProblemKind)> {
        match Library::new(data) {
            Ok(_) => Vec::new(),
            Err(err) => err.problems().iter().map(|p| (p.place.clone(), p.kind)).collect(),
        }
    }

    #[test]
    fn a_good_quote_passes_and_is_found_by_id() {
        let library = Library::new(data()).expect("valid");
        assert_eq!(library.quotes().len(), 1);
        assert_eq!(library.quote("q1").map(|q| q.advocate.as_str()), Some("v1"));
        assert!(library.quote("q2").is_none());
    }

    #[test]
    fn every_problem_of_every_quote_is_reported_with_its_place() {
        let mut data = data();
        let mut unknown = quote("q2", "s9", "v9");
        unknown.text = "  ".into();
        unknown.language = "xx".into();
        let mut not_teller = quote("q1", "s1", "v2");
        not_teller.language = "DE".into();
        not_teller.channels = vec![Channel::Press, Channel::Web, Channel::Press];
        let mut bad = quote("", "s2", "v1");
        bad.approved_until = Some(date(2200, 1, 1));
        bad.channels.clear();
        bad.text = "x".repeat(20_001);
        data.quotes.extend([unknown, not_teller, bad]);
        // In the order of the records, each record's problems in the order checked.
        let expected = [
            ("quotes[1].story", ProblemKind::UnknownReference),
            ("quotes[1].advocate", ProblemKind::UnknownReference),
            ("quotes[1].text", ProblemKind::OutOfRange),
            ("quotes[1].language", ProblemKind::UnknownLanguage),
            ("quotes[2].id", ProblemKind::DuplicateId),
            ("quotes[2].advocate", ProblemKind::NotOnStory),
            ("quotes[2].language", ProblemKind::UnknownLanguage),
            ("quotes[2].channels[2]", ProblemKind::DuplicateId),
            ("quotes[3].id", ProblemKind::EmptyId),
            ("quotes[3].advocate", ProblemKind::NotOnStory),
            ("quotes[3].text", ProblemKind::OutOfRange),
            ("quotes[3].approved_until", ProblemKind::OutOfRange),
            ("quotes[3].channels", ProblemKind::OutOfRange),
        ];
        let expected: Vec<(String, ProblemKind)> =
            expected.iter().map(|(p, k)| (p.to_string(), *k)).collect();
        assert_eq!(problems(data), expected);
    }

    #[test]
    fn messages_say_what_was_expected() {
        let mut data = data();
        data.quotes[0].language = "DE".into();
        data.quotes[0].advocate = "v2".into();
        let err = Library::new(data).unwrap_err().to_string();
        assert!(err.contains("quotes[0].language: unknown language code \"DE\""), "{err}");
        assert!(err.contains("(write it as \"de\")"), "{err}");
        assert!(
            err.contains("advocate \"v2\" does not tell story \"s1\": expected one of its advocates (v1)"),
            "{err}"
        );
    }

    #[test]
    fn a_long_id_is_refused() {
        let mut data = data();
        data.quotes[0].id = "q".repeat(129);
        assert_eq!(problems(data), vec![("quotes[0].id".to_string(), ProblemKind::OutOfRange)]);
    }
}
