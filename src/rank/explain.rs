//! What ranking returns: matches with their explanations, and verdicts for
//! single advocates.

use std::fmt;

use super::rules::Exclusion;
use crate::score::Factor;

/// One factor's part in a relevance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FactorScore {
    /// The factor.
    pub factor: Factor,
    /// Its similarity, in `[0, 1]`.
    pub similarity: f64,
    /// Its weight.
    pub weight: f64,
    /// `weight * similarity / sum of present weights`: what the factor adds
    /// to the relevance. The contributions sum to the relevance.
    pub contribution: f64,
}

/// Why a candidate scored what it did: every present factor, the relevance,
/// and the availability that scales it.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The present factors, in SCORING.md's order.
    pub factors: Vec<FactorScore>,
    /// Weighted mean of the factor similarities.
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
    /// The present factors, largest contribution first (ties in SCORING.md's
    /// order).
    pub fn top_factors(&self) -> Vec<FactorScore> {
        let mut factors = self.factors.clone();
        factors.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
        factors
    }
}

impl fmt::Display for Explanation {
    /// One line per factor, then relevance, availability and score.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for factor in &self.factors {
            writeln!(
                f,
                "{:<12} similarity {:.3} x weight {:.2} -> {:.4}",
                factor.factor.name(),
                factor.similarity,
                factor.weight,
                factor.contribution
            )?;
        }
        writeln!(f, "{:<12} {:.4}", "relevance", self.relevance)?;
        if self.cap > 0 {
            writeln!(
                f,
                "{:<12} {:.4} (used {} of cap {})",
                "availability", self.availability, self.used, self.cap
            )?;
        }
        write!(f, "{:<12} {:.4}", "score", self.score)
    }
}

/// An advocate ranked for a prospect.
#[derive(Debug, Clone, PartialEq)]
pub struct AdvocateMatch {
    /// The advocate's id.
    pub advocate: String,
    /// The advocate's account id.
    pub account: String,
    /// The story that earned the score: the advocate's best candidate.
    pub story: String,
    /// The score, `relevance * availability`.
    pub score: f64,
    /// How the score came about.
    pub explanation: Explanation,
}

/// A story ranked as content for a prospect.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryMatch {
    /// The story's id.
    pub story: String,
    /// The story's account id.
    pub account: String,
    /// Locations of the story's usable assets of the requested kind.
    pub assets: Vec<String>,
    /// The score: the story's relevance (no availability for content).
    pub score: f64,
    /// How the score came about.
    pub explanation: Explanation,
}

/// What [`Index::explain`](super::Index::explain) finds for one advocate.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The advocate is eligible; this is its best candidate and score
    /// (whether it makes the top `k` depends on the others).
    Eligible(AdvocateMatch),
    /// The advocate is out, and why.
    Excluded(Exclusion),
}
