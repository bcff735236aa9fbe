//! Full-text search over the library's stories and quotes: what a rep
//! types ("real-time fraud scoring, replaced a legacy core, Germany"),
//! ranked by BM25, filtered, counted in facets and shown with snippets.
//!
//! Build a [`SearchIndex`] from a [`Library`](crate::Library) once, then
//! call [`SearchIndex::search`] with a query string or a
//! [`SearchRequest`] (query, [`Filters`], limit, snippet length); when the
//! library changes, [`SearchIndex::update`] indexes what changed. A
//! [`Program`](crate::ledger::Program) searches its records as they stand
//! with [`Program::search`](crate::ledger::Program::search), its index kept
//! in step with every record change. The
//! answer, [`SearchResults`], holds the best [`Hit`]s (a story or a quote,
//! its score and a [`Snippet`] with the matched words marked), the number
//! of all hits and their [`Facets`] (hits per sales region, NAICS sector
//! and product). The engine is [tantivy](https://docs.rs/tantivy), with
//! the index in RAM. This module needs the crate's `search` feature (on by
//! default). Ranking advocates and stories for a prospect is
//! [`crate::rank`]'s job, not this module's.
//!
//! # Example
//!
//! ```
//! use refmatch::Library;
//! use refmatch::search::{Filters, SearchIndex, SearchRequest};
//! use refmatch::taxonomy::SalesRegion;
//!
//! let index = SearchIndex::new(Library::sample())?;
//!
//! // Words, a phrase, a prefix, and a filter written in the query.
//! let results = index.search(r#"fraud "real-time scoring" onboard* country:DE"#)?;
//! for hit in &results.hits {
//!     println!("{} {:?} {:.2}: {}", hit.story, hit.quote, hit.score, hit.snippet);
//! }
//! assert!(results.total >= results.hits.len());
//!
//! // Filters and a limit in a request; facets count every hit.
//! let request = SearchRequest::new("fraud detection Omnisuite")
//!     .with_filters(Filters::new().region(SalesRegion::Emea))
//!     .with_limit(3);
//! let results = index.search(request)?;
//! assert_eq!(results.hits.len(), 3);
//! assert_eq!(results.facets.regions, vec![(SalesRegion::Emea, results.total)]);
//!
//! // German quotes are found by German words, stemmed: the plural
//! // "Betrugserkennungen" finds "Betrugserkennung".
//! let german = index.search("Betrugserkennungen language:de")?;
//! assert!(!german.hits.is_empty());
//! assert!(german.hits.iter().all(|h| h.language == "de" && h.quote.is_some()));
//!
//! // A malformed query is refused with the column of every mistake.
//! let err = index.search(r#"fraud colour:red "open"#).unwrap_err();
//! assert_eq!(err.problems().len(), 2);
//! assert_eq!(err.problems()[0].column, Some(7)); // unknown field `colour`
//! assert_eq!(err.problems()[1].column, Some(18)); // the quote never closes
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Documents
//!
//! Each story is a document (its title, summary, outcome descriptions and
//! use cases), and so is each quote (its text). A quote is filtered and
//! counted through its story: its story's account gives the region,
//! country and sector, its story the products and assets.
//!
//! # Query syntax
//!
//! Clauses are separated by white space:
//!
//! | clause | matches |
//! | --- | --- |
//! | `fraud` | documents with the word, by stem: `frauds`, `Fraud` |
//! | `real-time` | a word analysis splits is a phrase: `real` then `time` |
//! | `"legacy core"` | the phrase, by stems, stop words leaving their gaps |
//! | `onboard*` | a word starting so: `onboard`, `onboarding` (at least 2 letters; at most 1,000 words) |
//! | `+fraud` | required: every hit has it |
//! | `-legacy` | excluded: no hit has it |
//! | `title:fraud`, `quote:"in Echtzeit"` | only that text: `title`, `summary`, `outcome`, `use_case`, `quote` |
//! | `region:EMEA` | a filter, see below; `name:"two words"` quotes a value with spaces |
//!
//! Clauses without `+` or `-` are optional: a hit has at least one of
//! them (unless a clause is required), and each adds to the score. A query
//! with no optional or required clause (empty, or only `-` clauses and
//! filters) matches every document, with score 0; one whose words are all
//! stop words matches nothing. Field and filter names ignore case.
//!
//! # Filters
//!
//! Written in the query or set in [`Filters`]; values of one filter are
//! alternatives, different filters must all hold, and the query's filters
//! hold on top of the request's.
//!
//! | filter | value |
//! | --- | --- |
//! | `region:` | `AMER`, `LATAM`, `EMEA`, `APAC` (any case) |
//! | `country:` | ISO 3166-1 alpha-2, `DE` (any case) |
//! | `sector:` | a NAICS 2022 code at any level: the account's industry is it or below it (`52`, `31-33`, `5221`) |
//! | `product:` | a product id, or a product name ignoring case |
//! | `kind:` | an asset kind the story has (`case_study`, `video`, ...); a quote hit passes `quote` |
//! | `language:` | the language of the hit's text, ISO 639-1 (`de`) |
//! | `approved:` | a day, `2026-12-01`: the story is approved then, a quote's own approval too, and with `kind:` the asset is usable then |
//!
//! A value that does not exist (region `MARS`, country `XX`, an unknown
//! product) is an error naming it, never an empty answer.
//!
//! # Analysis
//!
//! Text is analyzed in its language: quotes in their own, stories in the
//! language given to [`SearchIndex::with_story_language`] (English by
//! default). Words are split at every character that is not a letter or
//! digit, lowercased, stop words dropped, stemmed (Snowball: English,
//! German, French, Spanish, Italian, Dutch, Portuguese, Swedish, Danish,
//! Norwegian, Finnish, Russian, Hungarian, Romanian, Turkish, Greek,
//! Arabic, Tamil) and folded to ASCII. A query's words are analyzed once
//! per language of the index and searched in each language's fields, so
//! `Betrugserkennungen` finds German quotes and `fraud` English and
//! German ones. Prefixes match the words as written (lowercased and folded), not
//! their stems. Words longer than 40 bytes are not indexed; scripts
//! written without spaces are not split into words.
//!
//! # Scores and order
//!
//! A clause's score is the sum over the fields it matches of tantivy's
//! BM25 (`k1 = 1.2`, `b = 0.75`, document frequencies and average lengths
//! over the whole index, per field); a document's score is the sum over
//! its matching optional and required clauses. Hits are ordered by score,
//! highest first; on equal scores stories come before quotes, each in
//! library order. The index is cut into at most four shards of
//! consecutive documents, each written by one thread and all searched in
//! parallel with the statistics of the whole index, and the order is
//! total, so the same library and request give the same answer, to the
//! last bit of every score, on any number of threads.
//!
//! # Costs
//!
//! | call | cost |
//! | --- | --- |
//! | [`SearchIndex::new`] | linear in the library's text, the shards in parallel |
//! | [`SearchIndex::search`] | linear in the documents that hold a searched term (the shards in parallel), plus the snippets of the returned hits |
//! | [`SearchIndex::update`] | linear in the number of stories and quotes (comparing the two libraries, numbering rows), plus indexing the changed texts; a rebuild after many changes or a change of languages |
//!
//! # Changes
//!
//! [`SearchIndex::update`] takes a later version of the library. A story
//! or quote whose text changed, or that is gone, leaves every answer and
//! the BM25 statistics (its document frequencies and tokens are taken off
//! them); new and changed texts are written to a small shard of their
//! own. Past eight such shards they are merged into one; once the changed
//! and removed documents pass an eighth of all (at least 1,024), or a
//! quote language appears or disappears, the index is built again. The
//! answers are those of a fresh index of the new library: the same hits,
//! totals, facets and snippets, each score the same BM25 sum, whose terms
//! may be added up in another order (so the last bits of an `f32` score,
//! and the order of two hits whose scores differ only there, may differ
//! from a fresh index's). The same library and the same updates give the
//! same answers.
//!
//! Measured figures, with the commands that produced them, are in
//! `BENCHMARKS.md`.

