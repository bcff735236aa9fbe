//! ISO 3166-1 alpha-2 countries and the sales region of each, and the
//! other ways a CRM writes a country: alpha-3 codes and English names.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use crate::model::limits::MAX_LABEL_LEN;

const COUNTRIES_CSV: &str = include_str!("../../data/countries.csv");

/// The four sales regions the geography factor of [`crate::rank`] compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SalesRegion {
    /// Northern America.
    #[serde(rename = "AMER")]
    Amer,
    /// The Caribbean, Central and South America.
    #[serde(rename = "LATAM")]
    Latam,
    /// Europe, Africa and Western Asia.
    #[serde(rename = "EMEA")]
    Emea,
    /// The rest of Asia, and Oceania.
    #[serde(rename = "APAC")]
    Apac,
}

impl SalesRegion {
    /// Every region.
    pub const ALL: [SalesRegion; 4] =
        [SalesRegion::Amer, SalesRegion::Latam, SalesRegion::Emea, SalesRegion::Apac];

    /// The region's name as the data writes it: `AMER`, `LATAM`, `EMEA`, `APAC`.
    pub fn as_str(self) -> &'static str {
        match self {
            SalesRegion::Amer => "AMER",
            SalesRegion::Latam => "LATAM",
            SalesRegion::Emea => "EMEA",
            SalesRegion::Apac => "APAC",
        }
    }

    fn parse(text: &str) -> Option<SalesRegion> {
        SalesRegion::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

impl fmt::Display for SalesRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for SalesRegion {
    type Err = crate::model::UnknownName;

    /// Parses [`SalesRegion::as_str`]: `AMER`, `LATAM`, `EMEA`, `APAC`.
    fn from_str(text: &str) -> Result<SalesRegion, Self::Err> {
        SalesRegion::parse(text).ok_or_else(|| {
            crate::model::UnknownName::new("sales region", text, &SalesRegion::ALL.map(SalesRegion::as_str))
        })
    }
}

/// One country of ISO 3166-1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// Alpha-2 code, uppercase, e.g. `DE`.
    pub code: String,
    /// Short English name.
    pub name: String,
    /// UN M49 sub-region, e.g. "Western Europe".
    pub subregion: String,
    /// Sales region.
    pub region: SalesRegion,
}

struct Table {
    rows: Vec<Country>,
    by_code: HashMap<String, usize>,
}

/// Former and common English names that neither this crate's table nor
/// ISO 3166-1 uses, and the code they mean. `UK` is the code ISO reserves
/// for the United Kingdom at its request; `XKX` is the alpha-3 code in
/// common use for Kosovo, which ISO has not assigned.
const OTHER_NAMES: [(&str, &str); 19] = [
    ("UK", "GB"),
    ("Great Britain", "GB"),
    ("England", "GB"),
    ("Scotland", "GB"),
    ("Wales", "GB"),
    ("Northern Ireland", "GB"),
    ("XKX", "XK"),
    ("Turkey", "TR"),
    ("Holland", "NL"),
    ("Czech Republic", "CZ"),
    ("Swaziland", "SZ"),
    ("Macedonia", "MK"),
    ("Burma", "MM"),
    ("Ivory Coast", "CI"),
    ("Cape Verde", "CV"),
    ("East Timor", "TL"),
    ("Vatican City", "VA"),
    ("Republic of Korea", "KR"),
    ("America", "US"),
];

/// The key names are compared by: letters and digits lowercased, dots
/// dropped (`U.S.A.` is `usa`), other punctuation a space, words joined by
/// one space, "&" read as "and".
fn name_key(text: &str) -> String {
    let spaced: String = text
        .replace('&', " and ")
        .chars()
        .filter(|&c| c != '.')
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Codes by [`name_key`] of every name and alpha-3 code a country goes by.
fn names() -> &'static HashMap<String, &'static str> {
    static NAMES: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: HashMap<String, Option<&'static str>> = HashMap::new();
        // A key two countries share (it happens for shortened names) is
        // dropped rather than guessed.
        let mut add = |name: &str, code: &'static str| {
            let entry = names.entry(name_key(name)).or_insert(Some(code));
            if *entry != Some(code) {
                *entry = None;
            }
        };
        for row in &table().rows {
            add(&row.name, country(&row.code).map_or("", |c| c.code.as_str()));
        }
        for iso in rust_iso3166::ALL {
            let Some(known) = country(iso.alpha2) else { continue };
            add(iso.name, &known.code);
            add(iso.alpha3, &known.code);
            // "Bolivia (Plurinational State of)" is also "Bolivia".
            if let Some((short, _)) = iso.name.split_once(" (") {
                add(short, &known.code);
            }
        }
        for (name, code) in OTHER_NAMES {
            if let Some(known) = country(code) {
                add(name, &known.code);
            }
        }
        names
            .into_iter()
            .filter_map(|(key, code)| Some((key, code?)))
            .filter(|(_, c)| !c.is_empty())
            .collect()
    })
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(COUNTRIES_CSV.as_bytes());
        let rows: Vec<Country> = reader
            .records()
            .map(|record| {
                // The embedded file is fixed and checked by the tests below.
                let record = record.expect("embedded countries.csv is valid CSV");
                Country {
                    code: record[0].to_string(),
                    name: record[1].to_string(),
                    subregion: record[2].to_string(),
                    region: SalesRegion::parse(&record[3])
                        .expect("embedded countries.csv names a known sales region"),
                }
            })
            .collect();
        let by_code = rows.iter().enumerate().map(|(i, c)| (c.code.clone(), i)).collect();
        Table { rows, by_code }
    })
}

