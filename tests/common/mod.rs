//! Proptest strategies for random valid libraries and prospects, shared by
//! the integration tests (`mod common;`).
//!
//! The promise of [`arb_library_data`] is that every value it produces
//! passes [`Library::new`]; `tests/validation.rs` checks that promise.
//! Values are drawn from small vocabularies (favoured NAICS subsectors, a
//! handful of countries, a few products, use cases, competitors and
//! languages) so that the prospects of [`arb_prospect`] match them often,
//! and engagement dates cluster in [`CLUSTER_START`] + [`CLUSTER_DAYS`] so
//! caps, windows and rest periods matter on the dates [`arb_date`] favours.
#![allow(dead_code)]

pub mod fixtures;

use jiff::ToSpan;
use jiff::civil::Date;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};
use refmatch::model::{
    Account, AccountFigure, AccountStatus, Advocate, AdvocateStatus, Asset, AssetKind, Channel, DateRange,
    Engagement, EngagementKind, EngagementStatus, Opportunity, OpportunityStatus, Outcome, Product, Quote,
    Seniority, Story,
};
use refmatch::model::{Actor, EngagementHistory, Limits, Transition};
use refmatch::taxonomy::{countries, languages, naics};
use refmatch::{Library, LibraryData, Policy, Prospect, Weights};

/// Largest number of records of each kind a generated library holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    /// At most this many accounts (at least one is always generated).
    pub accounts: usize,
    /// At most this many advocates.
    pub advocates: usize,
    /// At most this many stories.
    pub stories: usize,
    /// At most this many ledger entries.
    pub engagements: usize,
}

impl Sizes {
    /// Small libraries for exactness tests: 6 accounts, 12 advocates,
    /// 12 stories, 30 engagements.
    pub fn small() -> Sizes {
        Sizes { accounts: 6, advocates: 12, stories: 12, engagements: 30 }
    }

    /// Larger libraries, for tests that want crowded accounts and ledgers.
    pub fn medium() -> Sizes {
        Sizes { accounts: 20, advocates: 60, stories: 60, engagements: 200 }
    }
}

/// First day of the date span every generated date lies in.
pub const SPAN_START: Date = Date::constant(2022, 1, 1);
/// Last day of the span (inclusive).
pub const SPAN_END: Date = Date::constant(2027, 12, 31);
/// Number of days from [`SPAN_START`] to [`SPAN_END`].
pub const SPAN_DAYS: i64 = 2190;
/// First day of the cluster engagement and blackout dates fall in.
pub const CLUSTER_START: Date = Date::constant(2025, 3, 1);
/// Length of the cluster in days.
pub const CLUSTER_DAYS: i64 = 200;

/// The day `offset` days after `start`.
pub fn day_after(start: Date, offset: i64) -> Date {
    start.checked_add(offset.days()).expect("generated dates stay in range")
}

/// Product ids, names and families of the product vocabulary.
pub const PRODUCTS: &[(&str, &str, &str)] = &[
    ("p-ledger", "Ledger", "Finance"),
    ("p-insight", "Insight", "Analytics"),
    ("p-guard", "Guard", "Security"),
    ("p-flow", "Flow", "Automation"),
    ("p-vault", "Vault", "Security"),
];

/// Use-case tags, with case and white-space variants of the same tag.
pub const USE_CASES: &[&str] = &[
    "fraud detection",
    "Fraud  Detection",
    " fraud detection",
    "FRAUD DETECTION\t",
    "month-end close",
    "Month-End Close",
    "supply chain visibility",
    "customer onboarding",
    "cloud migration",
    "Cloud Migration ",
];

/// Competitor names, with case and white-space variants.
pub const COMPETITORS: &[&str] = &["Acme", "acme", " ACME ", "Globex", "Initech", "SAP Ariba", "sap  ariba"];

/// Units of outcome values.
pub const UNITS: &[&str] = &["", "%", "days", "USD", "h", "€"];

/// Language codes advocates speak and prospects ask for.
pub const LANGUAGES: &[&str] = &["en", "de", "fr", "ja", "pt"];

