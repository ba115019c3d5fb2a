//! Clustering modules into candidate services.
//!
//! 1. The shared kernel: modules that nearly everything uses (ACDC's "omnipresent" modules)
//!    pull unrelated modules together; they are kept out of the search and reported apart.
//! 2. Dependency cycles are contracted: the modules of one strongly connected component
//!    become one node, so they can never end up in different clusters.
//! 3. Leiden (modularity with a resolution γ) runs on the weighted undirected view of what
//!    remains. The search sees only the dependency structure: never crates or file paths.
//! 4. Granularity: `--resolution` fixes γ; `--clusters N` searches γ for N clusters; by
//!    default γ is swept over a fixed grid, and the finest clustering whose Newman
//!    modularity Q is within 5% of the best Q of the sweep wins. Modularity is nearly flat
//!    around its optimum (Good, de Montjoye & Clauset 2010) and its resolution limit merges
//!    small, well-separated groups (Fortunato & Barthélemy 2007); among near-optimal
//!    clusterings the finest one keeps those groups apart, and a split is cheaper to undo
//!    (one join) than a wrong merge (a move per module).

use rayon::prelude::*;
use serde::Serialize;

use super::leiden::{leiden, WGraph};
use super::metrics::round4;
use super::quality::quality;
use crate::model::ModuleGraph;

/// How the clustering is steered.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    pub resolution: Option<f64>,
    pub clusters: Option<usize>,
    /// A module used by at least this share of all modules (and by at least
    /// `KERNEL_MIN_USERS`, and by three times as many as the mean) joins the shared kernel.
    pub kernel_share: f64,
    pub seed: u64,
    /// The weighted pairs the clustering optimizes, when other signals than the static
    /// references weigh in (`signals.rs`); `None` clusters on the module graph's edges.
    /// Cycles and the kernel still come from the static graph.
    pub weights: Option<std::sync::Arc<Vec<(usize, usize, f64)>>>,
    /// What `weights` were made of (reported, not read): `[Static]` without weights.
    pub signals: Vec<crate::history::signals::Signal>,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            resolution: None,
            clusters: None,
            kernel_share: DEFAULT_KERNEL_SHARE,
            seed: SEED,
            weights: None,
            signals: vec![crate::history::signals::Signal::Static],
        }
    }
}

pub const DEFAULT_KERNEL_SHARE: f64 = 0.2;
const KERNEL_MIN_USERS: usize = 5;
const SEED: u64 = 0x5EED_A5C4_1175_0001;
const ITERATIONS: usize = 10;
/// Share of the best modularity a finer clustering may give up and still be chosen.
pub const NEAR_OPTIMAL: f64 = 0.95;
/// Resolutions tried when none is given.
pub const SWEEP: [f64; 12] = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.4, 2.0, 3.0, 5.0, 8.0];

/// One point of the resolution sweep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepPoint {
    pub resolution: f64,
    pub clusters: usize,
    pub modularity: f64,
    pub turbo_mq: f64,
    pub icp: f64,
    /// For comparison only: the choice never looks at crates.
    pub mojofm_vs_crates: f64,
}

/// The clusters: `assignment[m]` is module m's cluster (`0..k`, largest first), `None` for
/// the shared kernel.
#[derive(Debug, Clone)]
pub struct Clustering {
    pub assignment: Vec<Option<usize>>,
    pub k: usize,
    pub kernel: Vec<usize>,
    pub resolution: f64,
    /// How the resolution was chosen: `given`, `clusters`, `finest-near-best-modularity`.
    pub criterion: &'static str,
    pub kernel_share: f64,
    pub sweep: Vec<SweepPoint>,
    /// What weighed the graph the clustering optimized.
    pub signals: Vec<crate::history::signals::Signal>,
}

/// Modules that nearly everything uses.
pub fn kernel(g: &ModuleGraph, share: f64) -> Vec<usize> {
    let n = g.modules.len();
    let users = super::metrics::users(g);
    let mean = g.edges.len() as f64 / n.max(1) as f64;
    let threshold = (share * n as f64)
        .ceil()
        .max(KERNEL_MIN_USERS as f64)
        .max(3.0 * mean);
    (0..n).filter(|&m| users[m] as f64 >= threshold).collect()
}

