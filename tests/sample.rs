//! The embedded sample program (`data/sample.json`, written by
//! `tools/gen_sample.py`) has the shape examples, tests and benchmarks rely on.

use std::collections::{BTreeSet, HashMap, HashSet};

use jiff::civil::{Date, date};
use jiff::{Timestamp, ToSpan};
use refmatch::Library;
use refmatch::ledger::{Actor, Role, Transition};
use refmatch::model::{
    AccountFigure, AccountStatus, Advocate, AdvocateStatus, EngagementKind, EngagementStatus, Opportunity,
    OpportunityStatus, Seniority, normalize_tag,
};
use refmatch::taxonomy::{SalesRegion, country, naics};
use serde::Deserialize;

/// The day the sample's ledger is built around: the quickstart ranks for it.
const RANK_DAY: Date = date(2026, 12, 1);
/// "Today" in the sample: the ledger's past entries are before it.
const TODAY: Date = date(2026, 11, 22);
/// The best-known advocate: the most-used advocate of the ledger.
const BEST_KNOWN: &str = "adv-036";

/// Dates of the advocate's held engagements (requested, approved, completed).
fn held_dates(library: &Library, advocate: &str) -> Vec<Date> {
    library
        .engagements()
        .iter()
        .filter(|e| e.advocate == advocate && e.status.is_held())
        .map(|e| e.date)
        .collect()
}

/// SCORING.md's `used(d)`: the most held engagements inside any span of
/// `window_days` consecutive days that contains `day`.
fn used(library: &Library, advocate: &Advocate, day: Date) -> u32 {
    let window = i64::from(advocate.window_days.unwrap_or(library.policy().window_days));
    let dates = held_dates(library, &advocate.id);
    (0..window)
        .map(|back| {
            let start = day - back.days();
            let end = start + (window - 1).days();
            dates.iter().filter(|&&d| start <= d && d <= end).count() as u32
        })
        .max()
        .unwrap_or(0)
}

fn cap(library: &Library, advocate: &Advocate) -> u32 {
    advocate.cap.unwrap_or(library.policy().cap)
}

fn days_between(a: Date, b: Date) -> i64 {
    i64::from(a.since(b).expect("days between civil dates").get_days())
}

fn sample() -> Library {
    Library::sample()
}

#[test]
fn sample_is_the_canonical_serialization_of_its_file() {
    let library = sample();
    assert!(library.resolutions().is_empty(), "the sample writes NAICS codes, not labels");
    let file: serde_json::Value = serde_json::from_str(include_str!("../data/sample.json")).unwrap();
    let written = serde_json::to_value(library.data()).unwrap();
    if let Some(place) = first_difference(&file, &written, "") {
        panic!("data/sample.json differs from its serialization at `{place}`: fix tools/gen_sample.py");
    }
}

/// The path of the first value that differs, e.g. `/stories/3/outcomes/0`.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, at: &str) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(u), Some(v)) => first_difference(u, v, &format!("{at}/{k}")),
                _ => Some(format!("{at}/{k}")),
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (u, v))| first_difference(u, v, &format!("{at}/{i}")))
        }
        _ => (a != b).then(|| at.to_owned()),
    }
}

#[test]
fn policy_is_written_out_with_the_defaults() {
    let library = sample();
    let account_cap = Some(refmatch::model::AccountCap::per(5, 90));
    let currency = Some(refmatch::model::Currency::new("USD").unwrap());
    assert_eq!(*library.policy(), refmatch::Policy { account_cap, currency, ..refmatch::Policy::default() });
    let file: serde_json::Value = serde_json::from_str(include_str!("../data/sample.json")).unwrap();
    for field in ["cap", "window_days", "rest_days", "weights", "account_cap", "currency"] {
        assert!(file["policy"].get(field).is_some(), "policy.{field} is written out");
    }
}

