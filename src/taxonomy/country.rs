//! ISO 3166-1 alpha-2 countries and the sales region of each.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

const COUNTRIES_CSV: &str = include_str!("../../data/countries.csv");

/// The four sales regions SCORING.md's geography factor compares.
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
}
