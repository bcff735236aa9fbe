//! Compact storage for the index: lists of lists in two arrays (compressed
//! sparse rows).

/// A list of lists: `items[offsets[i]..offsets[i + 1]]` is list `i`.
#[derive(Debug, Clone)]
pub(crate) struct Csr<T> {
    offsets: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Csr<T> {
    fn default() -> Csr<T> {
        Csr { offsets: vec![0], items: Vec::new() }
    }
}

impl<T> Csr<T> {
    /// Appends the next list.
    pub(crate) fn push_list(&mut self, list: impl IntoIterator<Item = T>) {
        self.items.extend(list);
        self.offsets.push(u32::try_from(self.items.len()).expect("index lists under 4 G entries"));
    }

    #[inline]
    pub(crate) fn get(&self, i: usize) -> &[T] {
        &self.items[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// Number of lists.
    pub(crate) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The range of list `i` in the flat item array.
    #[inline]
    pub(crate) fn range(&self, i: usize) -> std::ops::Range<usize> {
        self.offsets[i] as usize..self.offsets[i + 1] as usize
    }

    /// Replaces list `i` by `list`: `O(items after it + lists after it)`,
    /// a move of memory, for a change of one list in place.
    pub(crate) fn replace(&mut self, i: usize, list: impl IntoIterator<Item = T>) {
        let before = self.items.len();
        self.items.splice(self.range(i), list);
        let grown = self.items.len() as i64 - before as i64;
        assert!(self.items.len() <= u32::MAX as usize, "index lists under 4 G entries");
        if grown != 0 {
            for offset in &mut self.offsets[i + 1..] {
                *offset = (i64::from(*offset) + grown) as u32;
            }
        }
    }

    /// Every item of every list, to change in place.
    pub(crate) fn items_mut(&mut self) -> &mut [T] {
        &mut self.items
    }

    /// Inserts `list` as list `i`, the lists from `i` on moving up one.
    pub(crate) fn insert_list(&mut self, i: usize, list: impl IntoIterator<Item = T>) {
        let at = self.offsets[i];
        self.offsets.insert(i + 1, at);
        self.replace(i, list);
    }

    /// Takes list `i` out, the lists after it moving down one.
    pub(crate) fn remove_list(&mut self, i: usize) {
        self.replace(i, std::iter::empty());
        self.offsets.remove(i + 1);
    }

    /// Appends `item` to list `i` (`i` may be the next list, which this
    /// then adds).
    pub(crate) fn push_to(&mut self, i: usize, item: T) {
        while self.len() <= i {
            self.push_list(std::iter::empty());
        }
        self.items.insert(self.offsets[i + 1] as usize, item);
        for offset in &mut self.offsets[i + 1..] {
            *offset += 1;
        }
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.offsets.shrink_to_fit();
        self.items.shrink_to_fit();
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4 + self.items.capacity() * std::mem::size_of::<T>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_hold_what_was_pushed() {
        let mut csr = Csr::default();
        csr.push_list([1, 2]);
        csr.push_list([]);
        csr.push_list([3]);
        assert_eq!((csr.get(0), csr.get(1), csr.get(2)), (&[1, 2][..], &[][..], &[3][..]));
        assert_eq!(csr.range(2), 2..3);
    }

    #[test]
    fn lists_are_replaced_and_grown_in_place() {
        let mut csr = Csr::default();
        csr.push_list([1, 2]);
        csr.push_list([]);
        csr.push_list([3]);
        csr.replace(0, [7]);
        csr.replace(1, [8, 9, 10]);
        csr.push_to(2, 4);
        csr.push_to(4, 5);
        csr.insert_list(1, [6]);
        csr.insert_list(6, []);
        let lists: Vec<&[i32]> = (0..csr.len()).map(|i| csr.get(i)).collect();
        assert_eq!(lists, [&[7][..], &[6], &[8, 9, 10], &[3, 4], &[], &[5], &[]]);
        csr.remove_list(2);
        csr.remove_list(0);
        let lists: Vec<&[i32]> = (0..csr.len()).map(|i| csr.get(i)).collect();
        assert_eq!(lists, [&[6][..], &[3, 4], &[], &[5], &[]]);
    }
}
