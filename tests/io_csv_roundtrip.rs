//! CSV out: a library written with `write_dir` reads back equal with
//! `load_dir`, and what CSV cannot carry is refused, not changed.

use jiff::civil::{Date, date};
use proptest::prelude::*;
use refmatch::io::ErrorKind;
use refmatch::io::csv::{load_dir, write_dir};
use refmatch::model::{
    Account, AccountStatus, Advocate, AdvocateStatus, Asset, AssetKind, Channel, DateRange, Engagement,
    EngagementKind, EngagementStatus, Outcome, Product, Quote, Seniority, Story,
};
use refmatch::{Library, LibraryData};

/// Draws numbers from a fixed list, in turn, so one generated list of
/// numbers decides a whole library.
struct Draw<'a> {
    numbers: &'a [u32],
    texts: &'a [String],
    next: usize,
}

impl Draw<'_> {
    fn below(&mut self, n: usize) -> usize {
        let value = self.numbers[self.next % self.numbers.len()] as usize;
        self.next += 1;
        value % n.max(1)
    }

    fn chance(&mut self) -> bool {
        self.below(2) == 0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Text as a cell holds it: trimmed (cells are trimmed when read).
    fn text(&mut self) -> String {
        self.texts[self.below(self.texts.len())].trim().to_string()
    }

    /// List items: not empty, trimmed, without the separator.
    fn items(&mut self, most: usize) -> Vec<String> {
        (0..self.below(most + 1))
            .map(|_| self.text().replace(';', ""))
            .map(|item| item.trim().to_string())
            .filter(|item| !item.is_empty())
            .collect()
    }

    fn day(&mut self) -> Date {
        date(1990, 1, 1).checked_add(jiff::Span::new().days(self.below(40_000) as i64)).unwrap()
    }

    fn subset<T: Clone>(&mut self, items: &[T]) -> Vec<T> {
        items.iter().filter(|_| self.chance()).cloned().collect()
    }
}

const INDUSTRIES: [&str; 6] = ["522110", "52", "31-33", "5132", "62", "44-45"];
const COUNTRIES: [&str; 5] = ["DE", "US", "JP", "GB", "BR"];
const LANGUAGES: [&str; 4] = ["en", "de", "fr", "ja"];

