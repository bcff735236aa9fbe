//! Ranking advocates: the scan over candidates, split across threads for
//! large indexes, and [`Index::explain`] for a single advocate.

use rayon::prelude::*;
use std::ops::Range;
use std::sync::Arc;

use super::explain::{AdvocateMatch, Explanation, FactorScore, Verdict, Words};
use super::index::{AccountRow, Index};
use super::query::{Common, Compiled};
use super::request::{QueryError, Request};
use super::rules::{Exclusion, StoryExclusion};
use super::topk::{Scored, TopK};
use crate::model::Prospect;
use crate::score::{self, Factor};

/// Below this many candidates one thread scans everything: splitting the
/// work costs more than it saves (measured in `benches/rank.rs`).
pub(crate) const PARALLEL_MIN_CANDIDATES: usize = 32 * 1024;

/// What an upper bound of a relevance may fall below the k-th score and
/// still not skip the account: bounds are sums of larger terms, in another
/// order than the relevance they bound, with `exp2`s that may round apart,
/// and an account's text bound is a difference taken off a sum
/// ([`Compiled::text_gap`]); each is a few ulps of a relevance in [0, 1].
const BOUND_SLACK: f64 = 1e-12;

/// Buckets of upper bounds (in relevance) that order a scan best first.
const BUCKETS: usize = 128;

/// An account a scan may visit, with an upper bound of its advocates'
/// relevance ([`Compiled::account_upper`]), in a list per bucket.
#[derive(Debug, Clone, Copy)]
struct Bounded {
    upper: f64,
    account: u32,
    /// The next account of the same bucket, `u32::MAX` after the last.
    next: u32,
    /// Whether `upper` has the account's own text bound, not the text
    /// factor's largest value.
    exact: bool,
}

/// The bucket of an upper bound.
#[inline(always)]
fn bucket_of(upper: f64) -> usize {
    // `as` saturates: negative bounds go to the first bucket.
    ((upper * BUCKETS as f64) as u32 as usize).min(BUCKETS - 1)
}

/// An advocate's best candidate, as the scan keeps it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Hit {
    pub(crate) advocate: u32,
    pub(crate) story: u32,
    pub(crate) used: u32,
    pub(crate) cap: u32,
}

/// The account a scan is in: its part of every relevance, and the parts of
/// its stories, each computed once however many advocates tell the story.
#[derive(Debug)]
pub(crate) struct AccountScan {
    pub(crate) account: u32,
    /// `None` when rule E8 excludes the account.
    part: Option<f64>,
    first_story: usize,
    /// Per story of the account, its [`Compiled::story_part`], or minus
    /// infinity when rule E7 drops it.
    stories: Vec<f64>,
}

impl Default for AccountScan {
    fn default() -> AccountScan {
        AccountScan { account: u32::MAX, part: None, first_story: 0, stories: Vec::new() }
    }
}

impl AccountScan {
    /// Moves to `account`, computing its part and its stories' parts.
    pub(crate) fn enter(&mut self, index: &Index, q: &Compiled, account: u32) {
        match q.account_part(index, account as usize) {
            Some(part) => self.enter_with(index, q, account, part),
            None => {
                self.account = account;
                self.part = None;
                self.stories.clear();
            }
        }
    }

    /// Moves to `account`, whose part is `part`, computing its stories'
    /// parts.
    fn enter_with(&mut self, index: &Index, q: &Compiled, account: u32, part: f64) {
        self.account = account;
        self.part = Some(part);
        self.stories.clear();
        let range = index.account_story_range(account as usize);
        self.first_story = range.start;
        self.stories.extend(
            range.map(
                |s| {
                    if q.story_approved(index, s) { q.story_part(index, s) } else { f64::NEG_INFINITY }
                },
            ),
        );
    }

    /// Whether rule E8 excludes the entered account.
    pub(crate) fn excluded(&self) -> bool {
        self.part.is_none()
    }

