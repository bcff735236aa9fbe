//! The NAICS 2022 code table: look-up, parents, sectors, and resolution of
//! free-text industry labels (codes, titles, CRM picklist values and near
//! titles), cached per distinct label.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::picklist::{crm_industries, label_key};
use super::similar::{BigramIndex, Bigrams, Stems};
use crate::model::limits::MAX_LABEL_LEN;

const NAICS_CSV: &str = include_str!("../../data/naics-2022.csv");

/// How similar (Sørensen-Dice over character bigrams of the normalized
/// texts, 0 to 1) a label must be to a title for [`Naics::resolve`] to
/// accept it without an exact match. Bigrams separate "commercial banks"
/// (Commercial Banking, 0.87) from Commercial Bakeries (0.71), which
/// Jaro-Winkler scores almost alike.
const FUZZY_THRESHOLD: f64 = 0.75;

/// Two fuzzy candidates closer than this are too close to choose between.
const AMBIGUITY_MARGIN: f64 = 0.02;

/// How many suggestions an unknown label gets.
const SUGGESTIONS: usize = 5;

/// How many distinct labels [`Naics::resolve`] remembers; when full, it
/// forgets them all and starts again (a label is at most
/// [`MAX_LABEL_LEN`] bytes, so the cache stays under a few MB).
const CACHE_CAPACITY: usize = 4_096;

/// One NAICS 2022 code and its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Industry {
    /// The code: 2 to 6 digits, or a sector range such as `31-33`.
    pub code: String,
    /// The official title, e.g. "Commercial Banking".
    pub title: String,
}

/// What a label matched when it was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Matched {
    /// The label is a code (perhaps with spaces around it).
    Code,
    /// The label is a title, ignoring case and punctuation.
    Title,
    /// The label is a CRM picklist value ([`crm_industries`](super::crm_industries)).
    Picklist,
    /// The label is close to a title (see [`Resolution::similarity`]).
    Similar,
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
    /// 1.0 for a code, an exact (normalized) title match or a picklist
    /// value, else the Sørensen-Dice similarity of the normalized label and
    /// title.
    pub similarity: f64,
    /// What the label matched.
    pub matched: Matched,
}

/// A label that could not be resolved to one code.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
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
    /// The label is longer than [`MAX_LABEL_LEN`] bytes.
    #[error("industry label of {len} bytes starting {start:?} is too long: expected at most {max} bytes")]
    TooLong {
        /// The label's first 40 characters.
        start: String,
        /// Its length in bytes.
        len: usize,
        /// The limit, [`MAX_LABEL_LEN`].
        max: usize,
    },
}

fn list(industries: &[Industry]) -> String {
    industries.iter().map(|i| format!("{} ({})", i.title, i.code)).collect::<Vec<_>>().join(", ")
}

