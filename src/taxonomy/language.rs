//! The ISO 639-1 language codes, with their English names.
//!
//! The 183 two-letter codes of ISO 639-1, as the Library of Congress (the
//! registration authority) lists them. Written out here rather than taken
//! from a crate: the crates that carry ISO 639 tables ship every ISO 639-3
//! language (about 7,900) for the sake of these 183.

/// The codes and English names, sorted by code.
#[rustfmt::skip]
const LANGUAGES: &[(&str, &str)] = &[
    ("aa", "Afar"), ("ab", "Abkhazian"), ("ae", "Avestan"), ("af", "Afrikaans"), ("ak", "Akan"),
    ("am", "Amharic"), ("an", "Aragonese"), ("ar", "Arabic"), ("as", "Assamese"), ("av", "Avaric"),
    ("ay", "Aymara"), ("az", "Azerbaijani"), ("ba", "Bashkir"), ("be", "Belarusian"), ("bg", "Bulgarian"),
    ("bi", "Bislama"), ("bm", "Bambara"), ("bn", "Bengali"), ("bo", "Tibetan"), ("br", "Breton"),
    ("bs", "Bosnian"), ("ca", "Catalan"), ("ce", "Chechen"), ("ch", "Chamorro"), ("co", "Corsican"),
    ("cr", "Cree"), ("cs", "Czech"), ("cu", "Church Slavic"), ("cv", "Chuvash"), ("cy", "Welsh"),
    ("da", "Danish"), ("de", "German"), ("dv", "Divehi"), ("dz", "Dzongkha"), ("ee", "Ewe"),
    ("el", "Greek"), ("en", "English"), ("eo", "Esperanto"), ("es", "Spanish"), ("et", "Estonian"),
    ("eu", "Basque"), ("fa", "Persian"), ("ff", "Fulah"), ("fi", "Finnish"), ("fj", "Fijian"),
    ("fo", "Faroese"), ("fr", "French"), ("fy", "Western Frisian"), ("ga", "Irish"), ("gd", "Gaelic"),
    ("gl", "Galician"), ("gn", "Guarani"), ("gu", "Gujarati"), ("gv", "Manx"), ("ha", "Hausa"),
    ("he", "Hebrew"), ("hi", "Hindi"), ("ho", "Hiri Motu"), ("hr", "Croatian"), ("ht", "Haitian"),
    ("hu", "Hungarian"), ("hy", "Armenian"), ("hz", "Herero"), ("ia", "Interlingua"), ("id", "Indonesian"),
    ("ie", "Interlingue"), ("ig", "Igbo"), ("ii", "Sichuan Yi"), ("ik", "Inupiaq"), ("io", "Ido"),
    ("is", "Icelandic"), ("it", "Italian"), ("iu", "Inuktitut"), ("ja", "Japanese"), ("jv", "Javanese"),
    ("ka", "Georgian"), ("kg", "Kongo"), ("ki", "Kikuyu"), ("kj", "Kuanyama"), ("kk", "Kazakh"),
    ("kl", "Kalaallisut"), ("km", "Central Khmer"), ("kn", "Kannada"), ("ko", "Korean"), ("kr", "Kanuri"),
    ("ks", "Kashmiri"), ("ku", "Kurdish"), ("kv", "Komi"), ("kw", "Cornish"), ("ky", "Kyrgyz"),
    ("la", "Latin"), ("lb", "Luxembourgish"), ("lg", "Ganda"), ("li", "Limburgish"), ("ln", "Lingala"),
    ("lo", "Lao"), ("lt", "Lithuanian"), ("lu", "Luba-Katanga"), ("lv", "Latvian"), ("mg", "Malagasy"),
    ("mh", "Marshallese"), ("mi", "Maori"), ("mk", "Macedonian"), ("ml", "Malayalam"), ("mn", "Mongolian"),
    ("mr", "Marathi"), ("ms", "Malay"), ("mt", "Maltese"), ("my", "Burmese"), ("na", "Nauru"),
    ("nb", "Norwegian Bokmål"), ("nd", "North Ndebele"), ("ne", "Nepali"), ("ng", "Ndonga"), ("nl", "Dutch"),
    ("nn", "Norwegian Nynorsk"), ("no", "Norwegian"), ("nr", "South Ndebele"), ("nv", "Navajo"),
    ("ny", "Chichewa"), ("oc", "Occitan"), ("oj", "Ojibwa"), ("om", "Oromo"), ("or", "Oriya"),
    ("os", "Ossetian"), ("pa", "Punjabi"), ("pi", "Pali"), ("pl", "Polish"), ("ps", "Pashto"),
    ("pt", "Portuguese"), ("qu", "Quechua"), ("rm", "Romansh"), ("rn", "Rundi"), ("ro", "Romanian"),
    ("ru", "Russian"), ("rw", "Kinyarwanda"), ("sa", "Sanskrit"), ("sc", "Sardinian"), ("sd", "Sindhi"),
    ("se", "Northern Sami"), ("sg", "Sango"), ("si", "Sinhala"), ("sk", "Slovak"), ("sl", "Slovenian"),
    ("sm", "Samoan"), ("sn", "Shona"), ("so", "Somali"), ("sq", "Albanian"), ("sr", "Serbian"),
    ("ss", "Swati"), ("st", "Southern Sotho"), ("su", "Sundanese"), ("sv", "Swedish"), ("sw", "Swahili"),
    ("ta", "Tamil"), ("te", "Telugu"), ("tg", "Tajik"), ("th", "Thai"), ("ti", "Tigrinya"),
    ("tk", "Turkmen"), ("tl", "Tagalog"), ("tn", "Tswana"), ("to", "Tonga"), ("tr", "Turkish"),
    ("ts", "Tsonga"), ("tt", "Tatar"), ("tw", "Twi"), ("ty", "Tahitian"), ("ug", "Uyghur"),
    ("uk", "Ukrainian"), ("ur", "Urdu"), ("uz", "Uzbek"), ("ve", "Venda"), ("vi", "Vietnamese"),
    ("vo", "Volapük"), ("wa", "Walloon"), ("wo", "Wolof"), ("xh", "Xhosa"), ("yi", "Yiddish"),
    ("yo", "Yoruba"), ("za", "Zhuang"), ("zh", "Chinese"), ("zu", "Zulu"),
];

