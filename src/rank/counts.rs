//! Small counts for every story at once, as bit planes: how many of a
//! query's terms each story has. Bit `p` of story `s`'s count is bit
//! `s % 64` of plane `p` of word `s / 64`, so adding one term's bit set
//! adds 1 to 64 stories in a few word operations (a carry ripples up the
//! planes), and the largest count of a run of stories is found plane by
//! plane, from the top, without reading the counts one by one. The text
//! factor's counting was most of the time of a query with text while it
//! added one story at a time; this is why it is written out here.

/// One count per story, up to a maximum fixed at the start.
#[derive(Debug, Clone, Default)]
pub(crate) struct Counts {
    /// `planes` words per 64 stories, word by word.
    words: Vec<u64>,
    /// How many bits a count has.
    planes: usize,
}

impl Counts {
    /// `stories` counts of 0, each able to reach `max`.
    pub(crate) fn new(stories: usize, max: usize) -> Counts {
        let planes = (usize::BITS - max.leading_zeros()).max(1) as usize;
        Counts { words: vec![0; stories.div_ceil(64) * planes], planes }
    }

    /// Adds 1 to the count of each story whose bit is set in `set` (64
    /// stories a word); the counts must stay within the maximum.
    pub(crate) fn add(&mut self, set: &[u64]) {
        for (cell, &bits) in self.words.chunks_exact_mut(self.planes).zip(set) {
            let mut carry = bits;
            for plane in cell {
                if carry == 0 {
                    break;
                }
                let next = *plane & carry;
                *plane ^= carry;
                carry = next;
            }
        }
    }

    /// The count of story `s`.
    #[inline(always)]
    pub(crate) fn get(&self, s: usize) -> usize {
        let cell = &self.words[s / 64 * self.planes..][..self.planes];
        let bit = s % 64;
        cell.iter().enumerate().map(|(p, &plane)| ((plane >> bit) as usize & 1) << p).sum()
    }

    /// Sets the count of story `s` to `count` (within the maximum).
    pub(crate) fn set(&mut self, s: usize, count: usize) {
        let bit = 1u64 << (s % 64);
        let planes = self.planes;
        for (p, plane) in self.words[s / 64 * planes..][..planes].iter_mut().enumerate() {
            if count >> p & 1 == 1 {
                *plane |= bit;
            } else {
                *plane &= !bit;
            }
        }
    }

    /// The largest count of the stories `start..end` (0 for none), with
    /// the plane loop unrolled for up to 6 planes (a text of up to 63
    /// terms).
    #[inline(always)]
    pub(crate) fn max(&self, start: usize, end: usize) -> usize {
        match self.planes {
            1 => self.max_of::<1>(start, end),
            2 => self.max_of::<2>(start, end),
            3 => self.max_of::<3>(start, end),
            4 => self.max_of::<4>(start, end),
            5 => self.max_of::<5>(start, end),
            6 => self.max_of::<6>(start, end),
            _ => self.max_of::<0>(start, end),
        }
    }

    /// [`Counts::max`] with `P` planes, or any number for `P = 0`.
    #[inline(always)]
    fn max_of<const P: usize>(&self, start: usize, end: usize) -> usize {
        if start >= end {
            return 0;
        }
        // With `P` known, a word's planes are one array: one bounds check.
        let cells = if P > 0 { self.words.as_chunks::<P>().0 } else { &[] };
        let cell = |w: usize| -> &[u64] {
            if P > 0 { &cells[w] } else { &self.words[w * self.planes..][..self.planes] }
        };
        let (first, last) = (start / 64, (end - 1) / 64);
        // Bits `from..=63` of the first word and `0..=to` of the last.
        let (from, to) = (u64::MAX << (start % 64), u64::MAX >> (63 - (end - 1) % 64));
        if first == last {
            return max_in_cell(cell(first), from & to);
        }
        let middle = (first + 1..last).map(|w| max_in_cell(cell(w), u64::MAX));
        middle.fold(max_in_cell(cell(first), from).max(max_in_cell(cell(last), to)), usize::max)
    }
}

/// The largest count of the stories in `mask` of one word's planes: from
/// the top plane down, keep the stories that have the bit when any does.
#[inline(always)]
fn max_in_cell(cell: &[u64], mut mask: u64) -> usize {
    let mut best = 0;
    for p in (0..cell.len()).rev() {
        let have = mask & cell[p];
        let any = have != 0;
        best |= usize::from(any) << p;
        mask = if any { have } else { mask };
    }
    best
}

#[cfg(test)]
mod tests {
    use super::Counts;
    use proptest::prelude::*;

    proptest! {
        /// Adding bit sets, setting counts and taking the largest of any
        /// run gives what plain counts give.
        #[test]
        fn counts_agree_with_plain_counts(
            stories in 1usize..300,
            sets in prop::collection::vec(prop::collection::vec(any::<u64>(), 5), 0..12),
            sets_at in prop::collection::vec((0usize..300, 0usize..12), 0..6),
            runs in prop::collection::vec((0usize..300, 0usize..300), 1..20),
        ) {
            let max = sets.len() + 11;
            let mut counts = Counts::new(stories, max);
            let mut plain = vec![0usize; stories];
            for set in &sets {
                let set = &set[..stories.div_ceil(64)];
                counts.add(set);
                for (s, n) in plain.iter_mut().enumerate() {
                    *n += (set[s / 64] >> (s % 64)) as usize & 1;
                }
            }
            for &(s, n) in &sets_at {
                if s < stories {
                    counts.set(s, n);
                    plain[s] = n;
                }
            }
            for (s, &n) in plain.iter().enumerate() {
                prop_assert_eq!(counts.get(s), n, "story {}", s);
            }
            for &(a, b) in &runs {
                let (a, b) = (a.min(b).min(stories), a.max(b).min(stories));
                let want = plain[a..b].iter().copied().max().unwrap_or(0);
                prop_assert_eq!(counts.max(a, b), want, "stories {}..{}", a, b);
            }
        }
    }

    #[test]
    fn a_count_of_zero_terms_has_one_plane() {
        let mut counts = Counts::new(65, 0);
        counts.add(&[0, 0]);
        assert_eq!((counts.get(64), counts.max(0, 65), counts.words.len()), (0, 0, 2));
    }
}
