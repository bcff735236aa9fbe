//! Match customer advocates and reference stories to the prospects a sales
//! team is working, explain every suggestion, and keep the same customers
//! from being asked over and over.
//!
//! # Brief overview
//!
//! - [`Library`]: the checked story model: products, accounts, the
//!   advocates who speak for them, their stories (with outcomes and
//!   assets), the engagement ledger, sales opportunities and the program
//!   [`Policy`]. Get one
//!   from [`Library::new`], [`Library::sample`], [`io::load_json`] or
//!   [`io::csv::load_dir`].
//! - [`Index`]: a library compiled for ranking. [`Index::rank_advocates`]
//!   returns the best advocates for a [`Prospect`] and a [`Request`], each
//!   with its [`Explanation`](rank::Explanation) (a factor table and a
//!   sentence to read aloud); [`Index::rank`] returns the same list in a
//!   [`Ranking`](rank::Ranking) that says when no match reaches the
//!   relevance floor, what each rule excluded and who is held back until
//!   when; [`Index::explain`] says why anyone is or is not a match;
//!   [`Index::next_available`] when they are free; [`Index::rank_stories`]
//!   ranks content; [`Index::rank_many`] and [`Index::score_matrix`] serve
//!   many prospects at once. The scoring model (eligibility rules E1-E9,
//!   factors, floor, ties) is documented in [`rank`]. Every result
//!   serializes with serde, names included.
//! - [`ledger::Program`]: the fatigue-protection ledger shared across
//!   threads: requests and their approval workflow, rights per role,
//!   caps and rest periods enforced atomically, ranking that sees every
//!   request at once, and a crash-safe JSON Lines log.
//! - [`allocate`]: many open deals at once: [`allocate::Planner`] gives
//!   scarce advocates to a batch of requests exactly (most slots filled,
//!   then the highest total score, as a min-cost flow) and proposes group
//!   sessions for what stays unfilled.
//! - [`analytics`]: what the program reports to executives: the
//!   leverage audit ([`analytics::audit`]) and the metrics that tie
//!   references to revenue ([`analytics::metrics::ProgramMetrics`]:
//!   influenced pipeline, win rates with and without a reference, request
//!   outcomes, utilization, coverage gaps, board retention, account growth,
//!   concentration, trends), and with the `charts` feature (on by default)
//!   their SVG charts ([`analytics::charts`]).
//! - [`eval`]: ranking quality you can measure: graded [`eval::Judgments`]
//!   (JSON, CSV, derived from won deals), NDCG@k, precision, recall, MRR
//!   and coverage per query and overall, two configurations compared with
//!   a paired randomization test, weights tuned with cross-validation.
//! - [`search`] (feature `search`, on by default): full-text search over
//!   story titles, summaries, outcomes, use cases and customer quotes
//!   ([`model::Quote`]), BM25-ranked with per-language stemming, phrases,
//!   prefixes, filters, facets and highlighted snippets.
//! - [`score`]: the factor similarities on their own.
//! - [`taxonomy`]: the embedded NAICS 2022 and ISO 3166-1 tables, and
//!   resolution of industry labels such as "commercial banks" to codes.
//! - [`io`]: JSON load and atomic save, CSV import of CRM exports.
//!
//! # Example
//!
//! Rank the sample program's advocates for a German bank replacing a
//! competitor, read why the first one was chosen, and why the program's
//! busiest advocate was not:
//!
//! ```
//! use refmatch::model::{EngagementKind, Seniority};
//! use refmatch::rank::Verdict;
//! use refmatch::{Date, Index, Library, Prospect, Request};
//!
//! let library = Library::sample();
//! // Compile once; rank as often as you like, from any thread.
//! let index = Index::new(library);
//!
//! let prospect = Prospect::new()
//!     .with_industry("commercial banking") // a NAICS code or a title
//!     .with_employees(3_000)
//!     .with_country("DE")
//!     .with_competitor("Omnisuite")
//!     .with_use_case("fraud detection")
//!     .with_use_case("customer onboarding")
//!     .with_seniority(Seniority::Vp);
//! let day: Date = "2026-12-01".parse()?;
//! let request = Request::new(EngagementKind::ReferenceCall, day);
//!
//! let ranking = index.rank(&prospect, &request)?;
//! // "5 matches at or above the relevance floor 0.35. 2 stronger matches
//! // are held back: ...; the best, Dr. Katharina Wendler (adv-036, ...),
//! // is free from 2026-12-14."
//! println!("{}", ranking.summary());
//! assert_eq!(ranking.matches.len(), 5);
//! let best = &ranking.matches[0];
//! // In a sentence, then every present factor with its weight over the
//! // total weight and its contribution, then availability.
//! println!("{} telling {}: {}", best.advocate_name(), best.story_title(), best.explanation.summary());
//! println!("{}", best.explanation);
//! assert!(best.explanation.factors.iter().any(|f| f.factor.name() == "competitor"));
//!
//! match index.explain("adv-036", &prospect, &request)? {
//!     Verdict::Excluded(why) => assert_eq!(why.rule(), "E6"), // at capacity
//!     Verdict::Eligible(found) => panic!("adv-036 is at her cap, yet scored {}", found.score),
//! }
//! assert!(index.next_available("adv-036", day)?.is_some_and(|free| free > day));
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod allocate;
pub mod analytics;
pub mod eval;
pub mod io;
pub mod ledger;
pub mod model;
pub mod rank;
pub mod score;
#[cfg(feature = "search")]
pub mod search;
pub mod taxonomy;
pub mod text;

pub use jiff::civil::Date;
pub use model::{Library, LibraryData, Policy, Prospect, ValidationError, Weights};
pub use rank::{AdvocateMatch, Index, Request};