    /// The relevance of each of advocate `a`'s candidates, in story order,
    /// `None` for a story rule E7 drops; nothing when rule E8 excludes the
    /// account. `a` must be an advocate of the entered account.
    pub(crate) fn relevances<'s>(
        &'s self,
        index: &'s Index,
        q: &'s Compiled,
        a: usize,
    ) -> impl Iterator<Item = Option<f64>> + 's {
        let seniority = q.seniority_part[index.advocates[a].seniority as usize];
        let stories = if self.part.is_some() { index.advocate_stories.get(a) } else { &[] };
        let account_part = self.part.unwrap_or(0.0);
        stories.iter().map(move |&s| {
            let part = self.stories[s as usize - self.first_story];
            (part > f64::NEG_INFINITY).then(|| q.relevance(account_part + part + seniority))
        })
    }

    /// Advocate `a`'s relevance and best story (a tie to the smaller story
    /// id: stories are listed in id order), or `None` when no story of the
    /// advocate can be used. `a` must be an advocate of the entered account.
    #[inline(always)]
    pub(crate) fn best(&self, index: &Index, q: &Compiled, a: usize) -> Option<(f64, u32)> {
        let account_part = self.part?;
        let mut best = f64::NEG_INFINITY;
        let mut best_story = u32::MAX;
        for &s in index.advocate_stories.get(a) {
            let part = self.stories[s as usize - self.first_story];
            if part > best {
                best = part;
                best_story = s;
            }
        }
        let seniority = q.seniority_part[index.advocates[a].seniority as usize];
        (best_story != u32::MAX).then(|| (q.relevance(account_part + best + seniority), best_story))
    }
}

/// Whether a query runs on one thread or many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Threads {
    /// Parallel above [`PARALLEL_MIN_CANDIDATES`].
    Auto,
    /// One thread, whatever the size (batch queries are parallel across
    /// queries instead).
    One,
}

impl Index {
    /// The top `request.k` advocates for `prospect`, by the rules of the
    /// [module docs](super).
    ///
    /// Candidates failing a rule (E1..E9) are dropped; each advocate is
    /// represented by its best remaining story (a tie goes to the smaller
    /// story id); an advocate whose relevance is below
    /// `request.min_relevance` is no match; advocates are ordered by score,
    /// a tie to the smaller advocate id; an advocate is skipped when its
    /// account already has `max_per_account` results. Every match carries
    /// its explanation.
    ///
    /// This returns the list only, at the cost of the list: the scan skips
    /// whatever cannot enter it, so it cannot say what it skipped. An empty
    /// list may mean that every candidate failed a rule or that none
    /// reached the floor; [`Index::rank`] returns a [`Ranking`](super::Ranking)
    /// that tells them apart, counts what each rule excluded and names the
    /// stronger matches held back by timing, for one pass over every
    /// candidate more. Batch callers (allocation, analytics, `rank_many`)
    /// keep this fast path.
    ///
    /// Cost: one pass over the candidates, `O(n + k log k)`, split across
    /// rayon's threads above 32k candidates, with the same result on any
    /// number of threads. The costly rules (blackouts, rest, capacity) run
    /// only for advocates whose relevance can still reach the current k-th
    /// score and the floor.
    ///
    /// # Errors
    ///
    /// [`QueryError`] when the prospect names an unknown industry, country
    /// or product, the request excludes an unknown account, or the request's
    /// policy or floor is invalid.
    pub fn rank_advocates(
        &self,
        prospect: &Prospect,
        request: &Request,
    ) -> Result<Vec<AdvocateMatch>, QueryError> {
        self.rank_with(prospect, request, Threads::Auto)
    }

    pub(crate) fn rank_with(
        &self,
        prospect: &Prospect,
        request: &Request,
        threads: Threads,
    ) -> Result<Vec<AdvocateMatch>, QueryError> {
        let q = self.compile(prospect, request, false)?;
        let top = self.collect(&q, threads).into_vec();
        if top.is_empty() {
            return Ok(Vec::new());
        }
        let words = Arc::new(prospect.clone());
        Ok(top.into_iter().map(|hit| self.advocate_match(&q, &words, hit.item)).collect())
    }

