//! Property: an advocate, story or account changed in place (at the same
//! account or moved to another), a new account, advocate or story, a
//! product, a quote, an opportunity or an account figure, and the removal
//! of any record, leave the program ranking exactly as an index built
//! afresh from its library does, and a change is accepted exactly when the
//! changed library validates, refused with the very problems that
//! validation reports (a removal: refused exactly when something refers to
//! the record).

#[path = "support/mod.rs"]
mod support;

use jiff::ToSpan;
use proptest::prelude::*;
use refmatch::ledger::{Actor, AdvocateUpdate, Error, Options, Program, Record, RecordKind};
use refmatch::model::{
    AccountFigure, AccountStatus, AdvocateStatus, DateRange, EngagementKind, Opportunity, OpportunityStatus,
    Seniority,
};
use refmatch::{Date, Index, Library, LibraryData};
use support::synthetic::{self, COMPETITORS, PRODUCTS, Rng, USE_CASES};

const LANGUAGES: [&str; 6] = ["en", "de", "fr", "es", "ja", "pt"];
const KINDS: [EngagementKind; 3] =
    [EngagementKind::ReferenceCall, EngagementKind::SiteVisit, EngagementKind::CaseStudy];

fn program(seed: u64) -> Program {
    let data = synthetic::with_text(synthetic::library(400, seed), seed);
    let library = Library::new(data).expect("the generator makes valid libraries");
    let mut options = Options::new();
    options.clock(|| "2026-12-01T09:00:00Z".parse().expect("a timestamp"));
    Program::with_options(library, &options)
}

fn pick_some<T: Clone>(rng: &mut Rng, items: &[T], most: usize) -> Vec<T> {
    (0..rng.below(most + 1)).map(|_| rng.pick(items).clone()).collect()
}

fn day(rng: &mut Rng) -> Date {
    Date::constant(2026, 6, 1).checked_add((rng.below(600) as i64).days()).expect("in range")
}

