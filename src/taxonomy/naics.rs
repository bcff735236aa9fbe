//! The NAICS 2022 code table: look-up, parents, sectors, and resolution of
//! free-text industry labels.

use std::collections::HashMap;
use std::sync::OnceLock;

const NAICS_CSV: &str = include_str!("../../data/naics-2022.csv");

/// How similar (Sørensen-Dice over character bigrams of the normalized
/// texts, 0 to 1) a label must be to a title for [`Naics::resolve`] to
/// accept it without an exact match. Bigrams separate "commercial banks"
/// (Commercial Banking, 0.87) from Commercial Bakeries (0.71), which
/// Jaro-Winkler scores almost alike.
const FUZZY_THRESHOLD: f64 = 0.75;

/// Two fuzzy candidates closer than this are too close to choose between.
const AMBIGUITY_MARGIN: f64 = 0.02;

/// One NAICS 2022 code and its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Industry {
    /// The code: 2 to 6 digits, or a sector range such as `31-33`.
    pub code: String,
    /// The official title, e.g. "Commercial Banking".
    pub title: String,
}

/// How a free-text label was turned into a code.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// The label as given.
    pub label: String,
    /// The code chosen.
    pub code: String,
    /// The title of the code chosen.
    pub title: String,
    /// 1.0 for a code or an exact (normalized) title match, else the
    /// Sørensen-Dice similarity of the normalized label and title.
    pub similarity: f64,
}

/// A label that could not be resolved to one code.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IndustryError {
    /// No title is close enough.
    #[error("unknown industry {label:?}: closest titles are {}", list(closest))]
    Unknown {
        /// The label as given.
        label: String,
        /// The closest titles, best first.
        closest: Vec<Industry>,
    },
    /// Several unrelated codes match equally well.
    #[error("ambiguous industry {label:?}: it matches {}", list(candidates))]
    Ambiguous {
        /// The label as given.
        label: String,
        /// The codes it matches.
        candidates: Vec<Industry>,
    },
}

fn list(industries: &[Industry]) -> String {
    industries.iter().map(|i| format!("{} ({})", i.title, i.code)).collect::<Vec<_>>().join(", ")
}

/// The NAICS 2022 table. Get it with [`naics`].
#[derive(Debug)]
pub struct Naics {
    rows: Vec<Industry>,
    normalized: Vec<String>,
    by_code: HashMap<String, usize>,
}

/// The embedded NAICS 2022 table, parsed on first use.
pub fn naics() -> &'static Naics {
    static TABLE: OnceLock<Naics> = OnceLock::new();
    TABLE.get_or_init(Naics::embedded)
}

