//! What ranking returns for one advocate or story: matches with their
//! explanations (the factor table and a sentence a rep can read aloud),
//! and verdicts for single advocates. Every type serializes with the names
//! a reader needs beside the ids.

use serde::Serialize;
use std::fmt;

use super::rules::Exclusion;
use crate::score::Factor;

/// One factor's part in a relevance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactorScore {
    /// The factor.
    pub factor: Factor,
    /// Its similarity, in `[0, 1]`.
    pub similarity: f64,
    /// Its weight.
    pub weight: f64,
    /// `weight * similarity / total weight` (the sum of the present
    /// factors' weights, [`Explanation::total_weight`]): what the factor
    /// adds to the relevance. The contributions sum to the relevance.
    pub contribution: f64,
    /// What the similarity stands for, in a sales rep's words: `same
    /// industry (Commercial Banking)`, `similar size (3,400 vs 3,000
    /// employees)`, `replaced Omnisuite`.
    pub note: String,
}

/// Why a candidate scored what it did: every present factor, the relevance,
/// and the availability that scales it.
///
/// Two readings: [`Explanation::summary`] is one sentence a rep can read
/// aloud, and `Display` is the whole table with its arithmetic, each
/// factor's share written with the total weight it is divided by
/// (`1.000 x 3.00/12.00 = 0.2500`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The present factors, in the order of [`Factor::ALL`].
    pub factors: Vec<FactorScore>,
    /// The sum of the present factors' weights: what each weighted
    /// similarity is divided by.
    pub total_weight: f64,
    /// Weighted mean of the factor similarities: the sum of the
    /// contributions.
    pub relevance: f64,
    /// Held engagements in the busiest window around the day (`used(d)`);
    /// 0 for stories.
    pub used: u32,
    /// The advocate's cap; 0 for stories.
    pub cap: u32,
    /// `1 - 0.5 * used / cap`; 1 for stories.
    pub availability: f64,
    /// `relevance * availability`.
    pub score: f64,
}

impl Explanation {
    /// The present factors, largest contribution first (ties in the order
    /// of [`Factor::ALL`]).
    pub fn top_factors(&self) -> Vec<FactorScore> {
        let mut factors = self.factors.clone();
        factors.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
        factors
    }

    /// One sentence a sales rep can read aloud: the notes of the factors
    /// that count (similarity above 0), largest contribution first, then
    /// how busy the advocate is when the advocate has engagements in the
    /// window:
    ///
    /// `same industry (Commercial Banking), covers fraud detection and
    /// customer onboarding, replaced Omnisuite, same country (Germany),
    /// similar size (3,400 vs 3,000 employees); 2 of 4 engagements used in
    /// the window`.
    ///
    /// `no factor matches` when none counts.
    pub fn summary(&self) -> String {
        let notes: Vec<String> =
            self.top_factors().into_iter().filter(|f| f.similarity > 0.0).map(|f| f.note).collect();
        let mut out = if notes.is_empty() { "no factor matches".to_string() } else { notes.join(", ") };
        if self.cap > 0 && self.used > 0 {
            out.push_str(&format!("; {} of {} engagements used in the window", self.used, self.cap));
        }
        out
    }
}

impl fmt::Display for Explanation {
    /// One line per present factor (similarity x weight / total weight =
    /// contribution, then the note), the relevance, the availability and
    /// the score:
    ///
    /// ```text
    /// industry     1.000 x 3.00/12.00 = 0.2500  same industry (Commercial Banking)
    /// ...
    /// relevance                         0.8021  sum of the contributions
    /// availability 1 - 0.5 x 1/4      = 0.8750  1 of 4 engagements used in the window
    /// score        0.8021 x 0.8750    = 0.7018
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for factor in &self.factors {
            let product = format!("{:.3} x {:.2}/{:.2}", factor.similarity, factor.weight, self.total_weight);
            writeln!(
                f,
                "{:<12} {product:<19} = {:.4}  {}",
                factor.factor.name(),
                factor.contribution,
                factor.note
            )?;
        }
        writeln!(f, "{:<12} {:<19}   {:.4}  sum of the contributions", "relevance", "", self.relevance)?;
        if self.cap > 0 {
            let formula = format!("1 - 0.5 x {}/{}", self.used, self.cap);
            writeln!(
                f,
                "{:<12} {formula:<19} = {:.4}  {} of {} engagements used in the window",
                "availability", self.availability, self.used, self.cap
            )?;
            let product = format!("{:.4} x {:.4}", self.relevance, self.availability);
            write!(f, "{:<12} {product:<19} = {:.4}", "score", self.score)
        } else {
            write!(f, "{:<12} {:<19}   {:.4}  the relevance (no availability)", "score", "", self.score)
        }
    }
}

/// An advocate ranked for a prospect, with the names a reader needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdvocateMatch {
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
    /// The story that earned the score: the advocate's best candidate.
    pub story: String,
    /// The story's title.
    pub story_title: String,
    /// The score, `relevance * availability`.
    pub score: f64,
    /// How the score came about.
    pub explanation: Explanation,
}

impl fmt::Display for AdvocateMatch {
    /// `Dr. Katharina Wendler (Chief Risk Officer, Rheinmark Bank AG),
    /// story "...": 0.655`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}, {}), story \"{}\": {:.3}",
            self.advocate_name, self.advocate_title, self.account_name, self.story_title, self.score
        )
    }
}

/// A story ranked as content for a prospect, with the names a reader needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryMatch {
    /// The story's id.
    pub story: String,
    /// The story's title.
    pub story_title: String,
    /// The story's account id.
    pub account: String,
    /// The account's name.
    pub account_name: String,
    /// Locations of the story's usable assets of the requested kind.
    pub assets: Vec<String>,
    /// The score: the story's relevance (no availability for content).
    pub score: f64,
    /// How the score came about.
    pub explanation: Explanation,
}

impl fmt::Display for StoryMatch {
    /// `"Title" (Account name): 0.712`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" ({}): {:.3}", self.story_title, self.account_name, self.score)
    }
}

/// What [`Index::explain`](super::Index::explain) finds for one advocate.
///
/// Serializes as `{"eligible": {..the match..}}` or `{"excluded": {"rule":
/// "E6", "message": "at capacity: ..", ..}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The advocate passes every rule; this is its best candidate and
    /// score. Whether it makes a list depends on the others and on the
    /// request's relevance floor, which is no rule: compare
    /// `explanation.relevance` with
    /// [`Request::min_relevance`](super::Request::min_relevance).
    Eligible(AdvocateMatch),
    /// The advocate is out, and why.
    Excluded(Exclusion),
}

impl fmt::Display for Verdict {
    /// `eligible: ` and the match, or `excluded by E6: ` and the reason.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Eligible(found) => write!(f, "eligible: {found}"),
            Verdict::Excluded(why) => write!(f, "excluded by {}: {why}", why.rule()),
        }
    }
}
