//! Ranking advocates and stories for a prospect: the default scoring model,
//! version 1.
//!
//! Compile a [`Library`](crate::Library) into an [`Index`] once, then ask
//! it as often as you like, from as many threads as you like:
//! [`Index::rank_advocates`] for people, [`Index::rank_stories`] for
//! content, [`Index::explain`] for why one advocate is (not) a match,
//! [`Index::rank_many`] and [`Index::score_matrix`] for many prospects at
//! once. The factor similarities themselves live in [`crate::score`].
//!
//! # The model
//!
//! A **candidate** is an advocate together with one story the advocate is
//! listed on; an advocate with three stories is three candidates. A query
//! is a [`Prospect`](crate::Prospect) (what the rep knows of the company)
//! and a [`Request`] (engagement kind, the day `d` it is needed, languages,
//! how many results `k`, at most how many per account, accounts to leave
//! out).
//!
//! **Who can be asked.** A candidate is dropped when any of these holds:
//!
//! | rule | dropped when |
//! | --- | --- |
//! | E1 status | the advocate is not `active`, or the account is `do_not_contact` |
//! | E2 kind | the advocate does not accept the requested engagement kind |
//! | E3 language | the request names languages (else the prospect does) and the advocate speaks none |
//! | E4 blackout | `d` is inside one of the advocate's blackouts, both ends included |
//! | E5 rest | a held engagement is fewer than `rest_days` (14) days from `d`, before or after |
//! | E6 capacity | `used(d) >= cap` (4 per 90 days) |
//! | E7 story | the story is not approved, or its approval ended before `d` |
//! | E8 excluded | the story's account is excluded by the request |
//!
//! A *held* engagement is one requested, approved or completed, of any
//! kind. `used(d)` counts held engagements in the busiest run of
//! `window_days` consecutive days that contains `d`, so the cap holds for
//! every window, before and after `d`. An advocate's own cap, window and
//! rest days replace the program's.
//!
//! **How relevant.** Relevance is the weighted mean of the factors that are
//! *present*: a factor is present when the prospect gives its input
//! (freshness and evidence always are), and a candidate lacking the data
//! scores 0 on it. The factors and their default weights are listed in
//! [`crate::score`]: industry 3, use cases 3, products 2, size 1.5,
//! geography 1, seniority 1, competitor 1.5, freshness 0.5, evidence 0.5.
//! When every present factor weighs 0, relevance is 0.
//!
//! **Score and order.** `availability = 1 - 0.5 * used(d) / cap`, and
//! `score = relevance * availability`: a rested advocate keeps all its
//! relevance, one at the edge of its cap about half. Each advocate is
//! represented by its best candidate (a tie goes to the smaller story id).
//! Advocates are ordered by score, highest first; a **tie goes to the
//! smaller advocate id**, comparing ids as byte strings. Walking that
//! order, an advocate is skipped when its account already has
//! `max_per_account` results; the first `k` remain. Every result carries
//! an [`Explanation`]: each present factor's similarity, weight and
//! contribution, the relevance, `used`, `cap`, availability and score.
//!
//! **Stories as content.** [`Index::rank_stories`] uses the same relevance
//! without seniority and without availability. A story takes part when
//! E7 and E8 pass and it has an asset of the requested kind, approved and
//! unexpired on `d`; one story per account by default; a tie goes to the
//! smaller story id.
//!
//! # Numbers and determinism
//!
//! Scores are computed in `f64`, with the same arithmetic for a candidate
//! whatever the thread count, and the order (score, then id) is total, so a
//! query returns the same list on one thread and on many. They agree with a
//! plain evaluation of the rules within `1e-5` (the tests hold them to a
//! reference implementation). The score matrix is `f32`.
//!
//! # Costs
//!
//! | call | cost |
//! | --- | --- |
//! | [`Index::new`] | `O(n log n)` in records |
//! | [`Index::rank_advocates`] | `O(accounts + candidates)`, parallel above 32k candidates |
//! | [`Index::explain`] | `O(accounts + the advocate's stories and engagements)` |
//! | [`Index::rank_stories`] | `O(distinct tag sets + stories)` |
//! | [`Index::rank_many`] | the sum of the queries, parallel across queries |
//! | [`Index::score_matrix`] | `O(prospects x candidates)`, parallel across prospects |
//!
//! A query first computes each factor once per distinct value (industry
//! code, country, set of competitors; [`Index::rank_stories`] and the
//! score matrix also every set of use cases and of products, which ranking
//! advocates counts only for the stories it visits), then bounds
//! each account's relevance from above (a few table look-ups) and visits
//! the accounts best bound first, so the k-th score rises early. It skips
//! an account when its bound cannot reach the current k-th score, computes
//! each story's part once per account, and checks the costly rules
//! (blackouts, rest, capacity) only for advocates whose relevance could
//! still enter the top `k`: a score never exceeds its relevance. The
//! skipping is exact, never an approximation. Measured figures, with the
//! commands that produced them, are in `BENCHMARKS.md`; building with
//! `RUSTFLAGS="-C target-cpu=native"` lets the compiler use the machine's
//! newer instructions (the crate itself has no unsafe code or intrinsics).

mod admit;
mod advocates;
mod batch;
mod build;
mod check;
mod days;
mod explain;
mod index;
mod pool;
mod query;
mod request;
mod rules;
mod stories;
mod topk;
mod vocab;

pub(crate) use admit::Admission;
pub use explain::{AdvocateMatch, Explanation, FactorScore, StoryMatch, Verdict};
pub use index::Index;
pub use request::{QueryError, Request, StoryRequest};
pub use rules::{Exclusion, StoryExclusion};
