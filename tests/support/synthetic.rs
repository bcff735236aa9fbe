//! A seeded synthetic library generator with the skew of a real reference
//! program: many accounts per sector (a few sectors dominate), a few to
//! several advocates per account, 1-3 stories per advocate, popular use
//! cases and products, and engagement histories where a minority of
//! advocates carries most of the load.
//!
//! Randomness is SplitMix64, written out here (a dozen lines) so that the
//! same seed gives the same library on every platform and every version of
//! every dependency, which benchmarks and tests rely on.

use jiff::ToSpan;
use jiff::civil::Date;
use refmatch::model::{
    Account, AccountStatus, Advocate, AdvocateStatus, Asset, AssetKind, DateRange, Engagement,
    EngagementKind, EngagementStatus, Outcome, Product, Seniority, Story,
};
use refmatch::rank::Request;
use refmatch::{LibraryData, Prospect};

/// SplitMix64 (Steele, Lea and Flood 2014).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Index `0..n` with probability falling as 1/(i+1): a Zipf-like skew.
    pub fn skewed(&mut self, n: usize) -> usize {
        let h: f64 = (1..=n).map(|i| 1.0 / i as f64).sum();
        let mut x = self.unit() * h;
        for i in 0..n {
            x -= 1.0 / (i + 1) as f64;
            if x <= 0.0 {
                return i;
            }
        }
        n - 1
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

pub const INDUSTRIES: &[&str] = &[
    "522110", "522180", "524126", "524114", "523150", "541511", "541512", "513210", "518210", "622110",
    "621111", "325412", "336390", "336110", "333248", "445110", "455110", "481111", "484121", "221122",
    "611310", "517111", "238220", "531120", "541611", "561320", "721110", "722511", "311811", "424210",
];

/// Countries with their main language, weighted by list position.
pub const COUNTRIES: &[(&str, &str)] = &[
    ("US", "en"),
    ("DE", "de"),
    ("GB", "en"),
    ("FR", "fr"),
    ("CA", "en"),
    ("JP", "ja"),
    ("BR", "pt"),
    ("NL", "nl"),
    ("AU", "en"),
    ("ES", "es"),
    ("IT", "it"),
    ("SG", "en"),
    ("IN", "en"),
    ("MX", "es"),
    ("CH", "de"),
    ("SE", "sv"),
    ("AT", "de"),
    ("AE", "ar"),
    ("ZA", "en"),
    ("KR", "ko"),
    ("PL", "pl"),
    ("CL", "es"),
    ("AR", "es"),
    ("BE", "fr"),
];

pub const USE_CASES: &[&str] = &[
    "fraud detection",
    "customer onboarding",
    "month-end close",
    "supply chain visibility",
    "claims automation",
    "demand forecasting",
    "regulatory reporting",
    "field service",
    "patient scheduling",
    "pricing optimization",
    "churn reduction",
    "procure to pay",
    "identity verification",
    "predictive maintenance",
    "contact center",
    "data migration",
    "cloud cost control",
    "sales forecasting",
    "inventory planning",
    "document automation",
    "risk scoring",
    "quality management",
    "fleet tracking",
    "energy monitoring",
    "student success",
    "loyalty programs",
    "payments modernization",
    "talent acquisition",
    "it service management",
    "esg reporting",
    "credit decisioning",
    "warehouse automation",
    "route planning",
    "clinical trials",
    "sanctions screening",
    "revenue recognition",
    "vendor risk",
    "customer 360",
    "digital banking",
    "self service portal",
];

pub const COMPETITORS: &[&str] =
    &["Ledgerly", "Omnisuite", "Corvanta", "Hexabyte", "Nimbus ERP", "Quartzline", "Stratify", "Veloxa"];

pub const PRODUCTS: usize = 30;

const SENIORITY: &[Seniority] = &[
    Seniority::Executive,
    Seniority::Vp,
    Seniority::Vp,
    Seniority::Director,
    Seniority::Director,
    Seniority::Director,
    Seniority::Manager,
    Seniority::Manager,
    Seniority::Individual,
];

const ASSETS: &[AssetKind] = &[
    AssetKind::CaseStudy,
    AssetKind::Video,
    AssetKind::Quote,
    AssetKind::Slides,
    AssetKind::Podcast,
    AssetKind::PressArticle,
    AssetKind::Review,
];

fn date(rng: &mut Rng, from: Date, span_days: usize) -> Date {
    from.checked_add((rng.below(span_days) as i64).days()).unwrap()
}

/// A library of about `candidates` (advocate, story) pairs, the same for
/// the same `(candidates, seed)`.
pub fn library(candidates: usize, seed: u64) -> LibraryData {
    let mut rng = Rng::new(seed);
    let mut data = LibraryData::default();
    for p in 0..PRODUCTS {
        data.products.push(Product {
            id: format!("prd-{p:02}"),
            name: format!("Product {p}"),
            family: format!("Family {}", p % 5),
        });
    }
    let history_start = Date::constant(2026, 6, 1);
    let mut remaining = candidates as i64;
    let mut a_no = 0usize;
    while remaining > 0 {
        let account_id = format!("acc-{a_no:07}");
        let (country, language) = COUNTRIES[rng.skewed(COUNTRIES.len())];
        let employees = 10f64.powf(1.7 + rng.unit() * 3.8) as u64;
        data.accounts.push(Account {
            id: account_id.clone(),
            name: format!("Account {a_no}"),
            industry: INDUSTRIES[rng.skewed(INDUSTRIES.len())].to_string(),
            employees,
            country: country.to_string(),
            status: if rng.chance(0.02) { AccountStatus::DoNotContact } else { AccountStatus::Active },
            owner: format!("owner-{}", rng.below(200)),
            owner_id: String::new(), // derived from the name on validation
            advisory_board: Vec::new(),
        });
        // Advocates of this account.
        let n_adv = 1 + rng.below(6);
        let first_adv = data.advocates.len();
        for _ in 0..n_adv {
            let id = format!("adv-{:08}", data.advocates.len());
            let mut languages = vec![language.to_string()];
            if language != "en" && rng.chance(0.8) {
                languages.push("en".to_string());
            }
            let mut kinds = vec![EngagementKind::ReferenceCall];
            for &kind in &EngagementKind::ALL[1..] {
                if rng.chance(0.25) {
                    kinds.push(kind);
                }
            }
            if rng.chance(0.05) {
                kinds.remove(0);
            }
            let status = match rng.below(100) {
                0..=89 => AdvocateStatus::Active,
                90..=93 => AdvocateStatus::Paused,
                94..=97 => AdvocateStatus::Departed,
                _ => AdvocateStatus::DoNotContact,
            };
            let seniority = *rng.pick(SENIORITY);
            let blackouts = if rng.chance(0.05) {
                let start = date(&mut rng, Date::constant(2026, 11, 1), 120);
                vec![DateRange { start, end: start.checked_add((rng.below(30) as i64).days()).unwrap() }]
            } else {
                Vec::new()
            };
            data.advocates.push(Advocate {
                id,
                account: account_id.clone(),
                name: format!("Person {}", data.advocates.len()),
                title: "Title".to_string(),
                seniority,
                languages,
                kinds,
                status,
                cap: (seniority == Seniority::Executive && rng.chance(0.3)).then_some(2),
                window_days: None,
                rest_days: None,
                blackouts,
            });
        }
        // Stories: about one per advocate, each told by 1-3 of them, so an
        // advocate has 1-3 stories.
        let advocates: Vec<String> = data.advocates[first_adv..].iter().map(|a| a.id.clone()).collect();
        let n_stories = n_adv.max(1);
        for s in 0..n_stories {
            let mut tellers = vec![advocates[s % n_adv].clone()];
            for _ in 0..rng.below(3) {
                let other = rng.pick(&advocates).clone();
                if !tellers.contains(&other) {
                    tellers.push(other);
                }
            }
            remaining -= tellers.len() as i64;
            let id = format!("sty-{:08}", data.stories.len());
            let mut use_cases = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let tag = USE_CASES[rng.skewed(USE_CASES.len())].to_string();
                if !use_cases.contains(&tag) {
                    use_cases.push(tag);
                }
            }
            let mut products = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let p = format!("prd-{:02}", rng.skewed(PRODUCTS));
                if !products.contains(&p) {
                    products.push(p);
                }
            }
            let outcomes = (0..rng.below(4))
                .map(|o| Outcome {
                    metric: format!("metric {o}"),
                    value: rng.chance(0.8).then(|| (rng.below(900) as f64) / 10.0),
                    unit: "%".to_string(),
                    description: "improved".to_string(),
                })
                .collect();
            let assets = (0..rng.below(3))
                .map(|_| Asset {
                    kind: *rng.pick(ASSETS),
                    location: "https://example.com/a".to_string(),
                    approved_until: rng.chance(0.3).then(|| date(&mut rng, Date::constant(2026, 1, 1), 900)),
                })
                .collect();
            data.stories.push(Story {
                id,
                account: account_id.clone(),
                title: "Story".to_string(),
                summary: String::new(),
                products,
                use_cases,
                advocates: tellers,
                outcomes,
                competitors: if rng.chance(0.3) {
                    vec![COMPETITORS[rng.skewed(COMPETITORS.len())].to_string()]
                } else {
                    Vec::new()
                },
                assets,
                verified_on: date(&mut rng, Date::constant(2021, 1, 1), 365 * 6),
                approved: rng.chance(0.92),
                approved_until: rng.chance(0.3).then(|| date(&mut rng, Date::constant(2026, 6, 1), 900)),
            });
        }
        // Engagements: most advocates have none, a few have many.
        for a in first_adv..data.advocates.len() {
            let load = match rng.below(100) {
                0..=54 => 0,
                55..=84 => 1 + rng.below(2),
                85..=96 => 2 + rng.below(4),
                _ => 5 + rng.below(6),
            };
            let advocate = data.advocates[a].id.clone();
            let told: Vec<String> = data
                .stories
                .iter()
                .rev()
                .take(n_stories)
                .filter(|s| s.advocates.contains(&advocate))
                .map(|s| s.id.clone())
                .collect();
            if told.is_empty() {
                continue;
            }
            for _ in 0..load {
                let status = match rng.below(10) {
                    0..=4 => EngagementStatus::Completed,
                    5..=6 => EngagementStatus::Approved,
                    7 => EngagementStatus::Requested,
                    8 => EngagementStatus::Declined,
                    _ => EngagementStatus::Cancelled,
                };
                data.engagements.push(Engagement {
                    id: format!("eng-{:08}", data.engagements.len()),
                    advocate: advocate.clone(),
                    story: rng.pick(&told).clone(),
                    kind: EngagementKind::ReferenceCall,
                    date: date(&mut rng, history_start, 300),
                    status,
                    prospect: None,
                });
            }
        }
        a_no += 1;
    }
    data
}

