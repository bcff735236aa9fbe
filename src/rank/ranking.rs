//! [`Index::rank`]: the list of [`Index::rank_advocates`] with what a rep
//! needs to act on it ([`Ranking`]): whether anything reached the floor,
//! how many candidates each rule excluded, and the stronger matches that
//! timing holds back, with the day each is free again.

use rayon::prelude::*;
use serde::Serialize;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use super::advocates::{AccountScan, PARALLEL_MIN_CANDIDATES, Threads};
use super::days::date_of;
use super::explain::AdvocateMatch;
use super::index::Index;
use super::query::Compiled;
use super::request::{QueryError, Request};
use super::rule::Rule;
use super::rules::{Costly, Exclusion};
use super::topk::{Scored, TopK};
use crate::model::{AccountStatus, AdvocateStatus, Prospect};

/// What a ranking found, beside its list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RankingStatus {
    /// At least one advocate passed every rule and reached the floor: the
    /// list holds the best of them.
    Matched,
    /// Advocates passed every rule, but none reached the floor: no good
    /// reference exists for this prospect, however the list is cut.
    BelowFloor {
        /// The eligible advocate with the highest relevance.
        advocate: String,
        /// Its relevance, below the floor.
        relevance: f64,
    },
    /// No candidate passed every rule; [`Ranking::excluded`] says which
    /// rules dropped them and [`Ranking::held_back`] who is free later.
    NoneEligible,
}

/// How many candidates one rule excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// The rule.
    pub rule: Rule,
    /// Candidates (advocate, story) it excluded: each candidate counts
    /// once, under the first rule that drops it.
    pub candidates: usize,
}

/// A match that would have made the list, left out by a timing rule (E4
/// blackout, E5 rest, E6 capacity or E9 account capacity).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeldBack {
    /// The advocate's id.
    pub advocate: String,
    /// The advocate's name.
    pub advocate_name: String,
    /// The advocate's job title.
    pub advocate_title: String,
    /// The advocate's account id.
    pub account: String,
    /// The account's name.
    pub account_name: String,
    /// The advocate's best story for the prospect.
    pub story: String,
    /// The story's title.
    pub story_title: String,
    /// The relevance of that story: higher than the last match's score
    /// (or, when the list is short, at least the floor).
    pub relevance: f64,
    /// The timing rule that holds the advocate back.
    pub exclusion: Exclusion,
    /// The first day the advocate passes rules E1, E4, E5, E6 and E9 again
    /// under the request's policy ([`Index::next_available`]); `None` when
    /// no later day does.
    pub next_available: Option<jiff::civil::Date>,
}

/// A ranking a rep can act on: the list, whether anything reached the
/// floor, what each rule excluded and who is held back by timing.
///
/// [`Ranking::summary`] says it in a sentence or two: `5 matches at or
/// above the relevance floor 0.30. 2 stronger matches are held back: 1 at
/// capacity, 1 resting; the best, Dr. Katharina Wendler (adv-036, Rheinmark
/// Bank AG), is free from 2026-12-14.`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranking {
    /// What the ranking found.
    #[serde(flatten)]
    pub status: RankingStatus,
    /// The matches, best first: exactly what [`Index::rank_advocates`]
    /// returns for the same query.
    pub matches: Vec<AdvocateMatch>,
    /// The request's relevance floor.
    pub min_relevance: f64,
    /// Candidates (advocate, story) in the index.
    pub candidates: usize,
    /// Candidates excluded by each rule, E1 to E9 in order (zeros
    /// included).
    pub excluded: Vec<RuleCount>,
    /// Candidates that passed every rule with a relevance below the floor.
    pub below_floor: usize,
    /// Up to `k` advocates left out only by timing whose relevance beats
    /// the list: higher than the last match's score when the list is full,
    /// at least the floor when it is short. Highest relevance first (a tie
    /// to the smaller advocate id). They are compared with the list, not
    /// placed in it: a free advocate of an account that already has its
    /// `max_per_account` matches counts too.
    pub held_back: Vec<HeldBack>,
}