    /// The query of `prospect` and `request`; `set_tables` as in
    /// [`Common::set_tables`].
    pub(crate) fn compile(
        &self,
        prospect: &Prospect,
        request: &Request,
        set_tables: bool,
    ) -> Result<Compiled, QueryError> {
        let common = Common {
            date: request.date,
            k: request.k,
            max_per_account: request.max_per_account,
            min_relevance: request.min_relevance,
            exclude_accounts: &request.exclude_accounts,
            policy: request.policy.unwrap_or(self.policy),
            policy_place: "request.policy",
            with_seniority: true,
            set_tables,
        };
        super::check::languages(&request.languages)?;
        let mut q = Compiled::new(self, prospect, common)?;
        q.kind_bit = Index::engagement_kind_bit(request.kind);
        q.set_languages(self, &request.languages, &prospect.languages);
        Ok(q)
    }

    pub(crate) fn collect(&self, q: &Compiled, threads: Threads) -> TopK<Hit> {
        if threads == Threads::One || self.candidates() < PARALLEL_MIN_CANDIDATES || self.chunks.len() < 2 {
            return self.scan(q, 0..self.account_rows.len() as u32);
        }
        self.chunks.par_iter().map(|chunk| self.scan(q, chunk.clone())).reduce(|| TopK::new(q.k), TopK::merge)
    }

    /// Scans the accounts `range` and keeps the best `k` advocates, at most
    /// `max_per_account` from any account.
    ///
    /// The accounts are visited best first, by an upper bound of their
    /// advocates' relevance (in buckets), so the k-th score rises early and
    /// the accounts whose bound cannot reach it are skipped. The order does
    /// not change the result: each account is taken whole, its best kept
    /// in the total order (score, then advocate id), and an account is
    /// skipped only when none of its advocates can enter.
    ///
    /// With text, an account is first bounded with the text factor at its
    /// largest value (the same for every account, and cheap); the
    /// account's own is worked out when the scan reaches its bucket, and
    /// the account moves down to the bucket of that bound: only the
    /// accounts the scan reaches pay for their stories' text.
    fn scan(&self, q: &Compiled, range: Range<u32>) -> TopK<Hit> {
        // Compiled for queries with and without text: the second kind has
        // no account to move down.
        match (q.bounder(), q.has_text()) {
            (Some(b), true) => self.scan_with::<true>(q, range, |row| b.upper(row)),
            (Some(b), false) => self.scan_with::<false>(q, range, |row| b.upper(row)),
            (None, true) => self.scan_with::<true>(q, range, |row| q.account_upper(self, row)),
            (None, false) => self.scan_with::<false>(q, range, |row| q.account_upper(self, row)),
        }
    }

    /// [`Index::scan`] with `upper(row)`, the account's upper
    /// bound with the text factor at its largest value; `TEXT` when the
    /// query has text.
    #[inline(always)]
    fn scan_with<const TEXT: bool>(
        &self,
        q: &Compiled,
        range: Range<u32>,
        upper: impl Fn(&AccountRow) -> f64,
    ) -> TopK<Hit> {
        let mut top = TopK::new(q.k);
        // The best of the current account; merged into `top` when the
        // account ends, so `top` never holds more than the account limit.
        let mut account_top = TopK::new(q.max_per_account.min(q.k));
        let mut scan = AccountScan::default();

        let exact = !TEXT;
        // Room for each account twice: once more when it moves down.
        let mut bounded: Vec<Bounded> = Vec::with_capacity(range.len() * if exact { 1 } else { 2 });
        let mut head = [u32::MAX; BUCKETS];
        self.bound(q, range, upper, exact, &mut bounded, &mut head);

        for bucket in (0..BUCKETS).rev() {
            // Every bound of this bucket and the lower ones is below the
            // bucket's upper edge (exact: `BUCKETS` is a power of two); the
            // last bucket has no upper edge.
            let edge = (bucket + 1) as f64 / BUCKETS as f64;
            if bucket < BUCKETS - 1 && edge < top.threshold().max(q.min_relevance) - BOUND_SLACK {
                break;
            }
            let mut i = head[bucket];
            while i != u32::MAX {
                let mut b = bounded[i as usize];
                i = b.next;
                // Neither a score below the k-th nor a relevance below the
                // floor enters, and a score never exceeds its relevance.
                let threshold = top.threshold().max(q.min_relevance);
                if b.upper < threshold - BOUND_SLACK {
                    continue;
                }
                if TEXT && !b.exact {
                    b.exact = true;
                    b.upper -= q.text_gap(self, b.account as usize);
                    let lower = bucket_of(b.upper);
                    if lower < bucket {
                        b.next = head[lower];
                        bounded.push(b);
                        head[lower] = (bounded.len() - 1) as u32;
                        continue;
                    }
                    if b.upper < threshold - BOUND_SLACK {
                        continue;
                    }
                }
                self.scan_account(q, b.account as usize, threshold, &mut scan, &mut account_top);
                account_top.drain_into(&mut top);
            }
        }
        top
    }