/// Countries most generated accounts and prospects are in.
pub const FAVOURED_COUNTRIES: &[&str] = &["DE", "AT", "FR", "US", "CA", "BR", "JP", "SG"];

/// Codes that start one of these (and their ancestors) are favoured, so
/// industry matches at every depth happen.
pub const FAVOURED_INDUSTRIES: &[&str] = &["5221", "5415", "5132", "325", "311", "445", "622"];

/// The sectors NAICS writes as ranges.
pub const RANGE_SECTORS: &[&str] = &["31-33", "44-45", "48-49"];

/// Names, titles and texts that are hard to store: unicode, quotes,
/// commas, semicolons, new lines and control characters.
pub const TRICKY_TEXTS: &[&str] = &[
    "Müller & Söhne GmbH",
    "Société Générale d'Électricité",
    "株式会社サンプル",
    "Zoë \"Zee\" O'Brien",
    "VP, Finance; EMEA",
    "line one\nline two",
    "tab\there, comma, semicolon; \"quote\"",
    "back\\slash / slash",
    "emoji 🚀 and ünïcödé",
    "  leading and trailing  ",
    "nul \u{0} and del \u{7f}",
    "",
];

const PLAIN_TEXTS: &[&str] = &[
    "Acme Bank",
    "Northwind Traders",
    "Jane Doe",
    "Head of Finance",
    "Cut month-end close by half",
    "Fraud losses down",
    "Chief Risk Officer",
];

/// A name, title or free text: mostly plain, sometimes hard to store.
pub fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(PLAIN_TEXTS).prop_map(String::from),
        2 => "[A-Z][a-z]{0,10}( [A-Za-z][a-z]{0,10}){0,3}",
        2 => select(TRICKY_TEXTS).prop_map(String::from),
        1 => "\\PC{0,24}",
        1 => any::<String>(),
    ]
}

/// Any day of [`SPAN_START`]..=[`SPAN_END`], three times in four near the
/// engagement cluster (30 days either side of it).
pub fn arb_date() -> impl Strategy<Value = Date> {
    prop_oneof![
        3 => (-30..=CLUSTER_DAYS + 30).prop_map(|d| day_after(CLUSTER_START, d)),
        1 => arb_span_date(),
    ]
}

/// Any day of [`SPAN_START`]..=[`SPAN_END`], uniformly.
pub fn arb_span_date() -> impl Strategy<Value = Date> {
    (0..=SPAN_DAYS).prop_map(|d| day_after(SPAN_START, d))
}

/// A day of the engagement cluster.
pub fn arb_cluster_date() -> impl Strategy<Value = Date> {
    (0..CLUSTER_DAYS).prop_map(|d| day_after(CLUSTER_START, d))
}

/// Every NAICS code of the table that starts a favoured prefix, or is an
/// ancestor of one.
pub fn favoured_codes() -> Vec<String> {
    naics()
        .iter()
        .map(|row| row.code.clone())
        .filter(|code| {
            FAVOURED_INDUSTRIES.iter().any(|p| code.starts_with(p) || p.starts_with(code.as_str()))
        })
        .collect()
}

/// The 2-digit sectors and the range sectors of the table.
pub fn sector_codes() -> Vec<String> {
    naics().iter().map(|row| row.code.clone()).filter(|code| code.len() == 2 || code.contains('-')).collect()
}

/// A NAICS 2022 code from the table: mostly a favoured one, sometimes any
/// code, a range sector or a 2-digit sector.
pub fn arb_industry_code() -> impl Strategy<Value = String> {
    let all: Vec<String> = naics().iter().map(|row| row.code.clone()).collect();
    prop_oneof![
        5 => select(favoured_codes()),
        2 => select(all),
        1 => select(RANGE_SECTORS).prop_map(String::from),
        1 => select(sector_codes()),
    ]
}

/// An ISO 3166-1 alpha-2 code, mostly one of [`FAVOURED_COUNTRIES`].
pub fn arb_country() -> impl Strategy<Value = String> {
    let all: Vec<String> = countries().iter().map(|c| c.code.clone()).collect();
    prop_oneof![
        5 => select(FAVOURED_COUNTRIES).prop_map(String::from),
        1 => select(all),
    ]
}

