//! The factor similarities of the default scoring model, version 1, each a
//! pure function returning a value in `[0, 1]`, and the availability that
//! scales a relevance into a score. How they combine is the
//! [`rank`](crate::rank) module's contract.
//!
//! These functions define what a factor means; they know nothing of
//! indexes or top-k. [`crate::rank`] evaluates them over a compiled index
//! and collects the best results, and its explanations report the values
//! these functions return.
//!
//! | factor | default weight | similarity |
//! | --- | --- | --- |
//! | [`Factor::Industry`] | 3 | [`industry`]: shared NAICS depth over the prospect code's length |
//! | [`Factor::UseCases`] | 3 | [`overlap`]: share of the prospect's use cases the story covers |
//! | [`Factor::Products`] | 2 | [`overlap`]: share of the prospect's products the story uses |
//! | [`Factor::Size`] | 1.5 | [`size`]: 1 at equal size, 0.5 at 10x, 0.0625 at 100x |
//! | [`Factor::Geography`] | 1 | [`geography`]: 1 same country, 0.5 same sales region |
//! | [`Factor::Seniority`] | 1 | [`seniority`]: 1 at the same level, 0.5 one level apart |
//! | [`Factor::Competitor`] | 1.5 | 1 when the story displaced the prospect's competitor |
//! | [`Factor::Freshness`] | 0.5 | [`freshness`]: halves with each year since verification |
//! | [`Factor::Evidence`] | 0.5 | [`evidence`]: 1 numeric outcome, 0.5 only words, 0 none |
//! | [`Factor::Text`] | 2 | [`overlap`]: share of the prospect's text terms the story's text and quotes have |

mod factors;

pub(crate) use factors::geography_of_regions;
pub use factors::{
    availability, evidence, freshness, geography, industry, industry_depth, overlap, seniority, size,
    size_from_log10,
};

use crate::model::{UnknownName, Weights};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The ten factors of the default model, in the order explanations list
/// them. Displays, parses and serializes as its name ([`Factor::name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    /// Industry closeness (NAICS depth).
    Industry,
    /// Use cases the story covers.
    UseCases,
    /// Products the story uses.
    Products,
    /// Company size closeness.
    Size,
    /// Same country or sales region.
    Geography,
    /// Advocate's level against the prospect contact's.
    Seniority,
    /// The story displaced the prospect's competitor.
    Competitor,
    /// How recently the story was verified.
    Freshness,
    /// Whether outcomes are measured.
    Evidence,
    /// The prospect's text terms found in the story's text and quotes.
    Text,
}

impl Factor {
    /// Every factor, in the order explanations list them.
    pub const ALL: [Factor; 10] = [
        Factor::Industry,
        Factor::UseCases,
        Factor::Products,
        Factor::Size,
        Factor::Geography,
        Factor::Seniority,
        Factor::Competitor,
        Factor::Freshness,
        Factor::Evidence,
        Factor::Text,
    ];

    /// The factor's name as [`Weights`] and explanations write it.
    pub fn name(self) -> &'static str {
        match self {
            Factor::Industry => "industry",
            Factor::UseCases => "use_cases",
            Factor::Products => "products",
            Factor::Size => "size",
            Factor::Geography => "geography",
            Factor::Seniority => "seniority",
            Factor::Competitor => "competitor",
            Factor::Freshness => "freshness",
            Factor::Evidence => "evidence",
            Factor::Text => "text",
        }
    }

    /// This factor's weight in `weights`.
    pub fn weight(self, weights: &Weights) -> f64 {
        match self {
            Factor::Industry => weights.industry,
            Factor::UseCases => weights.use_cases,
            Factor::Products => weights.products,
            Factor::Size => weights.size,
            Factor::Geography => weights.geography,
            Factor::Seniority => weights.seniority,
            Factor::Competitor => weights.competitor,
            Factor::Freshness => weights.freshness,
            Factor::Evidence => weights.evidence,
            Factor::Text => weights.text,
        }
    }
}

impl fmt::Display for Factor {
    /// Writes [`Factor::name`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Factor {
    type Err = UnknownName;

    /// Parses [`Factor::name`]: `industry`, `use_cases`, ...
    fn from_str(text: &str) -> Result<Factor, UnknownName> {
        Factor::ALL
            .into_iter()
            .find(|f| f.name() == text)
            .ok_or_else(|| UnknownName::new("factor", text, &Factor::ALL.map(Factor::name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_round_trip_by_name() {
        for factor in Factor::ALL {
            assert_eq!(factor.to_string().parse::<Factor>(), Ok(factor));
            assert_eq!(serde_json::to_string(&factor).unwrap(), format!("\"{factor}\""));
        }
        assert!("size ".parse::<Factor>().is_err());
    }
}
