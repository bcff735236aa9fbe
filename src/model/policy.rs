//! The program's fatigue policy and the default weights of the scoring
//! factors.

use serde::{Deserialize, Serialize};

/// Weight of each relevance factor of SCORING.md section 2.
///
/// Relevance is `sum(w_f * s_f) / sum(w_f)` over the factors present for a
/// candidate, so only the ratios between weights matter. A weight of 0
/// turns a factor off; every other weight lies in `1e-6..=1e6`, and at
/// least one is above 0 (see [`crate::model::limits`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    /// NAICS depth of the account's industry against the prospect's. Default 3.
    pub industry: f64,
    /// Share of the prospect's use cases the story covers. Default 3.
    pub use_cases: f64,
    /// Share of the prospect's products the story uses. Default 2.
    pub products: f64,
    /// Closeness in employee count, on a log scale. Default 1.5.
    pub size: f64,
    /// Same country, or same sales region. Default 1.
    pub geography: f64,
    /// Closeness of the advocate's level to the prospect contact's. Default 1.
    pub seniority: f64,
    /// The story displaced the prospect's competitor. Default 1.5.
    pub competitor: f64,
    /// Age of the story's verification; halves each year. Default 0.5.
    pub freshness: f64,
    /// The story has numeric outcomes. Default 0.5.
    pub evidence: f64,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            industry: 3.0,
            use_cases: 3.0,
            products: 2.0,
            size: 1.5,
            geography: 1.0,
            seniority: 1.0,
            competitor: 1.5,
            freshness: 0.5,
            evidence: 0.5,
        }
    }
}

impl Weights {
    /// The weights with their factor names, in SCORING.md's order.
    pub fn named(&self) -> [(&'static str, f64); 9] {
        [
            ("industry", self.industry),
            ("use_cases", self.use_cases),
            ("products", self.products),
            ("size", self.size),
            ("geography", self.geography),
            ("seniority", self.seniority),
            ("competitor", self.competitor),
            ("freshness", self.freshness),
            ("evidence", self.evidence),
        ]
    }
}

/// The program's limits on how often an advocate is asked, and the scoring
/// weights.
///
/// An advocate may carry its own `cap`, `window_days` and `rest_days`,
/// which replace these.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// Most held engagements in any window of `window_days` days. Default 4;
    /// `1..=1000`.
    pub cap: u32,
    /// Length of the capacity window in days. Default 90; `1..=3660`.
    pub window_days: u32,
    /// No two held engagements of one advocate closer than this many days.
    /// Default 14; `0..=3660`.
    pub rest_days: u32,
    /// Factor weights. Defaults as in SCORING.md.
    pub weights: Weights,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy { cap: 4, window_days: 90, rest_days: 14, weights: Weights::default() }
    }
}
