//! What an evaluation varies ([`Config`]: how the engine ranks) and what
//! it holds fixed ([`Options`]: the cutoff, the randomization test, the
//! report's length).

use serde::Serialize;

use super::error::EvalError;
use crate::model::limits::MAX_COUNT;
use crate::model::{Policy, Weights, policy_problems};
use crate::rank::Index;

/// One way of ranking, to evaluate or compare with another.
///
/// The fields are public and the struct is `#[non_exhaustive]`: build one
/// with [`Config::new`] or [`Config::of`] and change the fields; new
/// settings (a relevance floor, a text weight) arrive as new fields with
/// defaults that keep today's ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Config {
    /// The policy ranking uses: cap, window and rest days (rules E5 and E6
    /// and the availability), and the factor weights (advocates and
    /// stories).
    pub policy: Policy,
    /// Whether an advocate's score carries the availability discount of
    /// the ranking's score (`score = relevance * availability`, see [`crate::rank`]). Default
    /// `true`. When `false`, advocates are ordered by relevance alone (a
    /// tie to the smaller advocate id, the per-account limit applied in
    /// that order); every eligibility rule still holds, so an advocate at
    /// the cap is still left out (E6). Stories have no availability. How
    /// the evaluation ranks so without an engine switch: [`crate::eval`].
    pub availability: bool,
}

impl Config {
    /// Ranking with `policy`, availability discount on.
    pub fn new(policy: Policy) -> Config {
        Config { policy, availability: true }
    }

    /// Ranking as `index` does by default: its policy, availability
    /// discount on.
    pub fn of(index: &Index) -> Config {
        Config::new(*index.policy())
    }

    /// The same configuration with other factor weights.
    pub fn with_weights(mut self, weights: Weights) -> Config {
        self.policy.weights = weights;
        self
    }

    /// The same configuration with the availability discount on or off.
    pub fn with_availability(mut self, availability: bool) -> Config {
        self.availability = availability;
        self
    }

    /// Refuses a policy the engine would refuse on every query.
    pub(crate) fn check(&self) -> Result<(), EvalError> {
        let problems = policy_problems(&self.policy);
        if problems.is_empty() { Ok(()) } else { Err(EvalError::Config { problems }) }
    }
}

/// What stays fixed across the configurations an [`Evaluator`] runs.
/// Change what you need and take the rest from the defaults:
/// `Options { k: 10, ..Options::default() }`.
///
/// [`Evaluator`]: super::Evaluator
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Options {
    /// The cutoff of every measure, and how many results each query asks
    /// the engine for: `1..=10,000`. Default 5, the product's default
    /// `k`.
    pub k: usize,
    /// Random sign patterns of the paired randomization test when there
    /// are too many queries to try every pattern (more than
    /// [`EXACT_MAX_QUERIES`](super::EXACT_MAX_QUERIES)): `1..=10,000`.
    /// Default 10,000.
    pub permutations: usize,
    /// Seed of the randomization test's random stream. Default 0.
    pub seed: u64,
    /// How many queries the "what changed" part of a comparison lists:
    /// `0..=10,000`. Default 5.
    pub changed: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { k: 5, permutations: 10_000, seed: 0, changed: 5 }
    }
}

impl Options {
    pub(crate) fn check(&self) -> Result<(), EvalError> {
        let range = |field: &'static str, value: usize, min: usize| {
            if (min..=MAX_COUNT).contains(&value) {
                Ok(())
            } else {
                Err(EvalError::Options {
                    field,
                    message: format!("{value} is out of range: expected {min} to {MAX_COUNT}"),
                })
            }
        };
        range("options.k", self.k, 1)?;
        range("options.permutations", self.permutations, 1)?;
        range("options.changed", self.changed, 0)
    }
}
