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

/// The bigrams of many texts, indexed by bigram, so that Sørensen-Dice of
/// one label with all of them costs the length of the postings of the
/// label's bigrams, not a merge with every text: a label of 20 letters
/// visits a few thousand postings instead of 2,125 merges.
#[derive(Debug, Clone, Default)]
pub(super) struct BigramIndex {
    /// For each bigram, the texts holding it and how often.
    postings: std::collections::HashMap<u64, Vec<(u32, u16)>>,
    /// Each text's bigrams, for its length and the equal-text case.
    texts: Vec<Bigrams>,
}

impl BigramIndex {
    pub(super) fn new(texts: Vec<Bigrams>) -> BigramIndex {
        let mut postings: std::collections::HashMap<u64, Vec<(u32, u16)>> = std::collections::HashMap::new();
        for (i, text) in texts.iter().enumerate() {
            for (bigram, count) in runs(&text.sorted) {
                let count = u16::try_from(count).unwrap_or(u16::MAX);
                postings.entry(bigram).or_default().push((i as u32, count));
            }
        }
        BigramIndex { postings, texts }
    }

    /// [`Bigrams::dice`] of `label` with every text, in the texts' order.
    pub(super) fn dice_all(&self, label: &Bigrams) -> Vec<f64> {
        if label.stripped.len() < 2 {
            return self.texts.iter().map(|text| label.dice(text)).collect();
        }
        let mut common = vec![0_usize; self.texts.len()];
        for (bigram, count) in runs(&label.sorted) {
            for &(text, times) in self.postings.get(&bigram).map_or(&[][..], Vec::as_slice) {
                common[text as usize] += count.min(usize::from(times));
            }
        }
        self.texts
            .iter()
            .zip(common)
            .map(|(text, common)| {
                if text.stripped.len() < 2 {
                    label.dice(text)
                } else if common == text.sorted.len()
                    && common == label.sorted.len()
                    && text.stripped == label.stripped
                {
                    1.0
                } else {
                    (2 * common) as f64 / (label.stripped.len() + text.stripped.len() - 2) as f64
                }
            })
            .collect()
    }
}

/// Each distinct bigram of a sorted list, with how often it occurs.
fn runs(sorted: &[u64]) -> impl Iterator<Item = (u64, usize)> + '_ {
    sorted.chunk_by(|a, b| a == b).map(|run| (run[0], run.len()))
}

/// Words that say nothing about an industry.
const STOP_WORDS: [&str; 6] = ["and", "of", "the", "except", "other", "all"];

/// The stems of a text's words (stop words left out): each word's first
/// four characters packed in one number, and its length (counted up to
/// four), so that two words compare in a few instructions.
#[derive(Debug, Clone, Default)]
pub(super) struct Stems(Vec<(u128, u8)>);

impl Stems {
    /// The stems of a normalized text (lowercase, words split by spaces).
    pub(super) fn new(text: &str) -> Stems {
        let stems = text
            .split_whitespace()
            .filter(|word| !STOP_WORDS.contains(word))
            .map(|word| {
                let (mut packed, mut length) = (0_u128, 0_u8);
                for (i, c) in word.chars().take(4).enumerate() {
                    packed |= u128::from(u32::from(c)) << (32 * i);
                    length += 1;
                }
                (packed, length)
            })
            .collect();
        Stems(stems)
    }

    /// The share of these words that some word of `title` shares a stem
    /// with: the same first four letters, or the whole of the shorter word
    /// when it has three. "health" finds "Health Care", "banks" finds
    /// "Banking", "care" does not find "Carriers". 0 without words.
    pub(super) fn overlap(&self, title: &Stems) -> f64 {
        if self.0.is_empty() {
            return 0.0;
        }
        let found =
            self.0.iter().filter(|word| title.0.iter().any(|other| same_stem(**word, *other))).count();
        found as f64 / self.0.len() as f64
    }
}

fn same_stem((a, a_len): (u128, u8), (b, b_len): (u128, u8)) -> bool {
    let shorter = u32::from(a_len.min(b_len));
    let mask = if shorter >= 4 { u128::MAX } else { (1_u128 << (32 * shorter)) - 1 };
    shorter >= 3 && (a ^ b) & mask == 0
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
    fn the_index_gives_the_same_dice() {
        let texts =
            ["commercial banking", "commercial bakeries", "ab", "a", "peanut farming", "aaaa aa", "é"];
        let index = BigramIndex::new(texts.iter().map(|t| Bigrams::new(t)).collect());
        for label in
            ["commercial banks", "aa aaaa", "é", "", "a", "ab", "banking", "éé", "commercial banking"]
        {
            let all = index.dice_all(&Bigrams::new(label));
            for (text, got) in texts.iter().zip(all) {
                let expected = strsim::sorensen_dice(label, text);
                assert_eq!(got.to_bits(), expected.to_bits(), "{label:?} / {text:?}: {got} != {expected}");
            }
        }
    }

    #[test]
    fn stems() {
        let overlap = |label: &str, title: &str| Stems::new(label).overlap(&Stems::new(title));
        assert_eq!(overlap("health", "health care and social assistance"), 1.0);
        assert_eq!(overlap("banks", "commercial banking"), 1.0);
        assert_eq!(overlap("care", "insurance carriers"), 0.0);
        assert_eq!(overlap("banking stuff", "commercial banking"), 0.5);
        assert_eq!(overlap("and the", "anything"), 0.0);
        assert_eq!(overlap("tax", "taxi and limousine service"), 1.0, "three letters, all shared");
        assert_eq!(overlap("it", "it services"), 0.0, "two letters say too little");
    }
}
