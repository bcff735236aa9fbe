//! How alike an industry label and a title are: Sørensen-Dice over
//! character bigrams, precomputed once per title, and the word overlap
//! that ranks suggestions for a label nothing matches.

use std::cmp::Ordering;

/// The character bigrams of a text, sorted, so that Sørensen-Dice between
/// two texts costs one merge, O(a + b), without allocating.
///
/// `strsim::sorensen_dice` builds a hash map of the first text's bigrams on
/// every call; over the 2,125 titles that was most of the 4 ms a label
/// cost. [`Bigrams::dice`] gives the same number from bigrams computed
/// once (a test compares the two).
#[derive(Debug, Clone)]
pub(super) struct Bigrams {
    /// The text without white space, as strsim compares it.
    stripped: String,
    /// Each bigram packed as `first << 32 | second`, sorted, repeats kept.
    sorted: Vec<u64>,
}

impl Bigrams {
    pub(super) fn new(text: &str) -> Bigrams {
        let stripped: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let chars: Vec<char> = stripped.chars().collect();
        let mut sorted: Vec<u64> = chars
            .windows(2)
            .map(|w| (u64::from(u32::from(w[0])) << 32) | u64::from(u32::from(w[1])))
            .collect();
        sorted.sort_unstable();
        Bigrams { stripped, sorted }
    }

    /// `strsim::sorensen_dice` of the two texts: twice the bigrams they
    /// share (as multisets) over the sum of their lengths less two.
    pub(super) fn dice(&self, other: &Bigrams) -> f64 {
        if self.stripped == other.stripped {
            return 1.0;
        }
        if self.stripped.len() < 2 || other.stripped.len() < 2 {
            return 0.0;
        }
        let (a, b) = (&self.sorted, &other.sorted);
        let (mut i, mut j, mut common) = (0, 0, 0_usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        (2 * common) as f64 / (self.stripped.len() + other.stripped.len() - 2) as f64
    }
}

/// Words that say nothing about an industry.
const STOP_WORDS: [&str; 6] = ["and", "of", "the", "except", "other", "all"];

/// The share of the label's words (normalized, stop words left out) that
/// some word of the title shares a stem with: the same first four letters,
/// or the whole of the shorter word when it has three. "health" finds
/// "Health Care", "banks" finds "Banking", "care" does not find "Carriers".
pub(super) fn word_overlap(label: &str, title: &str) -> f64 {
    let mut words = 0;
    let mut found = 0;
    for word in label.split_whitespace().filter(|w| !STOP_WORDS.contains(w)) {
        words += 1;
        if title.split_whitespace().any(|other| same_stem(word, other)) {
            found += 1;
        }
    }
    if words == 0 { 0.0 } else { f64::from(found) / f64::from(words) }
}

fn same_stem(a: &str, b: &str) -> bool {
    let shared = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    shared >= 3 && shared >= shorter.min(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_equals_strsim() {
        let texts = [
            "commercial banks",
            "commercial banking",
            "commercial bakeries",
            "a",
            "",
            "ab",
            "é",
            "aaaa aa",
            "aa aaaa",
            "software publisher",
            "software publishers",
            "peanut farming",
            "health care",
        ];
        for a in texts {
            for b in texts {
                let expected = strsim::sorensen_dice(a, b);
                let got = Bigrams::new(a).dice(&Bigrams::new(b));
                assert_eq!(got.to_bits(), expected.to_bits(), "{a:?} / {b:?}: {got} != {expected}");
            }
        }
    }

    #[test]
    fn stems() {
        assert_eq!(word_overlap("health", "health care and social assistance"), 1.0);
        assert_eq!(word_overlap("banks", "commercial banking"), 1.0);
        assert_eq!(word_overlap("care", "insurance carriers"), 0.0);
        assert_eq!(word_overlap("banking stuff", "commercial banking"), 0.5);
        assert_eq!(word_overlap("and the", "anything"), 0.0);
    }
}