/// The NAICS 2022 table. Get it with [`naics`].
#[derive(Debug)]
pub struct Naics {
    rows: Vec<Industry>,
    /// Bigrams of the normalized titles, for Sørensen-Dice.
    bigrams: BigramIndex,
    /// Word stems of each normalized title, for suggestions.
    stems: Vec<Stems>,
    by_code: HashMap<String, usize>,
    /// Rows by normalized title; several codes may share one.
    by_title: HashMap<String, Vec<usize>>,
    /// Picklist values: their stems and bigrams, with their row.
    picklist: Vec<(Stems, Bigrams, usize)>,
    picklist_by_key: HashMap<String, usize>,
    cache: Mutex<HashMap<String, Result<Resolution, IndustryError>>>,
    /// Labels resolved without the cache, for tests of the cache.
    computed: AtomicUsize,
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
        let normalized: Vec<String> = rows.iter().map(|r| normalize_title(&r.title)).collect();
        let bigrams = BigramIndex::new(normalized.iter().map(|title| Bigrams::new(title)).collect());
        let stems = normalized.iter().map(|title| Stems::new(title)).collect();
        let by_code: HashMap<String, usize> =
            rows.iter().enumerate().map(|(i, r)| (r.code.clone(), i)).collect();
        let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, title) in normalized.iter().enumerate() {
            by_title.entry(title.clone()).or_default().push(i);
        }
        let mut picklist = Vec::new();
        let mut picklist_by_key = HashMap::new();
        for industry in crm_industries() {
            // The picklist tests check that every code exists.
            let Some(&row) = by_code.get(&industry.code) else { continue };
            let key = label_key(&industry.label);
            picklist_by_key.entry(key.clone()).or_insert(row);
            picklist.push((Stems::new(&normalize_title(&industry.label)), Bigrams::new(&key), row));
        }
        Naics {
            rows,
            bigrams,
            stems,
            by_code,
            by_title,
            picklist,
            picklist_by_key,
            cache: Mutex::new(HashMap::new()),
            computed: AtomicUsize::new(0),
        }
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

    /// The code a CRM picklist value means ([`crm_industries`](super::crm_industries)),
    /// compared ignoring case, punctuation and the word "and".
    pub fn picklist(&self, label: &str) -> Option<&Industry> {
        self.picklist_by_key.get(&label_key(label)).map(|&i| &self.rows[i])
    }

    /// Turns a code or a free-text label into a code.
    ///
    /// In this order: a code in the table is returned as it is (spaces
    /// around it ignored); a title, ignoring case and punctuation
    /// ([`normalize_title`]); a CRM picklist value ([`Naics::picklist`]),
    /// such as "Banking" (5221) or "Healthcare" (62); failing those, the
    /// most similar title by Sørensen-Dice over character bigrams, if it
    /// reaches 0.75. When several codes match and they are one chain (a
    /// code and its own sub-codes, which NAICS often gives the same title)
    /// the most specific is chosen.
    ///
    /// # Cost
    ///
    /// A code costs one hash look-up. Any other label is resolved once per
    /// distinct label and remembered (up to 4,096 labels; a repeat costs
    /// about 0.2 µs). The first time, the label's bigrams are looked up in
    /// an index of the titles' bigrams, so the work grows with the label's
    /// length, not with the table's: tens of microseconds for a label close
    /// to a title; a label nothing matches costs a few tenths of a
    /// millisecond more, to rank the suggestions. A label longer than
    /// [`MAX_LABEL_LEN`] bytes is refused before any work.
    ///
    /// # Errors
    ///
    /// [`IndustryError::TooLong`] for a label over [`MAX_LABEL_LEN`] bytes;
    /// [`IndustryError::Unknown`] when nothing is close enough, naming the
    /// five closest titles (the closest in words first, then the nearest
    /// spelling; a label about a whole sector gets sectors and subsectors
    /// before six-digit codes); [`IndustryError::Ambiguous`] when
    /// unrelated codes match equally well.
    pub fn resolve(&self, label: &str) -> Result<Resolution, IndustryError> {
        if label.len() > MAX_LABEL_LEN {
            return Err(IndustryError::TooLong {
                start: label.chars().take(40).collect(),
                len: label.len(),
                max: MAX_LABEL_LEN,
            });
        }
        let trimmed = label.trim();
        if let Some(found) = self.get(trimmed) {
            return Ok(resolution(label, found, 1.0, Matched::Code));
        }
        // A poisoned lock only means another thread panicked while holding
        // it; the map is still whole (every insert is one call).
        if let Some(known) = self.cache.lock().unwrap_or_else(|e| e.into_inner()).get(label) {
            return known.clone();
        }
        let resolved = self.compute(label, trimmed);
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= CACHE_CAPACITY {
            cache.clear();
        }
        cache.insert(label.to_string(), resolved.clone());
        resolved
    }

    fn compute(&self, label: &str, trimmed: &str) -> Result<Resolution, IndustryError> {
        self.computed.fetch_add(1, Ordering::Relaxed);
        let wanted = normalize_title(trimmed);
        if let Some(exact) = self.by_title.get(&wanted) {
            return self.pick(label, exact, 1.0, Matched::Title);
        }
        if let Some(found) = self.picklist(trimmed) {
            return Ok(resolution(label, found, 1.0, Matched::Picklist));
        }
        let wanted_bigrams = Bigrams::new(&wanted);
        let scored: Vec<(f64, usize)> = self
            .bigrams
            .dice_all(&wanted_bigrams)
            .into_iter()
            .enumerate()
            .map(|(i, dice)| (dice, i))
            .collect();
        let best = scored.iter().map(|&(s, _)| s).fold(0.0, f64::max);
        if best < FUZZY_THRESHOLD {
            return Err(IndustryError::Unknown {
                label: label.to_string(),
                closest: self.closest(&wanted, &wanted_bigrams, &scored),
            });
        }
        // The few titles about as close as the best, best first.
        let mut near: Vec<(f64, usize)> =
            scored.into_iter().filter(|(s, _)| best - s < AMBIGUITY_MARGIN).collect();
        near.sort_by(descending);
        let near: Vec<usize> = near.into_iter().map(|(_, i)| i).collect();
        self.pick(label, &near, best, Matched::Similar)
    }

    /// How many labels were resolved without the cache so far.
    #[cfg(test)]
    pub(crate) fn computed(&self) -> usize {
        self.computed.load(Ordering::Relaxed)
    }

    /// Up to five suggestions for an unknown label, one per title: for a
    /// label of digits, the codes sharing its longest prefix; else the
    /// titles and picklist values closest to it, by half word overlap and
    /// half spelling, a shorter code first among near equals.
    fn closest(&self, wanted: &str, bigrams: &Bigrams, scored: &[(f64, usize)]) -> Vec<Industry> {
        let digits: String = wanted.chars().filter(char::is_ascii_digit).collect();
        let order: Vec<usize> = if !digits.is_empty() && digits.len() == wanted.replace(' ', "").len() {
            let shared = |code: &str| code.bytes().zip(digits.bytes()).take_while(|(a, b)| a == b).count();
            let mut rows: Vec<usize> = (0..self.rows.len()).collect();
            rows.sort_by_key(|&i| {
                (std::cmp::Reverse(shared(&self.rows[i].code)), self.rows[i].code.len(), i)
            });
            rows
        } else {
            // Depth costs a little: among titles about as close, the one
            // that means more (a sector, a subsector) comes first.
            let depth = |row: usize| {
                let code = &self.rows[row].code;
                if code.contains('-') { 0.0 } else { code.len().saturating_sub(2) as f64 }
            };
            let stems = Stems::new(wanted);
            let mut ranked: Vec<(f64, usize)> = scored
                .iter()
                .map(|&(dice, i)| (0.5 * dice + 0.5 * stems.overlap(&self.stems[i]) - 0.04 * depth(i), i))
                .collect();
            for (label_stems, label_bigrams, row) in &self.picklist {
                let dice = bigrams.dice(label_bigrams);
                ranked.push((0.5 * dice + 0.5 * stems.overlap(label_stems) - 0.04 * depth(*row), *row));
            }
            // Only the best few are shown: sort the first 60 (several codes
            // may share a title), all of them if those hold too few titles.
            let cut = 60.min(ranked.len());
            if cut > 0 && cut < ranked.len() {
                ranked.select_nth_unstable_by(cut - 1, descending);
            }
            ranked[..cut].sort_unstable_by(descending);
            let distinct: std::collections::HashSet<&str> =
                ranked[..cut].iter().map(|&(_, i)| self.rows[i].title.as_str()).collect();
            if distinct.len() < SUGGESTIONS {
                ranked.sort_unstable_by(descending);
            }
            ranked.into_iter().map(|(_, i)| i).collect()
        };
        let mut seen = std::collections::HashSet::new();
        order
            .into_iter()
            .filter(|&i| seen.insert(self.rows[i].title.as_str()))
            .take(SUGGESTIONS)
            .map(|i| self.rows[i].clone())
            .collect()
    }

    /// Chooses among matching rows: the most specific when they form one
    /// chain of codes, else an ambiguity error.
    fn pick(
        &self,
        label: &str,
        matches: &[usize],
        similarity: f64,
        matched: Matched,
    ) -> Result<Resolution, IndustryError> {
        let mut sorted: Vec<&Industry> = matches.iter().map(|&i| &self.rows[i]).collect();
        sorted.sort_by_key(|r| r.code.len());
        let chain = sorted.windows(2).all(|w| w[1].code.starts_with(w[0].code.as_str()));
        if chain {
            let most_specific = sorted[sorted.len() - 1];
            Ok(resolution(label, most_specific, similarity, matched))
        } else {
            Err(IndustryError::Ambiguous {
                label: label.to_string(),
                candidates: sorted.into_iter().cloned().collect(),
            })
        }
    }
}

