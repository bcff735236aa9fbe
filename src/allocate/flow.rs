//! A min-cost flow solver: successive shortest paths from each supply
//! node, Dijkstra on reduced costs with node potentials.
//!
//! Written here rather than taken from a crate: the one min-cost-flow
//! crate on crates.io, `mcmf`, wraps LEMON's C++ network simplex (a C++
//! build through the long-deprecated `gcc` crate, last released 2018), and
//! `pathfinding` and `good_lp`'s pure-Rust solvers offer no min-cost flow
//! (a linear program of 100k variables through `minilp` would be far too
//! slow for the 1 s budget). The allocation graphs are shallow and sparse
//! (supply -> account -> advocate -> sink), for which successive shortest
//! paths with early-stopping Dijkstra is simple, exact and fast.
//!
//! # Algorithm
//!
//! Each supply node sends its units one shortest path at a time to the
//! sink (Ahuja, Magnanti and Orlin, *Network Flows*, 9.7). Potentials `p`
//! keep every residual arc's reduced cost `c + p(u) - p(v)` at or above 0,
//! so Dijkstra applies; they start as Bellman-Ford distances from a
//! virtual root (the graphs have no cycles, so the start is exact). A
//! search stops when it takes the sink off the heap; only the nodes it
//! settled get new potentials, `p(v) += d(v) - d(sink)`, which is the
//! textbook update `p += min(d, d(sink))` shifted by a constant. Every
//! supply node must reach the sink (the allocation graph gives each
//! request an "unfilled" arc straight to the sink), so after all supplies
//! are sent the flow is of minimum cost for that total supply.
//!
//! Cost: `O(units x (A + N) log N)` in the worst case for `A` arcs and `N`
//! nodes; in practice a search settles only the few nodes whose reduced
//! distance is below the sink's.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A flow network with integer capacities and costs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Network {
    nodes: usize,
    /// Arc `2i` is the `i`-th added arc, `2i + 1` its reverse.
    to: Vec<u32>,
    /// Residual capacity of each arc.
    cap: Vec<i64>,
    cost: Vec<i64>,
    /// The arcs leaving each node, as compressed rows (built by `seal`).
    first: Vec<u32>,
    out: Vec<u32>,
    from: Vec<u32>,
}

impl Network {
    /// A network of `nodes` nodes and no arcs.
    pub(crate) fn new(nodes: usize) -> Network {
        Network { nodes, ..Network::default() }
    }

    /// Adds an arc from `u` to `v` and returns its number (for
    /// [`Network::flow`]).
    pub(crate) fn add_arc(&mut self, u: usize, v: usize, capacity: i64, cost: i64) -> usize {
        debug_assert!(u < self.nodes && v < self.nodes && capacity >= 0);
        let id = self.to.len() / 2;
        self.to.extend([v as u32, u as u32]);
        self.from.extend([u as u32, v as u32]);
        self.cap.extend([capacity, 0]);
        self.cost.extend([cost, -cost]);
        id
    }

    /// Flow on arc `id` (as returned by [`Network::add_arc`]).
    pub(crate) fn flow(&self, id: usize) -> i64 {
        self.cap[2 * id + 1]
    }

    fn seal(&mut self) {
        let mut count = vec![0u32; self.nodes + 1];
        for &u in &self.from {
            count[u as usize + 1] += 1;
        }
        for i in 0..self.nodes {
            count[i + 1] += count[i];
        }
        let mut next = count.clone();
        self.out = vec![0; self.from.len()];
        for (arc, &u) in self.from.iter().enumerate() {
            self.out[next[u as usize] as usize] = arc as u32;
            next[u as usize] += 1;
        }
        self.first = count;
    }

    fn arcs(&self, u: usize) -> &[u32] {
        &self.out[self.first[u] as usize..self.first[u + 1] as usize]
    }