/// A change of one advocate or story of `data`, drawn by `rng`: what a CRM
/// might send, now and then invalid (an unknown product, a story told by
/// nobody its quotes name, a reversed blackout).
fn edit(data: &LibraryData, rng: &mut Rng) -> Record {
    if rng.chance(0.06) {
        let account = if rng.chance(0.9) { rng.pick(&data.accounts).id.clone() } else { "acc-gone".into() };
        let figure = AccountFigure {
            account,
            date: day(rng),
            employees: Some(1 + rng.below(50_000) as u64),
            revenue: rng.chance(0.5).then(|| 1e6 * (1 + rng.below(90)) as f64),
        };
        return Record::AccountFigure(figure);
    }
    if rng.chance(0.06) {
        // A deal, supported by engagements the program has (or one it has
        // not), its prospect's industry a code or a title to resolve.
        let (prospect, _) = synthetic::query(rng);
        let mut prospect = prospect;
        if rng.chance(0.2) {
            prospect.industry = Some("Commercial Banking".into());
        }
        let mut engagements =
            pick_some(rng, &data.engagements.iter().map(|e| e.id.clone()).collect::<Vec<_>>(), 2);
        if rng.chance(0.1) {
            engagements.push("eng-gone".into());
        }
        engagements.sort();
        engagements.dedup();
        let created = day(rng);
        let opportunity = Opportunity {
            id: format!("opp-{}", rng.below(20)),
            name: "Prospect".into(),
            prospect,
            amount: (rng.below(1_000) * 1_000) as f64,
            stage: "negotiation".into(),
            created,
            close: created.checked_add(((rng.below(200) as i64) - 10).days()).expect("in range"),
            status: *rng.pick(OpportunityStatus::ALL),
            engagements,
        };
        return Record::Opportunity(opportunity);
    }
    if rng.chance(0.08) {
        let mut product = rng.pick(&data.products).clone();
        product.name.push_str(" II");
        if rng.chance(0.5) {
            product.id = format!("prd-new-{}", rng.below(100));
        }
        return Record::Product(product);
    }
    if rng.chance(0.15) && !data.quotes.is_empty() {
        // A quote changed or added, perhaps by someone not on its story, or
        // in a language no quote had.
        let mut quote = rng.pick(&data.quotes).clone();
        match rng.below(5) {
            0 => quote.text = synthetic::prospect_text(rng),
            1 => quote.language = rng.pick(&["de", "fr", "it"]).to_string(),
            2 => quote.advocate = rng.pick(&data.advocates).id.clone(),
            3 => {
                // To another story, mostly one its advocate tells.
                let told: Vec<_> =
                    data.stories.iter().filter(|s| s.advocates.contains(&quote.advocate)).collect();
                quote.story = match told.is_empty() || rng.chance(0.2) {
                    true => rng.pick(&data.stories).id.clone(),
                    false => rng.pick(&told).id.clone(),
                };
            }
            _ => {
                quote.id = format!("{}-new-{}", quote.id, rng.below(1_000));
                quote.text = synthetic::prospect_text(rng);
            }
        }
        return Record::Quote(quote);
    }
    if rng.chance(0.04) {
        // A new account, its industry perhaps a title to resolve, its owner
        // perhaps given without an id (derived from the name).
        let mut account = rng.pick(&data.accounts).clone();
        account.id = format!("acc-new-{}", rng.below(1_000));
        if rng.chance(0.5) {
            account.industry =
                rng.pick(&["Commercial Banking", "Software Publishers", "no such trade"]).to_string();
        }
        if rng.chance(0.5) {
            account.owner_id.clear();
        }
        return Record::Account(account);
    }
    if rng.chance(0.15) {
        let mut account = rng.pick(&data.accounts).clone();
        match rng.below(4) {
            0 => account.status = *rng.pick(AccountStatus::ALL),
            1 => account.employees = 1 + rng.below(100_000) as u64,
            2 => account.country = rng.pick(&data.accounts).country.clone(),
            _ => account.industry = rng.pick(&data.accounts).industry.clone(),
        }
        return Record::Account(account);
    }
    if rng.chance(0.15) {
        // Someone new at an account, perhaps with an id taken at another.
        let mut advocate = rng.pick(&data.advocates).clone();
        advocate.account = rng.pick(&data.accounts).id.clone();
        if rng.chance(0.9) {
            advocate.id = format!("{}-new-{}", advocate.id, rng.below(1_000));
        }
        return Record::Advocate(advocate);
    }
    let added: Vec<_> = data.advocates.iter().filter(|a| a.id.contains("new")).collect();
    if !added.is_empty() && rng.chance(0.15) {
        // Someone the test added moves to another account (valid while no
        // story names them).
        let mut advocate = (*rng.pick(&added)).clone();
        advocate.account = rng.pick(&data.accounts).id.clone();
        return Record::Advocate(advocate);
    }
    if rng.chance(0.5) {
        let mut advocate = rng.pick(&data.advocates).clone();
        match rng.below(7) {
            0 => advocate.status = *rng.pick(&[AdvocateStatus::Active, AdvocateStatus::Paused]),
            1 => advocate.languages = pick_some(rng, &LANGUAGES.map(String::from), 3),
            2 => advocate.cap = rng.chance(0.7).then(|| 1 + rng.below(4) as u32),
            3 => {
                let (a, b) = (day(rng), day(rng));
                let (start, end) = if rng.chance(0.9) { (a.min(b), a.max(b)) } else { (a, b) };
                advocate.blackouts = vec![DateRange { start, end }];
            }
            4 => advocate.kinds = pick_some(rng, &KINDS, 3),
            5 => advocate.seniority = *rng.pick(Seniority::ALL),
            _ => advocate.rest_days = rng.chance(0.5).then(|| rng.below(60) as u32),
        }
        return Record::Advocate(advocate);
    }
    let mut story = rng.pick(&data.stories).clone();
    if rng.chance(0.2) {
        // A new story, perhaps at another account than its tellers'.
        story.id = format!("{}-new-{}", story.id, rng.below(1_000));
        if rng.chance(0.2) {
            story.account = rng.pick(&data.accounts).id.clone();
        }
        story.summary = synthetic::prospect_text(rng);
        return Record::Story(story);
    }
    if rng.chance(0.1) {
        // A story moved to another account, told there by some of its people
        // (valid only for a story with no engagement and no quote).
        story.account = rng.pick(&data.accounts).id.clone();
        let at: Vec<String> =
            data.advocates.iter().filter(|a| a.account == story.account).map(|a| a.id.clone()).collect();
        story.advocates = if at.is_empty() { Vec::new() } else { pick_some(rng, &at, 2) };
        return Record::Story(story);
    }
    match rng.below(8) {
        0 => story.approved = !story.approved,
        1 => story.approved_until = rng.chance(0.5).then(|| day(rng)),
        2 => {
            let mut tags = pick_some(rng, USE_CASES, 3).into_iter().map(String::from).collect::<Vec<_>>();
            if rng.chance(0.3) {
                tags.push(format!("brand new use {}", rng.below(5)));
            }
            story.use_cases = tags;
        }
        3 => {
            let most = if rng.chance(0.9) { PRODUCTS } else { PRODUCTS + 3 };
            story.products = (0..1 + rng.below(2)).map(|_| format!("prd-{:02}", rng.below(most))).collect();
        }
        4 => story.competitors = pick_some(rng, COMPETITORS, 2).into_iter().map(String::from).collect(),
        5 => {
            // Some of its account's advocates: perhaps not those its quotes name.
            let at: Vec<String> =
                data.advocates.iter().filter(|a| a.account == story.account).map(|a| a.id.clone()).collect();
            story.advocates = if at.is_empty() { Vec::new() } else { pick_some(rng, &at, 3) };
        }
        6 => story.summary = synthetic::prospect_text(rng),
        _ => {
            story.verified_on = day(rng);
            story.outcomes.retain(|o| o.value.is_none());
        }
    }
    Record::Story(story)
}

