//! Compact storage for the index: strings in one buffer, and lists of lists
//! in two arrays (compressed sparse rows).

/// Many strings in one buffer: 4 bytes of overhead each instead of a
/// `String`'s 24 plus an allocation.
#[derive(Debug, Clone, Default)]
pub(crate) struct StrPool {
    text: String,
    ends: Vec<u32>,
}

impl StrPool {
    pub(crate) fn push(&mut self, s: &str) {
        self.text.push_str(s);
        // The index refuses libraries whose text passes 4 GiB (see Index::build).
        self.ends.push(u32::try_from(self.text.len()).expect("string pool under 4 GiB"));
    }

    pub(crate) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * 4
    }
}

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

    /// The range of list `i` in the flat item array.
    #[inline]
    pub(crate) fn range(&self, i: usize) -> std::ops::Range<usize> {
        self.offsets[i] as usize..self.offsets[i + 1] as usize
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4 + self.items.capacity() * std::mem::size_of::<T>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pools_hold_what_was_pushed() {
        let mut pool = StrPool::default();
        for s in ["a", "", "ünï"] {
            pool.push(s);
        }
        assert_eq!((pool.get(0), pool.get(1), pool.get(2), pool.len()), ("a", "", "ünï", 3));
        let mut csr = Csr::default();
        csr.push_list([1, 2]);
        csr.push_list([]);
        csr.push_list([3]);
        assert_eq!((csr.get(0), csr.get(1), csr.get(2)), (&[1, 2][..], &[][..], &[3][..]));
        assert_eq!(csr.range(2), 2..3);
    }
}
