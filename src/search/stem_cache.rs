//! [`CachedStemmer`]: tantivy's Snowball stemmer with a cache of the words
//! already stemmed.
//!
//! Stemming was half the instructions of building a search index (1.8 G of
//! 3.6 G for 10k stories and their quotes), and a library repeats its
//! words: a cache per analyzer turns most stems into one hash lookup.
//! tantivy's own `Stemmer` filter keeps no state between texts, hence this
//! filter: the same `rust_stemmers` algorithm, so the same stems, with a
//! memory of them. The cache is bounded ([`MAX_CACHED`] words of at most
//! the analysis' longest word each), and a clone starts with an empty one,
//! so a query that clones an analyzer copies no cache. Its hash is
//! foldhash's, several times faster than std's SipHash on short words and
//! still seeded at random per table, so words chosen to collide cannot make
//! it slow.

use std::sync::Arc;

use foldhash::HashMap;
use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The most words one analyzer remembers; past it, words are stemmed
/// without being kept.
pub(crate) const MAX_CACHED: usize = 1 << 16;

/// A token filter that replaces each word by its Snowball stem, as
/// tantivy's `Stemmer` does, remembering the stems it computed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CachedStemmer(Algorithm);

impl CachedStemmer {
    pub(crate) fn new(algorithm: Algorithm) -> CachedStemmer {
        CachedStemmer(algorithm)
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stemmer: Arc::new(Stemmer::create(self.0)),
            algorithm: self.0,
            cache: HashMap::default(),
        }
    }
}

/// [`CachedStemmer`] over a tokenizer.
pub(crate) struct CachedStemmerFilter<T> {
    inner: T,
    algorithm: Algorithm,
    stemmer: Arc<Stemmer>,
    cache: HashMap<String, String>,
}

impl<T: Clone> Clone for CachedStemmerFilter<T> {
    fn clone(&self) -> Self {
        let stemmer = Arc::clone(&self.stemmer);
        CachedStemmerFilter {
            inner: self.inner.clone(),
            algorithm: self.algorithm,
            stemmer,
            cache: HashMap::default(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: &self.stemmer,
            cache: &mut self.cache,
        }
    }
}

/// The token stream of a [`CachedStemmerFilter`].
pub(crate) struct CachedStemmerStream<'a, T> {
    tail: T,
    stemmer: &'a Stemmer,
    cache: &'a mut HashMap<String, String>,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = self.stemmer.stem(&token.text).into_owned();
        if self.cache.len() < MAX_CACHED {
            self.cache.insert(std::mem::replace(&mut token.text, stem), token.text.clone());
        } else {
            token.text = stem;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, SimpleTokenizer, TextAnalyzer};

    fn stems(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    /// The cached stems are tantivy's, on first sight and from the cache,
    /// in every language the analysis stems.
    #[test]
    fn stems_as_tantivy_does_cached_or_not() {
        let text = "running runners ran easily fraudulent detections détectées Betrugserkennung Kunden \
                    detección fraudes running detections Kunden";
        for (language, algorithm) in [
            (Language::English, Algorithm::English),
            (Language::German, Algorithm::German),
            (Language::French, Algorithm::French),
            (Language::Spanish, Algorithm::Spanish),
        ] {
            let mut ours = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(CachedStemmer::new(algorithm))
                .build();
            let mut theirs = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(tantivy::tokenizer::Stemmer::new(language))
                .build();
            let want = stems(&mut theirs, text);
            assert_eq!(stems(&mut ours, text), want, "{language:?}, first pass");
            assert_eq!(stems(&mut ours, text), want, "{language:?}, from the cache");
            assert_eq!(stems(&mut ours.clone(), text), want, "{language:?}, a clone");
        }
    }

    /// Past the bound, words are still stemmed, just not kept.
    #[test]
    fn a_full_cache_still_stems() {
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(CachedStemmer::new(Algorithm::English))
            .build();
        let mut theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(tantivy::tokenizer::Stemmer::new(Language::English))
            .build();
        let many: String = (0..MAX_CACHED + 10).map(|i| format!("w{i}ing ")).collect();
        let got = stems(&mut analyzer, &many);
        assert_eq!(got.len(), MAX_CACHED + 10);
        assert_eq!(got, stems(&mut theirs, &many));
        assert_eq!(stems(&mut analyzer, "detections"), ["detect"]);
    }
}
