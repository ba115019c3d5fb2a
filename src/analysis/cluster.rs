//! Clustering modules into candidate services.
//!
//! 0. What is clustered: the modules of product crates. Modules of tooling, tests, examples,
//!    benchmarks, fuzz targets, build support and vendored code (`!CrateRoles::is_product()`)
//!    are left out and listed apart (`excluded`), unless `include_non_product` is set
//!    (`--include-tests`).
//! 1. The shared kernel: modules that nearly everything uses (ACDC's "omnipresent" modules)
//!    pull unrelated modules together; they are kept out of the search and reported apart.
//! 2. Dependency cycles are contracted: the modules of one strongly connected component
//!    become one node, so they can never end up in different clusters.
//! 3. Leiden (modularity with a resolution γ) runs on the weighted undirected view of what
//!    remains. The search sees only the dependency structure: never crates or file paths.
//! 4. After the search, for every resolution alike: a crate's root module left with none of
//!    its crate's code joins the cluster holding most of it unless its own references say
//!    otherwise (`place_roots`; this reads crates, the search did not), and a cluster of one module or of no code joins the cluster it is most
//!    strongly connected to (`merge_small`); one with no connection at all stays, marked
//!    standalone (or, without code, is left out as empty).
//! 5. Granularity: `--resolution` fixes γ; `--clusters N` searches γ for N clusters; by
//!    default γ is swept over a fixed grid, and the finest clustering whose Newman
//!    modularity Q is within 5% of the best Q of the sweep wins. Modularity is nearly flat
//!    around its optimum (Good, de Montjoye & Clauset 2010) and its resolution limit merges
//!    small, well-separated groups (Fortunato & Barthélemy 2007); among near-optimal
//!    clusterings the finest one keeps those groups apart, and a split is cheaper to undo
//!    (one join) than a wrong merge (a move per module). `examples/granularity.rs` compares
//!    this criterion with others on the corpus (BENCHMARKS.md).

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::leiden::{leiden, WGraph};
use super::metrics::round4;
use super::quality::quality;
use crate::model::roles::Role;
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
    /// Cluster the modules of crates outside the product too (tooling, tests, examples,
    /// benchmarks, fuzz targets, build support, vendored code): `--include-tests`.
    pub include_non_product: bool,
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
            include_non_product: false,
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

/// How the clustering's resolution was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Criterion {
    /// `--resolution`.
    Given,
    /// Searched for `--clusters N`.
    Clusters,
    /// The default: the finest clustering of the sweep within 5% of the best modularity.
    FinestNearBestModularity,
}

impl Criterion {
    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::Given => "given",
            Criterion::Clusters => "clusters",
            Criterion::FinestNearBestModularity => "finest-near-best-modularity",
        }
    }
}

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

/// Why a module is in no cluster although it is not in the shared kernel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exclusion {
    /// Its crate is not part of the product (the role says which).
    OutsideProduct(Role),
    /// No line of code and no dependency with any clustered module: nothing to place.
    NoCode,
}

impl Exclusion {
    /// `outside-product` or `no-code`.
    pub fn as_str(self) -> &'static str {
        match self {
            Exclusion::OutsideProduct(_) => "outside-product",
            Exclusion::NoCode => "no-code",
        }
    }

    /// The role that put the module's crate outside the product.
    pub fn role(self) -> Option<Role> {
        match self {
            Exclusion::OutsideProduct(r) => Some(r),
            Exclusion::NoCode => None,
        }
    }
}

/// Where a module ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Placement {
    Cluster(usize),
    Kernel,
    Excluded(Exclusion),
}

/// The clusters: `assignment[m]` is module m's cluster (`0..k`, largest first), `None` for
/// the shared kernel and for the modules left out (`excluded`).
#[derive(Debug, Clone)]
pub struct Clustering {
    pub assignment: Vec<Option<usize>>,
    pub k: usize,
    pub kernel: Vec<usize>,
    /// Modules in no cluster and not in the kernel, with why, in module order.
    pub excluded: Vec<(usize, Exclusion)>,
    /// Per cluster: no reference to or from any other cluster (the kernel and the modules
    /// left out aside).
    pub standalone: Vec<bool>,
    /// Crate roots moved to their crate's cluster after the search (`place_roots`).
    pub roots_placed: usize,
    /// Clusters of one module or of no code merged into another after the search.
    pub small_merged: usize,
    /// Whether the modules outside the product were clustered too (`--include-tests`).
    pub include_non_product: bool,
    pub resolution: f64,
    /// How the resolution was chosen.
    pub criterion: Criterion,
    pub kernel_share: f64,
    pub sweep: Vec<SweepPoint>,
    /// What weighed the graph the clustering optimized.
    pub signals: Vec<crate::history::signals::Signal>,
}