/// What validating the library with `record` in place of its namesake says.
fn validated(data: &LibraryData, record: &Record) -> Result<(), String> {
    let mut data = data.clone();
    match record {
        Record::Advocate(new) => match data.advocates.iter_mut().find(|a| a.id == new.id) {
            Some(old) => *old = new.clone(),
            None => data.advocates.push(new.clone()),
        },
        Record::Account(new) => match data.accounts.iter_mut().find(|a| a.id == new.id) {
            Some(old) => *old = new.clone(),
            None => data.accounts.push(new.clone()),
        },
        Record::Product(new) => match data.products.iter_mut().find(|p| p.id == new.id) {
            Some(old) => *old = new.clone(),
            None => data.products.push(new.clone()),
        },
        Record::Quote(new) => match data.quotes.iter_mut().find(|q| q.id == new.id) {
            Some(old) => *old = new.clone(),
            None => data.quotes.push(new.clone()),
        },
        Record::Opportunity(new) => match data.opportunities.iter_mut().find(|o| o.id == new.id) {
            Some(old) => *old = new.clone(),
            None => data.opportunities.push(new.clone()),
        },
        Record::AccountFigure(new) => {
            match data.account_figures.iter_mut().find(|f| f.account == new.account && f.date == new.date) {
                Some(old) => *old = new.clone(),
                None => data.account_figures.push(new.clone()),
            }
        }
        Record::Story(new) => match data.stories.iter_mut().find(|s| s.id == new.id) {
            Some(old) => *old = new.clone(),
            None => data.stories.push(new.clone()),
        },
    }
    data.history.clear();
    data.hidden_accounts.clear();
    Library::new(data).map(drop).map_err(|err| err.to_string())
}

