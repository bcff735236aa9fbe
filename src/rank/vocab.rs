//! Numbering what repeats in a library: strings ([`Vocab`]), sets of their
//! numbers ([`Sets`]), and 64-bit summaries of such sets ([`bits`]). The
//! index keeps one number where the library repeats a code, a tag or a
//! list of tags, so a query computes each similarity once per number.

use std::collections::HashMap;

use super::pool::Csr;

/// Strings numbered in order of first sight.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocab {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Vocab {
    pub(super) fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        id
    }

    pub(crate) fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The names, by id.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    pub(super) fn heap_bytes(&self) -> usize {
        let text: usize = self.names.iter().map(|n| 2 * n.capacity()).sum();
        text + self.ids.capacity() * (24 + 4 + 8) + self.names.capacity() * 24
    }
}

/// Sets of vocabulary ids (sorted, without repeats) numbered in order of
/// first sight, with their members. The map from set to number is only
/// needed while building and is dropped by [`Sets::seal`]; after it,
/// [`Sets::intern_sealed`] numbers the sets of a changed record.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sets {
    ids: HashMap<Vec<u32>, u32>,
    members: Csr<u32>,
    /// For each vocabulary id, the sets that contain it (built by `seal`).
    containing: Csr<u32>,
}

impl Sets {
    pub(super) fn intern(&mut self, mut members: Vec<u32>) -> u32 {
        members.sort_unstable();
        members.dedup();
        if let Some(&id) = self.ids.get(&members) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.members.push_list(members.iter().copied());
        self.ids.insert(members, id);
        id
    }

    pub(crate) fn len(&self) -> usize {
        self.members.len()
    }

    /// Drops the interning map (no set is added after the index is built)
    /// and lists the sets containing each of the `vocabulary` ids.
    pub(super) fn seal(&mut self, vocabulary: usize) {
        self.ids = HashMap::new();
        self.members.shrink_to_fit();
        let mut containing: Vec<Vec<u32>> = vec![Vec::new(); vocabulary];
        for set in 0..self.len() as u32 {
            for &id in self.members(set) {
                containing[id as usize].push(set);
            }
        }
        self.containing = Csr::default();
        for sets in containing {
            self.containing.push_list(sets);
        }
    }

    /// The number of a set after [`Sets::seal`], adding it when it is new
    /// (how a change of one record in place numbers its sets). Without the
    /// interning map, an existing set is found through the sets containing
    /// its first member (or, for the empty set, by a pass over the sets).
    pub(super) fn intern_sealed(&mut self, mut members: Vec<u32>) -> u32 {
        members.sort_unstable();
        members.dedup();
        let found = match members.first() {
            Some(&first) => self.containing(first).iter().copied().find(|&set| self.members(set) == members),
            None => (0..self.len() as u32).find(|&set| self.members(set).is_empty()),
        };
        if let Some(set) = found {
            return set;
        }
        let set = self.len() as u32;
        self.members.push_list(members.iter().copied());
        for id in members {
            self.containing.push_to(id as usize, set);
        }
        set
    }

    /// The sets that contain vocabulary id `id` (none for an id that no set
    /// has held).
    pub(crate) fn containing(&self, id: u32) -> &[u32] {
        if (id as usize) < self.containing.len() { self.containing.get(id as usize) } else { &[] }
    }

    pub(crate) fn members(&self, set: u32) -> &[u32] {
        self.members.get(set as usize)
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.members.heap_bytes()
            + self.containing.heap_bytes()
            + self.ids.keys().map(|k| k.capacity() * 4 + 24 + 4 + 8).sum::<usize>()
    }
}

/// A 64-bit summary of a set of ids: bit `id % 64` for each id. An id whose
/// bit is clear is surely not in the set; one whose bit is set may be, so
/// counting wanted ids with their bit set over-counts, never under-counts.
pub(crate) fn bits(ids: impl IntoIterator<Item = u32>) -> u64 {
    ids.into_iter().fold(0, |mask, id| mask | 1 << (id % 64))
}