#[test]
fn accounts_span_sectors_and_regions() {
    let library = sample();
    let accounts = library.accounts();
    assert!(accounts.len() >= 40, "{} accounts", accounts.len());

    let sectors: BTreeSet<&str> =
        accounts.iter().map(|a| naics().sector(&a.industry).expect("a NAICS code").code.as_str()).collect();
    assert!(sectors.len() >= 8, "sectors: {sectors:?}");

    let regions: BTreeSet<SalesRegion> =
        accounts.iter().map(|a| country(&a.country).expect("an ISO country").region).collect();
    assert_eq!(regions.len(), SalesRegion::ALL.len(), "regions: {regions:?}");

    let employees: Vec<u64> = accounts.iter().map(|a| a.employees).collect();
    assert!(employees.iter().any(|&e| e < 200) && employees.iter().any(|&e| e > 100_000));
    assert!(accounts.iter().filter(|a| a.status == AccountStatus::DoNotContact).count() >= 2);
    assert!(accounts.iter().filter(|a| !a.advisory_board.is_empty()).count() >= 10);
}

#[test]
fn advocates_vary_in_seniority_language_and_status() {
    let library = sample();
    let advocates = library.advocates();
    assert!(advocates.len() >= 100, "{} advocates", advocates.len());

    let levels: HashSet<Seniority> = advocates.iter().map(|a| a.seniority).collect();
    for level in Seniority::ALL {
        assert!(levels.contains(level), "no {level} advocate");
    }
    let languages: HashSet<&str> =
        advocates.iter().flat_map(|a| a.languages.iter().map(String::as_str)).collect();
    assert!(languages.len() >= 3, "languages: {languages:?}");

    let statuses: HashSet<AdvocateStatus> = advocates.iter().map(|a| a.status).collect();
    assert_eq!(statuses.len(), AdvocateStatus::ALL.len(), "statuses: {statuses:?}");
    let active = advocates.iter().filter(|a| a.status == AdvocateStatus::Active).count();
    assert!(active * 10 >= advocates.len() * 8, "{active} of {} active", advocates.len());

    let mut per_account: HashMap<&str, usize> = HashMap::new();
    for advocate in advocates {
        *per_account.entry(&advocate.account).or_default() += 1;
    }
    assert!(per_account.values().all(|&n| (1..=4).contains(&n)));
}

#[test]
fn stories_have_outcomes_and_assets() {
    let library = sample();
    let stories = library.stories();
    assert!(stories.len() >= 80, "{} stories", stories.len());

    for story in stories {
        assert!(!story.outcomes.is_empty(), "{} has no outcome", story.id);
        assert!(!story.advocates.is_empty(), "{} has no advocate", story.id);
        assert!(!story.products.is_empty() && !story.use_cases.is_empty(), "{}", story.id);
    }
    let outcomes: Vec<_> = stories.iter().flat_map(|s| &s.outcomes).collect();
    let numeric = outcomes.iter().filter(|o| o.value.is_some()).count();
    assert!(numeric * 4 >= outcomes.len() * 3, "{numeric} of {} outcomes numeric", outcomes.len());
    assert!(outcomes.iter().filter(|o| o.value.is_some()).all(|o| !o.unit.is_empty()));

    let with_assets = stories.iter().filter(|s| !s.assets.is_empty()).count();
    assert!(with_assets * 2 >= stories.len(), "{with_assets} stories with assets");
    assert!(stories.iter().flat_map(|s| &s.assets).any(|a| !a.usable_on(TODAY)), "an expired asset");
    assert!(stories.iter().any(|s| !s.approved), "an unapproved story");
    assert!(stories.iter().any(|s| s.approved && !s.approved_on(TODAY)), "an expired approval");

    let tags: HashSet<String> = stories.iter().flat_map(|s| &s.use_cases).map(|t| normalize_tag(t)).collect();
    assert!((10..=20).contains(&tags.len()), "a shared vocabulary of use cases: {tags:?}");
}

#[test]
fn ledger_entries_use_stories_their_advocate_tells() {
    let library = sample();
    for engagement in library.engagements() {
        let story = library.story(&engagement.story).unwrap();
        assert!(story.advocates.contains(&engagement.advocate), "{}", engagement.id);
        let advocate = library.advocate(&engagement.advocate).unwrap();
        assert!(advocate.kinds.contains(&engagement.kind), "{}", engagement.id);
    }
    let first = library.engagements().iter().map(|e| e.date).min().unwrap();
    let last = library.engagements().iter().map(|e| e.date).max().unwrap();
    assert!(first >= date(2025, 6, 1) && last <= date(2027, 1, 31), "{first}..{last}");
    assert!(library.engagements().iter().any(|e| e.date > TODAY && e.status.is_held()));
    assert!(library.engagements().iter().any(|e| !e.status.is_held()));
}