    /// Sends `units` from each `(node, units)` of `supplies`, in order, to
    /// `sink` at least total cost. Returns the units that could not reach
    /// the sink, per supply (all 0 when every supply node reaches it).
    ///
    /// `start`: potentials under which every arc with capacity has a
    /// reduced cost of at least 0, or `None` for Bellman-Ford's. Flat
    /// potentials (all advocates and the sink equal) keep the first
    /// searches short: the sink is then no farther than the best free
    /// advocate.
    ///
    /// # Panics
    ///
    /// When the arcs with capacity form a cycle of negative cost (the
    /// allocation graphs have no cycles at all).
    pub(crate) fn send(
        &mut self,
        supplies: &[(usize, i64)],
        sink: usize,
        start: Option<Vec<i64>>,
    ) -> Vec<i64> {
        self.seal();
        let n = self.nodes;
        let mut potential = start.unwrap_or_else(|| self.start_potentials());
        debug_assert!((0..self.to.len()).all(|arc| self.cap[arc] == 0
            || self.cost[arc] + potential[self.from[arc] as usize] - potential[self.to[arc] as usize] >= 0));
        let mut dist = vec![i64::MAX; n];
        let mut settled = vec![false; n];
        let mut via = vec![u32::MAX; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut done: Vec<u32> = Vec::new();
        let mut heap = BinaryHeap::new();
        let mut left = Vec::with_capacity(supplies.len());
        for &(source, units) in supplies {
            let mut excess = units;
            while excess > 0 {
                // Dijkstra from `source` on reduced costs, stopping at the sink.
                dist[source] = 0;
                touched.push(source as u32);
                heap.push(Reverse((0i64, source as u32)));
                while let Some(Reverse((d, u))) = heap.pop() {
                    let u = u as usize;
                    if settled[u] || d > dist[u] {
                        continue;
                    }
                    settled[u] = true;
                    done.push(u as u32);
                    if u == sink {
                        break;
                    }
                    for &arc in self.arcs(u) {
                        let arc = arc as usize;
                        if self.cap[arc] == 0 {
                            continue;
                        }
                        let v = self.to[arc] as usize;
                        let reduced = self.cost[arc] + potential[u] - potential[v];
                        debug_assert!(reduced >= 0, "reduced cost {reduced} on arc {arc}");
                        let nd = d + reduced;
                        if nd < dist[v] && nd < dist[sink] {
                            if dist[v] == i64::MAX {
                                touched.push(v as u32);
                            }
                            dist[v] = nd;
                            via[v] = arc as u32;
                            heap.push(Reverse((nd, v as u32)));
                        }
                    }
                }
                heap.clear();
                let reached = settled[sink];
                if reached {
                    let to_sink = dist[sink];
                    for &v in &done {
                        potential[v as usize] += dist[v as usize] - to_sink;
                    }
                    // The bottleneck along the path, then the augmentation.
                    let mut amount = excess;
                    let mut v = sink;
                    while v != source {
                        let arc = via[v] as usize;
                        amount = amount.min(self.cap[arc]);
                        v = self.to[arc ^ 1] as usize;
                    }
                    let mut v = sink;
                    while v != source {
                        let arc = via[v] as usize;
                        self.cap[arc] -= amount;
                        self.cap[arc ^ 1] += amount;
                        v = self.to[arc ^ 1] as usize;
                    }
                    excess -= amount;
                }
                for &v in &touched {
                    dist[v as usize] = i64::MAX;
                    settled[v as usize] = false;
                }
                touched.clear();
                done.clear();
                if !reached {
                    break;
                }
            }
            left.push(excess);
        }
        left
    }

    /// Shortest distances from a virtual root joined to every node at cost
    /// 0, over the arcs with capacity (Bellman-Ford).
    fn start_potentials(&self) -> Vec<i64> {
        let mut p = vec![0i64; self.nodes];
        for round in 0..=self.nodes {
            let mut changed = false;
            for arc in 0..self.to.len() {
                if self.cap[arc] > 0 {
                    let (u, v) = (self.from[arc] as usize, self.to[arc] as usize);
                    if p[u] + self.cost[arc] < p[v] {
                        p[v] = p[u] + self.cost[arc];
                        changed = true;
                    }
                }
            }
            if !changed {
                return p;
            }
            assert!(round < self.nodes, "allocate: the flow network has a cycle of negative cost");
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_the_cheaper_route_and_reroutes() {
        // Two supplies, two middle nodes; the first supply alone would
        // take the cheap middle node, but together the cheapest total
        // sends it the other way.
        let mut net = Network::new(5);
        let (a, b, x, y, t) = (0, 1, 2, 3, 4);
        let ax = net.add_arc(a, x, 1, -10);
        let ay = net.add_arc(a, y, 1, -9);
        let bx = net.add_arc(b, x, 1, -10);
        net.add_arc(x, t, 1, 0);
        net.add_arc(y, t, 1, 0);
        let left = net.send(&[(a, 1), (b, 1)], t, None);
        assert_eq!(left, vec![0, 0]);
        assert_eq!((net.flow(ax), net.flow(ay), net.flow(bx)), (0, 1, 1));
    }

    #[test]
    fn reports_units_that_cannot_reach_the_sink() {
        let mut net = Network::new(3);
        net.add_arc(0, 1, 2, -1);
        net.add_arc(1, 2, 1, 0);
        assert_eq!(net.send(&[(0, 3)], 2, None), vec![2]);
    }
}
