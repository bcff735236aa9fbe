//! [`Analyzer`]: the analysis of one language, word by word.

use rust_stemmers::{Algorithm, Stemmer};

use super::fold::fold;

/// Words of this many bytes or more are dropped, as [`crate::search`]
/// drops them.
pub const MAX_WORD_BYTES: usize = 40;

/// One term of a text: the word as written and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The word as the text writes it (`Frauds`).
    pub word: String,
    /// Byte offset of the word in the text.
    pub start: usize,
    /// The word lowercased, stemmed and folded (`fraud`).
    pub stem: String,
}

/// The Snowball stemmer of an ISO 639-1 code, if it has one.
fn snowball(code: &str) -> Option<Algorithm> {
    Some(match code {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

/// The stop words of an ISO 639-1 code: the Snowball lists of the
/// languages [`crate::search`] drops stop words for, none for the others.
fn stop_words(code: &str) -> &'static [&'static str] {
    let list = match code {
        "da" | "nl" | "en" | "fi" | "fr" | "de" | "hu" | "it" | "pt" | "ru" | "es" | "sv" => code,
        "no" | "nb" | "nn" => "no",
        _ => return &[],
    };
    stop_words::lookup(list).unwrap_or(&[])
}

/// The analysis of one language (see the [module docs](super)): split,
/// lowercased, stop words dropped, stemmed, folded.
#[derive(Debug, Clone)]
pub struct Analyzer {
    language: String,
    stemmer: Option<Algorithm>,
    /// Sorted, for binary search.
    stop: Vec<&'static str>,
}

impl Analyzer {
    /// The analysis of the language with ISO 639-1 code `language`
    /// (trimmed and lowercased); a code with neither stemmer nor stop
    /// words (or no code at all) is split, lowercased and folded only.
    pub fn new(language: &str) -> Analyzer {
        let language = language.trim().to_lowercase();
        let mut stop = stop_words(&language).to_vec();
        stop.sort_unstable();
        Analyzer { stemmer: snowball(&language), stop, language }
    }

    /// The language's code, trimmed and lowercased.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Every term of `text` in order, stop words left out; a word may
    /// come back more than once.
    pub fn terms(&self, text: &str) -> Vec<Term> {
        let stemmer = self.stemmer.map(Stemmer::create);
        words(text)
            .filter_map(|(start, word)| {
                let stem = self.stem_with(stemmer.as_ref(), word)?;
                Some(Term { word: word.to_string(), start, stem })
            })
            .collect()
    }

    /// The stem of one word, `None` for a stop word (or a word of
    /// [`MAX_WORD_BYTES`] or more). `word` is taken whole, as one word
    /// that [`Analyzer::terms`] split.
    pub fn term(&self, word: &str) -> Option<String> {
        if word.len() >= MAX_WORD_BYTES {
            return None;
        }
        self.stem_with(self.stemmer.map(Stemmer::create).as_ref(), word)
    }

    fn stem_with(&self, stemmer: Option<&Stemmer>, word: &str) -> Option<String> {
        let lower = word.to_lowercase();
        if self.stop.binary_search(&lower.as_str()).is_ok() {
            return None;
        }
        Some(match stemmer {
            Some(stemmer) => fold(&stemmer.stem(&lower)),
            None => fold(&lower),
        })
    }
}

/// The words of `text` with their byte offsets: runs of letters and
/// digits, those of [`MAX_WORD_BYTES`] or more left out.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && word.len() < MAX_WORD_BYTES)
        .map(move |word| (word.as_ptr() as usize - text.as_ptr() as usize, word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(code: &str, text: &str) -> Vec<String> {
        Analyzer::new(code).terms(text).into_iter().map(|t| t.stem).collect()
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
        assert_eq!(stems("fr", "sécurité"), ["secur"]);
        assert_eq!(stems("nb", "og svindel"), stems("no", "svindel"));
    }

    #[test]
    fn other_languages_are_split_lowercased_and_folded() {
        assert_eq!(stems("pl", "Wykrywanie oszustw, Łódź"), ["wykrywanie", "oszustw", "lodz"]);
        assert_eq!(stems("", "The"), ["the"]);
    }

    #[test]
    fn words_keep_their_offsets_and_long_ones_are_dropped() {
        let text = format!("Réal-time {} x", "y".repeat(40));
        let terms = Analyzer::new("en").terms(&text);
        let found: Vec<(&str, usize)> = terms.iter().map(|t| (t.word.as_str(), t.start)).collect();
        assert_eq!(found, [("Réal", 0), ("time", 6), ("x", 52)]);
        assert_eq!(Analyzer::new("en").term(&"y".repeat(39)), Some("y".repeat(39)));
        assert_eq!(Analyzer::new("en").term(&"y".repeat(40)), None);
        assert_eq!(Analyzer::new(" EN ").language(), "en");
    }
}