pub(crate) mod analysis;
mod collect;
mod compile;
mod error;
mod filter;
mod index;
mod parse;
mod request;
mod results;
mod run;
mod snippet;
mod stem_cache;
mod tables;
pub(crate) mod update;

pub use compile::MAX_EXPANSIONS;
pub use error::{QueryProblem, QueryProblemKind, SearchError};
pub(crate) use index::Core;
pub use index::SearchIndex;
pub use request::{Filters, MAX_SNIPPET_CHARS, MIN_SNIPPET_CHARS, SearchRequest, Source};
pub use results::{Facets, Hit, SearchResults};
pub use snippet::Snippet;

/// Checks a query's syntax without an index: the clauses, fields, quotes
/// and prefixes, and the query's length. Filter values and prefix
/// expansions need the index and are checked by [`SearchIndex::search`].
///
/// # Errors
///
/// A [`SearchError::Query`] listing every syntax problem with its column.
///
/// ```
/// use refmatch::search::check_syntax;
///
/// assert!(check_syntax(r#"fraud "real-time scoring" region:EMEA"#).is_ok());
/// let err = check_syntax("fraud \"open").unwrap_err();
/// assert_eq!(err.problems()[0].column, Some(7));
/// ```
pub fn check_syntax(query: &str) -> Result<(), SearchError> {
    parse::parse(query).map(|_| ()).map_err(SearchError::Query)
}