impl Ranking {
    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.matches.is_empty()
    }

    /// Candidates excluded by `rule`.
    pub fn excluded_by(&self, rule: Rule) -> usize {
        self.excluded.iter().find(|c| c.rule == rule).map_or(0, |c| c.candidates)
    }

    /// What the ranking found, in a sentence or two a rep can act on.
    pub fn summary(&self) -> String {
        let mut out = match &self.status {
            RankingStatus::Matched => format!(
                "{} {} at or above the relevance floor {:.2}.",
                self.matches.len(),
                if self.matches.len() == 1 { "match" } else { "matches" },
                self.min_relevance
            ),
            RankingStatus::BelowFloor { advocate, relevance } => format!(
                "No match reaches the relevance floor {:.2}: the best eligible advocate, {advocate}, \
                 reaches {relevance:.2}, so no good reference exists for this prospect.",
                self.min_relevance
            ),
            RankingStatus::NoneEligible => {
                let rules: Vec<String> = self
                    .excluded
                    .iter()
                    .filter(|c| c.candidates > 0)
                    .map(|c| format!("{} {} ({})", c.candidates, c.rule.name(), c.rule))
                    .collect();
                format!(
                    "No candidate passes the rules: {}.",
                    if rules.is_empty() { "none".into() } else { rules.join(", ") }
                )
            }
        };
        if let Some(best) = self.held_back.first() {
            let n = self.held_back.len();
            let mut by_rule: Vec<(Rule, usize)> = Vec::new();
            for held in &self.held_back {
                let rule = held.exclusion.rule_id().unwrap_or(Rule::Capacity);
                match by_rule.iter_mut().find(|(r, _)| *r == rule) {
                    Some((_, count)) => *count += 1,
                    None => by_rule.push((rule, 1)),
                }
            }
            by_rule.sort();
            let why: Vec<String> =
                by_rule.iter().map(|&(rule, count)| format!("{count} {}", waiting(rule))).collect();
            let when = match best.next_available {
                Some(day) => format!("is free from {day}"),
                None => "has no free day ahead".to_string(),
            };
            out.push_str(&format!(
                " {n} stronger {} held back: {}; the best, {} ({}, {}), {when}.",
                if n == 1 { "match is" } else { "matches are" },
                why.join(", "),
                best.advocate_name,
                best.advocate,
                best.account_name
            ));
        }
        out
    }
}

/// What a timing rule makes of an advocate, in a rep's words.
fn waiting(rule: Rule) -> &'static str {
    match rule {
        Rule::Blackout => "in a blackout",
        Rule::Rest => "resting",
        Rule::AccountCapacity => "at their account's cap",
        _ => "at capacity",
    }
}

impl fmt::Display for Ranking {
    /// The summary, then one line per match.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.summary())?;
        for (i, m) in self.matches.iter().enumerate() {
            write!(f, "\n{}. {m}", i + 1)?;
        }
        Ok(())
    }
}

/// An advocate held back by timing, as the pass keeps it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Held {
    advocate: u32,
    story: u32,
    failed: Costly,
}

/// What the counting pass gathers over some accounts.
#[derive(Debug, Clone)]
struct Tally {
    excluded: [usize; 9],
    below_floor: usize,
    /// The best relevance below the floor, its advocate's rank and index.
    best_below: Option<(f64, u32, u32)>,
    held: TopK<Held>,
}

impl Tally {
    fn new(k: usize) -> Tally {
        Tally { excluded: [0; 9], below_floor: 0, best_below: None, held: TopK::new(k) }
    }

