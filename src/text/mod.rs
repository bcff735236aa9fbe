//! Free text as the ranking's text factor reads it: a text becomes its
//! *terms*, per language. This module owns the analysis; how the terms
//! of a prospect and of a story make a similarity is the
//! [`rank`](crate::rank) module's contract, and full-text search with BM25
//! is [`crate::search`]'s.
//!
//! The analysis is the one [`crate::search`] describes, step by step, but
//! built on its own crates rather than on tantivy, so that ranking with
//! text works (and ranks the same) with or without the `search` feature:
//!
//! 1. words are split at every character that is not a letter or digit
//!    (`real-time` is two words), and words of 40 bytes or more are
//!    dropped;
//! 2. each word is lowercased;
//! 3. stop words of the language are dropped for Danish, Dutch, English,
//!    Finnish, French, German, Hungarian, Italian, Norwegian (`no`, `nb`,
//!    `nn`), Portuguese, Russian, Spanish and Swedish: Lucene's 33 words
//!    for English, as [`crate::search`] drops them, and the Snowball lists
//!    as NLTK ships them for the others (the same as search's for Danish,
//!    Dutch, Italian and Norwegian; 1 to 16 words apart in the others);
//! 4. the word is stemmed by the language's Snowball stemmer (those
//!    languages, and Arabic, Greek, Romanian, Tamil and Turkish);
//! 5. the stem's Latin letters are folded to ASCII (`é` to `e`, `ß` to
//!    `ss`, `ø` to `o`), after stemming, so the stemmer still sees the
//!    accents it was written for.
//!
//! Every other language is split, lowercased and folded only. Scripts
//! written without spaces (Chinese, Japanese, Thai) are not segmented.
//!
//! ```
//! use refmatch::text::{Analyzer, terms};
//!
//! let stems: Vec<String> = terms("The real-time scoring of frauds", "en").into_iter().map(|t| t.stem).collect();
//! assert_eq!(stems, ["real", "time", "score", "fraud"]);
//! // German words by the German stemmer, folded after stemming.
//! let german = Analyzer::new("de");
//! assert_eq!(german.term("Betrugserkennungen"), german.term("betrugserkennung"));
//! assert_eq!(german.term("und"), None); // a stop word
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod analyzer;
mod fold;

pub(crate) use analyzer::StemCache;
#[cfg(feature = "search")]
pub(crate) use analyzer::snowball;
pub use analyzer::{Analyzer, MAX_WORD_BYTES, Term};

/// The language of the stories' own texts (titles, summaries, outcome
/// descriptions, use cases), and the one a prospect's text is read in:
/// English, as [`crate::search`] assumes by default. Quotes carry their
/// own language.
pub const STORY_LANGUAGE: &str = "en";

/// Every term of `text` in `language` (an ISO 639-1 code): one
/// [`Analyzer::new`] and its [`Analyzer::terms`].
pub fn terms(text: &str, language: &str) -> Vec<Term> {
    Analyzer::new(language).terms(text)
}