/// A prospect drawn from the generator's vocabularies, with a request for a
/// reference call on a day in the generator's engagement span.
pub fn query(rng: &mut Rng) -> (Prospect, Request) {
    let mut prospect = Prospect::new();
    if rng.chance(0.9) {
        let code = INDUSTRIES[rng.skewed(INDUSTRIES.len())];
        let len = *rng.pick(&[2usize, 3, 4, 6, 6, 6]);
        let code = if len == 2 {
            refmatch::taxonomy::naics().sector(code).unwrap().code.clone()
        } else {
            code[..len].to_string()
        };
        prospect.industry = Some(code);
    }
    if rng.chance(0.9) {
        prospect.employees = Some(10f64.powf(1.7 + rng.unit() * 3.8) as u64);
    }
    if rng.chance(0.9) {
        prospect.country = Some(COUNTRIES[rng.skewed(COUNTRIES.len())].0.to_string());
    }
    for _ in 0..1 + rng.below(3) {
        prospect.use_cases.push(USE_CASES[rng.skewed(USE_CASES.len())].to_string());
    }
    for _ in 0..rng.below(3) {
        prospect.products.push(format!("prd-{:02}", rng.skewed(PRODUCTS)));
    }
    if rng.chance(0.8) {
        prospect.seniority = Some(*rng.pick(SENIORITY));
    }
    if rng.chance(0.4) {
        prospect.competitor = Some(COMPETITORS[rng.below(COMPETITORS.len())].to_string());
    }
    let day = date(rng, Date::constant(2026, 11, 1), 120);
    let mut request = Request::new(EngagementKind::ReferenceCall, day);
    if rng.chance(0.5) {
        request.languages.push(COUNTRIES[rng.skewed(COUNTRIES.len())].1.to_string());
    }
    (prospect, request)
}