/// A number of employees in 1..=1_000_000, spread over the orders of
/// magnitude.
pub fn arb_employees() -> impl Strategy<Value = u64> {
    prop_oneof![
        1 => Just(1u64),
        3 => 1u64..=100,
        3 => 100u64..=10_000,
        3 => 10_000u64..=1_000_000,
        1 => Just(1_000_000u64),
    ]
}

fn arb_weight() -> impl Strategy<Value = f64> {
    prop_oneof![
        2 => Just(0.0),
        2 => (0u32..=6).prop_map(f64::from),
        1 => Just(0.5),
        // Weights above 0 lie in 1e-6..=1e6 (model::limits).
        4 => 1e-6..10.0f64,
        1 => select(vec![1e-6, 1e6]),
    ]
}

/// Scoring weights: the defaults, or each finite and >= 0 with at least
/// one above 0.
pub fn arb_weights() -> impl Strategy<Value = Weights> {
    prop_oneof![
        1 => Just(Weights::default()),
        3 => (prop::array::uniform9(arb_weight()), arb_weight()).prop_map(|(w, text)| {
            let mut weights = Weights {
                industry: w[0],
                use_cases: w[1],
                products: w[2],
                size: w[3],
                geography: w[4],
                seniority: w[5],
                competitor: w[6],
                freshness: w[7],
                evidence: w[8],
                text,
            };
            if w.iter().all(|&x| x == 0.0) {
                weights.industry = 1.0;
            }
            weights
        }),
    ]
}

/// A valid policy: the default, or cap 1..=6, window 1..=120 days, rest
/// 0..=30 days, [`arb_weights`] and sometimes limits for one or two
/// seniority tiers.
pub fn arb_policy() -> impl Strategy<Value = Policy> {
    let tier = (
        select(Seniority::ALL),
        prop::option::of(1u32..=6),
        prop::option::of(1u32..=120),
        prop::option::of(0u32..=30),
    );
    prop_oneof![
        1 => Just(Policy::default()),
        3 => (1u32..=6, 1u32..=120, 0u32..=30, arb_weights(), vec(tier, 0..=2)).prop_map(
            |(cap, window_days, rest_days, weights, tiers)| {
                let mut policy = Policy { cap, window_days, rest_days, weights, ..Policy::default() };
                for (level, cap, window_days, rest_days) in tiers {
                    policy.tiers.set(level, Limits { cap, window_days, rest_days });
                }
                policy
            }
        ),
    ]
}

fn arb_products() -> impl Strategy<Value = Vec<Product>> {
    let indices: Vec<usize> = (0..PRODUCTS.len()).collect();
    subsequence(indices, 0..=PRODUCTS.len())
        .prop_shuffle()
        .prop_flat_map(|chosen| {
            let n = chosen.len();
            (Just(chosen), vec(prop::option::weighted(0.3, arb_text()), n))
        })
        .prop_map(|(chosen, names)| {
            chosen
                .into_iter()
                .zip(names)
                .map(|(i, name)| {
                    let (id, default_name, family) = PRODUCTS[i];
                    Product {
                        id: id.to_string(),
                        name: name.unwrap_or_else(|| default_name.to_string()),
                        family: family.to_string(),
                    }
                })
                .collect()
        })
}

fn arb_account() -> impl Strategy<Value = Account> {
    (
        arb_text(),
        arb_industry_code(),
        arb_employees(),
        arb_country(),
        prop_oneof![8 => Just(AccountStatus::Active), 1 => Just(AccountStatus::DoNotContact)],
        // An owner is never blank.
        arb_text().prop_filter("an owner", |owner| !refmatch::model::owner_id_of(owner).is_empty()),
        vec(2015i32..=2027, 0..=2),
    )
        .prop_map(|(name, industry, employees, country, status, owner, advisory_board)| Account {
            id: String::new(),
            name,
            industry,
            employees,
            country,
            status,
            // Ids as the crate derives them, so validation changes nothing.
            owner_id: refmatch::model::owner_id_of(&owner),
            owner,
            advisory_board,
        })
}

