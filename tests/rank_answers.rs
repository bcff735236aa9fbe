//! Answers a rep can act on, on the sample program: the relevance floor and
//! its errors; `Index::rank`'s status, rule counts and held-back matches;
//! rule E9 (the account cap) in ranking, `explain`, the ledger's atomic
//! check and allocation; the next free day; explanations in plain words;
//! serialization with names; the request builders.

use refmatch::allocate::{AllocationRequest, Planner};
use refmatch::ledger::{Actor, Error, Options, Program};
use refmatch::model::{AccountCap, EngagementKind, Seniority};
use refmatch::rank::{
    DEFAULT_MIN_RELEVANCE, Exclusion, Index, QueryError, RankingStatus, Rule, StoryRequest, Verdict,
};
use refmatch::{Date, Library, Policy, Prospect, Request};

/// The quickstart's prospect: a German commercial bank of 3,000 replacing
/// Omnisuite, asking about fraud detection and customer onboarding.
fn bank() -> Prospect {
    Prospect::new()
        .with_industry("522110")
        .with_employees(3_000)
        .with_country("DE")
        .with_competitor("Omnisuite")
        .with_use_case("fraud detection")
        .with_use_case("customer onboarding")
        .with_seniority(Seniority::Vp)
}

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// The sample's ranking day.
fn busy() -> Date {
    day("2026-12-01")
}

fn call() -> Request {
    Request::new(EngagementKind::ReferenceCall, busy())
}

/// Rheinmark Bank AG, whose advocates hold 5 engagements in the 90 days
/// around 2026-12-01: the sample's account cap (5 per 90 days).
const RHEINMARK: &str = "acc-017";

fn rheinmark_colleague(library: &Library) -> String {
    library
        .advocates()
        .iter()
        .find(|a| {
            a.account == RHEINMARK && a.id != "adv-036" && a.kinds.contains(&EngagementKind::ReferenceCall)
        })
        .map(|a| a.id.clone())
        .expect("Rheinmark has another advocate who takes calls")
}

#[test]
fn a_floor_outside_zero_to_one_is_an_error_naming_the_field() {
    let index = Index::new(Library::sample());
    for floor in [-0.1, 1.5, f64::NAN, f64::INFINITY] {
        let err = index.rank_advocates(&bank(), &call().with_min_relevance(floor)).unwrap_err();
        assert!(matches!(err, QueryError::MinRelevance(_)), "{floor}: {err:?}");
        assert!(err.to_string().starts_with("request.min_relevance "), "{err}");
        assert!(index.rank(&bank(), &call().with_min_relevance(floor)).is_err());
    }
    assert_eq!(Request::new(EngagementKind::ReferenceCall, busy()).min_relevance, DEFAULT_MIN_RELEVANCE);
    assert!(index.rank_advocates(&bank(), &call().with_min_relevance(1.0)).unwrap().is_empty());
}

#[test]
fn the_floor_cuts_weak_matches_and_keeps_the_order() {
    let index = Index::new(Library::sample());
    // Every eligible advocate of the v1 model, best first.
    let everyone = call().with_min_relevance(0.0).with_k(10_000).with_max_per_account(1);
    let all = index.rank_advocates(&bank(), &everyone).unwrap();
    assert!(
        all.iter().any(|m| m.explanation.relevance < DEFAULT_MIN_RELEVANCE),
        "the sample has weak matches"
    );
    let strong: Vec<&str> = all
        .iter()
        .filter(|m| m.explanation.relevance >= DEFAULT_MIN_RELEVANCE)
        .map(|m| m.advocate.as_str())
        .take(5)
        .collect();
    let got = index.rank_advocates(&bank(), &call()).unwrap();
    assert_eq!(got.iter().map(|m| m.advocate.as_str()).collect::<Vec<_>>(), strong);
}