    /// Bounds the accounts `range` with `upper` and lists them in `bounded`
    /// by bucket (`head[bucket]` is the last of a bucket, `u32::MAX` for
    /// none), leaving out those no advocate of which can pass rules E1, E2,
    /// E3 and E8.
    #[inline(always)]
    fn bound(
        &self,
        q: &Compiled,
        range: Range<u32>,
        upper: impl Fn(&AccountRow) -> f64,
        exact: bool,
        bounded: &mut Vec<Bounded>,
        head: &mut [u32; BUCKETS],
    ) {
        let first = range.start as usize;
        for (i, row) in self.account_rows[first..range.end as usize].iter().enumerate() {
            // Rules E1, E2 and E3 for every advocate of the account at
            // once (no advocate passes when these fail), and rule E8.
            let open = row.gate & q.kind_bit != 0
                && q.language_mask.is_none_or(|wanted| row.languages & wanted != 0);
            if !open || q.is_excluded(first + i) {
                continue;
            }
            let upper = upper(row);
            let bucket = bucket_of(upper);
            bounded.push(Bounded { upper, account: (first + i) as u32, next: head[bucket], exact });
            head[bucket] = (bounded.len() - 1) as u32;
        }
    }

    /// Scans the advocates of one account into `account_top`, those whose
    /// relevance can reach `threshold` (at least the floor); none when the
    /// account fails rule E9.
    #[inline(always)]
    fn scan_account(
        &self,
        q: &Compiled,
        account: usize,
        threshold: f64,
        scan: &mut AccountScan,
        account_top: &mut TopK<Hit>,
    ) {
        let mut entered = false;
        // Rule E9 is checked once, for the first advocate that gets that
        // far, and only when the query sets an account cap.
        let mut account_checked = q.policy.account_cap.is_none();
        for a in self.account_advocate_range(account) {
            // E1 and E2 in one test: the gate holds the accepted kinds when
            // the advocate and the account are open.
            if self.advocates[a].gate & q.kind_bit == 0 || !self.speaks(q, a) {
                continue;
            }
            if !entered {
                entered = true;
                // The bound again, with the size factor computed.
                let row = &self.account_rows[account];
                let part = q.part_of(row);
                if q.relevance(part + q.account_bound(self, row, Some(account))) < threshold - BOUND_SLACK {
                    return;
                }
                scan.enter_with(self, q, account as u32, part);
            }
            let Some((relevance, story)) = scan.best(self, q, a) else { continue };
            // A score never exceeds its relevance: skip the costly rules
            // when even the full relevance cannot enter.
            if relevance < threshold || relevance < account_top.threshold() {
                continue;
            }
            if !account_checked {
                account_checked = true;
                // Rule E9 holds or fails for every advocate of the account.
                if self.account_rule(q, account).is_err() {
                    return;
                }
            }
            let Ok((used, cap)) = self.costly_rules(q, a) else { continue };
            let score = relevance * score::availability(used, cap);
            let hit = Hit { advocate: a as u32, story, used, cap };
            account_top.insert(Scored { score, tie: self.advocate_rank[a], item: hit });
        }
    }

