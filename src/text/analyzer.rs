//! [`Analyzer`]: the analysis of one language, word by word.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::fold::fold;

/// Words of this many bytes or more are dropped, as [`crate::search`]
/// drops them.
pub const MAX_WORD_BYTES: usize = 40;

/// The most words a [`StemCache`] remembers; past it, words are stemmed
/// without being kept.
pub(crate) const MAX_CACHED: usize = 1 << 16;

/// The most query words a thread remembers the stems of, per language
/// ([`Analyzer::remembered_term`]).
pub(crate) const MAX_REMEMBERED: usize = 1 << 12;

/// The stems an [`Analyzer`] computed, by word as written (`None` for a
/// stop word). Its hash is foldhash's: fast on short words, and seeded at
/// random per table, so words chosen to collide cannot make it slow.
#[derive(Debug, Default)]
pub(crate) struct StemCache(foldhash::HashMap<String, Option<String>>);

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

/// The Snowball stemmer of an ISO 639-1 code, if it has one (search
/// stems with the same one).
pub(crate) fn snowball(code: &str) -> Option<Algorithm> {
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

/// The languages with stop words: those [`crate::search`] drops stop
/// words for.
const STOP_LANGUAGES: [&str; 13] =
    ["da", "nl", "en", "fi", "fr", "de", "hu", "it", "no", "pt", "ru", "es", "sv"];

/// English stop words: Lucene's list, the one [`crate::search`] drops
/// (through tantivy), sorted.
const ENGLISH: [&str; 33] = [
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no",
    "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to",
    "was", "will", "with",
];

/// The stop words of an ISO 639-1 code, sorted: Lucene's for English,
/// the Snowball lists (as NLTK ships them) for the other
/// [`STOP_LANGUAGES`] (`nb` and `nn` take `no`'s), none for the others.
/// Sorted once per process, so that an analyzer costs nothing to make.
fn stop_words(code: &str) -> &'static [&'static str] {
    static SORTED: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    let code = match code {
        "nb" | "nn" => "no",
        code => code,
    };
    let Some(i) = STOP_LANGUAGES.iter().position(|&l| l == code) else { return &[] };
    let lists = SORTED.get_or_init(|| {
        STOP_LANGUAGES
            .iter()
            .map(|&l| {
                let mut list =
                    if l == "en" { ENGLISH.to_vec() } else { stop_words::lookup(l).unwrap_or(&[]).to_vec() };
                list.sort_unstable();
                list
            })
            .collect()
    });
    &lists[i]
}

/// The analysis of one language (see the [module docs](super)): split,
/// lowercased, stop words dropped, stemmed, folded.
#[derive(Debug, Clone)]
pub struct Analyzer {
    language: String,
    stemmer: Option<Algorithm>,
    /// Sorted, for binary search.
    stop: &'static [&'static str],
}

