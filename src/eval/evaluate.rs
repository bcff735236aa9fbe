//! [`Evaluator`]: ranks every judged query under a [`Config`] and measures
//! the lists, per query and overall ([`Evaluation`]).

use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use super::config::{Config, Options};
use super::error::EvalError;
use super::judgments::{Judgments, Query, Target};
use super::metrics::Metrics;
use super::ranking::{Lifted, rank};
use crate::rank::Index;

/// Evaluates configurations of one index on one judgment set.
///
/// Queries are ranked in parallel (rayon), each result lands in the
/// query's place, and means are summed in query order, so an evaluation
/// gives the same numbers, bit for bit, on any number of threads.
///
/// # Example
///
/// ```
/// use refmatch::eval::{Config, Evaluator, Judgments, Options};
/// use refmatch::{Index, Library};
///
/// let index = Index::new(Library::sample());
/// let judgments = Judgments::sample();
/// let evaluator = Evaluator::new(&index, &judgments, Options::default())?;
/// let default = Config::of(&index);
/// let evaluation = evaluator.evaluate(&default)?;
/// println!("NDCG@5 {:.3} over {} queries", evaluation.mean.ndcg, evaluation.queries.len());
///
/// let mut heavier = default.clone();
/// heavier.policy.weights.seniority = 3.0;
/// let comparison = evaluator.compare(&default, &heavier)?;
/// println!("{} better, {} worse, p = {:.3}", comparison.wins, comparison.losses, comparison.p_value);
/// Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Evaluator<'a> {
    pub(crate) index: &'a Index,
    pub(crate) judgments: &'a Judgments,
    pub(crate) options: Options,
    /// The index for ranking without the availability discount, built the
    /// first time a configuration asks for it.
    lifted: OnceLock<Lifted>,
}

/// One entry of a ranked list, with its judgment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    /// The advocate's (or story's) id.
    pub id: String,
    /// The score it was ranked by (the relevance, for a configuration
    /// without the availability discount).
    pub score: f64,
    /// Its grade, or `None` when the query does not judge it.
    pub grade: Option<u8>,
}

/// One query's ranked list and its measures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueryResult {
    /// The query's id.
    pub query: String,
    /// Whether it ranks advocates or stories.
    pub target: Target,
    /// The measures of its top `k`.
    pub metrics: Metrics,
    /// Its top `k`, best first.
    pub ranked: Vec<Ranked>,
}

/// A configuration's measures on a judgment set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// The cutoff.
    pub k: usize,
    /// The mean of each measure over every query (the mean reciprocal rank
    /// is MRR).
    pub mean: Metrics,
    /// The mean over the queries ranking advocates, `None` when there are
    /// none.
    pub advocates: Option<Metrics>,
    /// The mean over the queries ranking stories, `None` when there are
    /// none.
    pub stories: Option<Metrics>,
    /// Every query, in the judgment set's order.
    pub queries: Vec<QueryResult>,
}

impl<'a> Evaluator<'a> {
    /// An evaluator of `index` on `judgments` with `options`.
    ///
    /// # Errors
    ///
    /// [`EvalError::Options`] for an option out of range;
    /// [`EvalError::UnknownId`] when a judged id is not in the index's
    /// library (the judgments were checked against another one).
    pub fn new(
        index: &'a Index,
        judgments: &'a Judgments,
        options: Options,
    ) -> Result<Evaluator<'a>, EvalError> {
        options.check()?;
        let library = index.library();
        for query in judgments.queries() {
            let target = query.target();
            for (id, _) in query.judged() {
                let known = match target {
                    Target::Advocates => library.advocate(id).is_some(),
                    Target::Stories => library.story(id).is_some(),
                };
                if !known {
                    return Err(EvalError::UnknownId {
                        query: query.id.clone(),
                        item: target.item(),
                        id: id.to_string(),
                    });
                }
            }
        }
        Ok(Evaluator { index, judgments, options, lifted: OnceLock::new() })
    }

    /// The options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The judgment set.
    pub fn judgments(&self) -> &Judgments {
        self.judgments
    }

    /// Ranks every query under `config` and measures its top `k`.
    ///
    /// Cost: one ranking per query (in parallel), plus `O(k + judgments)`
    /// per query. Without the availability discount, a ranking asks the
    /// engine for at least 32 results, on a copy of the index without the
    /// advocates' own caps that the evaluator builds the first time
    /// (`O(n log n)`, and the memory of a second index).
    ///
    /// # Errors
    ///
    /// [`EvalError::Config`] when the configuration's policy is invalid;
    /// [`EvalError::Query`] when the engine refuses a query;
    /// [`EvalError::Depth`] in the case [`Config::availability`] describes.
    pub fn evaluate(&self, config: &Config) -> Result<Evaluation, EvalError> {
        config.check()?;
        let all: Vec<usize> = (0..self.judgments.queries().len()).collect();
        let queries = self.results(config, &all)?;
        let mean_of = |target: Option<Target>| {
            let chosen: Vec<&Metrics> =
                queries.iter().filter(|r| target.is_none_or(|t| r.target == t)).map(|r| &r.metrics).collect();
            (!chosen.is_empty()).then(|| Metrics::mean(chosen))
        };
        Ok(Evaluation {
            k: self.options.k,
            mean: mean_of(None).unwrap_or_default(),
            advocates: mean_of(Some(Target::Advocates)),
            stories: mean_of(Some(Target::Stories)),
            queries,
        })
    }

    /// The results of the queries at positions `chosen`, in that order.
    pub(crate) fn results(&self, config: &Config, chosen: &[usize]) -> Result<Vec<QueryResult>, EvalError> {
        let queries = self.judgments.queries();
        let results: Vec<Result<QueryResult, EvalError>> =
            chosen.par_iter().map(|&q| self.result(&queries[q], config)).collect();
        // The first error in query order, whichever thread met it first.
        results.into_iter().collect()
    }

    /// The mean NDCG@k of the queries at positions `chosen` (checked
    /// configuration).
    pub(crate) fn mean_ndcg(&self, config: &Config, chosen: &[usize]) -> Result<f64, EvalError> {
        let results = self.results(config, chosen)?;
        Ok(Metrics::mean(results.iter().map(|r| &r.metrics)).ndcg)
    }

    fn result(&self, query: &Query, config: &Config) -> Result<QueryResult, EvalError> {
        let k = self.options.k;
        let lifted = || self.lifted.get_or_init(|| Lifted::new(self.index.library()));
        let hits = rank(self.index, lifted, query, config, k)?;
        let ranked: Vec<Ranked> = hits
            .into_iter()
            .map(|hit| Ranked { grade: query.grade(&hit.id), id: hit.id, score: hit.score })
            .collect();
        let grades: Vec<Option<u8>> = ranked.iter().map(|r| r.grade).collect();
        let judged: Vec<u8> = query.judged.iter().map(|&(_, grade)| grade).collect();
        Ok(QueryResult {
            query: query.id.clone(),
            target: query.target(),
            metrics: Metrics::of(&grades, &judged, k),
            ranked,
        })
    }
}
