//! Property tests of the ranking engine against the plain reference
//! implementation of the rank module docs (`tests/support/reference.rs`), on random
//! valid libraries, prospects and requests from `tests/common`.
//!
//! "Agrees" means the rank module's "Numbers and determinism": every score within
//! `1e-5` of the reference's, and the ids of the top `k` equal wherever
//! neighbouring reference scores differ by more than `1e-5`.
//!
//! The prospect strategy names products a library may lack. One prospect
//! in five keeps them: the engine must reject it with
//! [`QueryError::UnknownProduct`], which the properties check, and the
//! reference (which has no error cases) is skipped. The others drop them,
//! so most cases rank. Products the library has but no story lists are
//! always dropped: the engine rejects them too, which the rank module docs do not
//! allow (see `product_on_no_story_is_not_an_error` in `rank_rules.rs`).

mod common;
mod support;

use common::{LANGUAGES, Sizes, arb_date, arb_library, arb_policy, arb_prospect, arb_weights};
use jiff::civil::Date;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index as Pick, select, subsequence};
use refmatch::model::AccountCap;
use refmatch::model::{AssetKind, EngagementKind};
use refmatch::rank::{
    AdvocateMatch, DEFAULT_MIN_RELEVANCE, Explanation, Index, QueryError, RankingStatus, Rule, StoryMatch,
    StoryRequest, Verdict,
};
use refmatch::score::Factor;
use refmatch::{Library, Policy, Prospect, Request, Weights};
use std::collections::{BTreeSet, HashMap};
use support::reference::{self, RefVerdict, TOLERANCE, assert_same_ranking, assert_same_story_ranking};

/// The one place that builds an index, so a change of `Index::new`'s
/// signature is a one-line edit.
fn index_of(library: &Library) -> Index {
    Index::new(library.clone())
}

/// The day a request needs: any day of the strategies' span; a day the
/// library mentions (an engagement, a blackout end, an approval end, a
/// verification) moved by up to 31 days; or a day at the edge of an
/// engagement's rest period or capacity window (`rest_days` or
/// `window_days - 1` away, give or take one day, by the advocate's limits
/// under the request's policy), so the boundaries of rules E4 to E7 and of
/// `used(d)` are hit.
#[derive(Debug, Clone)]
enum Day {
    Any(Date),
    Near(Pick, i64),
    RestEdge(Pick, bool, i64),
    WindowEdge(Pick, bool, i64),
}

fn arb_day() -> impl Strategy<Value = Day> {
    prop_oneof![
        4 => arb_date().prop_map(Day::Any),
        2 => (any::<Pick>(), prop_oneof![-1i64..=1, -31i64..=31]).prop_map(|(p, offset)| Day::Near(p, offset)),
        1 => (any::<Pick>(), any::<bool>(), -1i64..=1).prop_map(|(p, after, delta)| Day::RestEdge(p, after, delta)),
        1 => (any::<Pick>(), any::<bool>(), -1i64..=1).prop_map(|(p, after, delta)| Day::WindowEdge(p, after, delta)),
    ]
}

/// Every day the library mentions.
fn library_days(library: &Library) -> Vec<Date> {
    let mut days: Vec<Date> = library.engagements().iter().map(|e| e.date).collect();
    for advocate in library.advocates() {
        days.extend(advocate.blackouts.iter().flat_map(|b| [b.start, b.end]));
    }
    for story in library.stories() {
        days.push(story.verified_on);
        days.extend(story.approved_until);
        days.extend(story.assets.iter().filter_map(|a| a.approved_until));
    }
    days
}

fn day_for(library: &Library, day: &Day, policy: Option<Policy>) -> Date {
    let policy = policy.unwrap_or(*library.policy());
    let edge = |pick: &Pick, after: bool, distance: &dyn Fn(&refmatch::model::Advocate) -> i64| {
        let engagement = pick.get(library.engagements());
        let distance = distance(library.advocate(&engagement.advocate).unwrap());
        common::day_after(engagement.date, if after { distance } else { -distance })
    };
    match day {
        Day::Any(date) => *date,
        Day::Near(pick, offset) => match library_days(library).as_slice() {
            [] => common::CLUSTER_START,
            days => common::day_after(*pick.get(days), *offset),
        },
        _ if library.engagements().is_empty() => common::CLUSTER_START,
        Day::RestEdge(pick, after, delta) => {
            edge(pick, *after, &|a| i64::from(a.rest_days.unwrap_or(policy.rest_days)) + delta)
        }
        Day::WindowEdge(pick, after, delta) => {
            edge(pick, *after, &|a| i64::from(a.window_days.unwrap_or(policy.window_days)) - 1 + delta)
        }
    }
}

