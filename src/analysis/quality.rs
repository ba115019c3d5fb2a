//! Quality figures of a decomposition, to compare options side by side:
//!
//! - `modularity`: Newman's Q of the clusters on the weighted undirected graph (higher is
//!   better, at most 1).
//! - `turbo_mq`: Bunch's TurboMQ, Σ 2μᵢ / (2μᵢ + εᵢ) over clusters, with μᵢ the weight
//!   inside cluster i and εᵢ the weight crossing its boundary (higher is better).
//! - `icp`: inter-partition call percentage, the share of reference weight between clusters
//!   (lower is better).
//! - `structural_modularity`: SM of Jin et al., mean cohesion μᵢ/Nᵢ² minus mean coupling
//!   σᵢⱼ/(2NᵢNⱼ) over pairs, on edge counts (higher is better).
//! - `ifn`: interface number, the mean number of modules per cluster that other clusters
//!   reference (lower is better).
//! - `ned`: non-extreme distribution, the share of modules in clusters of fewer than 5 or more
//!   than 20 modules, as Mono2Micro defines it for classes (lower is better).
//! - `cut_weight`: references that would become remote calls between the clusters.
//! - `kernel_weight`: references into the shared kernel (they become a library, not calls).
//! - `mojofm_vs_crates`, `ari_vs_crates`: agreement with the crates the authors chose, the
//!   kernel counted as one more cluster, over the modules the clustering placed: modules left
//!   out of it (outside the product, or without code) are left out of both partitions.
//!   With one crate or one cluster among those modules there is nothing to agree with: the
//!   figures are still computed (MoJoFM then counts moves only, the adjusted Rand index is
//!   0), and `agreement_groups` lets the reports say "n/a".
//!
//! Edges to and from the kernel are left out of every figure but `kernel_weight` and the
//! agreement figures; edges to and from the modules left out are left out of all.

use serde::Serialize;

use super::compare::{adjusted_rand, mojofm};
use super::metrics::round4;
use crate::model::ModuleGraph;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Quality {
    pub modularity: f64,
    pub turbo_mq: f64,
    pub icp: f64,
    pub structural_modularity: f64,
    pub ifn: f64,
    pub ned: f64,
    pub cut_weight: u64,
    pub kernel_weight: u64,
    pub mojofm_vs_crates: f64,
    pub ari_vs_crates: f64,
    /// The groups the agreement figures compare: clusters (the kernel one more) and crates,
    /// over the placed modules. With one on either side the figures mean nothing (the
    /// adjusted Rand index is 0, MoJoFM only counts moves): the reports say so.
    #[serde(skip)]
    pub agreement_groups: (usize, usize),
}

/// The figures of `assignment` (cluster `0..k` per module, `None` for the kernel and for the
/// modules `left_out` marks).
pub fn quality(
    g: &ModuleGraph,
    assignment: &[Option<usize>],
    k: usize,
    left_out: &[bool],
) -> Quality {
    let mut t = Tally::of(g, assignment, k, left_out);
    let mut q = Quality {
        cut_weight: t.cut_weight,
        kernel_weight: t.kernel_weight,
        ..Quality::default()
    };
    if t.total > 0 {
        let m = t.total as f64;
        q.modularity = (0..k)
            .map(|c| t.inside[c] as f64 / m - (t.degree[c] as f64 / (2.0 * m)).powi(2))
            .sum();
        q.icp = q.cut_weight as f64 / m;
    }
    q.turbo_mq = (0..k)
        .filter(|&c| t.inside[c] > 0)
        .map(|c| 2.0 * t.inside[c] as f64 / (2.0 * t.inside[c] as f64 + t.boundary[c] as f64))
        .sum();
    if k > 0 {
        t.structure_figures(k, &mut q);
    }
    agreement_figures(g, assignment, k, left_out, &mut q);
    for x in [
        &mut q.modularity,
        &mut q.turbo_mq,
        &mut q.icp,
        &mut q.structural_modularity,
        &mut q.ifn,
        &mut q.ned,
        &mut q.mojofm_vs_crates,
        &mut q.ari_vs_crates,
    ] {
        *x = round4(*x);
    }
    q
}

/// Per cluster sums of an assignment's edges, and the weight cut and into the kernel.
struct Tally {
    size: Vec<usize>,
    /// μ, weight.
    inside: Vec<u64>,
    /// ε, weight.
    boundary: Vec<u64>,
    degree: Vec<u64>,
    inside_edges: Vec<u64>,
    between_edges: std::collections::BTreeMap<(usize, usize), u64>,
    /// (cluster, module) of every module referenced from another cluster.
    interfaces: Vec<(usize, usize)>,
    total: u64,
    cut_weight: u64,
    kernel_weight: u64,
}