/// A record of `data` to remove, of any kind, drawn by `rng` (perhaps one
/// that something refers to), with what validating `data` without it says.
fn removal(data: &LibraryData, rng: &mut Rng) -> (RecordKind, String, Result<(), String>) {
    let mut without = data.clone();
    let kind = *rng.pick(&RecordKind::ALL);
    // Mostly a record the test added, which nothing may refer to yet.
    fn one<T>(rng: &mut Rng, items: &mut Vec<T>, id: impl Fn(&T) -> &str) -> T {
        let added: Vec<usize> = (0..items.len()).filter(|&i| id(&items[i]).contains("new")).collect();
        let i = if !added.is_empty() && rng.chance(0.7) { *rng.pick(&added) } else { rng.below(items.len()) };
        items.remove(i)
    }
    let id = match kind {
        RecordKind::Product => one(rng, &mut without.products, |p| &p.id).id,
        RecordKind::Account => one(rng, &mut without.accounts, |a| &a.id).id,
        RecordKind::Advocate => one(rng, &mut without.advocates, |a| &a.id).id,
        RecordKind::Story => one(rng, &mut without.stories, |s| &s.id).id,
        RecordKind::Opportunity if !without.opportunities.is_empty() => {
            without.opportunities.remove(rng.below(without.opportunities.len())).id
        }
        RecordKind::AccountFigure if !without.account_figures.is_empty() => {
            let figure = without.account_figures.remove(rng.below(without.account_figures.len()));
            format!("{}@{}", figure.account, figure.date)
        }
        RecordKind::Quote if !without.quotes.is_empty() => {
            without.quotes.remove(rng.below(without.quotes.len())).id
        }
        _ => return removal(data, rng),
    };
    (kind, id, Library::new(without).map(drop).map_err(|err| err.to_string()))
}

