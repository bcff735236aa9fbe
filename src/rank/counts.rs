//! Small counts for every story at once, as bit planes: how many of a
//! query's terms each story has. Bit `p` of story `s`'s count is bit
//! `s % 64` of plane `p` of word `s / 64`, so adding one term's bit set
//! adds 1 to 64 stories in a few word operations (a carry ripples up the
//! planes), and the largest count of a run of stories is found plane by
//! plane, from the top, without reading the counts one by one. The text
//! factor's counting was most of the time of a query with text while it
//! added one story at a time; this is why it is written out here.

/// `Self::$f::<P>(args)` with `P` the number of planes `$planes` from 1 to
/// 6 (a text of up to 63 terms), so the plane loops unroll, or `P = 0`
/// (any number).
macro_rules! by_planes {
    ($planes:expr, $f:ident($($arg:expr),*)) => {
        match $planes {
            1 => Self::$f::<1>($($arg),*),
            2 => Self::$f::<2>($($arg),*),
            3 => Self::$f::<3>($($arg),*),
            4 => Self::$f::<4>($($arg),*),
            5 => Self::$f::<5>($($arg),*),
            6 => Self::$f::<6>($($arg),*),
            _ => Self::$f::<0>($($arg),*),
        }
    };
}

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

    /// `stories` counts, each the number of `sets` that have the story's
    /// bit (64 stories a word, `stories.div_ceil(64)` words a set), each
    /// able to reach `max` (at least `sets.len()`).
    ///
    /// Four words at a time, every set added into planes held in
    /// registers (a carry down planes of four lanes) and the planes
    /// written once: a query's terms are counted in one pass over the
    /// stories instead of one pass each, which loaded and stored every
    /// plane once per term.
    pub(crate) fn of_sets(stories: usize, max: usize, sets: &[&[u64]]) -> Counts {
        debug_assert!(max >= sets.len());
        let mut counts = Counts::new(stories, max);
        by_planes!(counts.planes, fill(&mut counts, sets));
        counts
    }

    /// [`Counts::of_sets`] with `P` planes, on zero counts, or one set
    /// after another for `P = 0`. On one thread: split across rayon's, the
    /// counting of a 100k-story query was slower, waking the other thread
    /// costing more than it saved.
    fn fill<const P: usize>(&mut self, sets: &[&[u64]]) {
        if P == 0 {
            return sets.iter().for_each(|set| self.add(set));
        }
        fill_cells(self.words.as_chunks_mut::<P>().0, sets);
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

    /// The count of story `s`, with the plane loop unrolled as in
    /// [`Counts::max`].
    #[inline(always)]
    pub(crate) fn get(&self, s: usize) -> usize {
        by_planes!(self.planes, get_of(self, s))
    }

    /// [`Counts::get`] with `P` planes, or any number for `P = 0`.
    #[inline(always)]
    fn get_of<const P: usize>(&self, s: usize) -> usize {
        let planes = if P > 0 { P } else { self.planes };
        let cell = &self.words[s / 64 * planes..][..planes];
        let bit = s % 64;
        cell.iter().enumerate().map(|(p, &plane)| ((plane >> bit) as usize & 1) << p).sum()
    }

    /// Adds 1 to the count of story `s` (within the maximum): a carry up
    /// the planes, for a term that few stories have.
    #[inline]
    pub(crate) fn increment(&mut self, s: usize) {
        let bit = 1u64 << (s % 64);
        let planes = self.planes;
        for plane in &mut self.words[s / 64 * planes..][..planes] {
            *plane ^= bit;
            if *plane & bit != 0 {
                break;
            }
        }
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
        by_planes!(self.planes, max_of(self, start, end))
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

/// The cells (one word's planes each) of `sets`, from zero counts, four
/// words at a time: [`Counts::of_sets`].
fn fill_cells<const P: usize>(cells: &mut [[u64; P]], sets: &[&[u64]]) {
    const LANES: usize = 4;
    let full = cells.len() / LANES;
    for (block, out) in cells[..full * LANES].chunks_exact_mut(LANES).enumerate() {
        let mut planes = [[0u64; LANES]; P];
        for set in sets {
            // A set has a word per cell, so its `block`-th four exist.
            let mut carry = set.as_chunks::<LANES>().0[block];
            for plane in &mut planes {
                for lane in 0..LANES {
                    let next = plane[lane] & carry[lane];
                    plane[lane] ^= carry[lane];
                    carry[lane] = next;
                }
            }
        }
        for (lane, cell) in out.iter_mut().enumerate() {
            for (p, word) in cell.iter_mut().enumerate() {
                *word = planes[p][lane];
            }
        }
    }
    // The last words, fewer than four, one at a time.
    for set in sets {
        for (cell, &bits) in cells[full * LANES..].iter_mut().zip(&set[full * LANES..]) {
            let mut carry = bits;
            for plane in cell {
                let next = *plane & carry;
                *plane ^= carry;
                carry = next;
            }
        }
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
        /// Adding bit sets, adding to single stories, setting counts and
        /// taking the largest of any run gives what plain counts give.
        #[test]
        fn counts_agree_with_plain_counts(
            stories in 1usize..300,
            sets in prop::collection::vec(prop::collection::vec(any::<u64>(), 5), 0..12),
            sets_at in prop::collection::vec((0usize..300, 0usize..128), 0..6),
            increments in prop::collection::vec(0usize..300, 0..40),
            extra in 0usize..120,
            runs in prop::collection::vec((0usize..300, 0usize..300), 1..20),
        ) {
            // From 1 plane to 7 (past the unrolled ones).
            let max = sets.len() + extra;
            let mut counts = Counts::new(stories, max);
            let mut plain = vec![0usize; stories];
            for set in &sets {
                let set = &set[..stories.div_ceil(64)];
                counts.add(set);
                for (s, n) in plain.iter_mut().enumerate() {
                    *n += (set[s / 64] >> (s % 64)) as usize & 1;
                }
            }
            // Counted in one pass, the same planes.
            let refs: Vec<&[u64]> = sets.iter().map(|set| &set[..stories.div_ceil(64)]).collect();
            prop_assert_eq!(&Counts::of_sets(stories, max, &refs).words, &counts.words);
            for &s in &increments {
                if s < stories && plain[s] < max {
                    counts.increment(s);
                    plain[s] += 1;
                }
            }
            for &(s, n) in &sets_at {
                if s < stories {
                    let n = n % (max + 1);
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

    /// Counted in one pass over many stories, four words at a time and
    /// the last one by one, the planes are those of sets added one by one.
    #[test]
    fn counts_of_many_stories_agree() {
        let stories: usize = 1_500 * 64 + 70;
        let words = stories.div_ceil(64);
        let sets: Vec<Vec<u64>> = (0..5u64)
            .map(|t| {
                (0..words as u64)
                    .map(|w: u64| w.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (t << (w % 60)))
                    .collect()
            })
            .collect();
        let refs: Vec<&[u64]> = sets.iter().map(Vec::as_slice).collect();
        let mut one_by_one = Counts::new(stories, 5);
        refs.iter().for_each(|set| one_by_one.add(set));
        assert_eq!(Counts::of_sets(stories, 5, &refs).words, one_by_one.words);
    }

    #[test]
    fn a_count_of_zero_terms_has_one_plane() {
        let mut counts = Counts::new(65, 0);
        counts.add(&[0, 0]);
        assert_eq!((counts.get(64), counts.max(0, 65), counts.words.len()), (0, 0, 2));
    }
}