/// Weights of 1 on a few coarse factors and 0 elsewhere, so that many
/// candidates tie exactly and the tie rules decide.
fn arb_coarse_weights() -> impl Strategy<Value = Weights> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(evidence, geography, seniority, competitor, text)| {
            let one = |on: bool| if on { 1.0 } else { 0.0 };
            Weights {
                industry: one(!(evidence || geography || seniority || competitor)),
                use_cases: 0.0,
                products: 0.0,
                size: 0.0,
                geography: one(geography),
                seniority: one(seniority),
                competitor: one(competitor),
                freshness: 0.0,
                evidence: one(evidence),
                text: one(text),
            }
        },
    )
}

/// No policy (the library's), a random valid one, a default one with
/// coarse weights, or one of those with an account cap (rule E9) of 1 to 6
/// engagements per 1 to 150 days, tight enough to bind on the strategies'
/// crowded accounts.
fn arb_request_policy() -> impl Strategy<Value = Option<Policy>> {
    let policy = prop_oneof![
        3 => arb_policy(),
        1 => arb_coarse_weights().prop_map(|weights| Policy { weights, ..Policy::default() }),
    ];
    prop_oneof![
        5 => Just(None),
        3 => policy.clone().prop_map(Some),
        2 => (policy, 1u32..=6, 1u32..=150).prop_map(|(policy, cap, window_days)| Some(Policy {
            account_cap: Some(AccountCap::per(cap, window_days)),
            ..policy
        })),
    ]
}

/// The relevance floor: none (the v1 lists), the default, or any in
/// `0..=1`.
fn arb_floor() -> impl Strategy<Value = f64> {
    prop_oneof![2 => Just(0.0), 2 => Just(DEFAULT_MIN_RELEVANCE), 1 => 0.0f64..=1.0]
}

/// The random parts of a [`Request`]; excluded accounts are picked from
/// the library the request is for. Half the time the engagement kind is
/// one that a random advocate of the library accepts (any kind when it
/// accepts none), so that rule E2 does not empty most rankings.
#[derive(Debug, Clone)]
struct Ask {
    kind: EngagementKind,
    kind_of: Option<(Pick, Pick)>,
    day: Day,
    languages: Vec<&'static str>,
    k: usize,
    max_per_account: usize,
    exclude: Vec<Pick>,
    policy: Option<Policy>,
    min_relevance: f64,
}

fn arb_ask() -> impl Strategy<Value = Ask> {
    (
        (select(EngagementKind::ALL), prop::option::of(any::<(Pick, Pick)>())),
        arb_day(),
        prop_oneof![Just(Vec::new()), subsequence(LANGUAGES, 1..=2).prop_shuffle()],
        1usize..=8,
        1usize..=3,
        vec(any::<Pick>(), 0..=2),
        arb_request_policy(),
        arb_floor(),
    )
        .prop_map(
            |((kind, kind_of), day, languages, k, max_per_account, exclude, policy, min_relevance)| Ask {
                kind,
                kind_of,
                day,
                languages,
                k,
                max_per_account,
                exclude,
                policy,
                min_relevance,
            },
        )
}

fn excluded_ids(library: &Library, picks: &[Pick]) -> Vec<String> {
    picks.iter().map(|p| p.get(library.accounts()).id.clone()).collect()
}

fn request_for(library: &Library, ask: &Ask) -> Request {
    let accepted = ask.kind_of.and_then(|(advocate, kind)| {
        let advocates = library.advocates();
        if advocates.is_empty() {
            return None;
        }
        let kinds = &advocate.get(advocates).kinds;
        (!kinds.is_empty()).then(|| *kind.get(kinds))
    });
    let mut request = Request::new(accepted.unwrap_or(ask.kind), day_for(library, &ask.day, ask.policy));
    request.languages = ask.languages.iter().map(|l| l.to_string()).collect();
    request.k = ask.k;
    request.max_per_account = ask.max_per_account;
    request.exclude_accounts = excluded_ids(library, &ask.exclude);
    request.policy = ask.policy;
    request.min_relevance = ask.min_relevance;
    request
}

/// The random parts of a [`StoryRequest`].
#[derive(Debug, Clone)]
struct StoryAsk {
    asset_kind: AssetKind,
    day: Day,
    k: usize,
    max_per_account: usize,
    exclude: Vec<Pick>,
    weights: Option<Weights>,
}

fn arb_story_ask() -> impl Strategy<Value = StoryAsk> {
    (
        select(AssetKind::ALL),
        arb_day(),
        1usize..=8,
        1usize..=3,
        vec(any::<Pick>(), 0..=2),
        prop_oneof![6 => Just(None), 3 => arb_weights().prop_map(Some), 1 => arb_coarse_weights().prop_map(Some)],
    )
        .prop_map(|(asset_kind, day, k, max_per_account, exclude, weights)| StoryAsk {
            asset_kind,
            day,
            k,
            max_per_account,
            exclude,
            weights,
        })
}

