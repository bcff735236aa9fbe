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
}