fn arb_blackout() -> impl Strategy<Value = DateRange> {
    (arb_cluster_date(), 0i64..=30).prop_map(|(start, len)| DateRange { start, end: day_after(start, len) })
}

fn arb_advocate() -> impl Strategy<Value = Advocate> {
    (
        (arb_text(), arb_text(), select(Seniority::ALL)),
        subsequence(LANGUAGES, 0..=3).prop_shuffle(),
        subsequence(EngagementKind::ALL, 0..=EngagementKind::ALL.len()),
        prop_oneof![
            6 => Just(AdvocateStatus::Active),
            1 => Just(AdvocateStatus::Paused),
            1 => Just(AdvocateStatus::DoNotContact),
            1 => Just(AdvocateStatus::Departed),
        ],
        (
            prop::option::weighted(0.25, 1u32..=6),
            prop::option::weighted(0.25, 1u32..=120),
            prop::option::weighted(0.25, 0u32..=30),
        ),
        vec(arb_blackout(), 0..=2),
    )
        .prop_map(
            |(
                (name, title, seniority),
                languages,
                kinds,
                status,
                (cap, window_days, rest_days),
                blackouts,
            )| {
                Advocate {
                    id: String::new(),
                    account: String::new(),
                    name,
                    title,
                    seniority,
                    languages: languages.into_iter().map(String::from).collect(),
                    kinds,
                    status,
                    cap,
                    window_days,
                    rest_days,
                    blackouts,
                }
            },
        )
}

/// A finite outcome value of magnitude at most 1e15 (model::limits) or
/// none: integers, fractions, large, tiny and arbitrary such numbers, all
/// of which must round-trip exactly.
pub fn arb_outcome_value() -> impl Strategy<Value = Option<f64>> {
    use prop::num::f64 as float;
    prop_oneof![
        3 => Just(None),
        2 => (-100i32..=1000).prop_map(|v| Some(f64::from(v))),
        2 => (-1000.0..1000.0f64).prop_map(Some),
        1 => select(vec![0.1, 1.0 / 3.0, 12.5, 99.99, 1e9, 1e15, -1e15, 999_999_999_999_999.9, f64::MIN_POSITIVE, 5e-324, -0.0])
            .prop_map(Some),
        1 => (float::POSITIVE | float::NEGATIVE | float::NORMAL | float::SUBNORMAL | float::ZERO)
            .prop_filter("within 1e15", |v| v.abs() <= 1e15)
            .prop_map(Some),
    ]
}

fn arb_outcome() -> impl Strategy<Value = Outcome> {
    (arb_text(), arb_outcome_value(), select(UNITS), arb_text()).prop_map(
        |(metric, value, unit, description)| Outcome { metric, value, unit: unit.to_string(), description },
    )
}

fn arb_asset() -> impl Strategy<Value = Asset> {
    (select(AssetKind::ALL), arb_text(), prop::option::weighted(0.4, arb_date()))
        .prop_map(|(kind, location, approved_until)| Asset { kind, location, approved_until })
}

fn arb_story() -> impl Strategy<Value = Story> {
    (
        (arb_text(), arb_text()),
        vec(select(USE_CASES).prop_map(String::from), 0..=3),
        vec(select(COMPETITORS).prop_map(String::from), 0..=3),
        vec(arb_outcome(), 0..=3),
        vec(arb_asset(), 0..=3),
        arb_span_date(),
        prop::bool::weighted(0.8),
        prop::option::weighted(0.3, arb_date()),
    )
        .prop_map(
            |(
                (title, summary),
                use_cases,
                competitors,
                outcomes,
                assets,
                verified_on,
                approved,
                approved_until,
            )| {
                Story {
                    id: String::new(),
                    account: String::new(),
                    title,
                    summary,
                    products: Vec::new(),
                    use_cases,
                    advocates: Vec::new(),
                    outcomes,
                    competitors,
                    assets,
                    verified_on,
                    approved,
                    approved_until,
                }
            },
        )
}

fn arb_engagement() -> impl Strategy<Value = Engagement> {
    (
        select(EngagementKind::ALL),
        arb_cluster_date(),
        select(EngagementStatus::ALL),
        prop::option::weighted(0.4, arb_text()),
    )
        .prop_map(|(kind, date, status, prospect)| Engagement {
            id: String::new(),
            advocate: String::new(),
            story: String::new(),
            kind,
            date,
            status,
            prospect,
        })
}