#[test]
fn no_match_above_the_floor_is_a_state_of_its_own() {
    let index = Index::new(Library::sample());
    // An oil driller in Brazil: nothing in the sample comes close.
    let driller = Prospect::new()
        .with_industry("213111")
        .with_employees(40)
        .with_country("BR")
        .with_use_case("rig scheduling");
    let ranking = index.rank(&driller, &call()).unwrap();
    assert!(ranking.is_empty());
    let RankingStatus::BelowFloor { advocate, relevance } = &ranking.status else {
        panic!("expected below the floor, got {:?}", ranking.status)
    };
    assert!(*relevance < DEFAULT_MIN_RELEVANCE);
    assert!(ranking.below_floor > 0);
    // The best under the floor is the first of the list without a floor.
    let v1 = index.rank_advocates(&driller, &call().with_min_relevance(0.0).with_k(10_000)).unwrap();
    let best = v1.iter().max_by(|a, b| a.explanation.relevance.total_cmp(&b.explanation.relevance)).unwrap();
    assert!((best.explanation.relevance - relevance).abs() < 1e-12, "{advocate} vs {}", best.advocate);
    assert!(
        ranking.summary().starts_with("No match reaches the relevance floor 0.35"),
        "{}",
        ranking.summary()
    );

    // Every account excluded: nobody passes the rules at all.
    let library = Library::sample();
    let mut request = call();
    request.exclude_accounts = library.accounts().iter().map(|a| a.id.clone()).collect();
    let ranking = index.rank(&bank(), &request).unwrap();
    assert_eq!(ranking.status, RankingStatus::NoneEligible);
    let counted: usize = ranking.excluded.iter().map(|c| c.candidates).sum();
    assert_eq!(counted, ranking.candidates, "every candidate counts under one rule");
    assert!(ranking.excluded_by(Rule::Excluded) > 0);
    assert!(ranking.summary().starts_with("No candidate passes the rules: "), "{}", ranking.summary());
}

#[test]
fn ranking_counts_every_candidate_once_and_holds_back_the_busy() {
    let index = Index::new(Library::sample());
    let ranking = index.rank(&bank(), &call()).unwrap();
    assert_eq!(ranking.status, RankingStatus::Matched);
    assert_eq!(ranking.matches, index.rank_advocates(&bank(), &call()).unwrap());
    assert_eq!(ranking.excluded.len(), 9, "one count per rule, E1 to E9");
    let excluded: usize = ranking.excluded.iter().map(|c| c.candidates).sum();
    assert!(excluded + ranking.below_floor < ranking.candidates);
    // The program's busiest advocate is at her cap, and her bank at its
    // account cap: she and her colleagues are held back, she the best.
    assert!(ranking.excluded_by(Rule::Capacity) > 0 && ranking.excluded_by(Rule::AccountCapacity) > 0);
    let last = ranking.matches.last().unwrap().score;
    assert!(!ranking.held_back.is_empty());
    for held in &ranking.held_back {
        assert!(held.relevance > last, "{}: {} under the list's last {last}", held.advocate, held.relevance);
        assert!(held.exclusion.rule_id().is_some_and(Rule::is_timing), "{}", held.exclusion);
        let free = held.next_available.expect("active advocates are free some day");
        assert_eq!(index.next_available(&held.advocate, busy()).unwrap(), Some(free));
    }
    assert!(ranking.held_back.windows(2).all(|w| w[0].relevance >= w[1].relevance));
    let summary = ranking.summary();
    assert!(summary.contains("stronger match"), "{summary}");
    assert!(
        summary.contains(&format!("is free from {}", ranking.held_back[0].next_available.unwrap())),
        "{summary}"
    );
}

#[test]
fn the_account_cap_excludes_a_whole_account_in_ranking_explain_and_the_ledger() {
    let library = Library::sample();
    assert_eq!(library.policy().account_cap, Some(AccountCap::per(5, 90)), "the sample's policy");
    let index = Index::new(library.clone());
    let colleague = rheinmark_colleague(&library);
    let ranked = index.rank_advocates(&bank(), &call().with_k(10_000).with_max_per_account(10_000)).unwrap();
    assert!(
        ranked.iter().all(|m| m.account != RHEINMARK),
        "no Rheinmark advocate while the bank is at its cap"
    );
    let Verdict::Excluded(why) = index.explain(&colleague, &bank(), &call()).unwrap() else {
        panic!("{colleague} is eligible")
    };
    assert_eq!(why.rule(), "E9", "{why}");
    assert!(
        matches!(&why, Exclusion::AccountCapacity { account, used: 5, cap: 5, window_days: 90, .. } if account == RHEINMARK)
    );
    assert!(
        why.to_string().starts_with("account at capacity: account acc-017's advocates hold 5 engagements")
    );

    // Off by default: without the account cap the colleague is eligible
    // again, as in version 1 of the model.
    let v1 = call().with_policy(Policy { account_cap: None, ..*library.policy() });
    assert!(matches!(index.explain(&colleague, &bank(), &v1).unwrap(), Verdict::Eligible(_)));
    assert_eq!(Policy::default().account_cap, None);

    // The ledger's atomic check refuses the request with the same rule.
    // On the sample's day: a request for a day in the past is refused first.
    let program = Program::sample(Options::new().clock(|| "2026-12-01T09:00:00Z".parse().expect("a time")));
    let story =
        library.stories().iter().find(|s| s.advocates.contains(&colleague) && s.approved_on(busy())).unwrap();
    match program.request(
        &Actor::sales_rep("rep-anna"),
        &colleague,
        &story.id,
        EngagementKind::ReferenceCall,
        busy(),
        None,
    ) {
        Err(Error::Ineligible { exclusion, .. }) => assert_eq!(exclusion.rule(), "E9", "{exclusion}"),
        other => panic!("expected an E9 refusal, got {other:?}"),
    }
}