    fn merge(mut self, other: Tally) -> Tally {
        for (mine, theirs) in self.excluded.iter_mut().zip(other.excluded) {
            *mine += theirs;
        }
        self.below_floor += other.below_floor;
        self.best_below = match (self.best_below, other.best_below) {
            (Some(a), Some(b)) => {
                Some(if (b.0, std::cmp::Reverse(b.1)) > (a.0, std::cmp::Reverse(a.1)) { b } else { a })
            }
            (a, b) => a.or(b),
        };
        self.held = self.held.merge(other.held);
        self
    }
}

fn rule_of(failed: Costly) -> Rule {
    match failed {
        Costly::Blackout { .. } => Rule::Blackout,
        Costly::Rest { .. } => Rule::Rest,
        Costly::Capacity { .. } => Rule::Capacity,
        Costly::AccountCapacity { .. } => Rule::AccountCapacity,
    }
}

impl Index {
    /// The top `request.k` advocates for `prospect`, exactly as
    /// [`Index::rank_advocates`] returns them, in a [`Ranking`] that says
    /// what a rep needs to act on the list: whether no match reached the
    /// floor ([`RankingStatus::BelowFloor`]) or no candidate passed the
    /// rules ([`RankingStatus::NoneEligible`]) rather than an empty list,
    /// how many candidates each rule excluded, and the stronger matches
    /// held back by timing, with the day each is free.
    ///
    /// Each candidate counts once, under the first rule that drops it, in
    /// the order [`Index::explain`] checks them: E1 to E6 for the
    /// advocate, then E8 and E7 for the story, then E9 for the account.
    ///
    /// Cost: [`Index::rank_advocates`] plus one pass over every candidate
    /// with every rule (`O(candidates)`, parallel above 32k candidates),
    /// since counting cannot skip what the list's scan skips.
    ///
    /// ```
    /// use refmatch::model::EngagementKind;
    /// use refmatch::rank::{RankingStatus, Rule};
    /// use refmatch::{Date, Index, Library, Prospect, Request};
    ///
    /// let index = Index::new(Library::sample());
    /// let prospect = Prospect::new().with_industry("522110").with_country("DE").with_use_case("fraud detection");
    /// let day: Date = "2026-12-01".parse()?;
    /// let ranking = index.rank(&prospect, &Request::new(EngagementKind::ReferenceCall, day))?;
    /// assert_eq!(ranking.status, RankingStatus::Matched);
    /// assert!(ranking.excluded_by(Rule::Capacity) > 0);
    /// println!("{}", ranking.summary());
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Index::rank_advocates`].
    pub fn rank(&self, prospect: &Prospect, request: &Request) -> Result<Ranking, QueryError> {
        let q = self.compile(prospect, request, false)?;
        let words = Arc::new(prospect.clone());
        let matches: Vec<AdvocateMatch> = self
            .collect(&q, Threads::Auto)
            .into_vec()
            .into_iter()
            .map(|hit| self.advocate_match(&q, &words, hit.item))
            .collect();
        // Who beats the list: above the last score of a full list, at the
        // floor of a short one.
        let bar = match matches.last() {
            Some(last) if matches.len() >= q.k => Some(last.score),
            _ => None,
        };
        let tally = if self.candidates() < PARALLEL_MIN_CANDIDATES || self.chunks.len() < 2 {
            self.tally(&q, 0..self.account_rows.len() as u32, bar)
        } else {
            self.chunks
                .par_iter()
                .map(|chunk| self.tally(&q, chunk.clone(), bar))
                .reduce(|| Tally::new(q.k), Tally::merge)
        };
        let status = if !matches.is_empty() {
            RankingStatus::Matched
        } else if let Some((relevance, _, a)) = tally.best_below {
            RankingStatus::BelowFloor { advocate: self.advocate_id(a as usize).to_string(), relevance }
        } else {
            RankingStatus::NoneEligible
        };
        let held_back =
            tally.held.into_vec().into_iter().map(|h| self.held_back(&q, h.score, h.item)).collect();
        Ok(Ranking {
            status,
            matches,
            min_relevance: q.min_relevance,
            candidates: self.candidates(),
            excluded: Rule::ALL
                .into_iter()
                .map(|rule| RuleCount { rule, candidates: tally.excluded[rule as usize] })
                .collect(),
            below_floor: tally.below_floor,
            held_back,
        })
    }

    fn held_back(&self, q: &Compiled, relevance: f64, held: Held) -> HeldBack {
        let (a, s) = (held.advocate as usize, held.story as usize);
        let advocate = self.advocate(a);
        let account = &self.library.accounts()[self.advocates[a].account as usize];
        let story = self.story(s);
        let timing = self.timing_of(a, &q.policy);
        HeldBack {
            advocate: advocate.id.clone(),
            advocate_name: advocate.name.clone(),
            advocate_title: advocate.title.clone(),
            account: account.id.clone(),
            account_name: account.name.clone(),
            story: story.id.clone(),
            story_title: story.title.clone(),
            relevance,
            exclusion: self.costly_exclusion(q, a, held.failed),
            next_available: self.next_free(a, q.day, timing).map(date_of),
        }
    }

    /// Every candidate of the accounts `range` through every rule; `bar`
    /// the last score of a full list (`None` for a short one).
    fn tally(&self, q: &Compiled, range: Range<u32>, bar: Option<f64>) -> Tally {
        let mut tally = Tally::new(q.k);
        let mut scan = AccountScan::default();
        let beats = |relevance: f64| relevance >= q.min_relevance && bar.is_none_or(|bar| relevance > bar);
        for account in range.start as usize..range.end as usize {
            let contactable = self.library.accounts()[account].status == AccountStatus::Active;
            let mut entered = false;
            let mut account_rule = None;
            for a in self.account_advocate_range(account) {
                let n = self.advocate_stories.get(a).len();
                if n == 0 {
                    continue;
                }
                let rule = if !contactable || self.advocate(a).status != AdvocateStatus::Active {
                    Some(Rule::Status)
                } else if self.advocates[a].gate & q.kind_bit == 0 {
                    Some(Rule::Kind)
                } else if !self.speaks(q, a) {
                    Some(Rule::Language)
                } else {
                    None
                };
                if let Some(rule) = rule {
                    tally.excluded[rule as usize] += n;
                    continue;
                }
                if !entered {
                    entered = true;
                    scan.enter(self, q, account as u32);
                }
                let rank = self.advocate_rank[a];
                let hold = |tally: &mut Tally, failed: Costly| {
                    if let Some((relevance, story)) = scan.best(self, q, a).filter(|&(r, _)| beats(r)) {
                        let item = Held { advocate: a as u32, story, failed };
                        tally.held.insert(Scored { score: relevance, tie: rank, item });
                    }
                };
                if let Err(failed) = self.costly_rules(q, a) {
                    tally.excluded[rule_of(failed) as usize] += n;
                    hold(&mut tally, failed);
                    continue;
                }
                if scan.excluded() {
                    tally.excluded[Rule::Excluded as usize] += n;
                    continue;
                }
                let usable = scan.relevances(self, q, a).flatten().count();
                tally.excluded[Rule::Story as usize] += n - usable;
                if usable == 0 {
                    continue;
                }
                if let Err(failed) = *account_rule.get_or_insert_with(|| self.account_rule(q, account)) {
                    tally.excluded[Rule::AccountCapacity as usize] += usable;
                    hold(&mut tally, failed);
                    continue;
                }
                for relevance in scan.relevances(self, q, a).flatten() {
                    if relevance < q.min_relevance {
                        tally.below_floor += 1;
                        let better = tally.best_below.is_none_or(|(best, best_rank, _)| {
                            relevance > best || (relevance == best && rank < best_rank)
                        });
                        if better {
                            tally.best_below = Some((relevance, rank, a as u32));
                        }
                    }
                }
            }
        }
        tally
    }
}
