//! Ranking quality you can measure: graded judgments, the measures IR
//! uses (NDCG@k, precision@k, recall@k, MRR, coverage of the judged set),
//! comparisons of two ranking configurations with a paired randomization
//! test, and weight tuning with cross-validation.
//!
//! This module owns the judgment set ([`Judgments`], its JSON and CSV
//! formats, its checks), the derivation of judgments from history
//! ([`implicit`]), the measures ([`Metrics`]), and the [`Evaluator`] that
//! ranks judged queries under a [`Config`], compares two
//! ([`Comparison`]) and tunes weights ([`Tuning`]). It ranks through the
//! public API of [`crate::rank`] (one adapter, `engine.rs`) and reads
//! history with [`crate::analytics::metrics`]'s notion of a referenced
//! deal; speed is [`crate::rank`]'s business and `benches/`'.
//!
//! # Judgments
//!
//! A judged **query** is a prospect plus what to rank for it: advocates
//! for an engagement kind, or stories with an asset kind, on a day. Its
//! **judgments** grade advocates (or stories) of the library from 0 to 3:
//!
//! | grade | meaning |
//! | --- | --- |
//! | 3 | ideal: the reference a manager would pick first |
//! | 2 | good: a strong fit on what matters |
//! | 1 | acceptable: relevant, clearly not the best |
//! | 0 | not a fit, or must not be proposed (departed, do not contact) |
//!
//! Judgments are data, never computed by the ranking they judge. The
//! crate ships a judged sample for [`Library::sample`](crate::Library::sample)
//! ([`Judgments::sample`], `data/judgments.json`, `data/JUDGMENTS.md`).
//!
//! **Checks** ([`Judgments::new`], and every loader) report every problem
//! at once, each with its place (a JSON path or a CSV row and column), the
//! query id and the judged id: an unknown advocate or story id, a grade
//! outside 0-3, a query with no judgments or none above 0, a duplicate
//! query or judgment, a prospect the engine would refuse (unknown
//! industry, country or product, an unknown excluded account), a missing
//! engagement or asset kind, and the ranges of [`crate::model::limits`]:
//! ids 1 to 128 bytes, labels (languages, use cases, industry, country,
//! competitor) at most 256 bytes, notes at most 20,000 bytes, lists (and
//! the judgments of one query) at most 1,000 items, at most 10,000
//! queries, dates 1900-01-01 to 2199-12-31, employees 1 to 10^9,
//! `max_per_account` 1 to 10,000.
//!
//! ## JSON
//!
//! The shape of [`JudgmentsData`] ([`Judgments::load_json`]); unknown
//! fields are refused:
//!
//! ```json
//! {
//!   "queries": [
//!     {
//!       "id": "p01-advocates",
//!       "prospect": { "industry": "522110", "employees": 3000, "country": "DE",
//!                     "use_cases": ["fraud detection"], "competitor": "Omnisuite" },
//!       "rank": "advocates",
//!       "kind": "reference_call",
//!       "date": "2026-12-01",
//!       "judgments": [
//!         { "id": "adv-106", "grade": 3, "note": "German bank of 3,400, fraud and onboarding, replaced Omnisuite" },
//!         { "id": "adv-036", "grade": 0, "note": "at her cap on the day" }
//!       ]
//!     },
//!     {
//!       "id": "p01-stories", "prospect": { "industry": "522110" },
//!       "rank": "stories", "asset_kind": "case_study", "date": "2026-12-01",
//!       "judgments": [ { "id": "sty-094", "grade": 3 } ]
//!     }
//!   ]
//! }
//! ```
//!
//! | field | required | content |
//! | --- | --- | --- |
//! | `id` | yes | unique query id |
//! | `prospect` | yes | a [`Prospect`](crate::Prospect), every field optional |
//! | `rank` | yes | `advocates` or `stories` |
//! | `kind` | advocates | [`EngagementKind`](crate::model::EngagementKind), e.g. `reference_call` |
//! | `asset_kind` | stories | [`AssetKind`](crate::model::AssetKind), e.g. `case_study` |
//! | `date` | yes | the day needed, `YYYY-MM-DD` |
//! | `languages` | no | advocates only: languages any of which the advocate speaks; default the prospect's |
//! | `max_per_account` | no | results per account, default 1 |
//! | `exclude_accounts` | no | account ids to leave out |
//! | `judgments` | yes | `{ "id", "grade", "note" }`: advocate or story id, 0 to 3, optional free text |
//!
//! ## CSV
//!
//! One table, one row per judgment ([`Judgments::load_csv`]), in the cell
//! conventions of [`crate::io::csv`] (header row; columns by name, any
//! order, case, spaces and punctuation ignored; unknown columns refused;
//! lists split on `;`; days `YYYY-MM-DD`; rows numbered as a spreadsheet
//! does, the header being row 1). Rows with the same `query` form one query; its first row
//! gives the query's columns, and a later row leaves each of them empty or
//! repeats it exactly ([`Judgments::to_csv_string`] writes them on the
//! first row only).
//!
//! | column | required | content |
//! | --- | --- | --- |
//! | `query` | yes | query id |
//! | `rank` | yes | `advocates` or `stories` |
//! | `kind` | no | engagement kind (advocates) |
//! | `asset_kind` | no | asset kind (stories) |
//! | `date` | yes | day |
//! | `languages` | no | list (advocates) |
//! | `max_per_account` | no | whole number |
//! | `exclude_accounts` | no | list of account ids |
//! | `industry`, `employees`, `country`, `prospect_languages`, `products`, `use_cases`, `seniority`, `competitor` | no | the prospect's fields; lists for languages, products, use cases |
//! | `id` | yes | advocate or story id |
//! | `grade` | yes | 0 to 3 |
//! | `note` | no | text |
//!
//! ```text
//! query,rank,kind,date,industry,employees,country,use_cases,competitor,id,grade,note
//! p01-advocates,advocates,reference_call,2026-12-01,522110,3000,DE,fraud detection,Omnisuite,adv-106,3,replaced Omnisuite
//! p01-advocates,,,,,,,,,adv-036,0,at her cap on the day
//! ```
//!
//! # Measures
//!
//! Per query and as means over all queries (and over the queries ranking
//! advocates, and stories, apart), at one cutoff `k` ([`Options::k`],
//! default 5), as trec_eval defines them: NDCG@k is `ndcg_cut` (gain = the
//! grade, discount `log2(rank + 1)`, ideal from the judged set), precision
//! is `P.k`, recall `recall.k`, MRR the mean of `recip_rank` on the list
//! cut at `k`; an entry is relevant from grade 1. Coverage is the share of
//! the returned top `k` that is judged. Details in [`Metrics`].
//!
//! # Configurations, comparison, tuning
//!
//! A [`Config`] is one way of ranking: the policy (cap, window, rest days,
//! the nine factor weights) and whether advocates carry the availability
//! discount; it grows as the engine gains settings. [`Evaluator::evaluate`]
//! ranks every judged query under it; [`Evaluator::compare`] ranks under
//! two and reports per-query NDCG@k deltas, wins, losses and ties, the
//! p-value of a paired randomization test ([`randomization_test`]) and the
//! queries whose top `k` changed most, with both lists;
//! [`Evaluator::tune`] runs coordinate ascent over the weights with k-fold
//! cross-validation and returns tuned [`Weights`](crate::Weights) with
//! train and test NDCG for the starting and the tuned weights. All three
//! are deterministic: rankings are, and the random streams are seeded
//! ChaCha8.
//!
//! **Without the availability discount.** The engine has no switch for
//! it, so [`Config::availability`]` = false` ranks on a copy of the index
//! whose advocates have no caps of their own, with the program's cap
//! lifted to 1,000: availability (`1 - 0.5 * used / cap`) then moves
//! scores by less than 0.2 %. It asks for more results than `k`, with no
//! per-account limit, leaves out those at their real cap (rule E6 still
//! holds, as do all the others), and orders the rest by relevance, which
//! every result's explanation carries. The list is exact, not
//! approximately so: it is accepted once the k-th relevance is above the
//! most any advocate left out could have (its lifted score divided by its
//! least possible availability), and asked again deeper otherwise. The
//! copy is built once per [`Evaluator`], on first use.
//!
//! # Example
//!
//! ```
//! use refmatch::eval::{Config, Evaluator, Judgments, Options, TuneOptions};
//! use refmatch::{Index, Library};
//!
//! let index = Index::new(Library::sample());
//! let judgments = Judgments::sample();
//! let evaluator = Evaluator::new(&index, &judgments, Options::default())?;
//!
//! let default = Config::of(&index);
//! let evaluation = evaluator.evaluate(&default)?;
//! assert!(evaluation.mean.ndcg > 0.0 && evaluation.mean.ndcg <= 1.0);
//!
//! // Does the availability discount help, by these judgments?
//! let comparison = evaluator.compare(&default, &default.clone().with_availability(false))?;
//! assert_eq!(comparison.wins + comparison.losses + comparison.ties, judgments.queries().len());
//!
//! let tuning = evaluator.tune(&default, &TuneOptions::default())?;
//! println!("test NDCG@5 {:.3} -> {:.3}", tuning.test_default, tuning.test_tuned);
//! # let _ = tuning.weights;
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod compare;
mod config;
mod csv;
mod engine;
mod error;
mod evaluate;
pub mod implicit;
mod json;
mod judgments;
mod metrics;
mod ranking;
mod sample;
mod tune;
mod validate;

pub use compare::{Change, Comparison, EXACT_MAX_QUERIES, QueryDelta, Randomization, randomization_test};
pub use config::{Config, Options};
pub use error::{EvalError, JudgmentsError, Problem, ProblemKind};
pub use evaluate::{Evaluation, Evaluator, QueryResult, Ranked};
pub use judgments::{Ask, JudgmentData, Judgments, JudgmentsData, Query, QueryData, Target};
pub use metrics::Metrics;
pub use tune::{Fold, TuneOptions, Tuning};
