//! Languages as the model stores them, ISO 639-1 codes, read from a code
//! or an English name. The ISO 639 table is the `isolang` crate's.

use std::collections::HashMap;
use std::sync::OnceLock;

use isolang::Language;

use crate::model::limits::MAX_LABEL_LEN;

/// English names that ISO 639 words otherwise, and the code they mean.
const OTHER_NAMES: [(&str, &str); 16] = [
    ("greek", "el"),
    ("farsi", "fa"),
    ("punjabi", "pa"),
    ("pashto", "ps"),
    ("uyghur", "ug"),
    ("kyrgyz", "ky"),
    ("flemish", "nl"),
    ("castilian", "es"),
    ("mandarin", "zh"),
    ("sinhalese", "si"),
    ("moldovan", "ro"),
    ("valencian", "ca"),
    ("gaelic", "gd"),
    ("haitian creole", "ht"),
    ("slovene", "sl"),
    ("norwegian bokmal", "nb"),
];

/// A text that is not a language with an ISO 639-1 code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LanguageError {
    /// Neither a code nor a name ISO 639 knows.
    #[error("unknown language {text:?}{}", did_you_mean(suggestion.as_deref()))]
    Unknown {
        /// The text as given.
        text: String,
        /// The closest English name, when one is close.
        suggestion: Option<String>,
    },
    /// A language ISO 639-3 knows, but that has no two-letter code.
    #[error("{text:?} is {name} ({code3}), which has no ISO 639-1 code")]
    NoTwoLetterCode {
        /// The text as given.
        text: String,
        /// The language's English name.
        name: String,
        /// Its ISO 639-3 code.
        code3: String,
    },
    /// Longer than [`MAX_LABEL_LEN`] bytes.
    #[error("language of {len} bytes is too long: expected at most {max} bytes")]
    TooLong {
        /// The text's length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map(|s| format!(" (did you mean {s:?}?)")).unwrap_or_default()
}

/// Names (lowercase) of the languages that have a two-letter code, with
/// the code, and every ISO 639-3 name with its language.
struct Names {
    two_letter: HashMap<String, &'static str>,
    all: HashMap<String, Language>,
}

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut two_letter = HashMap::new();
        let mut all = HashMap::new();
        for language in isolang::languages() {
            let name = language.to_name().to_lowercase();
            if let Some(code) = language.to_639_1() {
                two_letter.entry(name.clone()).or_insert(code);
            }
            all.entry(name).or_insert(language);
        }
        for (name, code) in OTHER_NAMES {
            if let Some(code) = Language::from_639_1(code).and_then(|l| l.to_639_1()) {
                two_letter.entry(name.to_string()).or_insert(code);
            }
        }
        Names { two_letter, all }
    })
}

/// Reads a language as an ISO 639-1 code, lowercase.
///
/// Accepted, ignoring case and spaces around: a two-letter ISO 639-1 code
/// (`de`, `DE`); a locale tag, whose language part is kept (`de-AT`,
/// `pt_BR`); a three-letter ISO 639-3 code of a language with a two-letter
/// one (`deu`); the English name ISO 639 gives it (`German`, `Modern
/// Greek`), or one of a few other common names (`Greek`, `Farsi`,
/// `Punjabi`, `Pashto`, `Uyghur`, `Kyrgyz`, `Flemish`, `Castilian`,
/// `Mandarin`, `Sinhalese`, `Moldovan`, `Valencian`, `Gaelic`, `Haitian
/// Creole`, `Slovene`, `Norwegian Bokmal`).
///
/// # Errors
///
/// [`LanguageError::NoTwoLetterCode`] for a language ISO 639-3 knows but
/// ISO 639-1 does not (`Filipino`); [`LanguageError::Unknown`] for
/// anything else, with the closest English name when one is close;
/// [`LanguageError::TooLong`] over [`MAX_LABEL_LEN`] bytes.
///
/// # Example
///
/// ```
/// use refmatch::taxonomy::language;
///
/// assert_eq!(language("German")?, "de");
/// assert_eq!(language("pt_BR")?, "pt");
/// assert_eq!(language("ENG")?, "en");
/// assert!(language("Klingonese").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn language(text: &str) -> Result<&'static str, LanguageError> {
    if text.len() > MAX_LABEL_LEN {
        return Err(LanguageError::TooLong { len: text.len(), max: MAX_LABEL_LEN });
    }
    let trimmed = text.trim();
    let lower = trimmed.to_lowercase();
    let tag_language = match lower.split_once(['-', '_']) {
        Some((primary, rest))
            if primary.len() == 2 && !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            primary
        }
        _ => lower.as_str(),
    };
    let code = match tag_language.len() {
        2 => Language::from_639_1(tag_language),
        3 => Language::from_639_3(tag_language),
        _ => None,
    };
    let language = match code {
        Some(language) => language,
        None => {
            let name = lower.split_whitespace().collect::<Vec<_>>().join(" ");
            if let Some(code) = names().two_letter.get(&name) {
                return Ok(code);
            }
            match names().all.get(&name) {
                Some(&language) => language,
                None => return Err(unknown(trimmed, &name)),
            }
        }
    };
    language.to_639_1().ok_or_else(|| LanguageError::NoTwoLetterCode {
        text: trimmed.to_string(),
        name: language.to_name().to_string(),
        code3: language.to_639_3().to_string(),
    })
}

