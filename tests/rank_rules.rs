//! Every rule and factor of the `rank` module docs on small hand-built libraries, with
//! the expected value worked out by hand in a comment; the query errors
//! and their messages; ties; determinism across thread counts; and the
//! auto traits of the ranking types.
//!
//! Unless a test says otherwise the day needed is `D` = 2026-11-20, the
//! policy is the default (cap 4 per 90 days, rest 14 days, default
//! weights), every story is verified on `D` (freshness 1) with no outcomes
//! (evidence 0), and the prospect gives no input. Then only freshness and
//! evidence are present and a rested advocate scores
//! `(0.5 * 1 + 0.5 * 0) / (0.5 + 0.5) = 0.5`.
//!
//! Every ranking and verdict below is also checked against the reference
//! implementation (`tests/support/reference.rs`).

mod support;

use jiff::ToSpan;
use jiff::civil::Date;
use refmatch::model::{
    Account, AccountStatus, Advocate, AdvocateStatus, Asset, AssetKind, DateRange, Engagement,
    EngagementKind, EngagementStatus, Outcome, Product, Seniority, Story,
};
use refmatch::rank::{
    AdvocateMatch, Exclusion, Explanation, FactorScore, Index, QueryError, StoryExclusion, StoryMatch,
    StoryRequest, Verdict,
};
use refmatch::score::Factor;
use refmatch::{Library, LibraryData, Policy, Prospect, Request, Weights};
use support::reference::{self, RefVerdict, TOLERANCE, assert_same_ranking};
use support::synthetic::{self, Rng};

/// The one place that builds an index, so a change of `Index::new`'s
/// signature is a one-line edit.
fn index_of(library: &Library) -> Index {
    Index::new(library.clone())
}

/// The day needed in most tests.
const D: Date = Date::constant(2026, 11, 20);

/// The day `n` days after `D` (before when negative).
fn d(n: i64) -> Date {
    D.checked_add(n.days()).unwrap()
}

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-12
}

#[track_caller]
fn assert_close(got: f64, want: f64, what: &str) {
    assert!(close(got, want), "{what}: got {got}, want {want}");
}

/// A compact builder of valid libraries. Records get plain defaults:
/// accounts active; advocates active directors speaking `en`, accepting
/// reference calls, with no own limits; stories approved, verified on `D`,
/// without outcomes, tags, products or assets; engagements reference calls.
struct Lib(LibraryData);

impl Lib {
    /// Products p-1, p-2 and p-3, no other records, the default policy.
    fn new() -> Lib {
        let products = (1..=3)
            .map(|i| Product { id: format!("p-{i}"), name: format!("Product {i}"), family: "Finance".into() })
            .collect();
        Lib(LibraryData { products, ..LibraryData::default() })
    }

    fn account(mut self, id: &str, industry: &str, employees: u64, country: &str) -> Lib {
        self.0.accounts.push(Account {
            id: id.into(),
            name: format!("Account {id}"),
            industry: industry.into(),
            employees,
            country: country.into(),
            status: AccountStatus::Active,
            owner: "Olga Owner".into(),
            owner_id: "olga-owner".into(),
            advisory_board: Vec::new(),
        });
        self
    }

    fn advocate(mut self, id: &str, account: &str) -> Lib {
        self.0.advocates.push(Advocate {
            id: id.into(),
            account: account.into(),
            name: format!("Advocate {id}"),
            title: "Director of Finance".into(),
            seniority: Seniority::Director,
            languages: vec!["en".into()],
            kinds: vec![EngagementKind::ReferenceCall],
            status: AdvocateStatus::Active,
            cap: None,
            window_days: None,
            rest_days: None,
            blackouts: Vec::new(),
        });
        self
    }

    fn story(mut self, id: &str, account: &str, tellers: &[&str]) -> Lib {
        self.0.stories.push(Story {
            id: id.into(),
            account: account.into(),
            title: format!("Story {id}"),
            summary: String::new(),
            products: Vec::new(),
            use_cases: Vec::new(),
            advocates: tellers.iter().map(|t| t.to_string()).collect(),
            outcomes: Vec::new(),
            competitors: Vec::new(),
            assets: Vec::new(),
            verified_on: D,
            approved: true,
            approved_until: None,
        });
        self
    }

    /// A ledger entry of `advocate` on `date`, on the first story that
    /// lists the advocate.
    fn engagement(mut self, id: &str, advocate: &str, date: Date, status: EngagementStatus) -> Lib {
        let story = self.0.stories.iter().find(|s| s.advocates.iter().any(|a| a == advocate)).unwrap();
        self.0.engagements.push(Engagement {
            id: id.into(),
            advocate: advocate.into(),
            story: story.id.clone(),
            kind: EngagementKind::ReferenceCall,
            date,
            status,
            prospect: None,
        });
        self
    }

    /// Held (completed) engagements of `advocate`, `offsets` days from `D`,
    /// with ids e-1, e-2, ...
    fn held(mut self, advocate: &str, offsets: &[i64]) -> Lib {
        for &offset in offsets {
            let id = format!("e-{}", self.0.engagements.len() + 1);
            self = self.engagement(&id, advocate, d(offset), EngagementStatus::Completed);
        }
        self
    }

    fn with_account(mut self, id: &str, edit: impl FnOnce(&mut Account)) -> Lib {
        edit(self.0.accounts.iter_mut().find(|a| a.id == id).unwrap());
        self
    }

    fn with_advocate(mut self, id: &str, edit: impl FnOnce(&mut Advocate)) -> Lib {
        edit(self.0.advocates.iter_mut().find(|a| a.id == id).unwrap());
        self
    }

    fn with_story(mut self, id: &str, edit: impl FnOnce(&mut Story)) -> Lib {
        edit(self.0.stories.iter_mut().find(|s| s.id == id).unwrap());
        self
    }

    fn build(self) -> Library {
        Library::new(self.0).unwrap_or_else(|err| panic!("the builder made an invalid library: {err}"))
    }
}

/// Account acc-1 (522110 commercial banking, 1000 employees, DE) with
/// advocate adv-1 on story s-1.
fn one() -> Lib {
    Lib::new().account("acc-1", "522110", 1000, "DE").advocate("adv-1", "acc-1").story(
        "s-1",
        "acc-1",
        &["adv-1"],
    )
}

/// A reference call on `D`, defaults otherwise but for the relevance
/// floor: none, since these tests read factors down to a relevance of 0.
fn call() -> Request {
    call_on(D)
}