    /// The explanation of a candidate that passed every rule.
    pub(crate) fn explanation(
        &self,
        q: &Compiled,
        prospect: &Arc<Prospect>,
        a: Option<usize>,
        s: usize,
        used: u32,
        cap: u32,
    ) -> Explanation {
        let sims = q.factor_sims(self, a, s);
        let weights = &q.policy.weights;
        let factors: Vec<FactorScore> = Factor::ALL
            .iter()
            .zip(sims)
            .filter_map(|(&factor, sim)| {
                let similarity = sim?;
                let weight = factor.weight(weights);
                Some(FactorScore {
                    factor,
                    similarity,
                    weight,
                    contribution: q.relevance(weight * similarity),
                })
            })
            .collect();
        let account_part = q.account_part(self, self.story_account[s] as usize).unwrap_or(0.0);
        let seniority = a.map_or(0.0, |a| q.seniority_part[self.advocates[a].seniority as usize]);
        let relevance = q.relevance(account_part + q.story_part(self, s) + seniority);
        let availability = if cap == 0 { 1.0 } else { score::availability(used, cap) };
        Explanation {
            factors,
            total_weight: q.total_weight,
            relevance,
            used,
            cap,
            availability,
            score: relevance * availability,
            words: Some(Words {
                library: Arc::clone(&self.library),
                prospect: Arc::clone(prospect),
                story: self.story_source[s],
                account: self.story_account[s],
                advocate: a.map(|a| self.advocate_source[a]),
            }),
        }
    }

    pub(crate) fn advocate_match(&self, q: &Compiled, prospect: &Arc<Prospect>, hit: Hit) -> AdvocateMatch {
        let (a, s) = (hit.advocate as usize, hit.story as usize);
        let explanation = self.explanation(q, prospect, Some(a), s, hit.used, hit.cap);
        AdvocateMatch {
            advocate: self.advocate_id(a).to_string(),
            account: self.account_id(self.advocates[a].account as usize).to_string(),
            story: self.story(s).id.clone(),
            score: explanation.score,
            explanation,
        }
    }

    /// What ranking makes of one advocate, ranked or not: its best candidate
    /// and score, or the first rule that excludes it, in words a sales rep
    /// understands ("rested: engagement on 2026-11-10 is within 14 days of
    /// 2026-11-20"). The rules are checked in the order E1 to E6, then E8
    /// and E7 for each story, then E9. The relevance floor is no rule: an
    /// eligible advocate below it is still [`Verdict::Eligible`].
    ///
    /// Cost: `O(stories of the advocate + engagements)` after compiling the
    /// query, which is `O(accounts)`.
    ///
    /// # Errors
    ///
    /// As [`Index::rank_advocates`], and [`QueryError::UnknownAdvocate`].
    pub fn explain(
        &self,
        advocate: &str,
        prospect: &Prospect,
        request: &Request,
    ) -> Result<Verdict, QueryError> {
        let a =
            self.advocate_by_id(advocate).ok_or_else(|| QueryError::UnknownAdvocate(advocate.to_string()))?;
        let q = self.compile(prospect, request, false)?;
        let stories = self.advocate_stories.get(a);
        if stories.is_empty() {
            return Ok(Verdict::Excluded(Exclusion::NoStory));
        }
        if let Err(exclusion) = self.cheap_rules(&q, a, request.kind) {
            return Ok(Verdict::Excluded(exclusion));
        }
        let (used, cap) = match self.costly_rules(&q, a) {
            Ok(limits) => limits,
            Err(failed) => return Ok(Verdict::Excluded(self.costly_exclusion(&q, a, failed))),
        };
        let mut best: Option<(f64, usize)> = None;
        let mut out: Vec<StoryExclusion> = Vec::new();
        for &s in stories {
            match self.story_rules(&q, s as usize) {
                Err(why) => out.push(why),
                Ok(()) => {
                    let part = q.story_part(self, s as usize);
                    if best.is_none_or(|(b, _)| part > b) {
                        best = Some((part, s as usize));
                    }
                }
            }
        }
        let Some((_, s)) = best else {
            return Ok(Verdict::Excluded(Exclusion::Stories { stories: out }));
        };
        if let Err(failed) = self.account_rule(&q, self.advocates[a].account as usize) {
            return Ok(Verdict::Excluded(self.costly_exclusion(&q, a, failed)));
        }
        let hit = Hit { advocate: a as u32, story: s as u32, used, cap };
        Ok(Verdict::Eligible(self.advocate_match(&q, &Arc::new(prospect.clone()), hit)))
    }
}