/// The English name of the language whose ISO 639-1 code is exactly
/// `code` (two lowercase letters, as the model stores languages), or
/// `None`: the check for stored codes, where [`language`] reads what
/// people write.
///
/// ```
/// use refmatch::taxonomy::language_name;
///
/// assert_eq!(language_name("de"), Some("German"));
/// assert_eq!(language_name("DE"), None);
/// assert_eq!(language_name("xx"), None);
/// ```
pub fn language_name(code: &str) -> Option<&'static str> {
    let lowercase = code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase());
    if !lowercase {
        return None;
    }
    Language::from_639_1(code).map(|language| language.to_name())
}

/// Every language with an ISO 639-1 code: its code and English name,
/// sorted by code.
pub fn languages() -> impl Iterator<Item = (&'static str, &'static str)> {
    let mut all: Vec<(&'static str, &'static str)> = isolang::languages()
        .filter_map(|language| language.to_639_1().map(|code| (code, language.to_name())))
        .collect();
    all.sort_unstable();
    all.into_iter()
}

/// The unknown-language error, suggesting the most similar name of a
/// language with a two-letter code (Jaro-Winkler at least 0.85; ties to
/// the smaller name, so the answer does not depend on hash order).
fn unknown(text: &str, name: &str) -> LanguageError {
    let suggestion = names()
        .two_letter
        .keys()
        .map(|known| (strsim::jaro_winkler(name, known), known))
        .filter(|(similarity, _)| *similarity >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, known)| capitalize(known));
    LanguageError::Unknown { text: text.to_string(), suggestion }
}

fn capitalize(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_tags_and_names() {
        for (text, code) in [
            ("de", "de"),
            (" EN ", "en"),
            ("de-AT", "de"),
            ("pt_BR", "pt"),
            ("deu", "de"),
            ("German", "de"),
            ("english", "en"),
            ("Modern Greek", "el"),
            ("Greek", "el"),
            ("Norwegian Bokmål", "nb"),
            ("chinese", "zh"),
        ] {
            assert_eq!(language(text), Ok(code), "{text}");
        }
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(
            language("Germna"),
            Err(LanguageError::Unknown { text: "Germna".into(), suggestion: Some("German".into()) })
        );
        assert_eq!(
            language("de,en").unwrap_err().to_string(),
            "unknown language \"de,en\"",
            "a list is not a language"
        );
        let err = language("Filipino").unwrap_err();
        assert_eq!(err.to_string(), "\"Filipino\" is Filipino (fil), which has no ISO 639-1 code");
        assert!(matches!(language("xx"), Err(LanguageError::Unknown { .. })));
        assert!(matches!(language(""), Err(LanguageError::Unknown { .. })));
        assert!(matches!(language(&"a".repeat(300)), Err(LanguageError::TooLong { len: 300, .. })));
    }
}