fn story_request_for(library: &Library, ask: &StoryAsk) -> StoryRequest {
    let mut request = StoryRequest::new(ask.asset_kind, day_for(library, &ask.day, None));
    request.k = ask.k;
    request.max_per_account = ask.max_per_account;
    request.exclude_accounts = excluded_ids(library, &ask.exclude);
    request.weights = ask.weights;
    request
}

/// A prospect from [`arb_prospect`], and whether to keep the products the
/// library does not have (one time in five; else they are dropped, so that
/// most cases rank).
#[derive(Debug, Clone)]
struct ProspectIn {
    prospect: Prospect,
    keep_unknown_products: bool,
}

fn arb_prospect_in() -> impl Strategy<Value = ProspectIn> {
    (arb_prospect(), prop::bool::weighted(0.2))
        .prop_map(|(prospect, keep_unknown_products)| ProspectIn { prospect, keep_unknown_products })
}

/// The prospect to query `library` with: without the products that the
/// library has but no story lists (the engine wrongly rejects those; see
/// the module docs), and without those it does not have unless asked to
/// keep them.
fn prospect_for(library: &Library, input: &ProspectIn) -> Prospect {
    let listed: BTreeSet<&str> =
        library.stories().iter().flat_map(|s| s.products.iter().map(String::as_str)).collect();
    let mut prospect = input.prospect.clone();
    prospect.products.retain(|p| match library.product(p) {
        None => input.keep_unknown_products,
        Some(_) => listed.contains(p.as_str()),
    });
    prospect
}

/// The error the engine owes a prospect naming a product the library does
/// not have: the first such product.
fn unknown_product(library: &Library, prospect: &Prospect) -> Option<QueryError> {
    prospect
        .products
        .iter()
        .enumerate()
        .find(|(_, id)| library.product(id).is_none())
        .map(|(index, id)| QueryError::UnknownProduct { index, id: id.clone() })
}

/// The factors the prospect gives input for, in the order of `Factor::ALL`.
fn present_factors(prospect: &Prospect, with_seniority: bool) -> Vec<Factor> {
    let present = [
        prospect.industry.is_some(),
        !prospect.use_cases.is_empty(),
        !prospect.products.is_empty(),
        prospect.employees.is_some(),
        prospect.country.is_some(),
        with_seniority && prospect.seniority.is_some(),
        prospect.competitor.is_some(),
        true,
        true,
        prospect.text.as_deref().is_some_and(|t| !refmatch::text::terms(t, "en").is_empty()),
    ];
    Factor::ALL.into_iter().zip(present).filter(|(_, p)| *p).map(|(f, _)| f).collect()
}

/// An explanation's own arithmetic: the present factors in order, each
/// similarity in [0, 1], each contribution `weight * similarity / sum of
/// present weights`, contributions summing to the relevance, and `score =
/// relevance * availability`.
#[track_caller]
fn assert_explanation_adds_up(e: &Explanation, prospect: &Prospect, with_seniority: bool, context: &str) {
    let factors: Vec<Factor> = e.factors.iter().map(|f| f.factor).collect();
    assert_eq!(factors, present_factors(prospect, with_seniority), "{context}: present factors");
    let total: f64 = e.factors.iter().map(|f| f.weight).sum();
    for f in &e.factors {
        assert!((0.0..=1.0).contains(&f.similarity), "{context}: {} similarity {}", f.factor, f.similarity);
        let expected = if total > 0.0 { f.weight * f.similarity / total } else { 0.0 };
        assert!((f.contribution - expected).abs() <= 1e-12, "{context}: {} contribution", f.factor);
    }
    let sum: f64 = e.factors.iter().map(|f| f.contribution).sum();
    assert!((sum - e.relevance).abs() <= 1e-9, "{context}: contributions {sum} vs relevance {}", e.relevance);
    assert!((0.0..=1.0 + 1e-12).contains(&e.relevance), "{context}: relevance {}", e.relevance);
    assert!((e.score - e.relevance * e.availability).abs() <= 1e-12, "{context}: score {}", e.score);
}

/// The advocate's cap: its own, else the request's policy's, else the
/// library's.
fn cap_of(library: &Library, request: &Request, advocate: &str) -> u32 {
    let found = library.advocate(advocate).unwrap();
    let policy = request.policy.unwrap_or(*library.policy());
    found.cap.or(policy.tiers.get(found.seniority).cap).unwrap_or(policy.cap)
}