fn library(draw: &mut Draw<'_>) -> LibraryData {
    let mut data = LibraryData::default();
    for i in 0..draw.below(4) {
        data.products.push(Product { id: format!("p{i}"), name: draw.text(), family: draw.text() });
    }
    let products: Vec<String> = data.products.iter().map(|p| p.id.clone()).collect();
    for a in 0..1 + draw.below(3) {
        let id = format!("acc-{a},{}", draw.text().replace(';', ""));
        data.accounts.push(Account {
            id: id.trim().to_string(),
            name: draw.text(),
            industry: draw.pick(&INDUSTRIES).to_string(),
            employees: 1 + draw.below(5_000_000) as u64,
            country: draw.pick(&COUNTRIES).to_string(),
            status: draw.pick(AccountStatus::ALL),
            owner: format!("Owner {}", draw.text()).trim().to_string(),
            owner_id: format!("owner-{a}"),
            advisory_board: (0..draw.below(3)).map(|i| 2020 + i as i32).collect(),
        });
        let account = data.accounts[a].id.clone();
        let mut people = Vec::new();
        for v in 0..draw.below(4) {
            let id = format!("v{a}-{v}");
            let start = draw.day();
            data.advocates.push(Advocate {
                id: id.clone(),
                account: account.clone(),
                name: draw.text(),
                title: draw.text(),
                seniority: draw.pick(Seniority::ALL),
                languages: draw.subset(&LANGUAGES).into_iter().map(String::from).collect(),
                kinds: draw.subset(EngagementKind::ALL),
                status: draw.pick(AdvocateStatus::ALL),
                cap: draw.chance().then(|| 1 + draw.below(10) as u32),
                window_days: draw.chance().then(|| 1 + draw.below(365) as u32),
                rest_days: draw.chance().then(|| draw.below(60) as u32),
                blackouts: (0..draw.below(3)).map(|_| DateRange { start, end: start }).collect(),
            });
            people.push(id);
        }
        for s in 0..draw.below(3) {
            let outcomes = (0..draw.below(3))
                .map(|_| Outcome {
                    metric: draw.text(),
                    value: draw.chance().then(|| (draw.below(2_000_001) as f64 - 1e6) / 64.0),
                    unit: draw.text(),
                    description: draw.text(),
                })
                .collect();
            let assets = (0..draw.below(3))
                .map(|i| Asset {
                    kind: draw.pick(AssetKind::ALL),
                    location: format!("https://stories.example/{a}/{s}/{i}"),
                    approved_until: draw.chance().then(|| draw.day()),
                })
                .collect();
            data.stories.push(Story {
                id: format!("s{a}-{s}"),
                account: account.clone(),
                title: draw.text(),
                summary: draw.text(),
                products: draw.subset(&products),
                use_cases: draw.items(3),
                advocates: draw.subset(&people),
                outcomes,
                competitors: draw.items(2),
                assets,
                verified_on: draw.day(),
                approved: draw.chance(),
                approved_until: draw.chance().then(|| draw.day()),
            });
            let story = data.stories.last().unwrap().id.clone();
            let tellers = data.stories.last().unwrap().advocates.clone();
            for q in 0..if tellers.is_empty() { 0 } else { draw.below(3) } {
                let text = draw.text();
                let mut channels = draw.subset(Channel::ALL);
                if channels.is_empty() {
                    channels.push(draw.pick(Channel::ALL));
                }
                data.quotes.push(Quote {
                    id: format!("q-{story}-{q}"),
                    story: story.clone(),
                    advocate: tellers[draw.below(tellers.len())].clone(),
                    text: if text.is_empty() { "We would buy it again.".to_string() } else { text },
                    language: draw.pick(&LANGUAGES).to_string(),
                    approved_until: draw.chance().then(|| draw.day()),
                    channels,
                });
            }
            for (e, advocate) in people.iter().enumerate() {
                if draw.chance() {
                    continue;
                }
                let prospect = draw.text();
                data.engagements.push(Engagement {
                    id: format!("e-{story}-{e}"),
                    advocate: advocate.clone(),
                    story: story.clone(),
                    kind: draw.pick(EngagementKind::ALL),
                    date: draw.day(),
                    status: draw.pick(EngagementStatus::ALL),
                    prospect: (!prospect.is_empty()).then_some(prospect),
                });
            }
        }
    }
    data
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any library CSV can carry reads back from the folder write_dir
    /// wrote exactly as it was: load(write(x)) == x.
    #[test]
    fn load_of_write_is_the_library(
        numbers in proptest::collection::vec(any::<u32>(), 1..200),
        texts in proptest::collection::vec("[a-zA-Z0-9 ,;\"'\n\u{e9}\u{fc}#=.-]{0,12}", 1..12),
    ) {
        let data = library(&mut Draw { numbers: &numbers, texts: &texts, next: 0 });
        let library = Library::new(data).unwrap_or_else(|err| panic!("the generator made an invalid library: {err}"));
        let dir = tempfile::tempdir().unwrap();
        write_dir(&library, dir.path()).unwrap_or_else(|err| panic!("{err}"));
        let back = load_dir(dir.path()).unwrap_or_else(|err| panic!("{err}"));
        prop_assert_eq!(back, library);
    }
}

#[test]
fn the_sample_program_round_trips_with_its_sales() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Library::sample();
    assert!(!sample.quotes().is_empty(), "the sample has quotes to carry");
    write_dir(&sample, dir.path()).unwrap();
    assert!(dir.path().join("sales.json").is_file());
    let quotes = std::fs::read_to_string(dir.path().join("quotes.csv")).unwrap();
    assert!(quotes.starts_with("id,story,advocate,text,language,approved_until,channels\n"), "{quotes:.200}");
    assert_eq!(load_dir(dir.path()).unwrap(), sample);
}

#[test]
fn what_csv_cannot_carry_is_refused_with_its_place() {
    let mut data = Library::sample().into_data();
    data.accounts[1].name = " padded".into();
    data.stories[2].use_cases.push("a;b".into());
    data.advocates[0].languages.push("xx".into());
    data.engagements[0].prospect = Some(String::new());
    data.quotes[1].text = "padded ".into();
    let library = Library::new(data).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let err = write_dir(&library, dir.path()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Many { .. }), "{err}");
    let prefix = format!("{}/", dir.path().display());
    let messages: Vec<String> = err.problems().iter().map(|p| p.to_string().replace(&prefix, "")).collect();
    assert_eq!(
        messages,
        [
            r#"accounts.csv: row 3, column "name": " padded" has spaces at an end: cells are trimmed when read"#,
            r#"advocates.csv: row 2, column "languages": "xx" is not an ISO 639-1 code: it would not read back"#,
            r#"stories.csv: row 4, column "use_cases": item "a;b" would not read back: expected no ';', no spaces at either end, not empty"#,
            r#"engagements.csv: row 2, column "prospect": empty text: it would read back as none"#,
            r#"quotes.csv: row 3, column "text": "padded " has spaces at an end: cells are trimmed when read"#,
        ]
    );
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing is written when anything is refused"
    );
}