#[test]
fn nobody_is_over_cap_and_some_are_at_cap() {
    let library = sample();
    let mut at_cap = Vec::new();
    let mut one_below = Vec::new();
    for advocate in library.advocates() {
        let (used, cap) = (used(&library, advocate, RANK_DAY), cap(&library, advocate));
        assert!(used <= cap, "{} uses {used} of {cap}", advocate.id);
        if used == cap {
            at_cap.push(advocate.id.as_str());
        } else if used + 1 == cap {
            one_below.push(advocate.id.as_str());
        }
    }
    assert!(at_cap.len() >= 3, "at cap on {RANK_DAY}: {at_cap:?}");
    assert!(one_below.len() >= 5, "one below cap on {RANK_DAY}: {one_below:?}");
}

#[test]
fn best_known_advocate_is_the_most_used_and_at_cap() {
    let library = sample();
    let best = library.advocate(BEST_KNOWN).expect("the best-known advocate exists");

    let mut held: HashMap<&str, usize> = HashMap::new();
    for engagement in library.engagements().iter().filter(|e| e.status.is_held()) {
        *held.entry(&engagement.advocate).or_default() += 1;
    }
    let mine = held[BEST_KNOWN];
    assert!(held.iter().all(|(&id, &n)| id == BEST_KNOWN || n < mine), "most used: {mine}");

    assert_eq!(best.seniority, Seniority::Executive);
    let account = library.account(&best.account).unwrap();
    assert_eq!((account.industry.as_str(), account.country.as_str()), ("522110", "DE"));

    let stories: Vec<_> = library.stories().iter().filter(|s| s.advocates.contains(&best.id)).collect();
    let tags: HashSet<String> = stories.iter().flat_map(|s| &s.use_cases).map(|t| normalize_tag(t)).collect();
    assert!(tags.contains("fraud detection") && tags.contains("customer onboarding"), "{tags:?}");
    assert!(stories.iter().any(|s| s.competitors.iter().any(|c| normalize_tag(c) == "omnisuite")));

    // Excluded on the rank day by capacity alone (SCORING.md E6), not by
    // status, kind, blackout or rest.
    assert_eq!(used(&library, best, RANK_DAY), cap(&library, best));
    assert_eq!(best.status, AdvocateStatus::Active);
    assert_eq!(account.status, AccountStatus::Active);
    assert!(best.kinds.contains(&EngagementKind::ReferenceCall));
    assert!(best.blackouts.iter().all(|range| !range.contains(RANK_DAY)));
    let rest = i64::from(best.rest_days.unwrap_or(library.policy().rest_days));
    assert!(held_dates(&library, BEST_KNOWN).iter().all(|&d| days_between(d, RANK_DAY).abs() >= rest));
}

#[test]
fn the_quickstart_prospect_has_other_good_candidates() {
    // A German-speaking banker or insurer in DACH, the Benelux or France
    // with a fraud-detection or onboarding story, who can be asked on the
    // rank day.
    let library = sample();
    let mut found = BTreeSet::new();
    for advocate in library.advocates() {
        let account = library.account(&advocate.account).unwrap();
        let eligible = advocate.status == AdvocateStatus::Active
            && account.status == AccountStatus::Active
            && account.industry.starts_with("52")
            && ["DE", "AT", "CH", "NL", "FR"].contains(&account.country.as_str())
            && advocate.languages.iter().any(|l| l == "de")
            && advocate.kinds.contains(&EngagementKind::ReferenceCall)
            && advocate.blackouts.iter().all(|range| !range.contains(RANK_DAY))
            && used(&library, advocate, RANK_DAY) < cap(&library, advocate);
        let relevant = library.stories().iter().any(|s| {
            s.advocates.contains(&advocate.id)
                && s.approved_on(RANK_DAY)
                && s.use_cases
                    .iter()
                    .any(|t| ["fraud detection", "customer onboarding"].contains(&t.as_str()))
        });
        if eligible && relevant {
            found.insert(account.id.as_str());
        }
    }
    assert!(found.len() >= 5, "accounts with a good candidate: {found:?}");
}

#[test]
fn many_advocates_were_never_asked() {
    let library = sample();
    let asked: HashSet<&str> = library.engagements().iter().map(|e| e.advocate.as_str()).collect();
    let never = library.advocates().iter().filter(|a| !asked.contains(a.id.as_str())).count();
    assert!(never >= 20, "{never} advocates never asked");
}