/// Every invariant of a list of ranked advocates that needs no reference.
#[track_caller]
fn assert_advocates_consistent(
    library: &Library,
    prospect: &Prospect,
    request: &Request,
    matches: &[AdvocateMatch],
    context: &str,
) {
    assert!(matches.len() <= request.k, "{context}: more than k results");
    let mut per_account: HashMap<&str, usize> = HashMap::new();
    for m in matches {
        let context = &format!("{context}: {}", m.advocate);
        let e = &m.explanation;
        assert_explanation_adds_up(e, prospect, true, context);
        assert_eq!(m.score, e.score, "{context}: score and explanation");
        assert!(e.used < e.cap, "{context}: used {} of cap {}", e.used, e.cap);
        assert_eq!(e.cap, cap_of(library, request, &m.advocate), "{context}: cap");
        let availability = 1.0 - 0.5 * f64::from(e.used) / f64::from(e.cap);
        assert!((e.availability - availability).abs() <= 1e-15, "{context}: availability");
        let advocate = library.advocate(&m.advocate).unwrap();
        let story = library.story(&m.story).unwrap();
        assert_eq!(m.account, advocate.account, "{context}: account");
        assert_eq!(story.account, advocate.account, "{context}: story account");
        assert!(story.advocates.contains(&m.advocate), "{context}: not on story {}", m.story);
        *per_account.entry(&m.account).or_default() += 1;
    }
    for (account, n) in per_account {
        assert!(n <= request.max_per_account, "{context}: {n} results of account {account}");
    }
    for pair in matches.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            a.score >= b.score,
            "{context}: {} ({}) before {} ({})",
            a.advocate,
            a.score,
            b.advocate,
            b.score
        );
        if a.score == b.score {
            assert!(
                a.advocate.as_bytes() < b.advocate.as_bytes(),
                "{context}: tie {} before {}",
                a.advocate,
                b.advocate
            );
        }
    }
}

/// Every invariant of a list of ranked stories that needs no reference.
#[track_caller]
fn assert_stories_consistent(
    library: &Library,
    prospect: &Prospect,
    request: &StoryRequest,
    matches: &[StoryMatch],
    context: &str,
) {
    assert!(matches.len() <= request.k, "{context}: more than k results");
    let mut per_account: HashMap<&str, usize> = HashMap::new();
    for m in matches {
        let context = &format!("{context}: {}", m.story);
        let e = &m.explanation;
        assert_explanation_adds_up(e, prospect, false, context);
        assert_eq!((e.used, e.cap, e.availability), (0, 0, 1.0), "{context}: stories have no availability");
        assert_eq!(m.score, e.relevance, "{context}: score is the relevance");
        let story = library.story(&m.story).unwrap();
        assert_eq!(m.account, story.account, "{context}: account");
        let usable: Vec<&str> = story
            .assets
            .iter()
            .filter(|a| a.kind == request.asset_kind && a.usable_on(request.date))
            .map(|a| a.location.as_str())
            .collect();
        assert!(!usable.is_empty(), "{context}: no usable asset");
        assert_eq!(m.assets, usable, "{context}: assets");
        *per_account.entry(&m.account).or_default() += 1;
    }
    for (account, n) in per_account {
        assert!(n <= request.max_per_account, "{context}: {n} results of account {account}");
    }
    for pair in matches.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(a.score >= b.score, "{context}: {} before {}", a.story, b.story);
        if a.score == b.score {
            assert!(a.story.as_bytes() < b.story.as_bytes(), "{context}: tie {} before {}", a.story, b.story);
        }
    }
}