/// Looks up a country by its ISO 3166-1 alpha-2 code. Codes are matched
/// exactly (uppercase), as the model stores them.
pub fn country(code: &str) -> Option<&'static Country> {
    let table = table();
    table.by_code.get(code).map(|&i| &table.rows[i])
}

/// Finds a country written any way a CRM writes one: an alpha-2 code in
/// any case (`de`), an alpha-3 code (`DEU`), the English name of this
/// crate's table (`Germany`, `South Korea`), ISO 3166-1's English short
/// name (`Korea (Republic of)`, `Korea` when it means one country) or a
/// common former name (`Turkey`, `Swaziland`, `UK`, `Great Britain`).
/// Names ignore case, punctuation and spacing. `None` for anything else,
/// and for text over [`MAX_LABEL_LEN`] bytes.
///
/// # Example
///
/// ```
/// use refmatch::taxonomy::find_country;
///
/// for text in ["DE", "de", "DEU", "Germany", " germany "] {
///     assert_eq!(find_country(text).map(|c| c.code.as_str()), Some("DE"));
/// }
/// assert_eq!(find_country("United States of America").unwrap().code, "US");
/// assert!(find_country("Atlantis").is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn find_country(text: &str) -> Option<&'static Country> {
    if text.len() > MAX_LABEL_LEN {
        return None;
    }
    let text = text.trim();
    if text.len() == 2
        && text.is_ascii()
        && let Some(found) = country(&text.to_ascii_uppercase())
    {
        return Some(found);
    }
    names().get(&name_key(text)).and_then(|code| country(code))
}

/// All countries, ordered by code.
pub fn countries() -> &'static [Country] {
    &table().rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_loads_every_row() {
        assert_eq!(countries().len(), 248);
        assert!(countries().windows(2).all(|w| w[0].code < w[1].code));
    }

    #[test]
    fn regions_follow_the_data_readme() {
        assert_eq!(country("DE").unwrap().region, SalesRegion::Emea);
        assert_eq!(country("US").unwrap().region, SalesRegion::Amer);
        assert_eq!(country("BR").unwrap().region, SalesRegion::Latam);
        assert_eq!(country("JP").unwrap().region, SalesRegion::Apac);
        assert_eq!(country("AE").unwrap().region, SalesRegion::Emea);
        assert_eq!(country("FM").unwrap().name, "Micronesia, Fed. Sts.");
        assert!(country("de").is_none());
        assert!(country("XX").is_none());
    }

    #[test]
    fn every_country_has_an_alpha3_code_and_a_name() {
        for row in countries() {
            assert_eq!(find_country(&row.name).map(|c| &c.code), Some(&row.code), "{}", row.name);
            let alpha3 = rust_iso3166::from_alpha2(&row.code).map_or("XKX", |iso| iso.alpha3);
            assert_eq!(find_country(alpha3).map(|c| &c.code), Some(&row.code), "{alpha3}");
            assert_eq!(find_country(&row.code.to_lowercase()).map(|c| &c.code), Some(&row.code));
        }
    }

    #[test]
    fn names_in_any_form() {
        let code = |text: &str| find_country(text).map(|c| c.code.as_str());
        assert_eq!(code("Korea (Republic of)"), Some("KR"));
        assert_eq!(code("south korea"), Some("KR"));
        assert_eq!(code("Korea"), None, "two countries are called Korea");
        assert_eq!(code("Bolivia"), Some("BO"));
        assert_eq!(code("TÜRKIYE"), Some("TR"));
        assert_eq!(code("Turkey"), Some("TR"));
        assert_eq!(code("UK"), Some("GB"));
        assert_eq!(code("U.S.A."), Some("US"));
        assert_eq!(code("usa"), Some("US"));
        assert_eq!(code("Trinidad & Tobago"), Some("TT"));
        assert_eq!(code("xx"), None);
        assert_eq!(code(""), None);
        assert_eq!(code(&"Germany".repeat(100)), None);
    }
}
