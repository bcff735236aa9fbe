//! Property: a search index brought in step with a changed library
//! ([`SearchIndex::update`], and a program's search after record changes)
//! answers as an index built afresh on that library: the same hits,
//! totals, facets and snippets, the same scores up to the order of their
//! sums, through merges of its change shards and rebuilds.
#![cfg(feature = "search")]

#[path = "support/mod.rs"]
mod support;

use proptest::prelude::*;
use refmatch::ledger::{Actor, Options, Program, Record, RecordKind};
use refmatch::model::{Quote, Story};
use refmatch::search::{SearchIndex, SearchRequest};
use refmatch::{Library, LibraryData};
use support::search::same_answers;
use support::synthetic::{self, Rng};

const PHRASES: [&str; 8] = [
    "real-time fraud scoring for card payments",
    "replaced a legacy core banking ledger",
    "Echtzeit Betrugserkennung für Zahlungen",
    "predictive maintenance with sensor alerts",
    "month-end close in finance went from ten days to three",
    "onboarding customers in minutes, not weeks",
    "claims automation for an insurance group",
    "détection de fraude en temps réel",
];

const LANGUAGES: [&str; 7] = ["en", "de", "fr", "es", "it", "pt", "nl"];

fn library(seed: u64) -> LibraryData {
    synthetic::with_text(synthetic::library(300, seed), seed)
}

fn text(rng: &mut Rng) -> String {
    let n = 1 + rng.below(3);
    (0..n).map(|_| *rng.pick(&PHRASES)).collect::<Vec<_>>().join(". ")
}

