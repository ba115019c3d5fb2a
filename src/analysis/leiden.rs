//! Leiden community detection (Traag, Waltman & van Eck 2019) for modularity with a
//! resolution parameter, on a weighted undirected graph. Unlike Louvain it refines each
//! community before aggregating, which guarantees that every community is connected.
//!
//! Deterministic: node orders come from a seeded SplitMix64 generator, ties go to the lowest
//! community id, and the refinement is greedy (the θ → 0 limit of the paper's randomized
//! choice), so the same graph and seed always give the same partition.

/// A weighted undirected graph in compressed adjacency form. Self-loops carry the weight
/// inside aggregated nodes.
#[derive(Debug, Clone)]
pub struct WGraph {
    offsets: Vec<usize>,
    targets: Vec<usize>,
    weights: Vec<f64>,
    /// Weight of each node's self-loop (counted once).
    self_loops: Vec<f64>,
    /// Weighted degree: neighbours' weights plus twice the self-loop.
    degree: Vec<f64>,
    /// Sum of all degrees (2m).
    total: f64,
}

impl WGraph {
    /// Builds the graph from undirected edges `(a, b, w)`; parallel edges add up and
    /// `a == b` is a self-loop.
    pub fn new(n: usize, edges: &[(usize, usize, f64)]) -> WGraph {
        let mut self_loops = vec![0.0; n];
        let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
        for &(a, b, w) in edges {
            if a == b {
                self_loops[a] += w;
            } else {
                adj[a].push((b, w));
                adj[b].push((a, w));
            }
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets = Vec::new();
        let mut weights = Vec::new();
        offsets.push(0);
        for list in &mut adj {
            list.sort_by_key(|x| x.0);
            let mut i = 0;
            while i < list.len() {
                let (t, mut w) = list[i];
                i += 1;
                while i < list.len() && list[i].0 == t {
                    w += list[i].1;
                    i += 1;
                }
                targets.push(t);
                weights.push(w);
            }
            offsets.push(targets.len());
        }
        let degree: Vec<f64> = (0..n)
            .map(|v| weights[offsets[v]..offsets[v + 1]].iter().sum::<f64>() + 2.0 * self_loops[v])
            .collect();
        let total = degree.iter().sum();
        WGraph {
            offsets,
            targets,
            weights,
            self_loops,
            degree,
            total,
        }
    }

    pub fn len(&self) -> usize {
        self.degree.len()
    }

    pub fn is_empty(&self) -> bool {
        self.degree.is_empty()
    }

    fn neighbors(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.offsets[v]..self.offsets[v + 1];
        self.targets[r.clone()]
            .iter()
            .copied()
            .zip(self.weights[r].iter().copied())
    }

    /// The graph whose nodes are the communities of `part` (ids `0..k`).
    fn aggregate(&self, part: &[usize], k: usize) -> WGraph {
        let mut edges = Vec::with_capacity(self.targets.len() / 2 + k);
        for v in 0..self.len() {
            let cv = part[v];
            if self.self_loops[v] > 0.0 {
                edges.push((cv, cv, self.self_loops[v]));
            }
            for (u, w) in self.neighbors(v) {
                if u > v {
                    edges.push((cv, part[u], w));
                }
            }
        }
        WGraph::new(k, &edges)
    }

    /// Newman modularity of `part` with resolution `gamma`.
    pub fn modularity(&self, part: &[usize], gamma: f64) -> f64 {
        if self.total <= 0.0 {
            return 0.0;
        }
        let k = part.iter().copied().max().map_or(0, |m| m + 1);
        let mut internal = vec![0.0; k];
        let mut tot = vec![0.0; k];
        for v in 0..self.len() {
            tot[part[v]] += self.degree[v];
            internal[part[v]] += 2.0 * self.self_loops[v];
            for (u, w) in self.neighbors(v) {
                if part[u] == part[v] {
                    internal[part[v]] += w;
                }
            }
        }
        (0..k)
            .map(|c| internal[c] / self.total - gamma * (tot[c] / self.total).powi(2))
            .sum()
    }
}

/// SplitMix64: a tiny, well-mixed generator; enough to shuffle visiting orders.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Renumbers community ids to `0..k` in order of first appearance; returns k.
fn renumber(part: &mut [usize]) -> usize {
    let mut map = vec![usize::MAX; part.iter().copied().max().map_or(0, |m| m + 1)];
    let mut next = 0;
    for c in part.iter_mut() {
        if map[*c] == usize::MAX {
            map[*c] = next;
            next += 1;
        }
        *c = map[*c];
    }
    next
}

/// Scratch space to sum a node's edge weights per neighbouring community.
struct Accumulator {
    weight: Vec<f64>,
    touched: Vec<usize>,
}

impl Accumulator {
    fn new(n: usize) -> Self {
        Accumulator {
            weight: vec![0.0; n],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, c: usize, w: f64) {
        if self.weight[c] == 0.0 {
            self.touched.push(c);
        }
        self.weight[c] += w;
    }

    fn clear(&mut self) {
        for &c in &self.touched {
            self.weight[c] = 0.0;
        }
        self.touched.clear();
    }
}

/// Runs Leiden on `g` with resolution `gamma`; returns a community id per node (`0..k`,
/// numbered by first appearance). `iterations` full passes are made at most, stopping early
/// when a pass changes nothing.
pub fn leiden(g: &WGraph, gamma: f64, seed: u64, iterations: usize) -> Vec<usize> {
    let n = g.len();
    let mut part: Vec<usize> = (0..n).collect();
    if n == 0 || g.total <= 0.0 {
        return part;
    }
    let mut rng = Rng(seed);
    for _ in 0..iterations.max(1) {
        let before = part.clone();
        part = one_pass(g, part, gamma, &mut rng);
        if part == before {
            break;
        }
    }
    renumber(&mut part);
    part
}

/// One run of the Leiden loop (move, refine, aggregate) from the partition `part`.
fn one_pass(g0: &WGraph, mut part0: Vec<usize>, gamma: f64, rng: &mut Rng) -> Vec<usize> {
    // `members[v]` are the original nodes inside aggregate node v.
    let mut graph = g0.clone();
    let mut members: Vec<Vec<usize>> = (0..g0.len()).map(|v| vec![v]).collect();
    let mut part = part0.clone();
    renumber(&mut part);
    loop {
        move_nodes_fast(&graph, &mut part, gamma, rng);
        let k = renumber(&mut part);
        if k == graph.len() {
            break;
        }
        let mut refined = refine(&graph, &part, k, gamma, rng);
        let kr = renumber(&mut refined);
        if kr == graph.len() {
            // Refinement merged nothing: aggregating would not shrink the graph.
            break;
        }
        // Aggregate by the refined partition; start from the unrefined one.
        let mut next_part = vec![0; kr];
        let mut next_members = vec![Vec::new(); kr];
        for v in 0..graph.len() {
            next_part[refined[v]] = part[v];
            next_members[refined[v]].append(&mut members[v]);
        }
        graph = graph.aggregate(&refined, kr);
        members = next_members;
        part = next_part;
    }
    for (v, ms) in members.iter().enumerate() {
        for &m in ms {
            part0[m] = part[v];
        }
    }
    part0
}

/// Local moving with a queue: each node goes to the neighbouring community (or stays) that
/// gains the most; neighbours of a moved node are revisited.
fn move_nodes_fast(g: &WGraph, part: &mut [usize], gamma: f64, rng: &mut Rng) {
    let n = g.len();
    let two_m = g.total;
    let mut tot = vec![0.0; n.max(part.iter().copied().max().unwrap_or(0) + 1)];
    let mut size = vec![0usize; tot.len()];
    for v in 0..n {
        tot[part[v]] += g.degree[v];
        size[part[v]] += 1;
    }
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let mut queue: std::collections::VecDeque<usize> = order.into();
    let mut queued = vec![true; n];
    let mut acc = Accumulator::new(tot.len());
    let mut empty: Vec<usize> = (0..tot.len()).filter(|&c| size[c] == 0).collect();
    while let Some(v) = queue.pop_front() {
        queued[v] = false;
        let old = part[v];
        let kv = g.degree[v];
        for (u, w) in g.neighbors(v) {
            acc.add(part[u], w);
        }
        // Remove v from its community.
        tot[old] -= kv;
        size[old] -= 1;
        let gain = |c: usize, wc: f64, tot: &[f64]| wc - gamma * kv * tot[c] / two_m;
        // Stay unless another community is strictly better; among equals, the lowest id.
        let mut best = old;
        let mut best_gain = gain(old, acc.weight[old], &tot);
        for &c in &acc.touched {
            if c == old {
                continue;
            }
            let gc = gain(c, acc.weight[c], &tot);
            if gc > best_gain + 1e-12
                || (best != old && (gc - best_gain).abs() <= 1e-12 && c < best)
            {
                best = c;
                best_gain = gc;
            }
        }
        // An empty community gains 0.
        if best_gain < -1e-12 {
            if size[old] == 0 {
                best = old;
            } else if let Some(c) = empty.pop() {
                best = c;
            }
        }
        tot[best] += kv;
        size[best] += 1;
        if size[old] == 0 && best != old {
            empty.push(old);
        }
        acc.clear();
        if best != old {
            part[v] = best;
            for (u, _) in g.neighbors(v) {
                if !queued[u] && part[u] != best {
                    queued[u] = true;
                    queue.push_back(u);
                }
            }
        }
    }
}

/// Refines each community of `part` into well-connected sub-communities: nodes start alone
/// and merge greedily, within their community, only into sub-communities that stay
/// well connected to the rest of it.
fn refine(g: &WGraph, part: &[usize], k: usize, gamma: f64, rng: &mut Rng) -> Vec<usize> {
    let n = g.len();
    let two_m = g.total;
    let mut refined: Vec<usize> = (0..n).collect();
    let mut comm_tot = vec![0.0; k];
    for v in 0..n {
        comm_tot[part[v]] += g.degree[v];
    }
    // Per refined community: total degree and weight of edges to the rest of its community.
    let mut rtot: Vec<f64> = g.degree.clone();
    let mut rext: Vec<f64> = (0..n)
        .map(|v| {
            g.neighbors(v)
                .filter(|&(u, _)| part[u] == part[v])
                .map(|(_, w)| w)
                .sum()
        })
        .collect();
    let mut singleton = vec![true; n];
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let mut acc = Accumulator::new(n);
    for v in order {
        if !singleton[v] {
            continue;
        }
        let c = part[v];
        let kv = g.degree[v];
        // v must itself be well connected to its community.
        if rext[v] < gamma * kv * (comm_tot[c] - kv) / two_m {
            continue;
        }
        for (u, w) in g.neighbors(v) {
            if part[u] == c {
                acc.add(refined[u], w);
            }
        }
        let mut best = refined[v];
        let mut best_gain = 0.0;
        for &r in &acc.touched {
            if r == refined[v] {
                continue;
            }
            let well_connected = rext[r] >= gamma * rtot[r] * (comm_tot[c] - rtot[r]) / two_m;
            if !well_connected {
                continue;
            }
            let gain = acc.weight[r] - gamma * kv * rtot[r] / two_m;
            if gain > best_gain + 1e-12 || (gain >= best_gain - 1e-12 && gain > 0.0 && r < best) {
                best = r;
                best_gain = gain;
            }
        }
        if best != refined[v] {
            let from = refined[v];
            // External weight of the merged group: both sides' minus the edges between them.
            let between = acc.weight[best];
            rext[best] = rext[best] + rext[from] - 2.0 * between;
            rtot[best] += rtot[from];
            refined[v] = best;
            singleton[v] = false;
            // The target is no longer a singleton either.
            for (u, _) in g.neighbors(v) {
                if refined[u] == best {
                    singleton[u] = false;
                }
            }
        }
        acc.clear();
    }
    refined
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three 4-cliques joined in a ring by single light edges.
    fn three_cliques() -> WGraph {
        let mut e = Vec::new();
        for c in 0..3 {
            for i in 0..4 {
                for j in i + 1..4 {
                    e.push((c * 4 + i, c * 4 + j, 5.0));
                }
            }
        }
        e.push((3, 4, 1.0));
        e.push((7, 8, 1.0));
        e.push((11, 0, 1.0));
        WGraph::new(12, &e)
    }

    #[test]
    fn finds_three_cliques() {
        let g = three_cliques();
        let p = leiden(&g, 1.0, 42, 10);
        for c in 0..3 {
            assert!((0..4).all(|i| p[c * 4 + i] == p[c * 4]), "{p:?}");
        }
        assert_ne!(p[0], p[4]);
        assert_ne!(p[4], p[8]);
        assert!(g.modularity(&p, 1.0) > 0.5);
    }

    #[test]
    fn same_seed_same_partition() {
        let g = three_cliques();
        assert_eq!(leiden(&g, 1.0, 7, 10), leiden(&g, 1.0, 7, 10));
    }

    #[test]
    fn low_resolution_merges_everything_high_splits() {
        let g = three_cliques();
        let low = leiden(&g, 0.01, 1, 10);
        assert!(low.iter().all(|&c| c == low[0]));
        let high = leiden(&g, 50.0, 1, 10);
        assert!(high.iter().copied().max().unwrap() >= 3);
    }

    #[test]
    fn communities_are_connected() {
        // Two triangles with no edge between them must never share a community.
        let g = WGraph::new(
            6,
            &[
                (0, 1, 1.0),
                (1, 2, 1.0),
                (0, 2, 1.0),
                (3, 4, 1.0),
                (4, 5, 1.0),
                (3, 5, 1.0),
            ],
        );
        for gamma in [0.001, 0.1, 1.0] {
            let p = leiden(&g, gamma, 3, 10);
            assert_ne!(p[0], p[3], "gamma {gamma}: {p:?}");
        }
    }

    /// Properties on random weighted graphs (a fixed sequence of them): every community is
    /// connected, the same seed gives the same partition, labels are 0..k, and the
    /// modularity found is never below the singleton partition's, where the search starts.
    #[test]
    fn properties_hold_on_random_graphs() {
        let mut rng = Rng(0x1E1D_E115);
        for case in 0..300 {
            let n = 1 + (rng.next() % 60) as usize;
            let m = (rng.next() % (3 * n as u64 + 1)) as usize;
            let edges: Vec<(usize, usize, f64)> = (0..m)
                .map(|_| {
                    let a = (rng.next() % n as u64) as usize;
                    let b = (rng.next() % n as u64) as usize;
                    (a, b, 1.0 + (rng.next() % 9) as f64)
                })
                .filter(|(a, b, _)| a != b)
                .collect();
            let g = WGraph::new(n, &edges);
            let gamma = [0.05, 0.3, 1.0, 2.0, 5.0][case % 5];
            let p = leiden(&g, gamma, case as u64, 10);
            assert_eq!(p.len(), n);
            assert_eq!(p, leiden(&g, gamma, case as u64, 10), "case {case}: seeded");
            let k = p.iter().copied().max().map_or(0, |x| x + 1);
            for c in 0..k {
                assert!(p.contains(&c), "case {case}: label {c} unused: {p:?}");
            }
            let singletons: Vec<usize> = (0..n).collect();
            assert!(
                g.modularity(&p, gamma) >= g.modularity(&singletons, gamma) - 1e-9,
                "case {case}: worse than where it started"
            );
            // Connected: a walk from each community's first member over edges inside the
            // community reaches all its members.
            for c in 0..k {
                let members: Vec<usize> = (0..n).filter(|&v| p[v] == c).collect();
                let mut seen = vec![false; n];
                let mut stack = vec![members[0]];
                seen[members[0]] = true;
                while let Some(v) = stack.pop() {
                    for (u, _) in g.neighbors(v) {
                        if p[u] == c && !seen[u] {
                            seen[u] = true;
                            stack.push(u);
                        }
                    }
                }
                assert!(
                    members.iter().all(|&v| seen[v]),
                    "case {case}: community {c} is not connected: {p:?}"
                );
            }
        }
    }
}
