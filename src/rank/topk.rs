//! Collecting the best `k` scored items, apart from scoring them.
//!
//! Items compare by score, higher first, then by a tie number, lower first
//! (the rank of the advocate's or story's id among all ids, so ties go to
//! the smaller id, as the rank module docs say). That order is total, so merging
//! collectors is associative and a parallel scan returns exactly what a
//! sequential one does.

/// A scored item with its tie-breaking number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scored<T> {
    pub(crate) score: f64,
    pub(crate) tie: u32,
    pub(crate) item: T,
}

impl<T> Scored<T> {
    /// Whether `self` ranks before `other`.
    #[inline]
    fn before(&self, other: &Scored<T>) -> bool {
        self.score > other.score || (self.score == other.score && self.tie < other.tie)
    }
}

/// The best `k` items seen, best first. Insertion is `O(k)`; with the
/// small `k` of ranking that beats a heap and keeps the list sorted.
#[derive(Debug, Clone)]
pub(crate) struct TopK<T> {
    k: usize,
    items: Vec<Scored<T>>,
}

impl<T> TopK<T> {
    pub(crate) fn new(k: usize) -> TopK<T> {
        TopK { k, items: Vec::with_capacity(k.min(1024) + 1) }
    }

    /// The score an item must reach to have a chance: the k-th best score
    /// once there are `k` items, else minus infinity (plus infinity when
    /// `k = 0`). An item scoring exactly this may still enter on its tie.
    #[inline]
    pub(crate) fn threshold(&self) -> f64 {
        if self.k == 0 {
            f64::INFINITY
        } else if self.items.len() < self.k {
            f64::NEG_INFINITY
        } else {
            self.items[self.k - 1].score
        }
    }

    pub(crate) fn insert(&mut self, item: Scored<T>) {
        if self.items.len() == self.k && self.items.last().is_none_or(|last| !item.before(last)) {
            return;
        }
        let at = self.items.partition_point(|x| x.before(&item));
        self.items.insert(at, item);
        self.items.truncate(self.k);
    }

    /// Moves every item of `other` into `self`.
    pub(crate) fn merge(mut self, other: TopK<T>) -> TopK<T> {
        for item in other.items {
            self.insert(item);
        }
        self
    }

    /// Empties the collector into `into`.
    pub(crate) fn drain_into(&mut self, into: &mut TopK<T>) {
        for item in self.items.drain(..) {
            into.insert(item);
        }
    }

    pub(crate) fn into_vec(self) -> Vec<Scored<T>> {
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored(score: f64, tie: u32) -> Scored<()> {
        Scored { score, tie, item: () }
    }

    #[test]
    fn keeps_the_best_k_with_ties_to_the_smaller_number() {
        let mut top = TopK::new(3);
        for (s, t) in [(0.5, 4), (0.9, 7), (0.5, 2), (0.1, 0), (0.9, 3), (0.5, 1)] {
            top.insert(scored(s, t));
        }
        let got: Vec<_> = top.into_vec().iter().map(|x| (x.score, x.tie)).collect();
        assert_eq!(got, vec![(0.9, 3), (0.9, 7), (0.5, 1)]);
    }

    #[test]
    fn merge_is_order_independent() {
        let items = [(0.3, 1), (0.8, 2), (0.3, 0), (0.6, 5), (0.8, 9), (0.2, 4)];
        let mut all = TopK::new(4);
        items.iter().for_each(|&(s, t)| all.insert(scored(s, t)));
        let (mut a, mut b) = (TopK::new(4), TopK::new(4));
        items[..3].iter().for_each(|&(s, t)| a.insert(scored(s, t)));
        items[3..].iter().for_each(|&(s, t)| b.insert(scored(s, t)));
        let ab = a.clone().merge(b.clone());
        let ba = b.merge(a);
        assert_eq!(ab.into_vec(), all.clone().into_vec());
        assert_eq!(ba.into_vec(), all.into_vec());
    }

    #[test]
    fn thresholds() {
        let mut top = TopK::new(2);
        assert_eq!(top.threshold(), f64::NEG_INFINITY);
        top.insert(scored(0.4, 0));
        top.insert(scored(0.7, 1));
        assert_eq!(top.threshold(), 0.4);
        assert_eq!(TopK::<()>::new(0).threshold(), f64::INFINITY);
    }
}
