//! The collector: one pass over the matching documents that drops those
//! the filters refuse, keeps the best `limit` by (score descending,
//! document number ascending) and counts the facets of every hit.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::filter::Compiled;
use super::tables::{DEAD, Tables};
use crate::taxonomy::SalesRegion;

/// A hit before it is read back: its score and document number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scored {
    pub(crate) score: Score,
    pub(crate) doc: u32,
}

impl Scored {
    /// Better first: higher score, then smaller document number.
    fn better(&self, other: &Scored) -> Ordering {
        other.score.total_cmp(&self.score).then(self.doc.cmp(&other.doc))
    }
}

/// In a max-heap, the worst kept hit on top.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Worst(Scored);

impl Eq for Worst {}

impl PartialOrd for Worst {
    fn partial_cmp(&self, other: &Worst) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Worst {
    fn cmp(&self, other: &Worst) -> Ordering {
        self.0.better(&other.0)
    }
}

/// What the pass found.
#[derive(Debug, Clone, Default)]
pub(crate) struct Found {
    /// The best hits, best first.
    pub(crate) top: Vec<Scored>,
    /// Every hit.
    pub(crate) total: usize,
    /// Hits per region, in [`SalesRegion::ALL`] order.
    pub(crate) regions: [usize; 4],
    /// Hits per sector, by [`Tables::sectors`] index.
    pub(crate) sectors: Vec<usize>,
    /// Hits per product, by position in the library.
    pub(crate) products: Vec<usize>,
}

pub(crate) struct HitCollector {
    pub(crate) tables: Arc<Tables>,
    pub(crate) filters: Arc<Vec<Compiled>>,
    pub(crate) limit: usize,
    pub(crate) products: usize,
}

pub(crate) struct SegmentHits {
    tables: Arc<Tables>,
    filters: Arc<Vec<Compiled>>,
    limit: usize,
    docs: Column<u64>,
    heap: BinaryHeap<Worst>,
    found: Found,
}

impl Collector for HitCollector {
    type Fruit = Found;
    type Child = SegmentHits;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentHits> {
        let docs = segment.fast_fields().u64("doc")?;
        Ok(SegmentHits {
            tables: Arc::clone(&self.tables),
            filters: Arc::clone(&self.filters),
            limit: self.limit,
            docs,
            heap: BinaryHeap::with_capacity(self.limit + 1),
            found: Found {
                sectors: vec![0; self.tables.sectors.len()],
                products: vec![0; self.products],
                ..Found::default()
            },
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Found>) -> tantivy::Result<Found> {
        let mut merged = Found {
            sectors: vec![0; self.tables.sectors.len()],
            products: vec![0; self.products],
            ..Found::default()
        };
        for fruit in fruits {
            merged.top.extend(fruit.top);
            merged.total += fruit.total;
            for (m, f) in merged.regions.iter_mut().zip(fruit.regions) {
                *m += f;
            }
            for (m, f) in merged.sectors.iter_mut().zip(fruit.sectors) {
                *m += f;
            }
            for (m, f) in merged.products.iter_mut().zip(fruit.products) {
                *m += f;
            }
        }
        merged.top.sort_by(Scored::better);
        merged.top.truncate(self.limit);
        Ok(merged)
    }
}

impl SegmentCollector for SegmentHits {
    type Fruit = Found;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(key) = self.docs.first(doc) else { return };
        let ord = self.tables.ords[key as usize];
        if ord == DEAD {
            return;
        }
        let row = &self.tables.docs[ord as usize];
        if self.tables.stories[row.story as usize].hidden
            || !self.filters.iter().all(|f| f.keeps(&self.tables, row))
        {
            return;
        }
        let found = &mut self.found;
        found.total += 1;
        let story = &self.tables.stories[row.story as usize];
        if let Some(r) = story.region.and_then(|r| SalesRegion::ALL.iter().position(|&x| x == r)) {
            found.regions[r] += 1;
        }
        found.sectors[story.sector as usize] += 1;
        for &p in self.tables.products(story) {
            found.products[p as usize] += 1;
        }
        if self.limit == 0 {
            return;
        }
        let hit = Scored { score, doc: ord };
        if self.heap.len() < self.limit {
            self.heap.push(Worst(hit));
        } else if self.heap.peek().is_some_and(|worst| hit.better(&worst.0) == Ordering::Less) {
            self.heap.pop();
            self.heap.push(Worst(hit));
        }
    }

    fn harvest(mut self) -> Found {
        self.found.top = self.heap.into_vec().into_iter().map(|w| w.0).collect();
        self.found.top.sort_by(Scored::better);
        self.found
    }
}