#[test]
fn rest_rule_mostly_holds() {
    let library = sample();
    let mut close = 0;
    for advocate in library.advocates() {
        let mut dates = held_dates(&library, &advocate.id);
        dates.sort();
        let rest = i64::from(advocate.rest_days.unwrap_or(library.policy().rest_days));
        close += dates.windows(2).filter(|pair| days_between(pair[1], pair[0]) < rest).count();
    }
    assert!(close <= 2, "{close} pairs of held engagements closer than the rest period");
}

/// Whether a completed engagement the opportunity lists took place on or
/// before its close: the reference can have influenced the deal.
fn referenced_before_close(library: &Library, opportunity: &Opportunity) -> bool {
    opportunity.engagements.iter().any(|id| {
        let engagement = library.engagement(id).unwrap();
        engagement.status == EngagementStatus::Completed && engagement.date <= opportunity.close
    })
}

/// The NAICS sector and sales region of an industry code and a country.
fn segment(industry: &str, country_code: &str) -> (String, SalesRegion) {
    let sector = naics().sector(industry).expect("a NAICS code").code.clone();
    (sector, country(country_code).expect("an ISO country").region)
}

#[test]
fn opportunities_are_open_after_today_and_closed_before() {
    let library = sample();
    let opportunities = library.opportunities();
    assert!(opportunities.len() >= 100, "{} opportunities", opportunities.len());
    let count = |status| opportunities.iter().filter(|o| o.status == status).count();
    let (open, won, lost) =
        (count(OpportunityStatus::Open), count(OpportunityStatus::Won), count(OpportunityStatus::Lost));
    assert!(open >= 30 && won >= 30 && lost >= 30, "{open} open, {won} won, {lost} lost");
    for o in opportunities {
        assert!(o.created <= TODAY && o.created <= o.close, "{}", o.id);
        assert!((20..=200).contains(&days_between(o.close, o.created)), "{}", o.id);
        if o.status.is_closed() {
            assert!(o.close <= TODAY && o.stage == "closed", "{} is {} on {}", o.id, o.status, o.close);
        } else {
            assert!(o.close > TODAY && o.close <= date(2027, 4, 30) && o.stage != "closed", "{}", o.id);
        }
    }
    let without = opportunities.iter().filter(|o| o.engagements.is_empty()).count();
    assert!(without * 4 >= opportunities.len(), "{without} opportunities without a reference");
}

#[test]
fn every_engagement_with_a_prospect_supports_exactly_one_opportunity() {
    let library = sample();
    let mut supported: HashMap<&str, Vec<&Opportunity>> = HashMap::new();
    for o in library.opportunities() {
        for id in &o.engagements {
            supported.entry(id).or_default().push(o);
        }
    }
    for engagement in library.engagements() {
        let opportunities = supported.get(engagement.id.as_str()).map_or(&[][..], Vec::as_slice);
        match &engagement.prospect {
            Some(text) => {
                assert_eq!(
                    opportunities.len(),
                    1,
                    "{} ({text}) supports {}",
                    engagement.id,
                    opportunities.len()
                );
                let company = text.rsplit_once(" (OPP-").expect("a CRM number").0;
                assert_eq!(opportunities[0].name, company, "{}", engagement.id);
            }
            None => assert!(opportunities.is_empty(), "{} has no prospect", engagement.id),
        }
    }
    // an engagement still to come belongs to an open deal
    for o in library.opportunities().iter().filter(|o| o.status.is_closed()) {
        assert!(o.engagements.iter().all(|id| library.engagement(id).unwrap().date <= TODAY), "{}", o.id);
    }
}

#[test]
fn references_before_the_close_win_more_often() {
    let library = sample();
    let (mut with, mut without) = ((0, 0), (0, 0));
    for o in library.opportunities().iter().filter(|o| o.status.is_closed()) {
        let tally = if referenced_before_close(&library, o) { &mut with } else { &mut without };
        tally.0 += usize::from(o.status == OpportunityStatus::Won);
        tally.1 += 1;
    }
    assert!(with.1 >= 50 && without.1 >= 50, "closed: {} with, {} without a reference", with.1, without.1);
    let rate = |(won, all): (usize, usize)| won as f64 / all as f64;
    assert!(rate(with) > rate(without) + 0.1, "won {with:?} with a reference, {without:?} without");
}

