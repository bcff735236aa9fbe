//! Ranking advocates and stories for a prospect: the default scoring model,
//! version 1, with the relevance floor, the account cap (rule E9) and the
//! text factor. These
//! docs are the model's whole contract: the rules, the factors, the
//! formulas, the order and the numbers.
//!
//! Compile a [`Library`](crate::Library) into an [`Index`] once, then ask
//! it as often as you like, from as many threads as you like:
//! [`Index::rank_advocates`] for people (the list alone, at the cost of the
//! list), [`Index::rank`] for the same list in a [`Ranking`] that says what
//! it left out and why, [`Index::rank_stories`] for content,
//! [`Index::explain`] for why one advocate is (not) a match,
//! [`Index::next_available`] for when they are free again,
//! [`Index::rank_many`] and [`Index::score_matrix`] for many prospects at
//! once. The factor similarities themselves live in [`crate::score`].
//!
//! # The model
//!
//! A **candidate** is an advocate together with one story the advocate is
//! listed on; an advocate with three stories is three candidates. A query
//! is a [`Prospect`](crate::Prospect) (what the rep knows of the company)
//! and a [`Request`] (engagement kind, the day `d` it is needed, languages,
//! how many results `k` (default 5), at most how many per account
//! (default 1), accounts to leave out, the relevance floor). A *held*
//! engagement is one requested, approved or completed, of any kind;
//! declined and cancelled ones hold nothing. Dates are civil days, and
//! `a - b` is a whole number of days. Tags (use cases, competitor names)
//! compare after trimming, lowercasing and collapsing inner white space;
//! languages (ISO 639-1 codes) after trimming and lowercasing; products by
//! product id.
//!
//! **Who can be asked.** A candidate is dropped when any of these holds:
//!
//! | rule | dropped when |
//! | --- | --- |
//! | E1 status | the advocate is not `active`, or the account is `do_not_contact` |
//! | E2 kind | the advocate does not accept the requested engagement kind |
//! | E3 language | the request names languages (else the prospect does) and the advocate speaks none |
//! | E4 blackout | `d` is inside one of the advocate's blackouts, both ends included |
//! | E5 rest | a held engagement `e` of the advocate has `-rest_days < d - e.date < rest_days + extra(e)` (default 14, `extra` 0: `abs(e.date - d) < rest_days`) |
//! | E6 capacity | `used(d) >= cap` (default 4 per `window_days` 90) |
//! | E7 story | the story is not approved, or its approval ended before `d` |
//! | E8 excluded | the story's account is excluded by the request (or hidden by the ledger) |
//! | E9 account capacity | the policy sets an account cap and `account_used(d) >= account cap` |
//!
//! `used(d)` is the busiest window the new engagement would join: the
//! largest number of the advocate's held engagements inside any span of
//! `window_days` consecutive days that contains `d`, so "cap 4 per 90 days"
//! holds for every 90-day span, before and after `d`. Each of the three
//! limits (cap, window and rest days) is the advocate's own when it sets
//! one, else its seniority level's ([`Policy::tiers`](crate::model::Policy::tiers),
//! e.g. executives at most 2 per 90 days), else the program's. `account_used(d)` is
//! the same count over the held engagements of every advocate of the
//! story's account together, with the account cap's window
//! ([`AccountCap`](crate::model::AccountCap)): one customer is not worn out
//! through its colleagues. `extra(e)` is 0 unless the policy sets
//! [`Policy::poor_feedback`](crate::Policy::poor_feedback) and the advocate's
//! own feedback on `e` rates the experience at most its `at_most`: then the
//! rest after `e` is longer by its `extra_rest_days` (the rest before `e` is
//! unchanged). Off by default, so feedback changes no ranking unless a
//! program asks; [`Index::next_available`] honours it too. The account cap is off by default, so the
//! rankings of version 1 are unchanged; the sample program sets 5 per 90
//! days. [`Index::explain`] checks the rules in the order E1 to E6, then E8
//! and E7 for each story, then E9, and reports the first that drops every
//! candidate of the advocate, in a rep's words ([`Exclusion`]);
//! [`Ranking`] counts each candidate under that same first rule.
//!
//! **How relevant.** `relevance = sum(w_f * s_f) / sum(w_f)`, both sums
//! over the factors that are *present*: a factor is present when the
//! prospect gives its input (freshness and evidence always are), and a
//! candidate lacking the data scores 0 on it. When every present factor
//! weighs 0, relevance is 0. Each similarity is in `[0, 1]`:
//!
//! | factor | default weight | similarity |
//! | --- | --- | --- |
//! | industry | 3 | NAICS depth over the length of the prospect's code (below) |
//! | use cases | 3 | `|P ∩ S| / |P|`, P the prospect's use cases, S the story's |
//! | products | 2 | `|P ∩ S| / |P|` over product ids |
//! | size | 1.5 | `2^(-(log10(e_a / e_p))^2)` of the account's and the prospect's employees: 1 at equal size, 0.5 at 10x, 0.0625 at 100x |
//! | geography | 1 | 1 same country (the account's), 0.5 same sales region (AMER, LATAM, EMEA, APAC), else 0 |
//! | seniority | 1 | `max(0, 1 - abs(L_a - L_p) / 2)`, levels executive 0, vp 1, director 2, manager 3, individual 4 |
//! | competitor | 1.5 | 1 when the story displaced the prospect's named competitor, else 0 |
//! | freshness | 0.5 | `2^(-max(0, d - verified_on) / 365)`: the story's evidence halves in weight each year |
//! | evidence | 0.5 | 1 when an outcome has a numeric value, 0.5 when outcomes exist but none is numeric, 0 when none |
//! | text | 2 | `|P ∩ S| / |P|` over text terms, P the prospect's, S the story's (below) |
//!
//! *Industry depth.* Codes are NAICS 2022, 2 to 6 digits; the sectors
//! 31-33, 44-45 and 48-49 are one sector each, and a sector written as a
//! range (`31-33`) counts as a code of length 2. For the prospect's code
//! `p` and the account's `a`: different sectors give depth 0; the same
//! sector but different first two digits (311 and 325) depth 2; otherwise
//! the depth is the length of the common prefix. The similarity is `depth
//! / len(p)`: `p = 541511, a = 541512` gives 5/6; `p = 522110, a = 522130`
//! 4/6; `p = 52, a = 522110` 1; `p = 522110, a = 52` 2/6; `p = 311, a =
//! 325` 2/3; `p = 31-33, a = 325` 1.
//!
//! *Text.* The text factor is present when the prospect carries a text
//! ([`Prospect::with_text`](crate::Prospect::with_text)) that has at least
//! one term; a prospect without text, or whose text has none (blank, only
//! stop words), ranks exactly as in version 1. Terms come from
//! [`crate::text`]'s analysis: words split at every character that is not
//! a letter or digit, lowercased, stop words dropped, stemmed by the
//! language's Snowball stemmer, folded to ASCII. `P` is the set of the
//! distinct stems of the prospect's text in English, the language of the
//! stories' own texts ([`crate::text::STORY_LANGUAGE`]); `|P|` counts
//! them. A term `t` of `P` is *in the story* when
//!
//! - `t` is among the English stems of the story's title, summary, outcome
//!   descriptions and use cases, or
//! - for a quote of the story in language `L` (any quote, whatever its
//!   approval), one of the prospect's words whose English stem is `t`,
//!   stemmed in `L`, is among the stems of that quote.
//!
//! The similarity is the share of `P` in the story: the number of terms of
//! `P` in the story over `|P|`. So `real-time fraud scoring` has the
//! terms `real`, `time`, `fraud`, `score`, and a story that mentions
//! "fraud" and "scores" but not "real-time" has 2/4; the German plural
//! `Betrugserkennungen` is in a story whose German quote says
//! "Betrugserkennung" (both stem to `betrugserkenn`). The similarity reads
//! the story's text and quotes alone: no statistics across stories (no
//! term weights such as IDF), so a story's score does not depend on the
//! others, and the scan's bounds stay exact. The explanation's note lists
//! the matched terms as the prospect first wrote each (`mentions fraud and
//! scoring (2 of 4 terms)`); [`Explanation::matched_terms`] returns them.
//!
//! **The relevance floor.** An advocate whose best relevance is below
//! [`Request::min_relevance`] is no match, however short the list. It
//! bounds the fit, not the score, so a well-fitting advocate near their
//! cap still counts. The default, [`DEFAULT_MIN_RELEVANCE`] (0.35), is
//! chosen from the sample program (its docs give the figures); a floor of
//! 0 keeps every eligible advocate, as version 1 did. The floor is no rule:
//! [`Index::explain`] still calls an advocate under it eligible.
//!
//! **Score and order.** `availability = 1 - 0.5 * used(d) / cap`, and
//! `score = relevance * availability`: a rested advocate keeps all its
//! relevance, one at the edge of its cap about half. Each advocate is
//! represented by its best candidate (the highest score; a tie goes to the
//! smaller story id). Advocates are ordered by score, highest first; a
//! **tie goes to the smaller advocate id**, comparing ids as byte strings.
//! Walking that order, an advocate is skipped when its account already has
//! `max_per_account` results; the first `k` remain. Every result carries
//! an [`Explanation`]: each present factor's similarity, weight and
//! contribution (`weight * similarity / total weight`, the table printing
//! `1.000 x 3.00/12.00 = 0.2500`), the relevance, `used`, `cap`,
//! availability and score, and [`Explanation::summary`], a sentence a rep
//! can read aloud.
//!
//! **A ranking a rep can act on.** [`Index::rank`] returns the same list
//! in a [`Ranking`]: its [`RankingStatus`] tells "no match reached the
//! floor" ([`RankingStatus::BelowFloor`]: no good reference exists) and
//! "nobody passes the rules" ([`RankingStatus::NoneEligible`]) from a
//! list; it counts the candidates each rule excluded, and names up to `k`
//! stronger matches held back only by timing (E4, E5, E6 or E9), whose
//! relevance beats the list (above the last score of a full list, at least
//! the floor of a short one), with the day each is free again. Why two
//! calls rather than one: the list's scan skips whatever cannot enter it
//! (that is what makes it fast), so counting what each rule excluded takes
//! a second pass over every candidate. [`Index::rank_advocates`] keeps
//! returning the bare `Vec` for callers that rank in bulk (allocation,
//! analytics, [`Index::rank_many`]); a rep's screen calls [`Index::rank`].
//!
//! **When free again.** [`Index::next_available`] is the first day on or
//! after a given one on which rules E1, E4, E5, E6 and E9 pass, computed
//! from the held days, blackouts, rest and windows as a union of forbidden
//! intervals, without walking from day to day.
//!
//! **Stories as content.** [`Index::rank_stories`] uses the same relevance
//! without seniority and without availability, and no floor. A story takes
//! part when E7 and E8 pass and it has an asset of the requested kind,
//! approved and unexpired on `d`; one story per account by default; a tie
//! goes to the smaller story id.
//!
//! **Results serialize** with serde, names included: an
//! [`AdvocateMatch`] writes its advocate's name and title, its account's
//! name and its story's title beside the ids (read with
//! [`AdvocateMatch::advocate_name`] and the like), an [`Explanation`] each
//! factor's note and its summary, an [`Exclusion`] its rule and message.
//!
//! # Numbers and determinism
//!
//! Scores are computed in `f64`, with the same arithmetic for a candidate
//! whatever the thread count, and the order (score, then id) is total, so a
//! query returns the same list on one thread and on many. Ties are decided
//! on the score as computed, so two scores equal in exact arithmetic may
//! order either way when they differ in the last bits. Scores agree with a
//! plain `f64` evaluation of these rules within `1e-5`, and the ids of the
//! top `k` agree wherever neighbouring scores differ by more than `1e-5`
//! (the tests hold the engine to such a reference implementation). The
//! score matrix is `f32`.
//!
//! # Costs
//!
//! | call | cost |
//! | --- | --- |
//! | [`Index::new`] | `O(n log n)` in records, plus the analysis of every story's text and quotes |
//! | [`Index::rank_advocates`] | `O(accounts + candidates)`, parallel above 32k candidates |
//! | [`Index::rank`] | that, plus one pass over every candidate with every rule |
//! | [`Index::next_available`] | `O(n log n)` for the advocate's blackouts and held engagements and its account's |
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
//! skipping is exact, never an approximation. A query with text first
//! counts, through the index's list of stories per term, how many of its
//! terms each story has and the most of any story of each account: that
//! is `O(stories + the lists of its terms)` (at most the number of (story,
//! term) pairs of the index), and makes the account's bound exact for the
//! text factor. Measured figures, with the
//! commands that produced them, are in `BENCHMARKS.md`; building with
//! `RUSTFLAGS="-C target-cpu=native"` lets the compiler use the machine's
//! newer instructions (the crate itself has no unsafe code or intrinsics).

mod admit;
mod advocates;
mod batch;
mod build;
mod check;
mod counts;
mod days;
mod explain;
mod index;
mod next;
mod notes;
mod patch;
mod pool;
mod query;
mod ranking;
mod remove;
mod request;
mod rule;
mod rules;
mod stories;
mod text;
mod topk;
mod vocab;

pub(crate) use admit::Admission;
pub use explain::{AdvocateMatch, Explanation, FactorScore, StoryMatch, Verdict};
pub use index::Index;
pub use ranking::{HeldBack, Ranking, RankingStatus, RuleCount};
pub use request::{DEFAULT_MIN_RELEVANCE, QueryError, Request, StoryRequest};
pub use rule::Rule;
pub use rules::{Exclusion, StoryExclusion};