/// The graph the search runs on: one node per strongly connected component of the modules
/// outside the kernel that have a dependency outside it; `node_of[m]` (None for the others).
fn search_graph(
    g: &ModuleGraph,
    in_kernel: &[bool],
    weights: &[(usize, usize, f64)],
) -> (WGraph, Vec<Option<usize>>) {
    let n = g.modules.len();
    let mut linked = vec![false; n];
    for &(a, b, _) in weights {
        if !in_kernel[a] && !in_kernel[b] {
            linked[a] = true;
            linked[b] = true;
        }
    }
    let keep: Vec<usize> = (0..n).filter(|&m| linked[m]).collect();
    let mut local = vec![usize::MAX; n];
    for (i, &m) in keep.iter().enumerate() {
        local[m] = i;
    }
    let mut adj = vec![Vec::new(); keep.len()];
    for e in &g.edges {
        if linked[e.from] && linked[e.to] && !in_kernel[e.from] && !in_kernel[e.to] {
            adj[local[e.from]].push(local[e.to]);
        }
    }
    let comp = super::cycles::components_of(keep.len(), &adj);
    let k = comp.iter().copied().max().map_or(0, |c| c + 1);
    let mut node_of = vec![None; n];
    for (i, &m) in keep.iter().enumerate() {
        node_of[m] = Some(comp[i]);
    }
    let mut edges = Vec::new();
    for &(x, y, w) in weights {
        if let (Some(a), Some(b)) = (node_of[x], node_of[y]) {
            edges.push((a, b, w));
        }
    }
    (WGraph::new(k, &edges), node_of)
}

/// One Leiden run at one resolution, with clusters numbered largest first.
#[derive(Debug, Clone)]
struct Run {
    gamma: f64,
    assignment: Vec<Option<usize>>,
    k: usize,
}

/// The figures of one run; `modularity` is on the graph the clustering optimized (the
/// weighted pairs when given), the others on the static graph.
fn point(g: &ModuleGraph, weights: Option<&[(usize, usize, f64)]>, r: &Run) -> SweepPoint {
    let q = quality(g, &r.assignment, r.k);
    SweepPoint {
        resolution: r.gamma,
        clusters: r.k,
        modularity: match weights {
            Some(w) => round4(super::quality::weighted_modularity(w, &r.assignment, r.k)),
            None => q.modularity,
        },
        turbo_mq: q.turbo_mq,
        icp: q.icp,
        mojofm_vs_crates: q.mojofm_vs_crates,
    }
}

/// Clusters the modules of `g`.
pub fn cluster(g: &ModuleGraph, opts: &ClusterOptions) -> Clustering {
    let n = g.modules.len();
    let kernel = kernel(g, opts.kernel_share);
    let mut in_kernel = vec![false; n];
    for &m in &kernel {
        in_kernel[m] = true;
    }
    let static_weights: Vec<(usize, usize, f64)>;
    let weights: &[(usize, usize, f64)] = match &opts.weights {
        Some(w) => w,
        None => {
            static_weights = g
                .edges
                .iter()
                .map(|e| (e.from, e.to, e.weight as f64))
                .collect();
            &static_weights
        }
    };
    let given = opts.weights.as_deref().map(|w| w.as_slice());
    let (wg, node_of) = search_graph(g, &in_kernel, weights);
    let run = |gamma: f64| -> Run {
        let part = leiden(&wg, gamma, opts.seed, ITERATIONS);
        let mut raw: Vec<Option<usize>> = node_of.iter().map(|n| n.map(|x| part[x])).collect();
        place_unlinked(g, &in_kernel, &mut raw);
        let (assignment, k) = order_clusters(g, raw);
        Run {
            gamma,
            assignment,
            k,
        }
    };
    let (chosen, criterion, sweep) = if let Some(gamma) = opts.resolution {
        let r = run(gamma);
        let p = point(g, given, &r);
        (r, "given", vec![p])
    } else if let Some(target) = opts.clusters {
        let (r, sweep) = search_count(g, given, &run, target.max(1));
        (r, "clusters", sweep)
    } else {
        // The resolutions are independent: run them in parallel (results keep sweep order).
        let runs: Vec<Run> = SWEEP.par_iter().map(|&gamma| run(gamma)).collect();
        let sweep: Vec<SweepPoint> = runs.par_iter().map(|r| point(g, given, r)).collect();
        let best_q = sweep.iter().map(|p| p.modularity).fold(f64::MIN, f64::max);
        // The finest clustering whose modularity is within NEAR_OPTIMAL of the best.
        let pick = (0..runs.len())
            .rev()
            .find(|&i| sweep[i].modularity >= NEAR_OPTIMAL * best_q - 1e-9)
            .unwrap_or(0);
        (runs[pick].clone(), "finest-near-best-modularity", sweep)
    };
    Clustering {
        assignment: chosen.assignment,
        k: chosen.k,
        kernel,
        resolution: round4(chosen.gamma),
        criterion,
        kernel_share: opts.kernel_share,
        sweep,
        signals: opts.signals.clone(),
    }
}