#[test]
fn some_open_demand_has_no_supply_in_its_segment() {
    let library = sample();
    let supplied: HashSet<(String, SalesRegion)> =
        library.accounts().iter().map(|a| segment(&a.industry, &a.country)).collect();
    let mut open_segments = BTreeSet::new();
    let mut gaps = BTreeSet::new();
    for o in library.opportunities().iter().filter(|o| o.status == OpportunityStatus::Open) {
        let p = &o.prospect;
        let at = segment(p.industry.as_deref().unwrap(), p.country.as_deref().unwrap());
        open_segments.insert(at.clone());
        if !supplied.contains(&at) {
            gaps.insert(at);
        }
    }
    assert!(!gaps.is_empty(), "every open opportunity has accounts in its segment");
    assert!(gaps.len() * 2 < open_segments.len(), "most open demand is where advocates are: {gaps:?}");
    assert!(
        library
            .opportunities()
            .iter()
            .any(|o| o.status == OpportunityStatus::Open && o.prospect.employees.is_some_and(|e| e < 100)),
        "an open deal with a start-up"
    );
}

#[test]
fn most_accounts_have_two_figures_and_advocate_accounts_grow_faster() {
    let library = sample();
    let mut figures: HashMap<&str, Vec<&AccountFigure>> = HashMap::new();
    for figure in library.account_figures() {
        figures.entry(&figure.account).or_default().push(figure);
    }
    let two = figures.values().filter(|f| f.len() == 2).count();
    assert!(two * 10 >= library.accounts().len() * 8, "{two} accounts with two figures");
    assert!(library.account_figures().iter().any(|f| f.revenue.is_some()));
    assert!(library.account_figures().iter().any(|f| f.revenue.is_none()));

    let helped: HashSet<&str> = library
        .engagements()
        .iter()
        .filter(|e| e.status == EngagementStatus::Completed)
        .map(|e| library.advocate(&e.advocate).unwrap().account.as_str())
        .collect();
    let mut growth: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    for account in library.accounts() {
        let Some(pair) = figures.get(account.id.as_str()).filter(|f| f.len() == 2) else { continue };
        let (before, after) = (pair[0].employees.unwrap(), pair[1].employees.unwrap());
        assert!(pair[0].date < pair[1].date, "{}", account.id);
        assert_eq!(after, account.employees, "{}: the last figure is the account's head count", account.id);
        growth[usize::from(helped.contains(account.id.as_str()))].push(after as f64 / before as f64 - 1.0);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[(v.len() - 1) / 2] + v[v.len() / 2]) / 2.0
    };
    let (rest, helped) = (median(&mut growth[0]), median(&mut growth[1]));
    assert!(helped > rest, "median growth {helped} at advocate accounts, {rest} elsewhere");
}

/// One entry of `data/sample-history.json`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HistoryEntry {
    engagement: String,
    requested_by: String,
    history: Vec<Transition>,
}