/// Lowercases a title, turns punctuation into spaces and collapses white
/// space: "Plumbing, Heating, and Air-Conditioning" becomes
/// "plumbing heating and air conditioning".
pub fn normalize_title(text: &str) -> String {
    let spaced: String =
        text.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { ' ' }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Naics {
    fn embedded() -> Naics {
        let mut reader = csv::Reader::from_reader(NAICS_CSV.as_bytes());
        let rows: Vec<Industry> = reader
            .records()
            .map(|record| {
                // The embedded file is fixed and checked by the tests below.
                let record = record.expect("embedded naics-2022.csv is valid CSV");
                Industry { code: record[0].to_string(), title: record[1].to_string() }
            })
            .collect();
        let normalized = rows.iter().map(|r| normalize_title(&r.title)).collect();
        let by_code = rows.iter().enumerate().map(|(i, r)| (r.code.clone(), i)).collect();
        Naics { rows, normalized, by_code }
    }

    /// Every code, in the table's order (each code followed by its children).
    pub fn iter(&self) -> impl Iterator<Item = &Industry> {
        self.rows.iter()
    }

    /// The code's entry, or `None` when the code is not in NAICS 2022.
    /// Sector ranges are written with a dash: `31-33`, `44-45`, `48-49`.
    pub fn get(&self, code: &str) -> Option<&Industry> {
        self.by_code.get(code).map(|&i| &self.rows[i])
    }

    /// Whether `code` is a NAICS 2022 code.
    pub fn contains(&self, code: &str) -> bool {
        self.by_code.contains_key(code)
    }

    /// The sector a code belongs to, e.g. `52` for `522110` and `31-33`
    /// for `325`. `None` for a code not in the table.
    pub fn sector(&self, code: &str) -> Option<&Industry> {
        if !self.contains(code) {
            return None;
        }
        self.get(sector_key(code))
    }

    /// The code one level up: `52211` for `522110`, `31-33` for `311`,
    /// `None` for a sector.
    pub fn parent(&self, code: &str) -> Option<&Industry> {
        if !self.contains(code) || code.len() <= 2 || code.contains('-') {
            return None;
        }
        let up = &code[..code.len() - 1];
        if up.len() == 2 { self.get(sector_key(up)) } else { self.get(up) }
    }

    /// Turns a code or a free-text label into a code.
    ///
    /// A code in the table is returned as it is. Otherwise the label is
    /// normalized ([`normalize_title`]) and compared with every title: an
    /// exact match wins; failing that, the most similar title by
    /// Sørensen-Dice over character bigrams, if it reaches 0.75. When several codes match and they
    /// are one chain (a code and its own sub-codes, which NAICS often gives
    /// the same title) the most specific is chosen.
    ///
    /// # Errors
    ///
    /// [`IndustryError::Unknown`] when nothing is close enough, naming the
    /// five closest titles; [`IndustryError::Ambiguous`] when unrelated
    /// codes match equally well.
    pub fn resolve(&self, label: &str) -> Result<Resolution, IndustryError> {
        let trimmed = label.trim();
        if let Some(found) = self.get(trimmed) {
            return Ok(self.resolution(label, found, 1.0));
        }
        let wanted = normalize_title(trimmed);
        let exact: Vec<usize> = (0..self.rows.len()).filter(|&i| self.normalized[i] == wanted).collect();
        if !exact.is_empty() {
            return self.pick(label, &exact, 1.0);
        }
        let mut scored: Vec<(f64, usize)> = self
            .normalized
            .iter()
            .enumerate()
            .map(|(i, title)| (strsim::sorensen_dice(&wanted, title), i))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let best = scored[0].0;
        if best < FUZZY_THRESHOLD {
            return Err(IndustryError::Unknown {
                label: label.to_string(),
                closest: self.closest(&wanted, &scored),
            });
        }
        let near: Vec<usize> =
            scored.iter().take_while(|(s, _)| best - s < AMBIGUITY_MARGIN).map(|&(_, i)| i).collect();
        self.pick(label, &near, best)
    }

    /// Up to five suggestions for an unknown label, one per title: for a
    /// label of digits, the codes sharing its longest prefix; else the most
    /// similar titles.
    fn closest(&self, wanted: &str, scored: &[(f64, usize)]) -> Vec<Industry> {
        let digits: String = wanted.chars().filter(char::is_ascii_digit).collect();
        let mut order: Vec<usize> = if !digits.is_empty() && digits.len() == wanted.replace(' ', "").len() {
            let shared = |code: &str| code.bytes().zip(digits.bytes()).take_while(|(a, b)| a == b).count();
            let mut rows: Vec<usize> = (0..self.rows.len()).collect();
            rows.sort_by_key(|&i| {
                (std::cmp::Reverse(shared(&self.rows[i].code)), self.rows[i].code.len(), i)
            });
            rows
        } else {
            scored.iter().map(|&(_, i)| i).collect()
        };
        let mut seen = std::collections::HashSet::new();
        order.retain(|&i| seen.insert(self.rows[i].title.as_str()));
        order.into_iter().take(5).map(|i| self.rows[i].clone()).collect()
    }

    /// Chooses among matching rows: the most specific when they form one
    /// chain of codes, else an ambiguity error.
    fn pick(&self, label: &str, matches: &[usize], similarity: f64) -> Result<Resolution, IndustryError> {
        let mut sorted: Vec<&Industry> = matches.iter().map(|&i| &self.rows[i]).collect();
        sorted.sort_by_key(|r| r.code.len());
        let chain = sorted.windows(2).all(|w| w[1].code.starts_with(w[0].code.as_str()));
        if chain {
            let most_specific = sorted[sorted.len() - 1];
            Ok(self.resolution(label, most_specific, similarity))
        } else {
            Err(IndustryError::Ambiguous {
                label: label.to_string(),
                candidates: sorted.into_iter().cloned().collect(),
            })
        }
    }

    fn resolution(&self, label: &str, found: &Industry, similarity: f64) -> Resolution {
        Resolution {
            label: label.to_string(),
            code: found.code.clone(),
            title: found.title.clone(),
            similarity,
        }
    }
}

/// The table key of the sector a code starts in: `31-33`, `44-45` or
/// `48-49` for the sectors NAICS writes as ranges, else the first two
/// characters. Callers check that the code exists first.
pub(crate) fn sector_key(code: &str) -> &str {
    match code.get(..2).unwrap_or(code) {
        "31" | "32" | "33" => "31-33",
        "44" | "45" => "44-45",
        "48" | "49" => "48-49",
        two => two,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_every_code() {
        assert_eq!(naics().iter().count(), 2125);
        assert_eq!(naics().get("522110").unwrap().title, "Commercial Banking");
        assert!(naics().contains("31-33"));
        assert!(!naics().contains("31"));
        assert!(!naics().contains("999999"));
    }

    #[test]
    fn sectors_and_parents() {
        assert_eq!(naics().sector("325").unwrap().code, "31-33");
        assert_eq!(naics().sector("522110").unwrap().code, "52");
        assert_eq!(naics().sector("31-33").unwrap().code, "31-33");
        assert_eq!(naics().parent("522110").unwrap().code, "52211");
        assert_eq!(naics().parent("311").unwrap().code, "31-33");
        assert_eq!(naics().parent("481").unwrap().code, "48-49");
        assert!(naics().parent("52").is_none());
        assert!(naics().parent("31-33").is_none());
    }

    #[test]
    fn resolves_codes_titles_and_near_titles() {
        assert_eq!(naics().resolve("541511").unwrap().code, "541511");
        let banks = naics().resolve("commercial banks").unwrap();
        assert_eq!(banks.code, "522110");
        assert!(banks.similarity < 1.0);
        let software = naics().resolve("Software Publisher").unwrap();
        assert_eq!(software.code, "513210");
        // Exact title shared by a 5- and 6-digit code: the 6-digit one.
        let soy = naics().resolve("soybean farming").unwrap();
        assert_eq!((soy.code.as_str(), soy.similarity), ("111110", 1.0));
        assert_eq!(naics().resolve("Manufacturing").unwrap().code, "31-33");
    }

    #[test]
    fn unknown_labels_list_the_closest_titles() {
        let err = naics().resolve("space piracy").unwrap_err();
        match &err {
            IndustryError::Unknown { closest, .. } => assert_eq!(closest.len(), 5),
            other => panic!("expected unknown, got {other:?}"),
        }
        assert!(err.to_string().starts_with("unknown industry \"space piracy\": closest titles are "));
    }

    #[test]
    fn suggestions_are_distinct_and_codes_get_codes() {
        let IndustryError::Unknown { closest, .. } = naics().resolve("banking stuff").unwrap_err() else {
            panic!("expected unknown")
        };
        let titles: std::collections::HashSet<_> = closest.iter().map(|i| &i.title).collect();
        assert_eq!(titles.len(), closest.len());
        assert_eq!(closest[0].title, "Commercial Banking");
        let IndustryError::Unknown { closest, .. } = naics().resolve("522120").unwrap_err() else {
            panic!("expected unknown")
        };
        assert!(closest.iter().all(|i| i.code.starts_with("522")), "{closest:?}");
        assert_eq!(closest[0].code, "5221");
    }

    #[test]
    fn normalization() {
        assert_eq!(
            normalize_title("Plumbing, Heating, and Air-Conditioning  Contractors"),
            "plumbing heating and air conditioning contractors"
        );
    }
}