/// Bisects γ on a log scale for `target` clusters; the closest count wins (fewer on ties).
fn search_count(
    g: &ModuleGraph,
    given: Option<&[(usize, usize, f64)]>,
    run: &dyn Fn(f64) -> Run,
    target: usize,
) -> (Run, Vec<SweepPoint>) {
    let (mut lo, mut hi) = (1e-4f64.ln(), 1e3f64.ln());
    let mut best: Option<Run> = None;
    let mut sweep = Vec::new();
    for _ in 0..40 {
        let mid = (lo + hi) / 2.0;
        let r = run(mid.exp());
        sweep.push(point(g, given, &r));
        let better = best.as_ref().is_none_or(|b| {
            let (d, bd) = (r.k.abs_diff(target), b.k.abs_diff(target));
            d < bd || (d == bd && r.k < b.k)
        });
        let k = r.k;
        if better {
            best = Some(r);
        }
        if k == target {
            break;
        }
        if k < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    sweep.sort_by(|a, b| a.resolution.total_cmp(&b.resolution));
    (best.expect("at least one run"), sweep)
}

/// Places the modules the search did not see because no dependency links them (outside the
/// kernel): their `mod` declarations are all that is left. A module joins the cluster most of
/// the modules it declares are in; otherwise the cluster of the module that declares it;
/// a tree of such modules with neither becomes a cluster of its own.
fn place_unlinked(g: &ModuleGraph, in_kernel: &[bool], raw: &mut [Option<usize>]) {
    let n = g.modules.len();
    let unlinked: Vec<usize> = (0..n)
        .filter(|&m| raw[m].is_none() && !in_kernel[m])
        .collect();
    if unlinked.is_empty() {
        return;
    }
    let depth = |mut m: usize| {
        let mut d = 0;
        while let Some(p) = g.modules[m].parent {
            d += 1;
            m = p;
        }
        d
    };
    let mut by_depth: Vec<(usize, usize)> = unlinked.iter().map(|&m| (depth(m), m)).collect();
    by_depth.sort_unstable();
    // Deepest first: containers take their children's majority cluster.
    for &(_, m) in by_depth.iter().rev() {
        let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
        for &c in g.modules[m].children.values() {
            if let Some(cl) = raw[c] {
                *counts.entry(cl).or_insert(0) += 1;
            }
        }
        if let Some((&cl, _)) = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
            raw[m] = Some(cl);
        }
    }
    // Shallowest first: the rest follow the module that declares them.
    let mut next = raw.iter().flatten().copied().max().map_or(0, |c| c + 1);
    for &(_, m) in &by_depth {
        if raw[m].is_some() {
            continue;
        }
        raw[m] = match g.modules[m].parent.and_then(|p| raw[p]) {
            Some(cl) => Some(cl),
            None => {
                next += 1;
                Some(next - 1)
            }
        };
    }
}

/// Renumbers clusters: largest first, then by the path of their first module.
fn order_clusters(g: &ModuleGraph, raw: Vec<Option<usize>>) -> (Vec<Option<usize>>, usize) {
    let k = raw.iter().flatten().copied().max().map_or(0, |m| m + 1);
    let mut size = vec![0usize; k];
    let mut first = vec![usize::MAX; k];
    for (m, c) in raw.iter().enumerate() {
        if let Some(c) = *c {
            size[c] += 1;
            first[c] = first[c].min(m);
        }
    }
    let mut order: Vec<usize> = (0..k).filter(|&c| size[c] > 0).collect();
    order.sort_by(|&a, &b| {
        size[b]
            .cmp(&size[a])
            .then(g.modules[first[a]].path.cmp(&g.modules[first[b]].path))
    });
    let mut new = vec![0; k];
    for (i, &c) in order.iter().enumerate() {
        new[c] = i;
    }
    (
        raw.into_iter().map(|c| c.map(|c| new[c])).collect(),
        order.len(),
    )
}
