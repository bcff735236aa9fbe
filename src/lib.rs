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
//!   with its [`Explanation`](rank::Explanation); [`Index::explain`] says
//!   why anyone is or is not a match; [`Index::rank_stories`] ranks content;
//!   [`Index::rank_many`] and [`Index::score_matrix`] serve many prospects
//!   at once. The scoring model (eligibility rules, factors, ties) is
//!   documented in [`rank`].
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
//!   outcomes, utilization, coverage gaps, board retention, account growth).
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
//! let matches = index.rank_advocates(&prospect, &request)?;
//! assert_eq!(matches.len(), 5);
//! let best = &matches[0];
//! // Every present factor, its weight and contribution, then availability.
//! println!("{} telling {}:\n{}", best.advocate, best.story, best.explanation);
//! assert!(best.explanation.factors.iter().any(|f| f.factor.name() == "competitor"));
//!
//! match index.explain("adv-036", &prospect, &request)? {
//!     Verdict::Excluded(why) => assert_eq!(why.rule(), "E6"), // at capacity
//!     Verdict::Eligible(found) => panic!("adv-036 is at her cap, yet scored {}", found.score),
//! }
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod allocate;
pub mod analytics;
pub mod io;
pub mod ledger;
pub mod model;
pub mod rank;
pub mod score;
#[cfg(feature = "search")]
pub mod search;
pub mod taxonomy;

pub use jiff::civil::Date;
pub use model::{Library, LibraryData, Policy, Prospect, ValidationError, Weights};
pub use rank::{AdvocateMatch, Index, Request};
