//! The plain words of an explanation: for each factor of a candidate, what
//! its similarity stands for ("same industry (Commercial Banking)",
//! "similar size (3,400 vs 3,000 employees)", "replaced Omnisuite"), from
//! the records behind the numbers, built only when asked for.
//! [`super::explain::Explanation::summary`] joins them into a sentence.

use super::explain::Words;
use crate::model::normalize_tag;
use crate::score::Factor;
use crate::taxonomy::{country, naics};

/// The size similarity from which two companies read as "similar size":
/// up to about 2.4 times apart.
const SIMILAR_SIZE: f64 = 0.9;

/// `3400` as `3,400`.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The name of a country code, or the code when the taxonomy lacks it.
fn country_name(code: &str) -> &str {
    country(code).map_or(code, |c| c.name.as_str())
}

impl Words {
    /// The note of `factor` at similarity `similarity`.
    pub(crate) fn note(&self, factor: Factor, similarity: f64) -> String {
        let library = &self.library;
        let prospect = &self.prospect;
        let story = &library.stories()[self.story as usize];
        let Some(account) = library.account(&story.account) else { return factor.name().to_string() };
        match factor {
            Factor::Industry => {
                let title =
                    naics().get(&account.industry).map_or(account.industry.as_str(), |i| i.title.as_str());
                let how = if similarity >= 1.0 {
                    "same industry"
                } else if similarity > 0.0 {
                    "related industry"
                } else {
                    "other industry"
                };
                format!("{how} ({title})")
            }
            Factor::UseCases => {
                let mut wanted: Vec<String> = prospect.use_cases.iter().map(|t| normalize_tag(t)).collect();
                wanted.sort();
                wanted.dedup();
                let mut common: Vec<&str> = Vec::new();
                let mut seen: Vec<String> = Vec::new();
                for tag in &story.use_cases {
                    let key = normalize_tag(tag);
                    if wanted.contains(&key) && !seen.contains(&key) {
                        common.push(tag);
                        seen.push(key);
                    }
                }
                let asked = wanted.len();
                match common.len() {
                    0 => format!("covers none of the {asked} use cases"),
                    n if n >= asked => format!("covers {}", and_list(&common)),
                    n => format!("covers {} ({n} of {asked} use cases)", and_list(&common)),
                }
            }
            Factor::Products => {
                let mut wanted: Vec<&str> = prospect.products.iter().map(String::as_str).collect();
                wanted.sort_unstable();
                wanted.dedup();
                let mut common: Vec<&str> = Vec::new();
                for id in &story.products {
                    if wanted.contains(&id.as_str()) {
                        let name = library.product(id).map_or(id.as_str(), |p| p.name.as_str());
                        if !common.contains(&name) {
                            common.push(name);
                        }
                    }
                }
                let asked = wanted.len();
                match common.len() {
                    0 => format!("uses none of the {asked} products"),
                    n if n >= asked => format!("uses {}", and_list(&common)),
                    n => format!("uses {} ({n} of {asked} products)", and_list(&common)),
                }
            }
            Factor::Size => {
                let prospect = prospect.employees.unwrap_or(0);
                let how = if similarity >= SIMILAR_SIZE {
                    "similar size"
                } else if account.employees > prospect {
                    "larger"
                } else {
                    "smaller"
                };
                format!("{how} ({} vs {} employees)", thousands(account.employees), thousands(prospect))
            }
            Factor::Geography => {
                let name = country_name(&account.country);
                if similarity >= 1.0 {
                    format!("same country ({name})")
                } else if similarity > 0.0 {
                    let region =
                        country(&account.country).map_or_else(String::new, |c| format!("{}, ", c.region));
                    format!("same region ({region}{name})")
                } else {
                    format!("other region ({name})")
                }
            }
            Factor::Seniority => {
                let level = self.advocate.map_or("", |a| library.advocates()[a as usize].seniority.as_str());
                if similarity >= 1.0 {
                    format!("same level ({level})")
                } else if similarity > 0.0 {
                    format!("one level apart ({level})")
                } else {
                    format!("{level}, two or more levels apart")
                }
            }
            Factor::Competitor => {
                let name = prospect.competitor.as_deref().unwrap_or_default().trim();
                if similarity > 0.0 { format!("replaced {name}") } else { format!("did not replace {name}") }
            }
            Factor::Freshness => format!("verified {}", story.verified_on),
            Factor::Evidence => {
                if similarity >= 1.0 {
                    "measured results".to_string()
                } else if similarity > 0.0 {
                    "results in words only".to_string()
                } else {
                    "no recorded results".to_string()
                }
            }
            Factor::Text => {
                let (matched, asked) = self.matched_terms();
                let words: Vec<&str> = matched.iter().map(String::as_str).collect();
                match words.len() {
                    0 => format!("mentions none of the {asked} terms"),
                    n if n >= asked => format!("mentions {}", and_list(&words)),
                    n => format!("mentions {} ({n} of {asked} terms)", and_list(&words)),
                }
            }
        }
    }

    /// The prospect's text terms the story has, as the prospect first
    /// wrote each, and how many distinct terms the text has.
    pub(crate) fn matched_terms(&self) -> (Vec<String>, usize) {
        let story = &self.library.stories()[self.story as usize];
        match self.prospect.text.as_deref() {
            None => (Vec::new(), 0),
            Some(text) => super::text::matched_terms(&self.library, story, text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_lists_read_as_words() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(3_400), "3,400");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b"]), "a and b");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        // The size note's threshold lies between 2.3 and 2.7 times apart.
        assert!(crate::score::size(7_000, 3_000) >= SIMILAR_SIZE);
        assert!(crate::score::size(8_000, 3_000) < SIMILAR_SIZE);
    }
}