/// Openings of synthetic summaries, by language of the quote templates.
const SUMMARY_OPENINGS: &[&str] = &[
    "replaced a legacy core and now runs",
    "moved from spreadsheets to",
    "consolidated three regional systems into",
    "rolled out in twelve weeks",
    "standardised every business unit on",
    "cut manual work with",
];

const SUMMARY_CLOSINGS: &[&str] = &[
    "Real-time scoring flags risky payments before they settle.",
    "Teams in every region work from one set of numbers.",
    "The finance team closes the books two days earlier.",
    "Auditors now rely on the system's own reports.",
    "Customers sign up from their phone without paperwork.",
    "Field crews are scheduled from sensor alerts.",
    "Support agents see the whole customer history on one screen.",
    "Suppliers are paid on time and stopped chasing invoices.",
];

/// Quote templates per language: `{case}` and `{product}` are filled in.
const QUOTE_TEMPLATES: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "With {product}, {case} finally runs in real time and our teams trust the numbers again.",
            "{case} used to take us days of manual work. Now it takes minutes.",
            "I would recommend {product} to any team that is serious about {case}.",
        ],
    ),
    (
        "de",
        &[
            "Mit {product} läuft unsere {case} endlich in Echtzeit, und die Fachbereiche vertrauen den Zahlen wieder.",
            "Früher hat uns {case} Tage gekostet. Heute sind es Minuten.",
        ],
    ),
    (
        "fr",
        &[
            "Avec {product}, {case} se fait enfin en temps réel et nos équipes font de nouveau confiance aux chiffres.",
            "Je recommande {product} à toute équipe qui prend {case} au sérieux.",
        ],
    ),
    (
        "es",
        &[
            "Con {product}, {case} por fin funciona en tiempo real y los equipos vuelven a confiar en los datos.",
            "Recomiendo {product} a cualquier equipo que se tome en serio {case}.",
        ],
    ),
    (
        "it",
        &["Con {product} {case} funziona finalmente in tempo reale e i team si fidano di nuovo dei numeri."],
    ),
    (
        "pt",
        &[
            "Com {product}, {case} finalmente funciona em tempo real e as equipes voltaram a confiar nos números.",
        ],
    ),
];

