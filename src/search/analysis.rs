//! How text becomes terms, per language: words split at every character
//! that is not a letter or digit, lowercased, stop words dropped, and then
//! two forms of each word: its stem (for words and phrases) and its plain
//! form (for prefixes). Both forms are folded to ASCII (`é` to `e`, `ß` to
//! `ss`) after stemming, so `détection` and `detection` meet, and the
//! stemmer still sees the accents it was written for. Words longer than
//! [`MAX_WORD_BYTES`] are dropped.
//!
//! Stemming (Snowball, through tantivy) and stop words are known for
//! Arabic (stemming only), Danish, Dutch, English, Finnish, French, German,
//! Greek (stemming only), Hungarian, Italian, Norwegian (`no`, `nb`, `nn`),
//! Portuguese, Romanian (stemming only), Russian, Spanish, Swedish, Tamil
//! (stemming only) and Turkish (stemming only). Every other language is
//! split, lowercased and folded only. Scripts written without spaces
//! (Chinese, Japanese, Thai) are not segmented into words.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter, TextAnalyzer,
};

use rust_stemmers::Algorithm;

use super::stem_cache::CachedStemmer;

/// Words longer than this many bytes are not indexed.
pub(crate) const MAX_WORD_BYTES: usize = 40;

/// The Snowball language of an ISO 639-1 code, if it has one.
pub(crate) fn snowball(code: &str) -> Option<Language> {
    Some(match code {
        "ar" => Language::Arabic,
        "da" => Language::Danish,
        "nl" => Language::Dutch,
        "en" => Language::English,
        "fi" => Language::Finnish,
        "fr" => Language::French,
        "de" => Language::German,
        "el" => Language::Greek,
        "hu" => Language::Hungarian,
        "it" => Language::Italian,
        "no" | "nb" | "nn" => Language::Norwegian,
        "pt" => Language::Portuguese,
        "ro" => Language::Romanian,
        "ru" => Language::Russian,
        "es" => Language::Spanish,
        "sv" => Language::Swedish,
        "ta" => Language::Tamil,
        "tr" => Language::Turkish,
        _ => return None,
    })
}

/// The analyzers of one language.
#[derive(Clone)]
pub(crate) struct Analyzers {
    /// Stems: what words and phrases are indexed and searched as.
    pub(crate) stem: TextAnalyzer,
    /// Plain forms: what prefixes are indexed and searched as.
    pub(crate) plain: TextAnalyzer,
}

impl Analyzers {
    /// The analyzers of the language with ISO 639-1 code `code`.
    pub(crate) fn new(code: &str) -> Analyzers {
        let language = snowball(code);
        let stop = language.and_then(StopWordFilter::new);
        Analyzers { stem: chain(stop.clone(), crate::text::snowball(code)), plain: chain(stop, None) }
    }
}

/// Split, cut, lowercased, stop words dropped, stemmed, folded: each
/// combination spelled out so that the filters are one static chain (a
/// dynamic one costs a virtual call per filter and token).
fn chain(stop: Option<StopWordFilter>, stem: Option<Algorithm>) -> TextAnalyzer {
    let words = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser);
    match (stop, stem) {
        (Some(stop), Some(language)) => {
            words.filter(stop).filter(CachedStemmer::new(language)).filter(AsciiFoldingFilter).build()
        }
        (Some(stop), None) => words.filter(stop).filter(AsciiFoldingFilter).build(),
        (None, Some(language)) => {
            words.filter(CachedStemmer::new(language)).filter(AsciiFoldingFilter).build()
        }
        (None, None) => words.filter(AsciiFoldingFilter).build(),
    }
}

/// The analyzer of a prefix, the same in every language: split,
/// lowercased and folded, stop words kept (a prefix may start one).
pub(crate) fn prefix_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// One analyzed word: where it stands in the text, and its terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Byte range in the text.
    pub(crate) start: usize,
    /// End of the byte range.
    pub(crate) end: usize,
    /// Position among the text's words, stop words counted.
    pub(crate) position: usize,
    /// The stem, folded.
    pub(crate) stem: String,
    /// The plain form, folded.
    pub(crate) plain: String,
}

impl Analyzers {
    /// Every word of `text` that is not a stop word, with both forms.
    ///
    /// The two analyzers split and drop the same words (they differ only
    /// in the stemmer, which never drops one), so their tokens pair up.
    pub(crate) fn words(&self, text: &str) -> Vec<Word> {
        let mut stem = self.stem.clone();
        let mut plain = self.plain.clone();
        let mut stems = stem.token_stream(text);
        let mut plains = plain.token_stream(text);
        let mut words = Vec::new();
        while let (Some(s), Some(p)) = (stems.next(), plains.next()) {
            debug_assert_eq!((s.offset_from, s.position), (p.offset_from, p.position));
            words.push(Word {
                start: s.offset_from,
                end: s.offset_to,
                position: s.position,
                stem: s.text.clone(),
                plain: p.text.clone(),
            });
        }
        words
    }

    /// The stems of `text` with their positions.
    pub(crate) fn stems(&self, text: &str) -> Vec<(usize, String)> {
        let mut stem = self.stem.clone();
        let mut stream = stem.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((token.position, token.text.clone()));
        }
        out
    }
}

/// The terms of a prefix: its words, split, lowercased and folded.
pub(crate) fn prefix_terms(text: &str) -> Vec<String> {
    let mut analyzer = prefix_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(code: &str, text: &str) -> Vec<String> {
        Analyzers::new(code).stems(text).into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn english_stems_and_drops_stop_words() {
        assert_eq!(stems("en", "The scoring of frauds"), ["score", "fraud"]);
        assert_eq!(stems("en", "Real-time fraud detection"), ["real", "time", "fraud", "detect"]);
    }

    #[test]
    fn german_french_and_spanish_stem_their_own_words() {
        assert_eq!(stems("de", "Betrugserkennung in Echtzeit"), stems("de", "betrugserkennung echtzeit"));
        assert_eq!(stems("de", "Kunden"), stems("de", "Kunde"));
        assert_eq!(stems("fr", "les fraudes détectées"), stems("fr", "fraude détectée"));
        assert_eq!(stems("es", "detección de fraudes"), stems("es", "deteccion fraude"));
    }

    #[test]
    fn folding_comes_after_stemming() {
        // The French stemmer sees the accent and removes the suffix "ité".
        assert_eq!(stems("fr", "sécurité"), ["secur"]);
        assert_eq!(stems("de", "Größe"), stems("de", "grösse"));
    }

    #[test]
    fn languages_without_a_stemmer_are_split_and_folded() {
        assert_eq!(stems("pl", "Wykrywanie oszustw, Łódź"), ["wykrywanie", "oszustw", "lodz"]);
        assert!(snowball("ja").is_none() && snowball("nb").is_some());
    }

    #[test]
    fn words_pair_stems_with_plain_forms_and_keep_positions() {
        let words = Analyzers::new("en").words("the onboarding of customers");
        let forms: Vec<(usize, &str, &str)> =
            words.iter().map(|w| (w.position, w.stem.as_str(), w.plain.as_str())).collect();
        assert_eq!(forms, [(1, "onboard", "onboarding"), (3, "custom", "customers")]);
        assert_eq!(&"the onboarding of customers"[words[0].start..words[0].end], "onboarding");
    }

    #[test]
    fn long_words_are_dropped_and_prefixes_keep_stop_words() {
        assert!(stems("en", &"x".repeat(41)).is_empty());
        assert_eq!(prefix_terms("The"), ["the"]);
        assert_eq!(prefix_terms("Réal-ti"), ["real", "ti"]);
    }
}