fn same_rankings(program: &Program, rng: &mut Rng) -> Result<(), TestCaseError> {
    let fresh = Index::new(program.library());
    for q in 0..6 {
        let (mut prospect, mut request) = synthetic::query(rng);
        if q % 2 == 0 {
            prospect = prospect.with_text(synthetic::prospect_text(rng));
        }
        request = request.with_min_relevance(0.0).with_k(if q < 3 { 12 } else { 2 });
        prop_assert_eq!(program.rank(&prospect, &request).ok(), fresh.rank(&prospect, &request).ok());
        let matrix = program.score_matrix(std::slice::from_ref(&prospect), &request).ok().map(|(_, m)| m);
        prop_assert_eq!(matrix, fresh.score_matrix(std::slice::from_ref(&prospect), &request).ok());
        for advocate in fresh.library().advocates().iter().step_by(37) {
            let (ours, theirs) = (
                program.explain(&advocate.id, &prospect, &request).ok(),
                fresh.explain(&advocate.id, &prospect, &request).ok(),
            );
            prop_assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
        }
    }
    // The program's search follows every change too.
    #[cfg(feature = "search")]
    {
        let index = refmatch::search::SearchIndex::new(program.library()).expect("indexes");
        support::search::same_answers(|r| program.search(r), &index).map_err(TestCaseError::fail)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn records_changed_in_place_rank_as_a_rebuilt_index(seed in 0..1_000u64, edits in 1..12usize) {
        let program = program(seed);
        let admin = Actor::admin("ada");
        let mut rng = Rng::new(seed ^ 0x5eed);
        for _ in 0..edits {
            let before = program.export();
            if rng.chance(0.25) {
                let (kind, id, expected) = removal(&before, &mut rng);
                match program.remove(&admin, kind, &id) {
                    Ok(()) => prop_assert!(expected.is_ok(), "removed {kind} {id}, but validation says {:?}", expected),
                    Err(Error::InUse { .. }) => {
                        prop_assert!(expected.is_err(), "{kind} {id} refused as in use");
                        prop_assert_eq!(program.export(), before);
                    }
                    Err(other) => prop_assert!(false, "removal refused with {other}"),
                }
                same_rankings(&program, &mut rng)?;
                continue;
            }
            let record = edit(&before, &mut rng);
            let expected = validated(&before, &record);
            match program.upsert(&admin, record) {
                Ok(()) => prop_assert!(expected.is_ok(), "accepted, but validation says {:?}", expected),
                Err(Error::Invalid(err)) => {
                    prop_assert_eq!(Err(err.to_string()), expected);
                    prop_assert_eq!(program.export(), before);
                }
                Err(other) => prop_assert!(false, "refused with {other}"),
            }
            same_rankings(&program, &mut rng)?;
            // The index's library holds what the program holds.
            let exported = Library::new(program.export()).expect("the program stays valid");
            let library = program.library();
            prop_assert_eq!(exported.opportunities(), library.opportunities());
            prop_assert_eq!(exported.account_figures(), library.account_figures());
            prop_assert_eq!(exported.quotes(), library.quotes());
            prop_assert_eq!(exported.products(), library.products());
            prop_assert_eq!(exported.accounts(), library.accounts());
            prop_assert_eq!(exported.advocates(), library.advocates());
            prop_assert_eq!(exported.stories(), library.stories());
        }
        // The advocate's own profile edits take the same path.
        let advocate = program.export().advocates[0].id.clone();
        let update = AdvocateUpdate { languages: Some(vec!["ja".into()]), ..AdvocateUpdate::default() };
        program.update_advocate(&admin, &advocate, update).expect("a valid update");
        same_rankings(&program, &mut rng)?;
        let account = program.export().accounts[1].id.clone();
        program.set_account_status(&admin, &account, AccountStatus::DoNotContact).expect("a valid change");
        same_rankings(&program, &mut rng)?;
    }
}

/// A story given a use case no other story has becomes the best match for
/// a prospect who wants just that: its account's bound, which lets the scan
/// skip accounts, follows the change.
#[test]
fn a_story_changed_in_place_can_rise_to_the_top() {
    let program = program(7);
    let data = program.export();
    let prospect = refmatch::Prospect::new().with_use_case("brand new use");
    let request =
        refmatch::Request::new(EngagementKind::ReferenceCall, Date::constant(2026, 12, 2)).with_k(1);
    let mut tested = 0;
    for story in data.stories.iter().filter(|s| s.approved && !s.advocates.is_empty()).step_by(9).take(12) {
        let mut story = story.clone();
        story.use_cases = vec!["brand new use".into()];
        story.approved_until = None;
        program.upsert(&Actor::admin("ada"), Record::Story(story.clone())).expect("a valid change");
        let fresh = Index::new(program.library());
        let ours = program.rank(&prospect, &request).expect("a valid query");
        assert_eq!(Some(&ours), fresh.rank(&prospect, &request).ok().as_ref());
        tested += usize::from(ours.matches.first().is_some_and(|m| m.story == story.id));
    }
    assert!(tested > 0, "no changed story ranked first");
}

/// Accounts added, people and a story at the later one, then the earlier
/// one removed: the later account's rows are renumbered in place, and the
/// program still ranks as a fresh index does (and finds the new story).
#[test]
fn an_account_removed_before_another_renumbers_it() {
    let program = program(11);
    let admin = Actor::admin("ada");
    let data = program.export();
    let (mut first, mut second) = (data.accounts[0].clone(), data.accounts[1].clone());
    first.id = "acc-new-first".into();
    second.id = "acc-new-second".into();
    second.industry = "Software Publishers".into();
    second.owner_id.clear();
    for account in [first, second] {
        program.upsert(&admin, Record::Account(account)).expect("a new account");
    }
    let mut advocate = data.advocates[0].clone();
    advocate.id = "adv-new-at-second".into();
    advocate.account = "acc-new-second".into();
    advocate.status = AdvocateStatus::Active;
    advocate.blackouts.clear();
    program.upsert(&admin, Record::Advocate(advocate)).expect("a new advocate");
    let mut story =
        data.stories.iter().find(|s| s.approved && !s.products.is_empty()).expect("a story").clone();
    story.id = "sto-new-at-second".into();
    story.account = "acc-new-second".into();
    story.advocates = vec!["adv-new-at-second".into()];
    story.use_cases = vec!["brand new use".into()];
    story.approved_until = None;
    program.upsert(&admin, Record::Story(story)).expect("a new story");
    program
        .remove(&admin, refmatch::ledger::RecordKind::Account, "acc-new-first")
        .expect("nothing refers to it");
    // The title was resolved and the owner id derived, as loading would.
    let second = program.export().accounts.into_iter().find(|a| a.id == "acc-new-second").expect("kept");
    assert_eq!((second.industry.as_str(), second.owner_id.is_empty()), ("513210", false));
    let prospect = refmatch::Prospect::new().with_use_case("brand new use");
    let request =
        refmatch::Request::new(EngagementKind::ReferenceCall, Date::constant(2026, 12, 2)).with_k(3);
    let ours = program.rank(&prospect, &request).expect("a valid query");
    let fresh = Index::new(Library::new(program.export()).expect("valid"));
    assert_eq!(Some(&ours), fresh.rank(&prospect, &request).ok().as_ref());
    assert_eq!(ours.matches.first().map(|m| m.story.as_str()), Some("sto-new-at-second"));
}