#[test]
fn allocation_keeps_the_floor_and_the_account_cap() {
    let index = Index::new(Library::sample());
    let requests: Vec<AllocationRequest> =
        (0..4).map(|i| AllocationRequest::new(format!("opp-{i}"), bank(), call())).collect();
    let allocation = Planner::new(busy()).allocate(&index, &requests).unwrap();
    for request in allocation.requests() {
        for chosen in &request.chosen {
            assert_ne!(chosen.account, RHEINMARK, "{}: a Rheinmark advocate at the account cap", request.id);
            assert!(
                chosen.explanation.relevance >= DEFAULT_MIN_RELEVANCE,
                "{}: below the floor",
                chosen.advocate
            );
        }
    }
    // An account with room for one engagement serves one request of the
    // batch, however many of its advocates would fit.
    let later = day("2027-01-10");
    let library = Library::sample();
    let mut policy = *library.policy();
    policy.account_cap = Some(AccountCap::per(10, 1));
    let roomy = Index::with_policy(library.clone(), policy).expect("a valid policy");
    let request = Request::new(EngagementKind::ReferenceCall, later).with_k(50).with_max_per_account(50);
    let rheinmark: Vec<String> = roomy
        .rank_advocates(&bank(), &request)
        .unwrap()
        .into_iter()
        .filter(|m| m.account == RHEINMARK)
        .map(|m| m.advocate)
        .collect();
    assert!(rheinmark.len() >= 2, "Rheinmark has two free advocates on {later}: {rheinmark:?}");
    let tight = Index::with_policy(library, Policy { account_cap: Some(AccountCap::per(1, 1)), ..policy })
        .expect("a valid policy");
    let requests: Vec<AllocationRequest> =
        (0..3).map(|i| AllocationRequest::new(format!("opp-{i}"), bank(), request.clone())).collect();
    let allocation = Planner::new(later).allocate(&tight, &requests).unwrap();
    let from_rheinmark =
        allocation.requests().iter().flat_map(|r| &r.chosen).filter(|m| m.account == RHEINMARK).count();
    assert_eq!(from_rheinmark, 1, "an account with room for one serves one request of the batch");
}

#[test]
fn next_available_answers_without_walking_and_fatigue_uses_it() {
    let index = Index::new(Library::sample());
    let free = index.next_available("adv-036", busy()).unwrap().expect("adv-036 is active");
    assert!(free > busy());
    assert!(matches!(
        index.explain("adv-036", &bank(), &Request::new(EngagementKind::ReferenceCall, free)).unwrap(),
        Verdict::Eligible(_)
    ));
    let before = free.yesterday().unwrap();
    assert!(matches!(
        index.explain("adv-036", &bank(), &Request::new(EngagementKind::ReferenceCall, before)).unwrap(),
        Verdict::Excluded(_)
    ));
    let program = Program::sample(&Options::new());
    assert_eq!(program.fatigue("adv-036", busy()).unwrap().next_available, Some(free));
    assert_eq!(index.next_available("adv-999", busy()), Err(QueryError::UnknownAdvocate("adv-999".into())));
}

#[test]
fn explanations_read_aloud_and_show_their_denominator() {
    let index = Index::new(Library::sample());
    let best = &index.rank_advocates(&bank(), &call()).unwrap()[0];
    let e = &best.explanation;
    let total: f64 = e.factors.iter().map(|f| f.weight).sum();
    assert!((e.total_weight - total).abs() < 1e-12);
    let table = e.to_string();
    // Columns are padded: compare with single spaces.
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = words(&table);
    for factor in &e.factors {
        let line = format!(
            "{:.3} x {:.2}/{:.2} = {:.4}",
            factor.similarity, factor.weight, total, factor.contribution
        );
        assert!(flat.contains(&line), "{line:?} not in\n{table}");
        assert!(table.contains(&e.note(factor)));
    }
    assert!(table.contains("relevance"), "{table}");
    let summary = e.summary();
    assert!(!summary.is_empty());
    let first = e.top_factors().into_iter().find(|f| f.similarity > 0.0).unwrap();
    assert!(summary.starts_with(&e.note(&first)), "{summary}");
    let note = |name: &str| e.note(e.factors.iter().find(|f| f.factor.name() == name).unwrap());
    assert!(note("industry").contains("industry ("), "{}", note("industry"));
    if e.factors.iter().any(|f| f.factor.name() == "competitor" && f.similarity > 0.0) {
        assert_eq!(note("competitor"), "replaced Omnisuite");
        assert!(summary.contains("replaced Omnisuite"));
    }
    assert!(note("size").ends_with("vs 3,000 employees)"), "{}", note("size"));
}