impl Tally {
    /// Sums the edges of `g` under `assignment`.
    fn of(g: &ModuleGraph, assignment: &[Option<usize>], k: usize, left_out: &[bool]) -> Self {
        let mut t = Tally {
            size: vec![0usize; k],
            inside: vec![0u64; k],
            boundary: vec![0u64; k],
            degree: vec![0u64; k],
            inside_edges: vec![0u64; k],
            between_edges: Default::default(),
            interfaces: Vec::new(),
            total: 0,
            cut_weight: 0,
            kernel_weight: 0,
        };
        for c in assignment.iter().flatten() {
            t.size[*c] += 1;
        }
        for e in &g.edges {
            let w = e.weight as u64;
            match (assignment[e.from], assignment[e.to]) {
                (Some(a), Some(b)) => {
                    t.total += w;
                    t.degree[a] += w;
                    t.degree[b] += w;
                    if a == b {
                        t.inside[a] += w;
                        t.inside_edges[a] += 1;
                    } else {
                        t.boundary[a] += w;
                        t.boundary[b] += w;
                        t.cut_weight += w;
                        *t.between_edges.entry((a.min(b), a.max(b))).or_insert(0) += 1;
                        t.interfaces.push((b, e.to));
                    }
                }
                (Some(_), None) if !left_out[e.to] => t.kernel_weight += w,
                _ => {}
            }
        }
        t
    }

    /// Structural modularity, interface number and non-extreme distribution of `k > 0`
    /// clusters.
    fn structure_figures(&mut self, k: usize, q: &mut Quality) {
        let size = &self.size;
        let scoh: f64 = (0..k)
            .map(|c| self.inside_edges[c] as f64 / (size[c] as f64).powi(2).max(1.0))
            .sum::<f64>()
            / k as f64;
        let scop: f64 = if k > 1 {
            self.between_edges
                .iter()
                .map(|(&(a, b), &n)| n as f64 / (2.0 * size[a] as f64 * size[b] as f64))
                .sum::<f64>()
                / (k * (k - 1) / 2) as f64
        } else {
            0.0
        };
        q.structural_modularity = scoh - scop;
        self.interfaces.sort_unstable();
        self.interfaces.dedup();
        q.ifn = self.interfaces.len() as f64 / k as f64;
        let clustered: usize = size.iter().sum();
        let extreme: usize = size.iter().filter(|&&s| !(5..=20).contains(&s)).sum();
        q.ned = if clustered > 0 {
            extreme as f64 / clustered as f64
        } else {
            0.0
        };
    }
}

/// Agreement with the crates (MoJoFM, ARI) over the modules not `left_out`, the kernel one
/// more cluster.
fn agreement_figures(
    g: &ModuleGraph,
    assignment: &[Option<usize>],
    k: usize,
    left_out: &[bool],
    q: &mut Quality,
) {
    let placed = (0..g.modules.len()).filter(|&m| !left_out[m]);
    let a: Vec<usize> = placed.clone().map(|m| assignment[m].unwrap_or(k)).collect();
    let pkg = package_indices(g);
    let b: Vec<usize> = placed.map(|m| pkg[g.modules[m].krate]).collect();
    if !a.is_empty() {
        q.mojofm_vs_crates = mojofm(&a, &b);
        q.ari_vs_crates = adjusted_rand(&a, &b);
    }
    let groups = |v: &[usize]| v.iter().collect::<std::collections::BTreeSet<_>>().len();
    q.agreement_groups = (groups(&a), groups(&b));
}

/// Newman's Q of `assignment` on weighted pairs (treated as undirected), the kernel left out.
pub fn weighted_modularity(
    edges: &[(usize, usize, f64)],
    assignment: &[Option<usize>],
    k: usize,
) -> f64 {
    let mut inside = vec![0.0; k];
    let mut degree = vec![0.0; k];
    let mut total = 0.0;
    for &(x, y, w) in edges {
        if let (Some(a), Some(b)) = (assignment[x], assignment[y]) {
            total += w;
            degree[a] += w;
            degree[b] += w;
            if a == b {
                inside[a] += w;
            }
        }
    }
    if total <= 0.0 {
        return 0.0;
    }
    (0..k)
        .map(|c| inside[c] / total - (degree[c] / (2.0 * total)).powi(2))
        .sum()
}

/// For every target, an index of its package (targets of one package share it).
pub fn package_indices(g: &ModuleGraph) -> Vec<usize> {
    let mut first: std::collections::BTreeMap<&str, usize> = Default::default();
    g.crates
        .iter()
        .enumerate()
        .map(|(i, c)| *first.entry(c.package.as_str()).or_insert(i))
        .collect()
}