#[test]
fn request_history_follows_the_workflow_to_each_status() {
    let library = sample();
    let entries: Vec<HistoryEntry> =
        serde_json::from_str(include_str!("../data/sample-history.json")).unwrap();
    let ids: Vec<&str> = entries.iter().map(|e| e.engagement.as_str()).collect();
    let expected: Vec<&str> = library.engagements().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, expected, "one entry per engagement, in ledger order");

    let now: Timestamp = "2026-11-22T18:00:00Z".parse().unwrap();
    let mut reps = BTreeSet::new();
    for (entry, engagement) in entries.iter().zip(library.engagements()) {
        let id = &entry.engagement;
        let owner =
            &library.account(&library.advocate(&engagement.advocate).unwrap().account).unwrap().owner_id;
        let steps = &entry.history;
        let first = steps.first().expect("a request");
        assert_eq!((first.from, first.to), (None, EngagementStatus::Requested), "{id}");
        assert_eq!(first.actor, Actor::sales_rep(&entry.requested_by), "{id}");
        reps.insert(entry.requested_by.as_str());
        for pair in steps.windows(2) {
            assert_eq!(pair[1].from, Some(pair[0].to), "{id}: steps chain");
            assert!(pair[0].at < pair[1].at, "{id}: time goes forward");
        }
        assert_eq!(steps.last().unwrap().to, engagement.status, "{id}");
        assert!(steps.iter().all(|s| s.at <= now), "{id}: a step after today");
        for step in steps {
            match step.to {
                EngagementStatus::Approved | EngagementStatus::Declined => {
                    assert_eq!(step.actor, Actor::owner(owner.clone()), "{id}");
                }
                _ => assert_eq!(step.actor.role, Role::SalesRep, "{id}"),
            }
            if matches!(step.to, EngagementStatus::Declined | EngagementStatus::Cancelled) {
                assert!(!step.reason.is_empty(), "{id}: a refusal gives a reason");
            }
        }
        let path: Vec<EngagementStatus> = steps.iter().map(|s| s.to).collect();
        use EngagementStatus::{Approved, Cancelled, Completed, Declined, Requested};
        let allowed: &[&[EngagementStatus]] = match engagement.status {
            Requested => &[&[Requested]],
            Approved => &[&[Requested, Approved]],
            Completed => &[&[Requested, Approved, Completed]],
            Declined => &[&[Requested, Declined]],
            Cancelled => &[&[Requested, Cancelled], &[Requested, Approved, Cancelled]],
        };
        assert!(allowed.contains(&path.as_slice()), "{id}: {path:?}");
        if engagement.status == Completed {
            let day = steps.last().unwrap().at.to_zoned(jiff::tz::TimeZone::UTC).date();
            assert_eq!(day, engagement.date, "{id}: completed on its day");
        }
        // Requests go out 5 to 45 days ahead; a request for a later date
        // than that would be in the future, so it was made recently.
        if engagement.date < TODAY + 45.days() {
            let day = first.at.to_zoned(jiff::tz::TimeZone::UTC).date();
            assert!((5..=45).contains(&days_between(engagement.date, day)), "{id}: requested on {day}");
        }
    }
    assert!((4..=8).contains(&reps.len()), "reps: {reps:?}");
}

#[test]
fn most_stories_have_quotes_in_their_tellers_languages() {
    let library = sample();
    let quotes = library.quotes();
    assert!((200..=400).contains(&quotes.len()), "{} quotes", quotes.len());
    let quoted: HashSet<&str> = quotes.iter().map(|q| q.story.as_str()).collect();
    assert!(
        quoted.len() * 4 >= library.stories().len() * 3,
        "{} of {} stories quoted",
        quoted.len(),
        library.stories().len()
    );

    let mut languages: HashMap<&str, usize> = HashMap::new();
    for quote in quotes {
        *languages.entry(quote.language.as_str()).or_default() += 1;
        let advocate = library.advocate(&quote.advocate).expect("references resolve");
        assert!(
            quote.language == "en" || advocate.languages.contains(&quote.language),
            "{} is in {}, which {} does not speak",
            quote.id,
            quote.language,
            advocate.id
        );
        assert!(!quote.channels.is_empty());
    }
    for language in ["en", "de", "fr", "es"] {
        assert!(languages.get(language).copied().unwrap_or(0) >= 5, "languages: {languages:?}");
    }
    // Some approvals end, a few have ended before "today".
    assert!(quotes.iter().any(|q| q.approved_until.is_some_and(|d| d < TODAY)));
    assert!(quotes.iter().any(|q| q.approved_until.is_some_and(|d| d > TODAY)));
    assert!(quotes.iter().filter(|q| q.approved_until.is_none()).count() * 2 > quotes.len());
}

#[test]
fn quotes_speak_of_their_stories() {
    let library = sample();
    // Each quote names its story's use case, product, displaced competitor
    // or an outcome (in English; other languages name the product or
    // competitor, or a translated use case).
    let products: HashMap<&str, &str> =
        library.products().iter().map(|p| (p.id.as_str(), p.name.as_str())).collect();
    for quote in library.quotes() {
        let story = library.story(&quote.story).expect("references resolve");
        let text = quote.text.to_lowercase();
        let names_product =
            story.products.iter().any(|p| text.contains(&products[p.as_str()].to_lowercase()));
        let names_rival = story.competitors.iter().any(|c| text.contains(&c.to_lowercase()));
        let names_case = story.use_cases.iter().any(|u| text.contains(&normalize_tag(u)));
        let names_outcome = story.outcomes.iter().any(|o| text.contains(&o.description.to_lowercase()));
        let translated = quote.language != "en";
        assert!(
            names_product || names_rival || names_case || names_outcome || translated,
            "{}: {:?} says nothing of {}",
            quote.id,
            quote.text,
            story.id
        );
    }
}
