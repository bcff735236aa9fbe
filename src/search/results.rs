//! What a search returns: [`SearchResults`] with its [`Hit`]s and
//! [`Facets`].

use serde::Serialize;

use super::snippet::Snippet;
use crate::taxonomy::SalesRegion;

/// One document that matched: a story, or a quote of a story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Id of the story (the quote's story for a quote).
    pub story: String,
    /// Id of the quote, when the hit is a quote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Id of the story's account.
    pub account: String,
    /// Language of the hit's text (ISO 639-1).
    pub language: String,
    /// BM25 score, summed over the matching clauses and fields; 0 when the
    /// query has no words.
    pub score: f32,
    /// The best piece of the hit's texts, with the matched words marked.
    pub snippet: Snippet,
}

/// How many hits fall in each value, most first (a tie goes to the smaller
/// value); values without hits are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Hits per sales region of the story's account.
    pub regions: Vec<(SalesRegion, usize)>,
    /// Hits per NAICS sector (`52`, `31-33`) of the story's account.
    pub sectors: Vec<(String, usize)>,
    /// Hits per product id the story uses; a story with two products
    /// counts for both.
    pub products: Vec<(String, usize)>,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// The best hits, best first: higher score, and on equal scores stories
    /// in library order before quotes in library order.
    pub hits: Vec<Hit>,
    /// The number of documents that matched the query and the filters.
    pub total: usize,
    /// The facets of all `total` hits, not only of those returned.
    pub facets: Facets,
}