/// `rank_advocates` against `reference::rank_all`, `used` and `cap`
/// included; returns false when the engine rightly refused the prospect.
fn check_ranking(library: &Library, index: &Index, prospect: &Prospect, request: &Request) -> bool {
    let got = index.rank_advocates(prospect, request);
    if let Some(err) = unknown_product(library, prospect) {
        assert_eq!(got, Err(err));
        return false;
    }
    let got = got.unwrap();
    let all = reference::rank_all(library, prospect, request);
    let pairs: Vec<(String, f64)> = got.iter().map(|m| (m.advocate.clone(), m.score)).collect();
    assert_same_ranking(&pairs, &all, request.k, "rank_advocates");
    for m in &got {
        let want = all.iter().find(|r| r.advocate == m.advocate);
        if let Some(want) = want {
            assert_eq!((m.explanation.used, m.explanation.cap), (want.used, want.cap), "{}", m.advocate);
        }
    }
    assert_advocates_consistent(library, prospect, request, &got, "rank_advocates");
    for m in &got {
        assert!(m.explanation.relevance >= request.min_relevance, "{}: below the floor", m.advocate);
    }
    true
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// On small libraries, `rank_advocates` returns the reference's top `k`
    /// ("Numbers and determinism"), with the reference's `used` and `cap` for
    /// every result.
    #[test]
    fn prop_rank_advocates_matches_reference(
        library in arb_library(Sizes::small()),
        prospect in arb_prospect_in(),
        ask in arb_ask(),
    ) {
        let prospect = prospect_for(&library, &prospect);
        let request = request_for(&library, &ask);
        check_ranking(&library, &index_of(&library), &prospect, &request);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// On medium libraries (crowded accounts and ledgers), `rank_advocates`
    /// returns the reference's top `k` for several prospects.
    #[test]
    fn prop_rank_advocates_matches_reference_on_medium_libraries(
        library in arb_library(Sizes::medium()),
        queries in vec((arb_prospect_in(), arb_ask()), 1..=4),
    ) {
        let index = index_of(&library);
        for (prospect, ask) in queries {
            let prospect = prospect_for(&library, &prospect);
            check_ranking(&library, &index, &prospect, &request_for(&library, &ask));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// For every advocate, `explain` agrees with the reference's verdict:
    /// eligible with the same score (within 1e-5), the same `used` and
    /// `cap`, and a best story whose reference score is the best score; or
    /// excluded by the same rule. Unknown advocate ids are an error.
    #[test]
    fn prop_explain_matches_reference(
        library in arb_library(Sizes::small()),
        prospect in arb_prospect_in(),
        ask in arb_ask(),
    ) {
        let index = index_of(&library);
        let prospect = prospect_for(&library, &prospect);
        let request = request_for(&library, &ask);
        prop_assert_eq!(
            index.explain("no-such-advocate", &prospect, &request),
            Err(QueryError::UnknownAdvocate("no-such-advocate".into()))
        );
        for advocate in library.advocates() {
            let got = index.explain(&advocate.id, &prospect, &request);
            if let Some(err) = unknown_product(&library, &prospect) {
                prop_assert_eq!(got, Err(err));
                continue;
            }
            let got = got.unwrap();
            let want = reference::verdict(&library, &prospect, &request, &advocate.id);
            match (&got, &want) {
                (Verdict::Eligible(m), RefVerdict::Eligible { story, score, used, cap, .. }) => {
                    prop_assert!((m.score - score).abs() <= TOLERANCE, "{}: {} vs {score}", advocate.id, m.score);
                    prop_assert_eq!((m.explanation.used, m.explanation.cap), (*used, *cap));
                    if m.story != *story {
                        let other = reference::candidate_score(&library, &prospect, &request, &advocate.id, &m.story);
                        prop_assert!(
                            other.is_some_and(|o| (o - score).abs() <= TOLERANCE),
                            "{}: engine story {} ({other:?}), reference {story} ({score})", advocate.id, m.story
                        );
                    }
                    assert_advocates_consistent(&library, &prospect, &request, std::slice::from_ref(m), "explain");
                }
                (Verdict::Excluded(why), RefVerdict::Excluded(rule)) => {
                    prop_assert_eq!(why.rule(), *rule, "{}: {}", advocate.id, why);
                    prop_assert!(!why.to_string().is_empty());
                }
                _ => prop_assert!(false, "{}: engine {got:?}, reference {want:?}", advocate.id),
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// `rank_stories` returns the reference's top `k` stories (ids by story,
    /// "Numbers and determinism"), each with a usable asset of the requested
    /// kind, its usable assets listed, no seniority and no availability.
    #[test]
    fn prop_rank_stories_matches_reference(
        library in arb_library(Sizes::small()),
        prospect in arb_prospect_in(),
        ask in arb_story_ask(),
    ) {
        let index = index_of(&library);
        let prospect = prospect_for(&library, &prospect);
        let request = story_request_for(&library, &ask);
        let got = index.rank_stories(&prospect, &request);
        if let Some(err) = unknown_product(&library, &prospect) {
            prop_assert_eq!(got, Err(err));
            return Ok(());
        }
        let got = got.unwrap();
        let all = reference::rank_stories_all(&library, &prospect, &request);
        let pairs: Vec<(String, f64)> = got.iter().map(|m| (m.story.clone(), m.score)).collect();
        assert_same_story_ranking(&pairs, &all, request.k, "rank_stories");
        assert_stories_consistent(&library, &prospect, &request, &got, "rank_stories");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// `score_matrix` has one row per prospect and one column per advocate
    /// in id order; a cell is the reference's best score of the advocate
    /// (within 1e-5 plus f32 rounding) or exactly minus infinity where the
    /// reference excludes the advocate. A prospect naming an unknown
    /// product makes the whole call fail with that prospect's error.
    #[test]
    fn prop_score_matrix_matches_reference(
        library in arb_library(Sizes::small()),
        prospects in vec(arb_prospect_in(), 1..=4),
        ask in arb_ask(),
    ) {
        let index = index_of(&library);
        let prospects: Vec<Prospect> =
            prospects.iter().map(|p| prospect_for(&library, p)).collect();
        let request = request_for(&library, &ask);
        let got = index.score_matrix(&prospects, &request);
        if let Some(err) = prospects.iter().find_map(|p| unknown_product(&library, p)) {
            prop_assert_eq!(got, Err(err));
            return Ok(());
        }
        let got = got.unwrap();
        let (ids, rows) = reference::score_matrix(&library, &prospects, &request);
        let columns: Vec<&str> = index.advocate_ids();
        prop_assert_eq!(&columns, &ids.iter().map(String::as_str).collect::<Vec<_>>());
        prop_assert_eq!(got.dim(), (prospects.len(), ids.len()));
        for (i, row) in rows.iter().enumerate() {
            for (j, want) in row.iter().enumerate() {
                let cell = got[[i, j]];
                match want {
                    None => prop_assert_eq!(cell, f32::NEG_INFINITY, "prospect {} advocate {}", i, ids[j]),
                    Some(x) => prop_assert!(
                        (f64::from(cell) - x).abs() <= TOLERANCE + f64::from(f32::EPSILON) * x.abs(),
                        "prospect {i} advocate {}: {cell} vs {x}", ids[j]
                    ),
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// `rank_many` returns, in the input's order, exactly what
    /// `rank_advocates` returns for each query, errors included.
    #[test]
    fn prop_rank_many_equals_rank_advocates(
        library in arb_library(Sizes::medium()),
        queries in vec((arb_prospect_in(), arb_ask()), 0..=6),
    ) {
        let index = index_of(&library);
        let queries: Vec<(Prospect, Request)> =
            queries.iter().map(|(p, ask)| (prospect_for(&library, p), request_for(&library, ask))).collect();
        let one_by_one: Vec<_> = queries.iter().map(|(p, r)| index.rank_advocates(p, r)).collect();
        prop_assert_eq!(index.rank_many(&queries), one_by_one);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Every ranked advocate's explanation adds up (contributions sum to the
    /// relevance, score = relevance x availability, availability = 1 - 0.5
    /// used / cap, used < cap); no account has more than `max_per_account`
    /// results; scores never increase and equal scores are in advocate id
    /// byte order; and each result is exactly what `explain` says of that
    /// advocate.
    #[test]
    fn prop_results_explain_themselves(
        library in arb_library(Sizes::medium()),
        prospect in arb_prospect_in(),
        ask in arb_ask(),
    ) {
        let index = index_of(&library);
        let prospect = prospect_for(&library, &prospect);
        let request = request_for(&library, &ask);
        let Ok(got) = index.rank_advocates(&prospect, &request) else {
            prop_assert!(unknown_product(&library, &prospect).is_some());
            return Ok(());
        };
        assert_advocates_consistent(&library, &prospect, &request, &got, "rank_advocates");
        for m in got {
            let verdict = index.explain(&m.advocate, &prospect, &request).unwrap();
            prop_assert_eq!(verdict, Verdict::Eligible(m));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// `rank` returns exactly the list of `rank_advocates`; counts per rule
    /// the candidates the reference excludes under each rule (the first
    /// rule that drops each, E1..E6, E8, E7, E9), and those under the
    /// floor; names the reference's best advocate under the floor when
    /// nothing matched; and holds back the reference's stronger advocates
    /// left out by timing, with the rule that holds each.
    #[test]
    fn prop_ranking_counts_and_held_back_match_reference(
        library in arb_library(Sizes::medium()),
        prospect in arb_prospect_in(),
        ask in arb_ask(),
    ) {
        let index = index_of(&library);
        let prospect = prospect_for(&library, &prospect);
        let request = request_for(&library, &ask);
        let Ok(ranking) = index.rank(&prospect, &request) else {
            prop_assert!(unknown_product(&library, &prospect).is_some());
            return Ok(());
        };
        prop_assert_eq!(&ranking.matches, &index.rank_advocates(&prospect, &request).unwrap());
        let want = reference::counts(&library, &prospect, &request);
        for rule in Rule::ALL {
            prop_assert_eq!(
                ranking.excluded_by(rule), want.excluded.get(&rule).copied().unwrap_or(0), "rule {}", rule
            );
        }
        prop_assert_eq!(ranking.below_floor, want.below_floor);
        let excluded: usize = ranking.excluded.iter().map(|c| c.candidates).sum();
        prop_assert!(excluded + ranking.below_floor <= ranking.candidates);
        match (&ranking.status, &want.best_below) {
            (RankingStatus::Matched, _) => prop_assert!(!ranking.matches.is_empty()),
            (RankingStatus::BelowFloor { advocate, relevance }, Some((best, id))) => {
                prop_assert!(ranking.matches.is_empty());
                prop_assert!((relevance - best).abs() <= TOLERANCE);
                prop_assert!(advocate == id || (relevance - best).abs() <= TOLERANCE);
            }
            (RankingStatus::NoneEligible, None) => prop_assert!(ranking.matches.is_empty()),
            (status, best) => prop_assert!(false, "status {status:?}, reference best below the floor {best:?}"),
        }
        let bar = (ranking.matches.len() >= request.k).then(|| ranking.matches.last().map(|m| m.score)).flatten();
        let want = reference::held_back(&library, &prospect, &request, bar);
        // A relevance within rounding of the bar is a tie whichever way its
        // last bit falls (engine and reference sum in different orders).
        let clear = |r: f64| bar.is_none_or(|bar| (r - bar).abs() > TOLERANCE);
        let got: Vec<(String, f64)> =
            ranking.held_back.iter().filter(|h| clear(h.relevance)).map(|h| (h.advocate.clone(), h.relevance)).collect();
        let all: Vec<(String, f64)> = want.iter().filter(|w| clear(w.1)).map(|(id, r, _)| (id.clone(), *r)).collect();
        support::reference::assert_same_order(&got, &all, request.k, "held_back");
        for held in ranking.held_back.iter().filter(|h| clear(h.relevance)) {
            let rule = want.iter().find(|w| w.0 == held.advocate).map(|w| w.2);
            prop_assert_eq!(Some(held.exclusion.rule()), rule, "{}", held.advocate);
            prop_assert!(held.exclusion.rule_id().is_some_and(Rule::is_timing));
            prop_assert!(held.next_available.is_none_or(|day| day > request.date));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// For every advocate and a day, `next_available` is the first day on
    /// or after it that walking day by day through rules E1, E4, E5, E6
    /// and E9 finds, under the index's policy, with or without an account
    /// cap; and on that day `explain` excludes the advocate by none of
    /// those rules.
    #[test]
    fn prop_next_available_is_the_first_free_day(
        library in arb_library(Sizes::medium()),
        policy in arb_request_policy(),
        day in arb_day(),
    ) {
        let policy = policy.unwrap_or(*library.policy());
        let index = Index::with_policy(library.clone(), policy).expect("a valid policy");
        let day = day_for(&library, &day, Some(policy));
        for advocate in library.advocates() {
            let got = index.next_available(&advocate.id, day).unwrap();
            let want = reference::next_available(&library, &policy, &advocate.id, day);
            prop_assert_eq!(got, want, "{}", advocate.id);
            if let Some(free) = got {
                let request = Request::new(advocate.kinds.first().copied().unwrap_or(EngagementKind::ReferenceCall), free)
                    .with_policy(policy);
                if let Ok(Verdict::Excluded(why)) = index.explain(&advocate.id, &Prospect::new(), &request) {
                    prop_assert!(!matches!(why.rule(), "E1" | "E4" | "E5" | "E6" | "E9"), "{}: {}", advocate.id, why);
                }
            }
        }
        prop_assert_eq!(
            index.next_available("no-such-advocate", day),
            Err(QueryError::UnknownAdvocate("no-such-advocate".into()))
        );
    }
}

/// Feedback on some of the library's completed engagements: each picked
/// engagement gets the advocate's own rating (and sometimes the rep's
/// too, which rule E5 must ignore), dated on its day.
fn with_feedback(library: &Library, rated: &[(Pick, u8, u8)]) -> Library {
    let mut data = library.data().clone();
    let completed: Vec<(String, String, Date)> = data
        .engagements
        .iter()
        .filter(|e| e.status == refmatch::model::EngagementStatus::Completed)
        .map(|e| (e.id.clone(), e.advocate.clone(), e.date))
        .collect();
    if completed.is_empty() {
        return library.clone();
    }
    let mut given = BTreeSet::new();
    for (pick, own, rep) in rated {
        let (id, advocate, day) = pick.get(&completed).clone();
        if !given.insert(id.clone()) {
            continue;
        }
        let at = day.at(12, 0, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).unwrap().timestamp();
        let feedback = |from, rating, actor| refmatch::model::Feedback {
            engagement: id.clone(),
            from,
            rating,
            helped: None,
            missed: false,
            note: String::new(),
            actor,
            at,
        };
        use refmatch::model::{Actor, FeedbackFrom};
        data.feedback.push(feedback(FeedbackFrom::Advocate, *own, Actor::advocate(advocate.clone())));
        if *rep <= 5 {
            data.feedback.push(feedback(FeedbackFrom::Rep, *rep, Actor::sales_rep("rita")));
        }
    }
    Library::new(data).expect("feedback on completed engagements is valid")
}

/// Ratings on up to 12 completed engagements: the advocate's 1 to 5, the
/// rep's 1 to 5 or none (6 and above).
fn arb_ratings() -> impl Strategy<Value = Vec<(Pick, u8, u8)>> {
    vec((any::<Pick>(), 1u8..=5, 1u8..=8), 0..=12)
}

/// A poor-feedback rule: ratings of at most 1 to 5 rest 1 to 40 days more.
fn arb_poor() -> impl Strategy<Value = refmatch::model::PoorFeedback> {
    (1u8..=5, 1u32..=40).prop_map(|(at_most, extra)| refmatch::model::PoorFeedback::new(at_most, extra))
}

/// A day just inside or outside the longer rest after a rated engagement
/// (`rest + extra` days after it, give or take one), or the ask's day.
fn poor_day(library: &Library, policy: &Policy, pick: &Pick, delta: i64, fallback: Date) -> Date {
    let rated: Vec<&refmatch::model::Feedback> =
        library.feedback().iter().filter(|f| f.from == refmatch::model::FeedbackFrom::Advocate).collect();
    if rated.is_empty() {
        return fallback;
    }
    let engagement = library.engagement(&pick.get(&rated).engagement).unwrap();
    let advocate = library.advocate(&engagement.advocate).unwrap();
    let rest = i64::from(advocate.rest_days.unwrap_or(policy.rest_days));
    let extra = policy.poor_feedback.map_or(0, |p| i64::from(p.extra_rest_days));
    common::day_after(engagement.date, rest + extra + delta)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// With advocates' ratings in the ledger and a policy whose
    /// `poor_feedback` lengthens the rest after a poor one, `rank_advocates`
    /// returns the reference's top `k`, `explain` the reference's verdict
    /// for every advocate (the same rule when excluded), `rank` the
    /// reference's counts per rule, and `next_available` the first free
    /// day the reference's walk finds; on days at the edge of the longer
    /// rest too.
    #[test]
    fn prop_poor_feedback_rest_matches_reference(
        library in arb_library(Sizes::medium()),
        ratings in arb_ratings(),
        poor in arb_poor(),
        prospect in arb_prospect_in(),
        ask in arb_ask(),
        edge in prop::option::of((any::<Pick>(), -1i64..=1)),
    ) {
        let library = with_feedback(&library, &ratings);
        let mut request = request_for(&library, &ask);
        let policy = Policy { poor_feedback: Some(poor), ..request.policy.unwrap_or(*library.policy()) };
        request.policy = Some(policy);
        if let Some((pick, delta)) = edge {
            request.date = poor_day(&library, &policy, &pick, delta, request.date);
        }
        let prospect = prospect_for(&library, &prospect);
        let index = Index::with_policy(library.clone(), policy).expect("a valid policy");
        if !check_ranking(&library, &index, &prospect, &request) {
            return Ok(());
        }
        for advocate in library.advocates() {
            let got = index.explain(&advocate.id, &prospect, &request).unwrap();
            match (&got, reference::verdict(&library, &prospect, &request, &advocate.id)) {
                (Verdict::Eligible(m), RefVerdict::Eligible { score, .. }) => {
                    prop_assert!((m.score - score).abs() <= TOLERANCE, "{}", advocate.id);
                }
                (Verdict::Excluded(why), RefVerdict::Excluded(rule)) => prop_assert_eq!(why.rule(), rule, "{}", advocate.id),
                (got, want) => prop_assert!(false, "{}: engine {got:?}, reference {want:?}", advocate.id),
            }
            let free = index.next_available(&advocate.id, request.date).unwrap();
            prop_assert_eq!(free, reference::next_available(&library, &policy, &advocate.id, request.date), "{}", advocate.id);
        }
        let ranking = index.rank(&prospect, &request).unwrap();
        let want = reference::counts(&library, &prospect, &request);
        for rule in Rule::ALL {
            prop_assert_eq!(ranking.excluded_by(rule), want.excluded.get(&rule).copied().unwrap_or(0), "rule {}", rule);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Without `poor_feedback` in the policy, ratings change nothing: the
    /// same library with and without its feedback ranks alike.
    #[test]
    fn prop_feedback_without_the_option_changes_no_ranking(
        library in arb_library(Sizes::small()),
        ratings in arb_ratings(),
        prospect in arb_prospect_in(),
        ask in arb_ask(),
    ) {
        let rated = with_feedback(&library, &ratings);
        let mut request = request_for(&library, &ask);
        request.policy = request.policy.map(|p| Policy { poor_feedback: None, ..p });
        let prospect = prospect_for(&library, &prospect);
        let ids = |index: Index| {
            index.rank_advocates(&prospect, &request).map(|list| {
                list.into_iter().map(|m| (m.advocate, m.story, m.score.to_bits())).collect::<Vec<_>>()
            })
        };
        prop_assert_eq!(ids(index_of(&rated)), ids(index_of(&library)));
    }
}