/// One change of `data`'s stories, quotes or accounts, drawn by `rng`
/// (it may make the library invalid: the caller then drops it).
fn edit(data: &mut LibraryData, rng: &mut Rng, serial: usize) {
    let stories = data.stories.len();
    let quotes = data.quotes.len();
    match rng.below(10) {
        0 | 1 => {
            let story = &mut data.stories[rng.below(stories)];
            if rng.chance(0.5) {
                story.summary = text(rng);
            } else {
                story.title = text(rng);
            }
        }
        2 => {
            let story = &mut data.stories[rng.below(stories)];
            if let Some(outcome) = story.outcomes.first_mut() {
                outcome.description = text(rng);
            }
            story.use_cases.push("claims automation".into());
        }
        3 if quotes > 0 => {
            let quote = &mut data.quotes[rng.below(quotes)];
            quote.text = text(rng);
            if rng.chance(0.1) {
                quote.language = rng.pick(&LANGUAGES).to_string();
            }
        }
        4 => {
            // A new story, like another, told anew.
            let mut story: Story = data.stories[rng.below(stories)].clone();
            story.id = format!("story-new-{serial}");
            story.summary = text(rng);
            let at = rng.below(stories + 1);
            data.stories.insert(at, story);
        }
        5 => {
            let story = data.stories[rng.below(stories)].clone();
            if let Some(advocate) = story.advocates.first() {
                let quote = Quote {
                    id: format!("quote-new-{serial}"),
                    story: story.id.clone(),
                    advocate: advocate.clone(),
                    text: text(rng),
                    language: rng.pick(&LANGUAGES[..4]).to_string(),
                    approved_until: None,
                    channels: Vec::new(),
                };
                data.quotes.push(quote);
            }
        }
        6 if quotes > 0 => {
            data.quotes.remove(rng.below(quotes));
        }
        7 => {
            // A story nothing else names may go.
            let i = rng.below(stories);
            let id = data.stories[i].id.clone();
            let named =
                data.quotes.iter().any(|q| q.story == id) || data.engagements.iter().any(|e| e.story == id);
            if !named {
                data.stories.remove(i);
            }
        }
        8 => {
            let account = rng.below(data.accounts.len());
            data.accounts[account].country = rng.pick(&["DE", "US", "FR", "JP", "BR"]).to_string();
        }
        _ => {
            // A quote that moves to another story its advocate tells.
            if quotes > 0 {
                let q = rng.below(quotes);
                let advocate = data.quotes[q].advocate.clone();
                if let Some(story) = data.stories.iter().find(|s| s.advocates.contains(&advocate)) {
                    data.quotes[q].story = story.id.clone();
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10))]

    #[test]
    fn an_updated_index_answers_as_a_fresh_one(seed in 0..1_000u64, steps in 1..16usize) {
        let mut data = library(seed);
        let mut index = SearchIndex::new(Library::new(data.clone()).expect("valid")).expect("indexes");
        let mut rng = Rng::new(seed ^ 0x5ea7c4);
        let mut serial = 0;
        for _ in 0..steps {
            let mut changed = data.clone();
            for _ in 0..1 + rng.below(4) {
                serial += 1;
                edit(&mut changed, &mut rng, serial);
            }
            let Ok(library) = Library::new(changed.clone()) else { continue };
            data = changed;
            index.update(library).expect("updates");
            let fresh = SearchIndex::new(Library::new(data.clone()).expect("valid")).expect("indexes");
            prop_assert_eq!(index.documents(), fresh.documents());
            prop_assert_eq!(index.languages(), fresh.languages());
            same_answers(|r| index.search(r), &fresh).map_err(TestCaseError::fail)?;
        }
    }
}

/// Many small changes: the change shards are merged, and past an eighth of
/// the documents the index is built again; answers stay those of a fresh
/// index all along.
#[test]
fn many_changes_merge_and_rebuild() {
    let mut data = library(3);
    let mut index = SearchIndex::new(Library::new(data.clone()).expect("valid")).expect("indexes");
    let mut rng = Rng::new(99);
    for step in 0..40 {
        let story = rng.below(data.stories.len());
        data.stories[story].summary = text(&mut rng);
        if step == 20 {
            // A language no quote had: the schema changes, the index is
            // built again.
            data.quotes[0].language = "sv".into();
            data.quotes[0].text = "Bedrägeri upptäcks i realtid".into();
        }
        index.update(Library::new(data.clone()).expect("valid")).expect("updates");
        if step % 4 == 3 {
            let fresh = SearchIndex::new(Library::new(data.clone()).expect("valid")).expect("indexes");
            same_answers(|r| index.search(r), &fresh).expect("same answers");
        }
    }
}

fn program(seed: u64) -> Program {
    let mut options = Options::new();
    options.clock(|| "2026-12-01T09:00:00Z".parse().expect("a timestamp"));
    Program::with_options(Library::new(library(seed)).expect("valid"), &options)
}

/// A program's search follows its record changes (stories, quotes,
/// accounts, removals, a hidden account) and answers as a fresh index of
/// its library does.
#[test]
fn a_programs_search_follows_its_records() {
    let program = program(5);
    let admin = Actor::admin("ada");
    let fresh = |program: &Program| SearchIndex::new(program.library()).expect("indexes");
    same_answers(|r| program.search(r), &fresh(&program)).expect("same answers at first");
    let mut rng = Rng::new(17);
    for serial in 0..24 {
        let data = program.export();
        let mut changed = data.clone();
        edit(&mut changed, &mut rng, serial);
        // The record that changed, or went, as the program is told of it.
        let done = if changed.stories.len() < data.stories.len() {
            let gone = data.stories.iter().find(|s| !changed.stories.contains(s)).expect("one went");
            program.remove(&admin, RecordKind::Story, &gone.id)
        } else if changed.quotes.len() < data.quotes.len() {
            let gone = data.quotes.iter().find(|q| !changed.quotes.contains(q)).expect("one went");
            program.remove(&admin, RecordKind::Quote, &gone.id)
        } else if let Some(story) = changed.stories.iter().find(|s| !data.stories.contains(s)) {
            program.upsert(&admin, Record::Story(story.clone()))
        } else if let Some(quote) = changed.quotes.iter().find(|q| !data.quotes.contains(q)) {
            program.upsert(&admin, Record::Quote(quote.clone()))
        } else if let Some(account) = changed.accounts.iter().find(|a| !data.accounts.contains(a)) {
            program.upsert(&admin, Record::Account(account.clone()))
        } else {
            continue;
        };
        if done.is_err() {
            continue;
        }
        if serial % 3 == 0 {
            same_answers(|r| program.search(r), &fresh(&program)).expect("same answers");
        }
    }
    same_answers(|r| program.search(r), &fresh(&program)).expect("same answers at the end");

    // A hidden account's stories and quotes leave every answer.
    let account = program.export().stories[0].account.clone();
    program.hide_account(&admin, &account, true).expect("admins may hide");
    let all = program.search(SearchRequest::new("").with_limit(10_000)).expect("answers");
    assert!(all.hits.iter().all(|h| h.account != account));
    assert_eq!(all.total, all.hits.len());
    let library = program.library();
    let shown = library.stories().iter().filter(|s| s.account != account).count()
        + library
            .quotes()
            .iter()
            .filter(|q| library.story(&q.story).is_some_and(|s| s.account != account))
            .count();
    assert_eq!(all.total, shown);
}