/// A quote's text: any [`arb_text`] that is not blank (a blank one falls
/// back to a plain sentence).
pub fn arb_quote_text() -> impl Strategy<Value = String> {
    arb_text().prop_map(|text| if text.trim().is_empty() { "It just works.".to_string() } else { text })
}

/// A language code: mostly one of [`LANGUAGES`], sometimes any ISO 639-1
/// code.
pub fn arb_language() -> impl Strategy<Value = String> {
    let all: Vec<&'static str> = languages().map(|(code, _)| code).collect();
    prop_oneof![
        3 => select(LANGUAGES).prop_map(String::from),
        1 => select(all).prop_map(String::from),
    ]
}

/// A quote without its id, story and advocate, which `assemble` fills in.
fn arb_quote() -> impl Strategy<Value = (Index, Index, Quote)> {
    (
        any::<Index>(),
        any::<Index>(),
        arb_quote_text(),
        arb_language(),
        prop::option::weighted(0.4, arb_date()),
        subsequence(Channel::ALL, 1..=Channel::ALL.len()).prop_shuffle(),
    )
        .prop_map(|(story, advocate, text, language, approved_until, channels)| {
            let quote = Quote {
                id: String::new(),
                story: String::new(),
                advocate: String::new(),
                text,
                language,
                approved_until,
                channels,
            };
            (story, advocate, quote)
        })
}

/// How the ids of one generated library look; numbers are unpadded in one
/// style so that byte order differs from numeric order.
fn arb_id_style() -> impl Strategy<Value = u8> {
    0u8..3
}

fn make_id(style: u8, prefix: &str, n: usize) -> String {
    match style {
        0 => format!("{prefix}-{n}"),
        1 => format!("{prefix}{n:03}"),
        _ => format!("{}-ü{n}", prefix.to_uppercase()),
    }
}

/// A shuffled 0..n, so ids are unique but not in file order.
fn arb_permutation(n: usize) -> impl Strategy<Value = Vec<usize>> {
    Just((0..n).collect::<Vec<usize>>()).prop_shuffle()
}

struct Raw {
    style: u8,
    perms: [Vec<usize>; 4],
    policy: Policy,
    products: Vec<Product>,
    accounts: Vec<Account>,
    advocates: Vec<(Index, Advocate)>,
    stories: Vec<(Index, Vec<Index>, Vec<Index>, Story)>,
    engagements: Vec<(Index, Index, bool, bool, Engagement)>,
    opportunities: Vec<(Vec<Index>, Opportunity)>,
    figures: Vec<(Index, AccountFigure)>,
    quotes: Vec<(Index, Index, Quote)>,
    /// Draws the workflow histories and the hidden accounts.
    seed: u64,
}

/// A finite, non-negative amount of money, including values that only an
/// exact float round trip keeps.
fn arb_amount() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => (0u32..=5_000_000).prop_map(f64::from),
        2 => 0.0..1e7f64,
        1 => select(vec![0.0, 0.1, 1.0 / 3.0, 1e15, 999_999_999_999_999.9, f64::MIN_POSITIVE, 5e-324]),
    ]
}

/// An opportunity without ids; its prospect's products are fixed up to
/// the library's in `assemble`.
fn arb_opportunity() -> impl Strategy<Value = (Vec<Index>, Opportunity)> {
    (
        vec(any::<Index>(), 0..=3),
        arb_text(),
        arb_prospect(),
        arb_amount(),
        arb_text(),
        arb_span_date(),
        0i64..=400,
        select(OpportunityStatus::ALL),
    )
        .prop_map(|(picks, name, prospect, amount, stage, created, length, status)| {
            let opportunity = Opportunity {
                id: String::new(),
                name,
                prospect,
                amount,
                stage,
                created,
                close: created.saturating_add(length.days()),
                status,
                engagements: Vec::new(),
            };
            (picks, opportunity)
        })
}

