//! The one place [`crate::eval`] calls the ranking engine, so that a change
//! of the engine's signatures is an edit here and nowhere else.

use crate::model::Prospect;
use crate::rank::{Index, QueryError, Request, StoryRequest};

/// One ranked advocate or story, as the evaluation reads it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hit {
    /// The advocate's (or story's) id.
    pub(crate) id: String,
    /// Its account's id.
    pub(crate) account: String,
    /// The relevance, before availability.
    pub(crate) relevance: f64,
    /// The score the engine ordered by.
    pub(crate) score: f64,
    /// `used(d)` of an advocate (0 for a story).
    pub(crate) used: u32,
}

/// [`Index::rank_advocates`], in score order.
pub(crate) fn advocates(
    index: &Index,
    prospect: &Prospect,
    request: &Request,
) -> Result<Vec<Hit>, QueryError> {
    let matches = index.rank_advocates(prospect, request)?;
    Ok(matches
        .into_iter()
        .map(|m| Hit {
            id: m.advocate,
            account: m.account,
            relevance: m.explanation.relevance,
            score: m.score,
            used: m.explanation.used,
        })
        .collect())
}

/// [`Index::rank_stories`], in score order.
pub(crate) fn stories(
    index: &Index,
    prospect: &Prospect,
    request: &StoryRequest,
) -> Result<Vec<Hit>, QueryError> {
    let matches = index.rank_stories(prospect, request)?;
    Ok(matches
        .into_iter()
        .map(|m| Hit {
            id: m.story,
            account: m.account,
            relevance: m.explanation.relevance,
            score: m.score,
            used: 0,
        })
        .collect())
}