/// Adds text to a [`library`]: a summary for every story (its use cases,
/// products, displaced competitor and outcomes in words), outcome
/// descriptions, and 0-2 quotes per story from its tellers, in the
/// teller's language when quotes are written in it (en, de, fr, es, it,
/// pt), else English. Draws from its own random stream, so
/// `library(candidates, seed)` itself is unchanged.
pub fn with_text(mut data: LibraryData, seed: u64) -> LibraryData {
    use refmatch::model::{Channel, Quote};
    let mut rng = Rng::new(seed ^ 0x7E47_5EA2_C4A1_0001);
    let languages: std::collections::HashMap<String, Vec<String>> =
        data.advocates.iter().map(|a| (a.id.clone(), a.languages.clone())).collect();
    let mut quotes = Vec::new();
    for story in &mut data.stories {
        let cases = story.use_cases.join(" and ");
        let products: Vec<String> = story.products.iter().map(|p| format!("Product {}", &p[4..])).collect();
        let mut summary = format!(
            "Account {} {} {} for {}.",
            &story.account[4..],
            rng.pick(SUMMARY_OPENINGS),
            products.join(", "),
            cases
        );
        if let Some(rival) = story.competitors.first() {
            summary.push_str(&format!(" It replaced {rival}."));
        }
        summary.push(' ');
        let closing = SUMMARY_CLOSINGS[rng.below(SUMMARY_CLOSINGS.len())];
        summary.push_str(closing);
        for outcome in &mut story.outcomes {
            outcome.description = match outcome.value {
                Some(v) => format!("{v}% better {} for {}", outcome.metric, story.use_cases[0]),
                None => format!("{} improved for {}", outcome.metric, story.use_cases[0]),
            };
            summary.push(' ');
            summary.push_str(&outcome.description);
            summary.push('.');
        }
        story.title = format!("{} with {}", story.use_cases[0], products[0]);
        story.summary = summary;
        for _ in 0..rng.below(3) {
            let advocate = rng.pick(&story.advocates).clone();
            let spoken = &languages[&advocate];
            let templates = QUOTE_TEMPLATES
                .iter()
                .find(|(lang, _)| spoken.iter().any(|s| s == lang) && (*lang != "en" || rng.chance(0.5)))
                .unwrap_or(&QUOTE_TEMPLATES[0]);
            let template = *rng.pick(templates.1);
            let case = rng.pick(&story.use_cases).clone();
            let product = rng.pick(&products).clone();
            let text = template.replace("{case}", &case).replace("{product}", &product);
            quotes.push(Quote {
                id: format!("qt-{:08}", quotes.len()),
                story: story.id.clone(),
                advocate,
                text,
                language: templates.0.to_string(),
                approved_until: rng.chance(0.3).then(|| date(&mut rng, Date::constant(2026, 1, 1), 900)),
                channels: vec![Channel::SalesDeck, Channel::Web],
            });
        }
    }
    data.quotes = quotes;
    data
}

/// What reps type about a prospect, in pieces.
const TEXT_PIECES: &[&str] = &[
    "real-time fraud scoring",
    "replaced a legacy core",
    "moving off spreadsheets",
    "month-end close takes too long",
    "sensor alerts for field crews",
    "suppliers chasing invoices",
    "customers sign up from their phone",
    "one set of numbers for every region",
    "auditors rely on reports",
    "Echtzeit Zahlen",
    "temps réel",
    "rolled out in weeks",
];

/// A prospect's text: two to four [`TEXT_PIECES`], sometimes a use case
/// or a competitor of the generator's, joined with commas.
pub fn prospect_text(rng: &mut Rng) -> String {
    let mut pieces: Vec<String> = (0..2 + rng.below(3)).map(|_| rng.pick(TEXT_PIECES).to_string()).collect();
    if rng.chance(0.5) {
        pieces.push(USE_CASES[rng.skewed(USE_CASES.len())].to_string());
    }
    if rng.chance(0.3) {
        pieces.push(format!("replacing {}", COMPETITORS[rng.below(COMPETITORS.len())]));
    }
    pieces.join(", ")
}