impl Clustering {
    /// Where module `m` ended up.
    pub fn placement(&self, m: usize) -> Placement {
        if let Some(c) = self.assignment[m] {
            return Placement::Cluster(c);
        }
        match self.excluded.binary_search_by_key(&m, |e| e.0) {
            Ok(i) => Placement::Excluded(self.excluded[i].1),
            Err(_) => Placement::Kernel,
        }
    }

    /// `mask[m]`: module m is left out (neither clustered nor in the kernel).
    pub fn excluded_mask(&self) -> Vec<bool> {
        let mut mask = vec![false; self.assignment.len()];
        for &(m, _) in &self.excluded {
            mask[m] = true;
        }
        mask
    }
}

/// For every module, the role that puts its crate outside the product (the first in `Role`
/// order), or `None` for product code. Packages without roles (a graph built by hand) are
/// product code.
pub fn outside_product(g: &ModuleGraph) -> Vec<Option<Role>> {
    let by_package: BTreeMap<&str, Option<Role>> = g
        .roles
        .iter()
        .map(|r| {
            let role = r
                .roles
                .iter()
                .map(|f| f.role)
                .find(|role| role.outside_product());
            (r.package.as_str(), role)
        })
        .collect();
    let per_crate: Vec<Option<Role>> = g
        .crates
        .iter()
        .map(|c| by_package.get(c.package.as_str()).copied().flatten())
        .collect();
    g.modules.iter().map(|m| per_crate[m.krate]).collect()
}

/// Modules that nearly everything uses, among the modules `candidate` marks (users are
/// counted among them too).
pub fn kernel(g: &ModuleGraph, share: f64, candidate: &[bool]) -> Vec<usize> {
    let n = candidate.iter().filter(|&&c| c).count();
    let mut users = vec![0usize; g.modules.len()];
    let mut edges = 0usize;
    for e in &g.edges {
        if candidate[e.from] && candidate[e.to] {
            users[e.to] += 1;
            edges += 1;
        }
    }
    let mean = edges as f64 / n.max(1) as f64;
    let threshold = (share * n as f64)
        .ceil()
        .max(KERNEL_MIN_USERS as f64)
        .max(3.0 * mean);
    (0..g.modules.len())
        .filter(|&m| candidate[m] && users[m] as f64 >= threshold)
        .collect()
}