impl Analyzer {
    /// The analysis of the language with ISO 639-1 code `language`
    /// (trimmed and lowercased); a code with neither stemmer nor stop
    /// words (or no code at all) is split, lowercased and folded only.
    pub fn new(language: &str) -> Analyzer {
        let language = language.trim().to_lowercase();
        Analyzer { stemmer: snowball(&language), stop: stop_words(&language), language }
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

    /// Appends the stems of `text` to `out` (stop words left out), as
    /// [`Analyzer::terms`] gives them, remembering each word's stem in
    /// `cache`: a library repeats its words, and stemming each again was
    /// most of an index build's text analysis. `cache` must be this
    /// analyzer's own.
    pub(crate) fn stems_into(&self, text: &str, cache: &mut StemCache, out: &mut Vec<String>) {
        let stemmer = self.stemmer.map(Stemmer::create);
        for (_, word) in words(text) {
            let stem = match cache.0.get(word) {
                Some(stem) => stem.clone(),
                None => {
                    let stem = self.stem_with(stemmer.as_ref(), word);
                    if cache.0.len() < MAX_CACHED {
                        cache.0.insert(word.to_string(), stem.clone());
                    }
                    stem
                }
            };
            out.extend(stem);
        }
    }

    /// [`Analyzer::terms`], each word's stem remembered by this thread
    /// ([`Analyzer::remembered_term`]): for the texts of queries.
    pub(crate) fn remembered_terms(&self, text: &str) -> Vec<Term> {
        words(text)
            .filter_map(|(start, word)| {
                let stem = self.remembered_term(word)?;
                Some(Term { word: word.to_string(), start, stem })
            })
            .collect()
    }

    /// [`Analyzer::term`], remembered: each thread keeps the stems of the
    /// last query words it analyzed (at most [`MAX_REMEMBERED`] per
    /// language, then words are stemmed without being kept). A Snowball
    /// stem costs thousands of instructions, and reps' texts repeat their
    /// words; a thread of its own needs no lock.
    pub(crate) fn remembered_term(&self, word: &str) -> Option<String> {
        thread_local! {
            static MEMORY: std::cell::RefCell<foldhash::HashMap<String, StemCache>> =
                std::cell::RefCell::default();
        }
        if word.len() >= MAX_WORD_BYTES {
            return None;
        }
        MEMORY.with_borrow_mut(|memory| {
            if !memory.contains_key(&self.language) {
                memory.insert(self.language.clone(), StemCache::default());
            }
            let cache = memory.get_mut(&self.language).expect("inserted just above");
            if let Some(stem) = cache.0.get(word) {
                return stem.clone();
            }
            let stem = self.stem_with(self.stemmer.map(Stemmer::create).as_ref(), word);
            if cache.0.len() < MAX_REMEMBERED {
                cache.0.insert(word.to_string(), stem.clone());
            }
            stem
        })
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

    /// Remembered stems are those `terms` gives, first time or not, in
    /// each language.
    #[test]
    fn remembered_stems_are_the_terms_stems() {
        let text = "Scores for the invoices, Zahlen der Lieferanten; les équipes et les chiffres, scores";
        for _ in 0..2 {
            for code in ["en", "de", "fr", "es", "pl"] {
                let analyzer = Analyzer::new(code);
                assert_eq!(analyzer.remembered_terms(text), analyzer.terms(text), "{code}");
                for word in ["Scores", "the", "Zahlen", &"y".repeat(40)] {
                    assert_eq!(analyzer.remembered_term(word), analyzer.term(word), "{code} {word}");
                }
            }
        }
    }

    /// Stems from the cache are those `terms` gives, first time or not.
    #[test]
    fn cached_stems_are_the_terms_stems() {
        for code in ["en", "de", "fr", "es", "pl"] {
            let analyzer = Analyzer::new(code);
            let text = "Scores for the invoices, Zahlen der Lieferanten; les équipes et les chiffres, scores";
            let want: Vec<String> = analyzer.terms(text).into_iter().map(|t| t.stem).collect();
            let mut cache = StemCache::default();
            for _ in 0..2 {
                let mut got = Vec::new();
                analyzer.stems_into(text, &mut cache, &mut got);
                assert_eq!(got, want, "{code}");
            }
        }
    }

    fn stems(code: &str, text: &str) -> Vec<String> {
        Analyzer::new(code).terms(text).into_iter().map(|t| t.stem).collect()
    }

    #[test]
    fn each_language_drops_its_stop_words_and_stems_its_words() {
        assert_eq!(
            stems("en", "Scores for the invoices of our suppliers"),
            ["score", "invoic", "our", "supplier"]
        );
        assert_eq!(stems("de", "Die Zahlen der Lieferanten"), stems("de", "zahl lieferant"));
        assert_eq!(stems("fr", "Les équipes et les chiffres"), stems("fr", "équipe chiffre"));
        assert_eq!(stems("es", "Los equipos y los datos"), stems("es", "equipo dato"));
        assert_eq!(stems("nb", "og svindel"), stems("no", "svindel"));
        // English stop words are words in German, and the other way round.
        assert_eq!(stems("de", "the"), ["the"]);
        assert_eq!(stems("en", "und"), ["und"]);
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

/// The analysis is the search module's, built apart: on every text of the
/// sample program (stories in English, quotes in their languages) both
/// give the same stems, in the languages whose stop-word lists are the
/// same in both (English, Danish, Dutch, Italian, Norwegian; NLTK's
/// Snowball lists differ from tantivy's by 1 to 16 words in the others).
#[cfg(all(test, feature = "search"))]
mod same_as_search {
    use super::Analyzer;
    use crate::search::analysis::Analyzers;

    #[test]
    fn the_sample_texts_analyse_as_search_analyses_them() {
        let library = crate::Library::sample();
        let mut texts: Vec<(String, &str)> = Vec::new();
        for story in library.stories() {
            texts.push((story.title.clone(), "en"));
            texts.push((story.summary.clone(), "en"));
            texts.extend(story.outcomes.iter().map(|o| (o.description.clone(), "en")));
            texts.extend(story.use_cases.iter().map(|u| (u.clone(), "en")));
        }
        texts.extend(library.quotes().iter().map(|q| (q.text.clone(), q.language.as_str())));
        texts.push(("Die Größe der Betrugserkennungen, les fraudes détectées, ¿detección?".into(), "de"));
        let mut differ = Vec::new();
        for (text, language) in texts.iter().filter(|(_, l)| ["en", "da", "nl", "it", "no"].contains(l)) {
            let ours: Vec<String> = Analyzer::new(language).terms(text).into_iter().map(|t| t.stem).collect();
            let theirs: Vec<String> =
                Analyzers::new(language).stems(text).into_iter().map(|(_, s)| s).collect();
            if ours != theirs {
                differ.push(format!("{language}: {text:?}\n  ours   {ours:?}\n  search {theirs:?}"));
            }
        }
        assert!(
            differ.is_empty(),
            "{} of {} texts differ:\n{}",
            differ.len(),
            texts.len(),
            differ.join("\n")
        );
    }
}