/// A call on another day, without a relevance floor.
fn call_on(day: Date) -> Request {
    Request::new(EngagementKind::ReferenceCall, day).with_min_relevance(0.0)
}

fn numeric(value: f64) -> Outcome {
    Outcome {
        metric: "close time".into(),
        value: Some(value),
        unit: "%".into(),
        description: "faster".into(),
    }
}

fn words() -> Outcome {
    Outcome { metric: "morale".into(), value: None, unit: String::new(), description: "happier team".into() }
}

/// The ranking, after checking it against the reference.
#[track_caller]
fn rank(library: &Library, prospect: &Prospect, request: &Request) -> Vec<AdvocateMatch> {
    let got = index_of(library).rank_advocates(prospect, request).unwrap();
    let pairs: Vec<(String, f64)> = got.iter().map(|m| (m.advocate.clone(), m.score)).collect();
    assert_same_ranking(&pairs, &reference::rank_all(library, prospect, request), request.k, "reference");
    got
}

fn ids(matches: &[AdvocateMatch]) -> Vec<&str> {
    matches.iter().map(|m| m.advocate.as_str()).collect()
}

/// What `explain` says of `advocate`, after checking it against the
/// reference.
#[track_caller]
fn verdict(library: &Library, advocate: &str, prospect: &Prospect, request: &Request) -> Verdict {
    let got = index_of(library).explain(advocate, prospect, request).unwrap();
    match (&got, reference::verdict(library, prospect, request, advocate)) {
        (Verdict::Eligible(m), RefVerdict::Eligible { score, used, cap, .. }) => {
            assert!((m.score - score).abs() <= TOLERANCE, "reference score {score}, engine {}", m.score);
            assert_eq!((m.explanation.used, m.explanation.cap), (used, cap), "reference used and cap");
        }
        (Verdict::Excluded(why), RefVerdict::Excluded(rule)) => {
            assert_eq!(why.rule(), rule, "reference rule")
        }
        (got, want) => panic!("engine {got:?}, reference {want:?}"),
    }
    got
}

/// adv-1's exclusion for an empty prospect, after checking that it is not
/// ranked.
#[track_caller]
fn excluded(library: &Library, request: &Request) -> Exclusion {
    assert!(!ids(&rank(library, &Prospect::new(), request)).contains(&"adv-1"), "adv-1 is ranked");
    match verdict(library, "adv-1", &Prospect::new(), request) {
        Verdict::Excluded(why) => why,
        Verdict::Eligible(m) => panic!("adv-1 is eligible: {m:?}"),
    }
}

/// adv-1's match for `prospect`, after checking that it is ranked first.
#[track_caller]
fn matched(library: &Library, prospect: &Prospect, request: &Request) -> AdvocateMatch {
    let ranked = rank(library, prospect, request);
    assert_eq!(ids(&ranked).first(), Some(&"adv-1"), "adv-1 is not ranked first");
    match verdict(library, "adv-1", prospect, request) {
        Verdict::Eligible(m) => {
            assert_eq!(m, ranked[0], "explain and rank_advocates differ");
            m
        }
        Verdict::Excluded(why) => panic!("adv-1 is excluded: {why}"),
    }
}

/// adv-1's explanation for `prospect` on `D`.
#[track_caller]
fn explained(library: &Library, prospect: &Prospect) -> Explanation {
    matched(library, prospect, &call()).explanation
}

fn factor(explanation: &Explanation, which: Factor) -> FactorScore {
    explanation
        .factors
        .iter()
        .find(|f| f.factor == which)
        .cloned()
        .unwrap_or_else(|| panic!("{which} is absent"))
}

fn factors(explanation: &Explanation) -> Vec<Factor> {
    explanation.factors.iter().map(|f| f.factor).collect()
}

// ---------------------------------------------------------------- E1..E8

#[test]
fn e1_an_advocate_who_is_not_active_is_dropped() {
    for (status, text) in [
        (AdvocateStatus::Paused, "paused"),
        (AdvocateStatus::DoNotContact, "do_not_contact"),
        (AdvocateStatus::Departed, "departed"),
    ] {
        let library = one().with_advocate("adv-1", |a| a.status = status).build();
        let why = excluded(&library, &call());
        assert_eq!(why, Exclusion::Status { status });
        assert_eq!(why.rule(), "E1");
        assert_eq!(why.to_string(), format!("not available: the advocate's status is {text}"));
    }
}

#[test]
fn e1_an_account_that_asked_not_to_be_contacted_drops_its_advocates() {
    let library = one().with_account("acc-1", |a| a.status = AccountStatus::DoNotContact).build();
    let why = excluded(&library, &call());
    assert_eq!(why.rule(), "E1");
    assert_eq!(why.to_string(), "do not contact: account acc-1 asked not to be contacted");
}

#[test]
fn e2_an_advocate_who_does_not_accept_the_kind_is_dropped() {
    let library = one()
        .with_advocate("adv-1", |a| a.kinds = vec![EngagementKind::CaseStudy, EngagementKind::Webinar])
        .build();
    let why = excluded(&library, &call());
    assert_eq!(why.rule(), "E2");
    assert_eq!(
        why.to_string(),
        "wrong kind: the advocate does not do reference_call (accepts case_study, webinar)"
    );
    // The same advocate is fine for a webinar.
    let webinar = Request::new(EngagementKind::Webinar, D).with_min_relevance(0.0);
    assert_close(matched(&library, &Prospect::new(), &webinar).score, 0.5, "webinar");
}

#[test]
fn e3_the_request_languages_else_the_prospect_languages() {
    let library = one().build();
    // The request names de and fr; adv-1 speaks en only.
    let mut request = call();
    request.languages = vec!["de".into(), "fr".into()];
    let why = excluded(&library, &request);
    assert_eq!(why.rule(), "E3");
    assert_eq!(why.to_string(), "language: the advocate speaks none of de, fr (speaks en)");

    // No request language: the prospect's apply.
    let german = Prospect::new().with_language("de");
    match verdict(&library, "adv-1", &german, &call()) {
        Verdict::Excluded(why) => assert_eq!(why.rule(), "E3"),
        other => panic!("{other:?}"),
    }
    assert!(rank(&library, &german, &call()).is_empty());

    // The request's languages replace the prospect's, compared without case.
    let mut english = call();
    english.languages = vec!["EN".into()];
    assert_close(matched(&library, &german, &english).score, 0.5, "request language");

    // No language anywhere: no rule, even for an advocate who speaks none.
    let mute = one().with_advocate("adv-1", |a| a.languages.clear()).build();
    assert_close(matched(&mute, &Prospect::new(), &call()).score, 0.5, "no language rule");
}