/// An account figure without its account; at least one figure is given.
fn arb_account_figure() -> impl Strategy<Value = (Index, AccountFigure)> {
    let revenue = prop_oneof![1e3..1e11f64, select(vec![0.5, 1.0 / 3.0, 1e15, f64::MIN_POSITIVE])];
    (
        any::<Index>(),
        arb_span_date(),
        prop::option::weighted(0.7, arb_employees()),
        prop::option::weighted(0.6, revenue),
        arb_employees(),
    )
        .prop_map(|(at, date, employees, revenue, fallback)| {
            let employees = if revenue.is_none() { employees.or(Some(fallback)) } else { employees };
            (at, AccountFigure { account: String::new(), date, employees, revenue })
        })
}

fn dedup_keep_order(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn assemble(raw: Raw) -> LibraryData {
    let Raw {
        style,
        perms,
        policy,
        products,
        mut accounts,
        advocates,
        stories,
        engagements,
        opportunities,
        figures,
        quotes,
        seed,
    } = raw;
    let [acc_ids, adv_ids, story_ids, eng_ids] = perms;
    for (i, account) in accounts.iter_mut().enumerate() {
        account.id = make_id(style, "acc", acc_ids[i]);
    }

    let mut advocate_account = Vec::with_capacity(advocates.len());
    let advocates: Vec<Advocate> = advocates
        .into_iter()
        .enumerate()
        .map(|(i, (at, mut advocate))| {
            let a = at.index(accounts.len());
            advocate.id = make_id(style, "adv", adv_ids[i]);
            advocate.account = accounts[a].id.clone();
            advocate_account.push(a);
            advocate
        })
        .collect();

    let mut story_account = Vec::with_capacity(stories.len());
    let stories: Vec<Story> = stories
        .into_iter()
        .enumerate()
        .map(|(i, (at, product_picks, advocate_picks, mut story))| {
            let a = at.index(accounts.len());
            story.id = make_id(style, "story", story_ids[i]);
            story.account = accounts[a].id.clone();
            if !products.is_empty() {
                story.products =
                    dedup_keep_order(product_picks.iter().map(|p| p.get(&products).id.clone()).collect());
            }
            let colleagues: Vec<usize> = (0..advocates.len()).filter(|&v| advocate_account[v] == a).collect();
            if !colleagues.is_empty() {
                story.advocates = dedup_keep_order(
                    advocate_picks.iter().map(|p| advocates[*p.get(&colleagues)].id.clone()).collect(),
                );
            }
            story_account.push(a);
            story
        })
        .collect();

    // Advocates with at least one story at their account can have ledger
    // entries; the first third of them get the "hot" half of the entries,
    // so some advocates reach their caps.
    let eligible: Vec<usize> =
        (0..advocates.len()).filter(|&v| story_account.contains(&advocate_account[v])).collect();
    let hot = &eligible[..eligible.len().div_ceil(3)];
    let mut ledger = Vec::new();
    if !eligible.is_empty() {
        for (advocate_pick, story_pick, is_hot, prefer_listed, mut engagement) in engagements {
            let v = if is_hot { *advocate_pick.get(hot) } else { *advocate_pick.get(&eligible) };
            let advocate = &advocates[v];
            let listing: Vec<usize> =
                (0..stories.len()).filter(|&s| stories[s].advocates.contains(&advocate.id)).collect();
            let same_account: Vec<usize> =
                (0..stories.len()).filter(|&s| story_account[s] == advocate_account[v]).collect();
            let s = if prefer_listed && !listing.is_empty() {
                *story_pick.get(&listing)
            } else {
                *story_pick.get(&same_account)
            };
            engagement.id = make_id(style, "eng", eng_ids[ledger.len()]);
            engagement.advocate = advocate.id.clone();
            engagement.story = stories[s].id.clone();
            ledger.push(engagement);
        }
    }

    let product_ids: Vec<&str> = products.iter().map(|p| p.id.as_str()).collect();
    let opportunities = opportunities
        .into_iter()
        .enumerate()
        .map(|(i, (picks, mut opportunity))| {
            opportunity.id = make_id(style, "opp", i);
            opportunity.prospect.products.retain(|p| product_ids.contains(&p.as_str()));
            if !ledger.is_empty() {
                opportunity.engagements =
                    dedup_keep_order(picks.iter().map(|p| p.get(&ledger).id.clone()).collect());
            }
            opportunity
        })
        .collect();
    let mut account_figures: Vec<AccountFigure> = Vec::new();
    for (at, mut figure) in figures {
        figure.account = at.get(&accounts).id.clone();
        if !account_figures.iter().any(|f| f.account == figure.account && f.date == figure.date) {
            account_figures.push(figure);
        }
    }

    // Quotes go to stories with tellers, said by one of them.
    let told: Vec<&Story> = stories.iter().filter(|s| !s.advocates.is_empty()).collect();
    let mut said = Vec::new();
    if !told.is_empty() {
        for (i, (story_pick, advocate_pick, mut quote)) in quotes.into_iter().enumerate() {
            let story = story_pick.get(&told);
            quote.id = make_id(style, "quote", i);
            quote.story = story.id.clone();
            quote.advocate = advocate_pick.get(&story.advocates).clone();
            said.push(quote);
        }
    }

    let mut draw = Draw(seed);
    let mut history = Vec::new();
    for engagement in &ledger {
        if draw.below(2) == 0 {
            history.push(history_of(engagement, &mut draw));
        }
    }
    let hidden_accounts = accounts.iter().filter(|_| draw.below(10) == 0).map(|a| a.id.clone()).collect();
    LibraryData {
        policy,
        products,
        accounts,
        advocates,
        stories,
        engagements: ledger,
        opportunities,
        account_figures,
        quotes: said,
        history,
        feedback: Vec::new(),
        hidden_accounts,
    }
}

/// SplitMix64 draws for the parts of a library built from one seed.
struct Draw(u64);

impl Draw {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

/// A workflow history that ends in `engagement`'s status: the request,
/// maybe an approval, then the last step; times in order, actors of every
/// role.
fn history_of(engagement: &Engagement, draw: &mut Draw) -> EngagementHistory {
    use EngagementStatus::*;
    let via_approval = draw.below(2) == 0;
    let path: Vec<EngagementStatus> = match engagement.status {
        Requested => vec![Requested],
        Approved => vec![Requested, Approved],
        Completed => vec![Requested, Approved, Completed],
        last if via_approval => vec![Requested, Approved, last],
        last => vec![Requested, last],
    };
    let actors = [
        Actor::sales_rep("rep-1"),
        Actor::owner("olga-owner"),
        Actor::admin("ada"),
        Actor::sales_rep("Ünï 😀"),
    ];
    let mut at: jiff::Timestamp = "2025-06-01T08:00:00Z".parse().expect("a time");
    let mut from = None;
    let steps = path
        .into_iter()
        .map(|to| {
            at = at
                .checked_add(jiff::SignedDuration::from_secs(draw.below(400_000) as i64))
                .expect("in range");
            let reasons = ["", "fits", "account in renewal, \"later\"\nmaybe"];
            let step = Transition {
                from,
                to,
                actor: actors[draw.below(actors.len() as u64) as usize].clone(),
                at,
                reason: reasons[draw.below(3) as usize].to_string(),
            };
            from = Some(to);
            step
        })
        .collect();
    EngagementHistory { engagement: engagement.id.clone(), steps }
}

/// Random VALID library data of at most `size` records of each kind.
///
/// Ids are unique per kind; every reference resolves; a story's advocates
/// work at its account; a ledger entry names an advocate and a story of the
/// same account (mostly a story that lists the advocate); a quote names a
/// story with tellers and one of them; industries and
/// countries are real codes; numbers are in their allowed ranges.
pub fn arb_library_data(size: Sizes) -> impl Strategy<Value = LibraryData> {
    // Most stories name one to three tellers, when their account has any.
    let tellers = prop_oneof![1 => Just(Vec::new()), 5 => vec(any::<Index>(), 1..=3)];
    let story = (any::<Index>(), vec(any::<Index>(), 0..=3), tellers, arb_story());
    let engagement = (
        any::<Index>(),
        any::<Index>(),
        prop::bool::weighted(0.5),
        prop::bool::weighted(0.85),
        arb_engagement(),
    );
    (
        arb_id_style(),
        (
            arb_permutation(size.accounts.max(1)),
            arb_permutation(size.advocates),
            arb_permutation(size.stories),
            arb_permutation(size.engagements),
        ),
        arb_policy(),
        arb_products(),
        vec(arb_account(), 1..=size.accounts.max(1)),
        vec((any::<Index>(), arb_advocate()), 0..=size.advocates),
        vec(story, 0..=size.stories),
        vec(engagement, 0..=size.engagements),
        (
            vec(arb_opportunity(), 0..=size.stories / 2),
            vec(arb_account_figure(), 0..=size.accounts),
            vec(arb_quote(), 0..=size.stories),
            any::<u64>(),
        ),
    )
        .prop_map(
            |(style, (a, v, s, e), policy, products, accounts, advocates, stories, engagements, extra)| {
                let (opportunities, figures, quotes, seed) = extra;
                assemble(Raw {
                    style,
                    perms: [a, v, s, e],
                    policy,
                    products,
                    accounts,
                    advocates,
                    stories,
                    engagements,
                    opportunities,
                    figures,
                    quotes,
                    seed,
                })
            },
        )
}

/// [`arb_library_data`] checked by [`Library::new`]. A validation failure
/// panics with the validation message: the strategy broke its promise.
pub fn arb_library(size: Sizes) -> impl Strategy<Value = Library> {
    arb_library_data(size).prop_map(|data| {
        Library::new(data).unwrap_or_else(|err| panic!("arb_library_data produced an invalid library: {err}"))
    })
}

/// Words a prospect's text is made of: the words of the libraries'
/// texts (titles, summaries, outcomes, use cases, quotes), some inflected
/// or cased otherwise, stop words, and words no story has.
fn text_words() -> Vec<String> {
    let mut words: Vec<String> = PLAIN_TEXTS
        .iter()
        .chain(USE_CASES)
        .chain(TRICKY_TEXTS)
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    words.extend(
        [
            "frauds",
            "Closing",
            "DETECTED",
            "the",
            "and",
            "of",
            "und",
            "le",
            "works",
            "just",
            "zzyzx",
            "Échéance",
            "real-time",
        ]
        .map(String::from),
    );
    words.sort();
    words.dedup();
    words
}

/// A prospect's text: 0 to 6 of [`text_words`], with spaces, commas or
/// hyphens between them (0 words: a blank text, which has no term).
pub fn arb_prospect_text() -> impl Strategy<Value = String> {
    (vec(select(text_words()), 0..=6), select(vec![" ", ", ", "-", "  "]))
        .prop_map(|(words, separator)| words.join(separator))
}

/// A prospect; every field optional, drawn from the vocabularies the
/// libraries use. The industry is sometimes a 2-digit or range sector.
pub fn arb_prospect() -> impl Strategy<Value = Prospect> {
    let mut product_ids: Vec<&'static str> = PRODUCTS.iter().map(|p| p.0).collect();
    product_ids.push("p-unknown");
    let industry = prop_oneof![
        3 => arb_industry_code(),
        1 => select(sector_codes()),
    ];
    (
        prop::option::weighted(0.7, industry),
        prop::option::weighted(0.6, arb_employees()),
        prop::option::weighted(0.7, arb_country()),
        subsequence(LANGUAGES, 0..=2).prop_shuffle(),
        vec(select(product_ids), 0..=3),
        vec(select(USE_CASES), 0..=3),
        prop::option::weighted(0.6, select(Seniority::ALL)),
        prop::option::weighted(0.5, select(COMPETITORS)),
        prop::option::weighted(0.5, arb_prospect_text()),
    )
        .prop_map(
            |(industry, employees, country, languages, products, use_cases, seniority, competitor, text)| {
                Prospect {
                    industry,
                    employees,
                    country,
                    languages: languages.into_iter().map(String::from).collect(),
                    products: dedup_keep_order(products.into_iter().map(String::from).collect()),
                    use_cases: use_cases.into_iter().map(String::from).collect(),
                    seniority,
                    competitor: competitor.map(String::from),
                    text,
                }
            },
        )
}