/// Higher scores first; among equal scores, the row earlier in the table.
fn descending(a: &(f64, usize), b: &(f64, usize)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

fn resolution(label: &str, found: &Industry, similarity: f64, matched: Matched) -> Resolution {
    Resolution {
        label: label.to_string(),
        code: found.code.clone(),
        title: found.title.clone(),
        similarity,
        matched,
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
        // The picklist's "Banking" is the closest label; it means 5221.
        assert_eq!(closest[0].code, "5221", "{closest:?}");
        assert!(closest.iter().any(|i| i.title == "Commercial Banking"), "{closest:?}");
        let IndustryError::Unknown { closest, .. } = naics().resolve("522120").unwrap_err() else {
            panic!("expected unknown")
        };
        assert!(closest.iter().all(|i| i.code.starts_with("522")), "{closest:?}");
        assert_eq!(closest[0].code, "5221");
    }

    #[test]
    fn picklist_values_resolve_at_their_depth() {
        for (label, code) in [
            ("Banking", "5221"),
            ("Healthcare", "62"),
            ("software", "5132"),
            ("Insurance", "524"),
            ("FOOD AND BEVERAGE", "311"),
            ("Hospital & Health Care", "62"),
        ] {
            let found = naics().resolve(label).unwrap_or_else(|e| panic!("{label}: {e}"));
            assert_eq!((found.code.as_str(), found.matched), (code, Matched::Picklist), "{label}");
            assert_eq!(found.similarity, 1.0);
        }
        // An exact title wins over the picklist and over similar titles.
        assert_eq!(naics().resolve("Construction").unwrap().matched, Matched::Title);
        assert_eq!(naics().resolve(" 522110 ").unwrap().matched, Matched::Code);
        assert_eq!(naics().resolve("commercial banks").unwrap().matched, Matched::Similar);
    }

    #[test]
    fn sector_labels_suggest_sectors() {
        for (label, first) in [("health stuff", "62"), ("financial", "52"), ("transport", "48-49")] {
            let Err(IndustryError::Unknown { closest, .. }) = naics().resolve(label) else {
                panic!("{label} resolved")
            };
            assert_eq!(closest[0].code, first, "{label}: {closest:?}");
            assert!(closest.iter().all(|i| i.code.len() < 6), "{label}: {closest:?}");
        }
    }

    #[test]
    fn long_labels_are_refused_before_any_work() {
        let table = Naics::embedded();
        let label = "x".repeat(1 << 20);
        let err = table.resolve(&label).unwrap_err();
        assert!(matches!(err, IndustryError::TooLong { len: 1_048_576, max: 256, .. }), "{err:?}");
        assert_eq!(table.computed(), 0);
        assert!(err.to_string().ends_with("is too long: expected at most 256 bytes"), "{err}");
        assert!(table.resolve(&"x".repeat(256)).is_err());
        assert_eq!(table.computed(), 1, "256 bytes is allowed");
    }

    #[test]
    fn each_distinct_label_is_resolved_once() {
        let table = Naics::embedded();
        let labels = ["Banking", "commercial banks", "space piracy", "Software Publishers", "522110"];
        for i in 0..10_000 {
            let label = labels[i % labels.len()];
            assert_eq!(table.resolve(label), naics().resolve(label));
        }
        // Codes never reach the cache; the other four labels are computed once.
        assert_eq!(table.computed(), 4);
    }

    #[test]
    fn similarity_over_the_titles_is_strsims() {
        let table = naics();
        for label in ["commercial banks", "space piracy", "health stuff", "x", "softwear publishing é"] {
            let wanted = normalize_title(label);
            let all = table.bigrams.dice_all(&Bigrams::new(&wanted));
            for (row, dice) in table.rows.iter().zip(all) {
                let expected = strsim::sorensen_dice(&wanted, &normalize_title(&row.title));
                assert_eq!(dice.to_bits(), expected.to_bits(), "{label:?} / {}", row.title);
            }
        }
    }

    #[test]
    fn normalization() {
        assert_eq!(
            normalize_title("Plumbing, Heating, and Air-Conditioning  Contractors"),
            "plumbing heating and air conditioning contractors"
        );
    }
}