#[test]
fn e4_blackout_ends_are_inclusive() {
    // Blackout 2026-11-20 ..= 2026-11-25.
    let library =
        one().with_advocate("adv-1", |a| a.blackouts = vec![DateRange { start: D, end: d(5) }]).build();
    let why = excluded(&library, &call_on(D));
    assert_eq!(why.rule(), "E4");
    assert_eq!(
        why.to_string(),
        "blackout: 2026-11-20 is within the advocate's blackout 2026-11-20 to 2026-11-25"
    );
    assert_eq!(excluded(&library, &call_on(d(5))).rule(), "E4");
    assert_eq!(excluded(&library, &call_on(d(2))).rule(), "E4");
    // The days either side are fine.
    for day in [d(-1), d(6)] {
        let m = matched(&library, &Prospect::new(), &call_on(day));
        assert_eq!(m.explanation.used, 0);
    }
}

#[test]
fn e5_rest_names_the_engagement() {
    let library = one().engagement("e-7", "adv-1", d(-10), EngagementStatus::Approved).build();
    let why = excluded(&library, &call());
    assert_eq!(why.rule(), "E5");
    assert_eq!(why.to_string(), "rested: engagement on 2026-11-10 is within 14 days of 2026-11-20");
    match why {
        Exclusion::Rest { engagement, rest_days, .. } => {
            assert_eq!((engagement.as_str(), rest_days), ("e-7", 14))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn e5_rest_days_away_is_allowed_one_less_is_not_before_and_after() {
    // 14 days before or after: allowed; used = 1, so availability
    // 1 - 0.5 * 1/4 = 0.875 and score 0.5 * 0.875 = 0.4375.
    for offset in [-14, 14] {
        let library = one().held("adv-1", &[offset]).build();
        let m = matched(&library, &Prospect::new(), &call());
        assert_eq!((m.explanation.used, m.explanation.cap), (1, 4), "offset {offset}");
        assert_close(m.explanation.availability, 0.875, "availability");
        assert_close(m.score, 0.4375, "score");
    }
    // 13 days before or after, or the same day: rested.
    for offset in [-13, 13, 0] {
        let library = one().held("adv-1", &[offset]).build();
        assert_eq!(excluded(&library, &call()).rule(), "E5", "offset {offset}");
    }
}

#[test]
fn e6_capacity_is_reached_at_the_cap() {
    // 4 held engagements 80, 60, 40 and 20 days before D: the 90-day window
    // D-80 ..= D+9 holds all four, so used = 4 = cap.
    let library = one().held("adv-1", &[-80, -60, -40, -20]).build();
    let why = excluded(&library, &call());
    assert_eq!(why.rule(), "E6");
    assert_eq!(
        why.to_string(),
        "at capacity: 4 engagements held within a 90-day window around 2026-11-20 (cap 4)"
    );
    // Three of them: used = 3, availability 1 - 0.5 * 3/4 = 0.625.
    let library = one().held("adv-1", &[-80, -60, -40]).build();
    let m = matched(&library, &Prospect::new(), &call());
    assert_eq!(m.explanation.used, 3);
    assert_close(m.explanation.availability, 0.625, "availability");
    assert_close(m.score, 0.3125, "score");
}

#[test]
fn used_is_the_busiest_window_containing_d_before_or_after() {
    // Cap 4 per 90 days. Three engagements 85, 83 and 80 days before D and
    // one 80 days after: the window D-89 ..= D holds three, D ..= D+89 holds
    // one, and no 90-day window holds both sides. used = 3, not 4:
    // availability 1 - 0.5 * 3/4 = 0.625, score 0.5 * 0.625 = 0.3125.
    let library = one().held("adv-1", &[-85, -83, -80, 80]).build();
    let m = matched(&library, &Prospect::new(), &call());
    assert_eq!((m.explanation.used, m.explanation.cap), (3, 4));
    assert_close(m.explanation.availability, 0.625, "availability");
    assert_close(m.score, 0.3125, "score");
    // Mirrored: one before, three after: used = 3 again.
    let library = one().held("adv-1", &[-80, 80, 83, 85]).build();
    assert_eq!(matched(&library, &Prospect::new(), &call()).explanation.used, 3);
    // Engagements after D count: four in D ..= D+89 fill the cap.
    let library = one().held("adv-1", &[20, 40, 60, 80]).build();
    assert_eq!(excluded(&library, &call()).rule(), "E6");
    // 89 days apart fit one window with D; 90 days apart do not.
    let library = one().held("adv-1", &[-45, 44]).build();
    assert_eq!(matched(&library, &Prospect::new(), &call()).explanation.used, 2);
    let library = one().held("adv-1", &[-45, 45]).build();
    assert_eq!(matched(&library, &Prospect::new(), &call()).explanation.used, 1);
}

#[test]
fn declined_and_cancelled_engagements_hold_nothing() {
    // Five entries, even on D itself, none held: used = 0, score 0.5.
    let library = one()
        .engagement("e-1", "adv-1", D, EngagementStatus::Declined)
        .engagement("e-2", "adv-1", d(-1), EngagementStatus::Cancelled)
        .engagement("e-3", "adv-1", d(1), EngagementStatus::Declined)
        .engagement("e-4", "adv-1", d(-30), EngagementStatus::Cancelled)
        .engagement("e-5", "adv-1", d(-50), EngagementStatus::Declined)
        .build();
    let m = matched(&library, &Prospect::new(), &call());
    assert_eq!(m.explanation.used, 0);
    assert_close(m.score, 0.5, "score");
    // Requested, approved and completed entries hold, whatever their kind.
    for (i, status) in [EngagementStatus::Requested, EngagementStatus::Approved, EngagementStatus::Completed]
        .into_iter()
        .enumerate()
    {
        let library = one().engagement("e-1", "adv-1", d(-30), status).build();
        assert_eq!(matched(&library, &Prospect::new(), &call()).explanation.used, 1, "{i}");
        let library = one().engagement("e-1", "adv-1", d(-3), status).build();
        assert_eq!(excluded(&library, &call()).rule(), "E5", "{i}");
    }
    let mut data = one().held("adv-1", &[-3]).0;
    data.engagements[0].kind = EngagementKind::Press;
    assert_eq!(excluded(&Library::new(data).unwrap(), &call()).rule(), "E5");
}

#[test]
fn an_advocate_s_own_cap_window_and_rest_replace_the_program_s() {
    // Own cap 1, one engagement 30 days before: used 1 >= 1.
    let library = one().held("adv-1", &[-30]).with_advocate("adv-1", |a| a.cap = Some(1)).build();
    let why = excluded(&library, &call());
    assert_eq!(
        why.to_string(),
        "at capacity: 1 engagements held within a 90-day window around 2026-11-20 (cap 1)"
    );
    // Own cap 8: used 1 of 8, availability 1 - 0.5/8 = 0.9375.
    let library = one().held("adv-1", &[-30]).with_advocate("adv-1", |a| a.cap = Some(8)).build();
    let m = matched(&library, &Prospect::new(), &call());
    assert_eq!((m.explanation.used, m.explanation.cap), (1, 8));
    assert_close(m.explanation.availability, 0.9375, "availability");

    // Own rest 30: an engagement 20 days before is too close.
    let library = one().held("adv-1", &[-20]).with_advocate("adv-1", |a| a.rest_days = Some(30)).build();
    assert_eq!(
        excluded(&library, &call()).to_string(),
        "rested: engagement on 2026-10-31 is within 30 days of 2026-11-20"
    );
    // Own rest 5: an engagement 10 days before is fine (the program's 14
    // would not allow it).
    let library = one().held("adv-1", &[-10]).with_advocate("adv-1", |a| a.rest_days = Some(5)).build();
    assert_eq!(matched(&library, &Prospect::new(), &call()).explanation.used, 1);

    // Own window 10 days: the four engagements of the E6 test are outside
    // every 10-day window around D, so used = 0 and availability 1.
    let library = one()
        .held("adv-1", &[-80, -60, -40, -20])
        .with_advocate("adv-1", |a| a.window_days = Some(10))
        .build();
    let m = matched(&library, &Prospect::new(), &call());
    assert_eq!((m.explanation.used, m.explanation.availability), (0, 1.0));
}

#[test]
fn a_request_policy_replaces_the_program_s_but_not_the_advocate_s_own() {
    // Request cap 2: two engagements fill it. adv-2 has its own cap 4:
    // used 2 of 4, availability 0.75, score 0.375.
    let library = one()
        .advocate("adv-2", "acc-1")
        .with_story("s-1", |s| s.advocates.push("adv-2".into()))
        .held("adv-1", &[-40, -20])
        .held("adv-2", &[-40, -20])
        .with_advocate("adv-2", |a| a.cap = Some(4))
        .build();
    let mut request = call();
    request.policy = Some(Policy { cap: 2, ..Policy::default() });
    assert_eq!(
        excluded(&library, &request).to_string(),
        "at capacity: 2 engagements held within a 90-day window around 2026-11-20 (cap 2)"
    );
    let ranked = rank(&library, &Prospect::new(), &request);
    assert_eq!(ids(&ranked), ["adv-2"]);
    assert_eq!((ranked[0].explanation.used, ranked[0].explanation.cap), (2, 4));
    assert_close(ranked[0].score, 0.375, "score");
    // Without the request policy both are in, adv-1 used 2 of 4 too; they
    // tie at 0.375 and adv-1 comes first.
    let mut request = call();
    request.max_per_account = 2;
    assert_eq!(ids(&rank(&library, &Prospect::new(), &request)), ["adv-1", "adv-2"]);
}

#[test]
fn e7_a_story_not_approved_on_the_day_is_dropped() {
    let library = one().with_story("s-1", |s| s.approved = false).build();
    let why = excluded(&library, &call());
    assert_eq!(why.rule(), "E7");
    assert_eq!(why.to_string(), "no usable story: story s-1 is not approved by the customer");

    // Approved until the day before D: out. Until D: in.
    let library = one().with_story("s-1", |s| s.approved_until = Some(d(-1))).build();
    let why = excluded(&library, &call());
    assert_eq!(why.rule(), "E7");
    assert_eq!(why.to_string(), "no usable story: story s-1 was approved only until 2026-11-19");
    let library = one().with_story("s-1", |s| s.approved_until = Some(D)).build();
    assert_close(matched(&library, &Prospect::new(), &call()).score, 0.5, "approved until D");

    // Only the candidate is dropped: adv-1 keeps its other story, s-2,
    // although s-1 scores higher (numeric outcome).
    let library = one()
        .story("s-2", "acc-1", &["adv-1"])
        .with_story("s-1", |s| {
            s.outcomes = vec![numeric(30.0)];
            s.approved = false;
        })
        .build();
    let m = matched(&library, &Prospect::new(), &call());
    assert_eq!(m.story, "s-2");
    assert_close(m.score, 0.5, "score");
}

#[test]
fn e8_an_excluded_account_s_stories_are_dropped() {
    let library = one()
        .account("acc-2", "522110", 1000, "DE")
        .advocate("adv-2", "acc-2")
        .story("s-2", "acc-2", &["adv-2"])
        .build();
    let mut request = call();
    request.exclude_accounts = vec!["acc-1".into()];
    let why = excluded(&library, &request);
    assert_eq!(why.rule(), "E8");
    assert_eq!(why.to_string(), "no usable story: story s-1 belongs to excluded account acc-1");
    assert_eq!(
        why,
        Exclusion::Stories {
            stories: vec![StoryExclusion::AccountExcluded { story: "s-1".into(), account: "acc-1".into() }]
        }
    );
    assert_eq!(ids(&rank(&library, &Prospect::new(), &request)), ["adv-2"]);
}

#[test]
fn an_advocate_on_no_story_is_no_candidate() {
    let library = one().advocate("adv-2", "acc-1").build();
    let why = match verdict(&library, "adv-2", &Prospect::new(), &call()) {
        Verdict::Excluded(why) => why,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        (why.rule(), why.to_string().as_str()),
        ("none", "no story: the advocate is not listed on any story")
    );
    assert_eq!(ids(&rank(&library, &Prospect::new(), &call())), ["adv-1"]);
}

#[test]
fn rules_are_checked_in_order_e1_first() {
    // Paused, wrong kind, rested and at an excluded account: E1 wins.
    let library = one()
        .held("adv-1", &[-1])
        .with_advocate("adv-1", |a| {
            a.status = AdvocateStatus::Paused;
            a.kinds = vec![EngagementKind::Press];
        })
        .build();
    let mut request = call();
    request.exclude_accounts = vec!["acc-1".into()];
    assert_eq!(excluded(&library, &request).rule(), "E1");
}

// ---------------------------------------------------------------- factors

/// adv-1's industry similarity for a prospect in `p` and an account in `a`.
fn industry_similarity(p: &str, a: &str) -> f64 {
    let library = Lib::new()
        .account("acc-1", a, 1000, "DE")
        .advocate("adv-1", "acc-1")
        .story("s-1", "acc-1", &["adv-1"])
        .build();
    let e = explained(&library, &Prospect::new().with_industry(p));
    // Present: industry 3, freshness 0.5 (s = 1), evidence 0.5 (s = 0).
    let s = factor(&e, Factor::Industry).similarity;
    assert_close(e.relevance, (3.0 * s + 0.5) / 4.0, "relevance");
    s
}

#[test]
fn industry_depth_examples_of_scoring_md() {
    // NAICS 2022 has no 522120; 522110 against 522130 shares 4 digits.
    for (p, a, want) in [
        ("541511", "541512", 5.0 / 6.0),
        ("522110", "522130", 4.0 / 6.0),
        ("52", "522110", 1.0),
        ("522110", "52", 2.0 / 6.0),
        ("311", "325", 2.0 / 3.0),
        ("31-33", "325", 1.0),
        ("311", "31-33", 2.0 / 3.0),
        ("44-45", "445110", 1.0),
        ("522110", "522110", 1.0),
        ("522110", "622110", 0.0),
        ("62", "52", 0.0),
    ] {
        assert_close(industry_similarity(p, a), want, &format!("p = {p}, a = {a}"));
    }
    // p = 541511, a = 541512: relevance (3 * 5/6 + 0.5 * 1 + 0.5 * 0) / 4 = 0.75.
    let library = Lib::new()
        .account("acc-1", "541512", 1000, "DE")
        .advocate("adv-1", "acc-1")
        .story("s-1", "acc-1", &["adv-1"])
        .build();
    assert_close(explained(&library, &Prospect::new().with_industry("541511")).relevance, 0.75, "relevance");
}

#[test]
fn the_prospect_industry_may_be_a_label() {
    // "commercial banking" resolves to 522110.
    assert_close(industry_similarity("commercial banking", "522110"), 1.0, "same code");
    assert_close(industry_similarity("Commercial Banking", "522130"), 4.0 / 6.0, "credit unions");
    assert_close(industry_similarity("commercial banking", "52"), 2.0 / 6.0, "sector");
}

#[test]
fn size_halves_at_ten_times_and_is_a_sixteenth_at_a_hundred() {
    // Account 1000 employees. Present: size 1.5, freshness, evidence:
    // relevance (1.5 s + 0.5) / 2.5.
    let library = one().build();
    for (employees, want) in [(1000, 1.0), (100, 0.5), (10_000, 0.5), (10, 0.0625), (100_000, 0.0625)] {
        let e = explained(&library, &Prospect::new().with_employees(employees));
        assert_close(factor(&e, Factor::Size).similarity, want, &format!("{employees} employees"));
        assert_close(e.relevance, (1.5 * want + 0.5) / 2.5, "relevance");
    }
}

#[test]
fn geography_same_country_then_same_region() {
    let library = one().build(); // acc-1 is in DE (EMEA).
    for (country, want) in [("DE", 1.0), ("FR", 0.5), ("AT", 0.5), ("US", 0.0), ("JP", 0.0)] {
        let e = explained(&library, &Prospect::new().with_country(country));
        assert_close(factor(&e, Factor::Geography).similarity, want, country);
        // (1 * s + 0.5) / 2.
        assert_close(e.relevance, (want + 0.5) / 2.0, "relevance");
    }
    let library = Lib::new()
        .account("acc-1", "522110", 1000, "BR")
        .advocate("adv-1", "acc-1")
        .story("s-1", "acc-1", &["adv-1"])
        .build();
    let e = explained(&library, &Prospect::new().with_country("MX"));
    assert_close(factor(&e, Factor::Geography).similarity, 0.5, "LATAM");
    let e = explained(&library, &Prospect::new().with_country("US"));
    assert_close(factor(&e, Factor::Geography).similarity, 0.0, "AMER is not LATAM");
}

#[test]
fn seniority_loses_half_per_level() {
    // adv-1 is a director (level 2): 1 - |2 - L| / 2, at least 0.
    let library = one().build();
    for (level, want) in [
        (Seniority::Executive, 0.0),
        (Seniority::Vp, 0.5),
        (Seniority::Director, 1.0),
        (Seniority::Manager, 0.5),
        (Seniority::Individual, 0.0),
    ] {
        let e = explained(&library, &Prospect::new().with_seniority(level));
        assert_close(factor(&e, Factor::Seniority).similarity, want, level.as_str());
        assert_close(e.relevance, (want + 0.5) / 2.0, "relevance");
    }
}

#[test]
fn freshness_halves_each_year() {
    // Empty prospect: relevance = (0.5 * fresh + 0.5 * 0) / 1.
    for (verified, want) in [(0, 1.0), (-365, 0.5), (-730, 0.25), (10, 1.0)] {
        let library = one().with_story("s-1", |s| s.verified_on = d(verified)).build();
        let e = explained(&library, &Prospect::new());
        assert_close(factor(&e, Factor::Freshness).similarity, want, &format!("verified {verified}"));
        assert_close(e.relevance, 0.5 * want, "relevance");
    }
}

#[test]
fn evidence_numeric_words_none() {
    // Empty prospect, fresh story: relevance = 0.5 + 0.5 * evidence.
    for (outcomes, want) in [
        (vec![], 0.0),
        (vec![words()], 0.5),
        (vec![words(), words()], 0.5),
        (vec![words(), numeric(0.0)], 1.0),
    ] {
        let library = one().with_story("s-1", |s| s.outcomes = outcomes.clone()).build();
        let e = explained(&library, &Prospect::new());
        assert_close(factor(&e, Factor::Evidence).similarity, want, &format!("{outcomes:?}"));
        assert_close(e.relevance, 0.5 + 0.5 * want, "relevance");
    }
}

#[test]
fn use_case_tags_compare_trimmed_lowercased_and_collapsed() {
    // The story has 2 of the prospect's 3 use cases once normalized:
    // relevance (3 * 2/3 + 0.5 * 1 + 0.5 * 0) / 4 = 0.625.
    let library = one()
        .with_story("s-1", |s| s.use_cases = vec![" Fraud   Detection ".into(), "month-end close".into()])
        .build();
    let prospect = Prospect::new()
        .with_use_case("fraud detection")
        .with_use_case("MONTH-END\tclose")
        .with_use_case("cloud migration");
    let e = explained(&library, &prospect);
    assert_close(factor(&e, Factor::UseCases).similarity, 2.0 / 3.0, "use cases");
    assert_close(e.relevance, 0.625, "relevance");
}

#[test]
fn competitor_and_products() {
    // Story displaced " ACME " and uses p-1. Prospect replaces "acme" and
    // wants p-1 and p-2: competitor 1, products 1/2. Relevance
    // (2 * 0.5 + 1.5 * 1 + 0.5 * 1 + 0.5 * 0) / (2 + 1.5 + 0.5 + 0.5) = 3 / 4.5.
    // (s-2, told by nobody, lists p-2 so that the prospect may name it.)
    let library = one()
        .with_story("s-1", |s| {
            s.competitors = vec![" ACME ".into()];
            s.products = vec!["p-1".into()];
        })
        .story("s-2", "acc-1", &[])
        .with_story("s-2", |s| s.products = vec!["p-2".into()])
        .build();
    let prospect = Prospect::new().with_competitor("acme").with_product("p-1").with_product("p-2");
    let e = explained(&library, &prospect);
    assert_close(factor(&e, Factor::Competitor).similarity, 1.0, "competitor");
    assert_close(factor(&e, Factor::Products).similarity, 0.5, "products");
    assert_close(e.relevance, 3.0 / 4.5, "relevance");
    // Another competitor: present with 0. (2 * 0.5 + 0.5) / 4.5.
    let e = explained(
        &library,
        &Prospect::new().with_competitor("Globex").with_product("p-1").with_product("p-2"),
    );
    assert_close(factor(&e, Factor::Competitor).similarity, 0.0, "competitor");
    assert_close(e.relevance, 1.5 / 4.5, "relevance");
}

#[test]
fn absent_factors_leave_the_mean() {
    // Only use cases: s_uc = 1/2 (fraud detection of the two), freshness
    // 0.5 (verified 365 days before), evidence 0.5 (words only):
    // relevance (3 * 0.5 + 0.5 * 0.5 + 0.5 * 0.5) / 4 = 0.5.
    let library = one()
        .with_story("s-1", |s| {
            s.use_cases = vec!["fraud detection".into()];
            s.verified_on = d(-365);
            s.outcomes = vec![words()];
        })
        .story("s-2", "acc-1", &[])
        .with_story("s-2", |s| s.products = vec!["p-3".into()])
        .build();
    let prospect = Prospect::new().with_use_case("fraud detection").with_use_case("month-end close");
    let e = explained(&library, &prospect);
    assert_eq!(factors(&e), [Factor::UseCases, Factor::Freshness, Factor::Evidence]);
    assert_close(e.relevance, 0.5, "relevance");
    // Contributions: 1.5/4, 0.25/4, 0.25/4.
    let contributions: Vec<f64> = e.factors.iter().map(|f| f.contribution).collect();
    for (got, want) in contributions.iter().zip([0.375, 0.0625, 0.0625]) {
        assert_close(*got, want, "contribution");
    }
    // A competitor the story lacks is present with s = 0: 2 / 5.5.
    let e = explained(&library, &prospect.clone().with_competitor("acme"));
    assert_eq!(factors(&e), [Factor::UseCases, Factor::Competitor, Factor::Freshness, Factor::Evidence]);
    assert_close(e.relevance, 2.0 / 5.5, "relevance");
    // Products the story lacks likewise (p-3 is on s-2, which adv-1 does
    // not tell): 2 / 6.
    let e = explained(&library, &prospect.with_product("p-3"));
    assert_close(factor(&e, Factor::Products).similarity, 0.0, "products");
    assert_close(e.relevance, 2.0 / 6.0, "relevance");
}

#[test]
fn when_every_present_factor_weighs_zero_relevance_is_zero() {
    // Only industry weighs; the prospect gives no industry: the present
    // factors (freshness, evidence) weigh 0, so relevance is 0, and the
    // advocate is still a match.
    let weights = Weights {
        industry: 1.0,
        use_cases: 0.0,
        products: 0.0,
        size: 0.0,
        geography: 0.0,
        seniority: 0.0,
        competitor: 0.0,
        freshness: 0.0,
        evidence: 0.0,
        text: 0.0,
    };
    let mut request = call();
    request.policy = Some(Policy { weights, ..Policy::default() });
    let m = matched(&one().build(), &Prospect::new(), &request);
    assert_eq!((m.explanation.relevance, m.score), (0.0, 0.0));
}

// ---------------------------------------------------------------- order

#[test]
fn equal_scores_order_by_advocate_id_as_bytes() {
    // Identical accounts and stories; "adv-10" < "adv-2" as bytes.
    let library = Lib::new()
        .account("acc-1", "522110", 1000, "DE")
        .account("acc-2", "522110", 1000, "DE")
        .advocate("adv-2", "acc-1")
        .advocate("adv-10", "acc-2")
        .story("s-1", "acc-1", &["adv-2"])
        .story("s-2", "acc-2", &["adv-10"])
        .build();
    let ranked = rank(&library, &Prospect::new().with_industry("5221"), &call());
    assert_eq!(ids(&ranked), ["adv-10", "adv-2"]);
    assert_eq!(ranked[0].score, ranked[1].score);
}

#[test]
fn an_advocate_s_best_story_tie_goes_to_the_smaller_story_id() {
    // Identical stories s-9 and s-10: "s-10" < "s-9" as bytes.
    let library = one().story("s-9", "acc-1", &["adv-1"]).story("s-10", "acc-1", &["adv-1"]).build();
    assert_eq!(matched(&library, &Prospect::new(), &call()).story, "s-1");
    let library = Lib::new()
        .account("acc-1", "522110", 1000, "DE")
        .advocate("adv-1", "acc-1")
        .story("s-9", "acc-1", &["adv-1"])
        .story("s-10", "acc-1", &["adv-1"])
        .build();
    assert_eq!(matched(&library, &Prospect::new(), &call()).story, "s-10");
    // A better score wins over the id: s-9 with a numeric outcome, 1.0.
    let library = Lib::new()
        .account("acc-1", "522110", 1000, "DE")
        .advocate("adv-1", "acc-1")
        .story("s-9", "acc-1", &["adv-1"])
        .story("s-10", "acc-1", &["adv-1"])
        .with_story("s-9", |s| s.outcomes = vec![numeric(1.0)])
        .build();
    let m = matched(&library, &Prospect::new(), &call());
    assert_eq!((m.story.as_str(), m.score), ("s-9", 1.0));
}

/// acc-1: adv-1 on s-1 (numeric outcome, 1.0) and adv-2 on s-2 (words,
/// 0.75); acc-2: adv-3 on s-3 (no outcome, 0.5).
fn two_accounts() -> Library {
    Lib::new()
        .account("acc-1", "522110", 1000, "DE")
        .account("acc-2", "522110", 1000, "DE")
        .advocate("adv-1", "acc-1")
        .advocate("adv-2", "acc-1")
        .advocate("adv-3", "acc-2")
        .story("s-1", "acc-1", &["adv-1"])
        .story("s-2", "acc-1", &["adv-2"])
        .story("s-3", "acc-2", &["adv-3"])
        .with_story("s-1", |s| s.outcomes = vec![numeric(5.0)])
        .with_story("s-2", |s| s.outcomes = vec![words()])
        .build()
}

#[test]
fn max_per_account_skips_and_the_next_account_fills_in() {
    let library = two_accounts();
    let ask = |k: usize, max_per_account: usize| {
        let mut request = call();
        request.k = k;
        request.max_per_account = max_per_account;
        let ranked = rank(&library, &Prospect::new(), &request);
        let scores: Vec<f64> = ranked.iter().map(|m| m.score).collect();
        (ranked.into_iter().map(|m| m.advocate).collect::<Vec<_>>(), scores)
    };
    // One per account: adv-2 (0.75) is skipped, adv-3 (0.5) fills in.
    assert_eq!(ask(5, 1), (vec!["adv-1".into(), "adv-3".into()], vec![1.0, 0.5]));
    assert_eq!(ask(2, 1).0, ["adv-1", "adv-3"]);
    assert_eq!(ask(5, 2).0, ["adv-1", "adv-2", "adv-3"]);
    // k cuts.
    assert_eq!(ask(2, 2).0, ["adv-1", "adv-2"]);
    assert_eq!(ask(1, 1).0, ["adv-1"]);
    assert!(ask(0, 1).0.is_empty());
}

#[test]
fn stories_as_content() {
    // acc-1: s-1 (words, 0.75) and s-2 (numeric, 1.0), both with a usable
    // case study; acc-2: s-3 whose case study expired the day before D;
    // acc-3: s-4 with only a video; acc-4: s-5 with a case study usable
    // until D (0.5) and a second one without end; acc-5: s-6 not approved.
    let asset = |until: Option<Date>, location: &str| Asset {
        kind: AssetKind::CaseStudy,
        location: location.into(),
        approved_until: until,
    };
    let mut lib = Lib::new();
    for a in 1..=5 {
        lib = lib.account(&format!("acc-{a}"), "522110", 1000, "DE");
    }
    let library = lib
        .story("s-1", "acc-1", &[])
        .story("s-2", "acc-1", &[])
        .story("s-3", "acc-2", &[])
        .story("s-4", "acc-3", &[])
        .story("s-5", "acc-4", &[])
        .story("s-6", "acc-5", &[])
        .with_story("s-1", |s| {
            s.outcomes = vec![words()];
            s.assets = vec![asset(None, "cs-1")];
        })
        .with_story("s-2", |s| {
            s.outcomes = vec![numeric(2.0)];
            s.assets = vec![asset(None, "cs-2")];
        })
        .with_story("s-3", |s| s.assets = vec![asset(Some(d(-1)), "cs-3")])
        .with_story("s-4", |s| s.assets = vec![Asset { kind: AssetKind::Video, ..asset(None, "video-4") }])
        .with_story("s-5", |s| {
            s.assets = vec![asset(Some(D), "cs-5a"), asset(Some(d(-1)), "cs-5-old"), asset(None, "cs-5b")]
        })
        .with_story("s-6", |s| {
            s.approved = false;
            s.assets = vec![asset(None, "cs-6")];
        })
        .build();
    let index = index_of(&library);
    // The prospect's seniority does not count for content.
    let prospect = Prospect::new().with_seniority(Seniority::Executive);
    let request = StoryRequest::new(AssetKind::CaseStudy, D);
    let got = index.rank_stories(&prospect, &request).unwrap();
    let summary: Vec<(&str, f64, Vec<&str>)> = got
        .iter()
        .map(|m| (m.story.as_str(), m.score, m.assets.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(summary, [("s-2", 1.0, vec!["cs-2"]), ("s-5", 0.5, vec!["cs-5a", "cs-5b"])]);
    assert_eq!(factors(&got[0].explanation), [Factor::Freshness, Factor::Evidence]);
    assert_eq!(
        (got[0].explanation.used, got[0].explanation.cap, got[0].explanation.availability),
        (0, 0, 1.0)
    );
    let check = |request: &StoryRequest, got: &[StoryMatch]| {
        let pairs: Vec<(String, f64)> = got.iter().map(|m| (m.story.clone(), m.score)).collect();
        let all = reference::rank_stories_all(&library, &prospect, request);
        reference::assert_same_story_ranking(&pairs, &all, request.k, "reference");
    };
    check(&request, &got);
    // Two per account: s-1 follows s-2.
    let mut two = request.clone();
    two.max_per_account = 2;
    let got = index.rank_stories(&prospect, &two).unwrap();
    check(&two, &got);
    let ids: Vec<&str> = got.iter().map(|m| m.story.as_str()).collect();
    assert_eq!(ids, ["s-2", "s-1", "s-5"]);
    // Excluding acc-1 leaves s-5.
    let mut without = request.clone();
    without.exclude_accounts = vec!["acc-1".into()];
    let got = index.rank_stories(&prospect, &without).unwrap();
    check(&without, &got);
    assert_eq!(got.iter().map(|m| m.story.as_str()).collect::<Vec<_>>(), ["s-5"]);
}

// ---------------------------------------------------------------- errors

#[test]
fn malformed_queries_are_errors_with_their_place() {
    let library = one().with_story("s-1", |s| s.products = vec!["p-1".into()]).build();
    let index = index_of(&library);
    let err = |prospect: Prospect, request: Request| {
        let got = index.rank_advocates(&prospect, &request).unwrap_err();
        assert_eq!(index.explain("adv-1", &prospect, &request).unwrap_err(), got, "explain");
        assert_eq!(index.score_matrix(std::slice::from_ref(&prospect), &request).unwrap_err(), got, "matrix");
        got
    };

    let e = err(Prospect::new().with_country("XX"), call());
    assert_eq!(e, QueryError::UnknownCountry("XX".into()));
    assert_eq!(
        e.to_string(),
        "prospect.country: unknown country code \"XX\": expected an ISO 3166-1 alpha-2 code such as \"DE\""
    );

    let e = err(Prospect::new().with_product("p-1").with_product("p-nope"), call());
    assert_eq!(e, QueryError::UnknownProduct { index: 1, id: "p-nope".into() });
    assert_eq!(e.to_string(), "prospect.products[1]: unknown product id \"p-nope\"");

    let mut request = call();
    request.exclude_accounts = vec!["acc-1".into(), "acc-9".into()];
    let e = err(Prospect::new(), request);
    assert_eq!(e, QueryError::UnknownAccount { index: 1, id: "acc-9".into() });
    assert_eq!(e.to_string(), "request.exclude_accounts[1]: unknown account id \"acc-9\"");

    let e = err(Prospect::new().with_employees(0), call());
    assert_eq!(e, QueryError::ZeroEmployees);
    assert_eq!(e.to_string(), "prospect.employees: employees is 0: expected at least 1");

    let mut request = call();
    request.max_per_account = 0;
    let e = err(Prospect::new(), request);
    assert_eq!(e, QueryError::ZeroMaxPerAccount);
    assert_eq!(e.to_string(), "request.max_per_account is 0: expected at least 1");

    let e = err(Prospect::new().with_industry("underwater basket weaving"), call());
    assert!(matches!(e, QueryError::Industry(_)), "{e:?}");
    assert!(
        e.to_string().starts_with(
            "prospect.industry: unknown industry \"underwater basket weaving\": closest titles are "
        ),
        "{e}"
    );

    let mut request = call();
    request.policy = Some(Policy { cap: 0, ..Policy::default() });
    let e = err(Prospect::new(), request);
    assert!(matches!(&e, QueryError::InvalidPolicy { field, .. } if field == "request.policy.cap"), "{e:?}");
    assert!(e.to_string().starts_with("request.policy.cap: "), "{e}");

    let e = index.explain("adv-9", &Prospect::new(), &call()).unwrap_err();
    assert_eq!(e.to_string(), "unknown advocate id \"adv-9\"");

    let mut request = StoryRequest::new(AssetKind::Video, D);
    request.max_per_account = 0;
    assert_eq!(index.rank_stories(&Prospect::new(), &request).unwrap_err(), QueryError::ZeroMaxPerAccount);
}

#[test]
fn an_invalid_request_policy_names_its_field() {
    let library = one().build();
    let mut request = call();
    request.policy =
        Some(Policy { weights: Weights { size: -1.0, ..Weights::default() }, ..Policy::default() });
    let e = index_of(&library).rank_advocates(&Prospect::new(), &request).unwrap_err();
    assert_eq!(
        e.to_string(),
        "request.policy.weights.size: weight -1 is not allowed: expected 0 or a number from 1e-6 to 1e6"
    );
}

#[test]
fn an_invalid_story_request_weight_names_its_field() {
    // StoryRequest has `weights`, not `policy`: the place should be
    // request.weights.size.
    let library = one().build();
    let mut request = StoryRequest::new(AssetKind::CaseStudy, D);
    request.weights = Some(Weights { size: -1.0, ..Weights::default() });
    let e = index_of(&library).rank_stories(&Prospect::new(), &request).unwrap_err();
    assert!(e.to_string().starts_with("request.weights.size: "), "{e}");
}

#[test]
fn product_on_no_story_is_not_an_error() {
    // p-2 is a product of the library; no story uses it. the rank module docs: the
    // products factor is present with s = 0 for every candidate, so
    // relevance = (2 * 0 + 0.5 * 1 + 0.5 * 0) / 3 = 1/6.
    let library = one().build();
    let prospect = Prospect::new().with_product("p-2");
    let got = index_of(&library).rank_advocates(&prospect, &call());
    let ranked = got.expect("p-2 is a product of the library");
    assert_eq!(ids(&ranked), ["adv-1"]);
    assert_close(factor(&ranked[0].explanation, Factor::Products).similarity, 0.0, "products");
    assert_close(ranked[0].score, 1.0 / 6.0, "score");
}

// ---------------------------------------------------------------- threads

#[test]
fn rankings_are_the_same_on_one_two_and_four_threads() {
    // 150k candidates: above the engine's parallel threshold (32k). Ten
    // queries must give identical lists on 1, 2 and 4 threads and in
    // rank_many; the first six are also checked against the reference
    // (about 0.9 s each at opt-level 1, so the test stays near 8 s).
    let library = Library::new(synthetic::library(150_000, 11)).unwrap();
    let index = index_of(&library);
    assert!(index.candidates() >= 140_000, "{} candidates", index.candidates());
    let mut rng = Rng::new(2026);
    let queries: Vec<(Prospect, Request)> = (0..10)
        .map(|q| {
            let (prospect, mut request) = synthetic::query(&mut rng);
            request.k = [1, 5, 10, 20][q % 4];
            request.max_per_account = 1 + q % 3;
            (prospect, request)
        })
        .collect();
    let on = |threads: usize| -> Vec<Vec<AdvocateMatch>> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| queries.iter().map(|(p, r)| index.rank_advocates(p, r).unwrap()).collect())
    };
    let one_thread = on(1);
    assert_eq!(on(2), one_thread, "2 threads");
    assert_eq!(on(4), one_thread, "4 threads");
    let many: Vec<Vec<AdvocateMatch>> = index.rank_many(&queries).into_iter().map(Result::unwrap).collect();
    assert_eq!(many, one_thread, "rank_many");
    for (q, ((prospect, request), got)) in queries.iter().zip(&one_thread).enumerate().take(6) {
        assert_eq!(got.len(), request.k, "query {q}");
        let pairs: Vec<(String, f64)> = got.iter().map(|m| (m.advocate.clone(), m.score)).collect();
        assert_same_ranking(
            &pairs,
            &reference::rank_all(&library, prospect, request),
            request.k,
            &format!("query {q}"),
        );
    }
}

// ---------------------------------------------------------------- traits

#[test]
fn ranking_types_are_send_and_sync() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<Index>();
    send_sync::<Request>();
    send_sync::<StoryRequest>();
    send_sync::<AdvocateMatch>();
    send_sync::<StoryMatch>();
    send_sync::<Explanation>();
    send_sync::<FactorScore>();
    send_sync::<Verdict>();
    send_sync::<Exclusion>();
    send_sync::<StoryExclusion>();
    send_sync::<QueryError>();
}