/// The English name of the language with ISO 639-1 code `code` (exact,
/// lowercase, such as `de`), or `None` when no language has that code.
///
/// ```
/// use refmatch::taxonomy::language;
///
/// assert_eq!(language("de"), Some("German"));
/// assert_eq!(language("DE"), None);
/// assert_eq!(language("xx"), None);
/// ```
pub fn language(code: &str) -> Option<&'static str> {
    LANGUAGES.binary_search_by(|(c, _)| (*c).cmp(code)).ok().map(|i| LANGUAGES[i].1)
}

/// Every ISO 639-1 code with its English name, sorted by code.
pub fn languages() -> impl Iterator<Item = (&'static str, &'static str)> {
    LANGUAGES.iter().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_the_183_codes_sorted() {
        assert_eq!(LANGUAGES.len(), 183);
        assert!(LANGUAGES.windows(2).all(|w| w[0].0 < w[1].0), "codes sorted and unique");
        assert!(LANGUAGES.iter().all(|(c, _)| c.len() == 2 && c.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn codes_look_up_exactly() {
        for (code, name) in [("en", "English"), ("es", "Spanish"), ("fr", "French"), ("zu", "Zulu")] {
            assert_eq!(language(code), Some(name));
        }
        for code in ["", "e", "eng", "En", " en", "iw"] {
            assert_eq!(language(code), None, "{code:?}");
        }
    }
}