#[test]
fn results_serialize_with_names() {
    let library = Library::sample();
    let index = Index::new(library.clone());
    let ranking = index.rank(&bank(), &call()).unwrap();
    let json = serde_json::to_value(&ranking).unwrap();
    assert_eq!(json["status"], "matched");
    let first = &json["matches"][0];
    let m = &ranking.matches[0];
    let advocate = library.advocate(&m.advocate).unwrap();
    assert_eq!(first["advocate_name"], advocate.name.as_str());
    assert_eq!(first["advocate_title"], advocate.title.as_str());
    assert_eq!(first["account_name"], library.account(&m.account).unwrap().name.as_str());
    assert_eq!(first["story_title"], library.story(&m.story).unwrap().title.as_str());
    assert_eq!(first["explanation"]["factors"][0]["factor"], "industry");
    assert!(first["explanation"]["factors"][0]["note"].is_string());
    assert_eq!(json["excluded"][5]["rule"], "E6");
    assert_eq!(first["advocate_name"], m.advocate_name());
    assert_eq!(
        m.to_string(),
        format!(
            "{} ({}, {}), story \"{}\": {:.3}",
            m.advocate_name(),
            m.advocate_title(),
            m.account_name(),
            m.story_title(),
            m.score
        )
    );
    assert!(first["explanation"]["summary"].is_string());
    let held = &json["held_back"][0];
    assert!(held["exclusion"]["rule"].is_string() && held["exclusion"]["message"].is_string(), "{held}");
    assert!(held["exclusion"]["reason"].is_string(), "{held}");

    let verdict = serde_json::to_value(index.explain("adv-036", &bank(), &call()).unwrap()).unwrap();
    assert_eq!(verdict["excluded"]["rule"], "E6", "{verdict}");
    assert_eq!(verdict["excluded"]["reason"], "capacity", "{verdict}");
    assert_eq!(verdict["excluded"]["cap"], 4, "{verdict}");

    let story = StoryRequest::new(refmatch::model::AssetKind::CaseStudy, busy());
    let stories = serde_json::to_value(index.rank_stories(&bank(), &story).unwrap()).unwrap();
    assert!(stories[0]["story_title"].is_string() && stories[0]["account_name"].is_string());
}

#[test]
fn builders_set_what_the_fields_do() {
    let mut by_fields = Request::new(EngagementKind::SiteVisit, busy());
    by_fields.k = 3;
    by_fields.max_per_account = 2;
    by_fields.languages = vec!["de".into()];
    by_fields.exclude_accounts = vec![RHEINMARK.into()];
    by_fields.policy = Some(Policy::default());
    by_fields.min_relevance = 0.5;
    let built = Request::new(EngagementKind::SiteVisit, busy())
        .with_k(3)
        .with_max_per_account(2)
        .with_language("de")
        .with_excluded_account(RHEINMARK)
        .with_policy(Policy::default())
        .with_min_relevance(0.5);
    assert_eq!(built, by_fields);

    let mut by_fields = StoryRequest::new(refmatch::model::AssetKind::Video, busy());
    by_fields.k = 2;
    by_fields.max_per_account = 3;
    by_fields.exclude_accounts = vec![RHEINMARK.into()];
    by_fields.weights = Some(refmatch::Weights::default());
    let built = StoryRequest::new(refmatch::model::AssetKind::Video, busy())
        .with_k(2)
        .with_max_per_account(3)
        .with_excluded_account(RHEINMARK)
        .with_weights(refmatch::Weights::default());
    assert_eq!(built, by_fields);
}

#[test]
fn every_vocabulary_parses_what_it_displays() {
    use refmatch::analytics::audit::Category;
    use refmatch::taxonomy::SalesRegion;
    for category in Category::ALL {
        assert_eq!(category.to_string().parse::<Category>(), Ok(*category));
    }
    for region in SalesRegion::ALL {
        assert_eq!(region.to_string().parse::<SalesRegion>(), Ok(region));
    }
    for rule in Rule::ALL {
        assert_eq!(rule.to_string().parse::<Rule>(), Ok(rule));
    }
    assert_eq!("reference_call".parse::<EngagementKind>(), Ok(EngagementKind::ReferenceCall));
    assert_eq!("competitor".parse::<refmatch::score::Factor>(), Ok(refmatch::score::Factor::Competitor));
    let err = "emea".parse::<SalesRegion>().unwrap_err();
    assert_eq!(err.to_string(), "unknown sales region \"emea\": expected one of AMER, LATAM, EMEA, APAC");
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<refmatch::rank::Ranking>();
    check::<refmatch::rank::HeldBack>();
    check::<Rule>();
    check::<AccountCap>();
}