/// The graph the search runs on: one node per strongly connected component of the modules
/// outside `skip` (the kernel and the modules left out) that have a dependency outside it;
/// `node_of[m]` (None for the others).
fn search_graph(
    g: &ModuleGraph,
    skip: &[bool],
    weights: &[(usize, usize, f64)],
) -> (WGraph, Vec<Option<usize>>) {
    let n = g.modules.len();
    let mut linked = vec![false; n];
    for &(a, b, _) in weights {
        if !skip[a] && !skip[b] {
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
        if linked[e.from] && linked[e.to] {
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

/// One run at one resolution, with clusters numbered largest first.
#[derive(Debug, Clone)]
struct Run {
    gamma: f64,
    assignment: Vec<Option<usize>>,
    k: usize,
    standalone: Vec<bool>,
    /// Modules of clusters without code or connection, left out.
    empty: Vec<usize>,
    roots_placed: usize,
    small_merged: usize,
}

/// The figures of one run; `modularity` is on the graph the clustering optimized (the
/// weighted pairs when given), the others on the static graph.
fn point(
    g: &ModuleGraph,
    weights: Option<&[(usize, usize, f64)]>,
    left_out: &[bool],
    r: &Run,
) -> SweepPoint {
    let mut left = left_out.to_vec();
    for &m in &r.empty {
        left[m] = true;
    }
    let q = quality(g, &r.assignment, r.k, &left);
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
    let outside: Vec<Option<Role>> = if opts.include_non_product {
        vec![None; n]
    } else {
        outside_product(g)
    };
    let candidate: Vec<bool> = outside.iter().map(Option::is_none).collect();
    let kernel = kernel(g, opts.kernel_share, &candidate);
    let mut skip: Vec<bool> = candidate.iter().map(|&c| !c).collect();
    for &m in &kernel {
        skip[m] = true;
    }
    let left_out: Vec<bool> = candidate.iter().map(|&c| !c).collect();
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
    let (wg, node_of) = search_graph(g, &skip, weights);
    let in_cycle = in_cycle(&node_of);
    let adj = neighbours(n, &skip, weights);
    let run = |gamma: f64| -> Run {
        let part = leiden(&wg, gamma, opts.seed, ITERATIONS);
        let mut raw: Vec<Option<usize>> = node_of.iter().map(|n| n.map(|x| part[x])).collect();
        place_unlinked(g, &skip, &mut raw);
        let (mut assignment, k) = order_clusters(g, raw);
        let roots_placed = place_roots(g, &adj, &in_cycle, &mut assignment, k);
        let (assignment, k) = order_clusters(g, assignment);
        let small = merge_small(g, &adj, assignment, k);
        let (assignment, k) = order_clusters(g, small.assignment);
        let standalone = standalone(&adj, &assignment, k);
        Run {
            gamma,
            assignment,
            k,
            standalone,
            empty: small.empty,
            roots_placed,
            small_merged: small.merged,
        }
    };
    let (chosen, criterion, sweep) = choose_run(g, opts, given, &left_out, &run);
    let excluded = exclusions(&outside, &chosen.empty);
    Clustering {
        assignment: chosen.assignment,
        k: chosen.k,
        kernel,
        excluded,
        standalone: chosen.standalone,
        roots_placed: chosen.roots_placed,
        small_merged: chosen.small_merged,
        include_non_product: opts.include_non_product,
        resolution: round4(chosen.gamma),
        criterion,
        kernel_share: opts.kernel_share,
        sweep,
        signals: opts.signals.clone(),
    }
}

/// Per module: part of a cycle (a search node of several modules), which never moves alone.
fn in_cycle(node_of: &[Option<usize>]) -> Vec<bool> {
    let mut node_size = vec![0usize; wg_len(node_of)];
    for x in node_of.iter().flatten() {
        node_size[*x] += 1;
    }
    node_of
        .iter()
        .map(|x| x.is_some_and(|x| node_size[x] > 1))
        .collect()
}

/// The run the options ask for (a given resolution, a cluster count, or the finest near
/// the best modularity), how it was chosen, and the sweep of runs behind the choice.
fn choose_run(
    g: &ModuleGraph,
    opts: &ClusterOptions,
    given: Option<&[(usize, usize, f64)]>,
    left_out: &[bool],
    run: &(dyn Fn(f64) -> Run + Sync),
) -> (Run, Criterion, Vec<SweepPoint>) {
    if let Some(gamma) = opts.resolution {
        let r = run(gamma);
        let p = point(g, given, left_out, &r);
        return (r, Criterion::Given, vec![p]);
    }
    if let Some(target) = opts.clusters {
        let (r, sweep) = search_count(g, given, left_out, run, target.max(1));
        return (r, Criterion::Clusters, sweep);
    }
    // The resolutions are independent: run them in parallel (results keep sweep order).
    let runs: Vec<Run> = SWEEP.par_iter().map(|&gamma| run(gamma)).collect();
    let sweep: Vec<SweepPoint> = runs
        .par_iter()
        .map(|r| point(g, given, left_out, r))
        .collect();
    let best_q = sweep.iter().map(|p| p.modularity).fold(f64::MIN, f64::max);
    // The finest clustering whose modularity is within NEAR_OPTIMAL of the best.
    let pick = (0..runs.len())
        .rev()
        .find(|&i| sweep[i].modularity >= NEAR_OPTIMAL * best_q - 1e-9)
        .unwrap_or(0);
    (
        runs[pick].clone(),
        Criterion::FinestNearBestModularity,
        sweep,
    )
}

/// The modules left out of every cluster, and why, in module order.
fn exclusions(outside: &[Option<Role>], empty: &[usize]) -> Vec<(usize, Exclusion)> {
    let mut excluded: Vec<(usize, Exclusion)> = outside
        .iter()
        .enumerate()
        .filter_map(|(m, r)| r.map(|r| (m, Exclusion::OutsideProduct(r))))
        .collect();
    excluded.extend(empty.iter().map(|&m| (m, Exclusion::NoCode)));
    excluded.sort_unstable();
    excluded
}

/// Number of search nodes behind `node_of`.
fn wg_len(node_of: &[Option<usize>]) -> usize {
    node_of.iter().flatten().max().map_or(0, |x| x + 1)
}

/// For every module outside `skip`, its neighbours outside `skip` with the weight between
/// them (both directions added), sorted by neighbour.
fn neighbours(n: usize, skip: &[bool], weights: &[(usize, usize, f64)]) -> Vec<Vec<(usize, f64)>> {
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for &(a, b, w) in weights {
        if a != b && !skip[a] && !skip[b] {
            adj[a].push((b, w));
            adj[b].push((a, w));
        }
    }
    for list in &mut adj {
        list.sort_by_key(|x| x.0);
        list.dedup_by(|next, kept| {
            if next.0 == kept.0 {
                kept.1 += next.1;
                true
            } else {
                false
            }
        });
    }
    adj
}

/// Bisects γ on a log scale for `target` clusters; the closest count wins (fewer on ties).
fn search_count(
    g: &ModuleGraph,
    given: Option<&[(usize, usize, f64)]>,
    left_out: &[bool],
    run: &dyn Fn(f64) -> Run,
    target: usize,
) -> (Run, Vec<SweepPoint>) {
    let (mut lo, mut hi) = (1e-4f64.ln(), 1e3f64.ln());
    let mut best: Option<Run> = None;
    let mut sweep = Vec::new();
    for _ in 0..40 {
        let mid = (lo + hi) / 2.0;
        let r = run(mid.exp());
        sweep.push(point(g, given, left_out, &r));
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

/// Places the modules the search did not see because no dependency links them (outside
/// `skip`): their `mod` declarations are all that is left. A module joins the cluster most of
/// the modules it declares are in; otherwise the cluster of the module that declares it;
/// a tree of such modules with neither becomes a cluster of its own.
fn place_unlinked(g: &ModuleGraph, skip: &[bool], raw: &mut [Option<usize>]) {
    let n = g.modules.len();
    let unlinked: Vec<usize> = (0..n).filter(|&m| raw[m].is_none() && !skip[m]).collect();
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
        let mut counts: BTreeMap<usize, usize> = Default::default();
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

/// A crate's root module (lib.rs, main.rs) mostly declares the crate's modules and
/// re-exports them; a few references of its own should not make it a cluster of its own or
/// pull it into another crate's cluster. A root whose cluster holds none of its crate's
/// other modules joins the crate's *home*, the cluster holding most of those modules' lines
/// (then most of them, then the lowest id), unless the search put it there on stronger
/// evidence: its references with its cluster outweigh its references with the home plus one
/// for each module it declares that sits in the home. A root already beside some of its
/// crate's code stays; a root in a dependency cycle stays with its cycle; a crate whose root
/// is its only clustered module has no home. Returns how many roots moved.
fn place_roots(
    g: &ModuleGraph,
    adj: &[Vec<(usize, f64)>],
    in_cycle: &[bool],
    assignment: &mut [Option<usize>],
    k: usize,
) -> usize {
    // Lines and modules of every crate per cluster, roots left out.
    let mut is_root = vec![false; g.modules.len()];
    for c in &g.crates {
        if let Some(r) = is_root.get_mut(c.root) {
            *r = true;
        }
    }
    let mut share: Vec<BTreeMap<usize, (u64, usize)>> = vec![BTreeMap::new(); g.crates.len()];
    for (m, module) in g.modules.iter().enumerate() {
        if let (Some(c), false) = (assignment[m], is_root[m]) {
            let e = share[module.krate].entry(c).or_insert((0, 0));
            e.0 += module.facts.loc as u64;
            e.1 += 1;
        }
    }
    let mut moved = 0;
    for (ci, krate) in g.crates.iter().enumerate() {
        let r = krate.root;
        let Some(here) = assignment.get(r).copied().flatten() else {
            continue;
        };
        if in_cycle[r] || g.modules[r].krate != ci {
            continue;
        }
        // Most lines, then most modules, then the lowest id.
        let Some((&home, _)) = share[ci]
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        else {
            continue;
        };
        // Already with some of its crate's code: nothing to correct.
        if share[ci].contains_key(&here) || home >= k {
            continue;
        }
        let mut with_here = 0.0;
        let mut with_home = 0.0;
        for &(x, w) in &adj[r] {
            match assignment[x] {
                Some(c) if c == here => with_here += w,
                Some(c) if c == home => with_home += w,
                _ => {}
            }
        }
        let declared = g.modules[r]
            .children
            .values()
            .filter(|&&ch| assignment[ch] == Some(home))
            .count() as f64;
        if with_home + declared >= with_here {
            assignment[r] = Some(home);
            moved += 1;
        }
    }
    moved
}

/// The clusters after the small ones are merged.
struct Merged {
    assignment: Vec<Option<usize>>,
    /// Modules of clusters with no code and no connection, now in no cluster.
    empty: Vec<usize>,
    merged: usize,
}

/// A cluster of a single module, or of modules without a line of code, is no candidate
/// service unless it is a whole crate with code: it joins the cluster it has the most reference weight with (both directions;
/// ties to the lowest id), in id order. One with no connection to any other cluster stays
/// (standalone); without code it is left out (`empty`). Whole clusters move, so the modules
/// of a cycle stay together.
fn merge_small(
    g: &ModuleGraph,
    adj: &[Vec<(usize, f64)>],
    assignment: Vec<Option<usize>>,
    k: usize,
) -> Merged {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
    let mut loc = vec![0u64; k];
    for (m, c) in assignment.iter().enumerate() {
        if let Some(c) = *c {
            members[c].push(m);
            loc[c] += g.modules[m].facts.loc as u64;
        }
    }
    // into[c]: the cluster c was merged into (itself while it stands).
    let mut into: Vec<usize> = (0..k).collect();
    let crate_size = crate_sizes(g, &assignment);
    let mut merged = 0;
    for c in 0..k {
        // A cluster that is one whole crate with code is a unit its authors chose (a small
        // shared crate such as a tax-rate function): it stays, so the advice can speak of it.
        if into[c] != c
            || (members[c].len() > 1 && loc[c] > 0)
            || (loc[c] > 0 && is_whole_crate(g, &crate_size, &members[c]))
        {
            continue;
        }
        let Some(to) = strongest_neighbour(adj, &assignment, &mut into, &members[c], c) else {
            continue;
        };
        into[c] = to;
        let moving = std::mem::take(&mut members[c]);
        members[to].extend(moving);
        loc[to] += loc[c];
        merged += 1;
    }
    let (assignment, empty) = standing_clusters(assignment.len(), &members, &loc, &into);
    Merged {
        assignment,
        empty,
        merged,
    }
}

/// The cluster `c` was finally merged into (compressing the path on the way).
fn merged_into(into: &mut [usize], mut c: usize) -> usize {
    while into[c] != c {
        into[c] = into[into[c]];
        c = into[c];
    }
    c
}

/// Per crate: its modules that have a cluster.
fn crate_sizes(g: &ModuleGraph, assignment: &[Option<usize>]) -> BTreeMap<usize, usize> {
    let mut crate_size: BTreeMap<usize, usize> = BTreeMap::new();
    for (m, c) in assignment.iter().enumerate() {
        if c.is_some() {
            *crate_size.entry(g.modules[m].krate).or_insert(0) += 1;
        }
    }
    crate_size
}

/// Whether the modules `ms` are all the clustered modules of one crate.
fn is_whole_crate(g: &ModuleGraph, crate_size: &BTreeMap<usize, usize>, ms: &[usize]) -> bool {
    let Some(&first) = ms.first() else {
        return false;
    };
    let k = g.modules[first].krate;
    ms.iter().all(|&m| g.modules[m].krate == k) && crate_size.get(&k) == Some(&ms.len())
}

/// The cluster (as merged so far) that cluster `c`, of modules `ms`, has the most reference
/// weight with; ties to the lowest id. `None` when it has none.
fn strongest_neighbour(
    adj: &[Vec<(usize, f64)>],
    assignment: &[Option<usize>],
    into: &mut [usize],
    ms: &[usize],
    c: usize,
) -> Option<usize> {
    let mut with: BTreeMap<usize, f64> = BTreeMap::new();
    for &m in ms {
        for &(x, w) in &adj[m] {
            if let Some(d) = assignment[x] {
                let d = merged_into(into, d);
                if d != c {
                    *with.entry(d).or_insert(0.0) += w;
                }
            }
        }
    }
    // Strongest, then the lowest id.
    with.iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(&to, _)| to)
}

/// The new assignment of `n` modules to the clusters still standing, and the modules left
/// out for having no code (sorted).
fn standing_clusters(
    n: usize,
    members: &[Vec<usize>],
    loc: &[u64],
    into: &[usize],
) -> (Vec<Option<usize>>, Vec<usize>) {
    let mut out = vec![None; n];
    let mut empty = Vec::new();
    for c in 0..members.len() {
        if into[c] != c {
            continue;
        }
        for &m in &members[c] {
            if loc[c] == 0 {
                empty.push(m);
            } else {
                out[m] = Some(c);
            }
        }
    }
    empty.sort_unstable();
    (out, empty)
}

/// Per cluster: no reference weight with any other cluster.
fn standalone(adj: &[Vec<(usize, f64)>], assignment: &[Option<usize>], k: usize) -> Vec<bool> {
    let mut alone = vec![true; k];
    for (m, list) in adj.iter().enumerate() {
        let Some(a) = assignment[m] else { continue };
        if list
            .iter()
            .any(|&(x, w)| w > 0.0 && assignment[x].is_some_and(|b| b != a))
        {
            alone[a] = false;
        }
    }
    alone
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
