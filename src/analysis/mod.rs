//! Stage 4: measurements of the module graph — metrics, cycles, clustering, quality figures.
//! Pure functions of the graph: no I/O, no printing.

pub mod cluster;
pub mod compare;
pub mod cycles;
pub mod leiden;
pub mod metrics;
pub mod quality;

use std::collections::BTreeMap;

pub use cluster::{ClusterOptions, Clustering};
pub use cycles::Cycle;
pub use metrics::Metrics;
pub use quality::Quality;

use crate::model::ModuleGraph;

/// Everything stage 4 measures.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub module_metrics: Vec<Metrics>,
    /// Per package name, in name order.
    pub crate_metrics: BTreeMap<String, Metrics>,
    pub clustering: Clustering,
    pub cluster_metrics: Vec<Metrics>,
    pub quality: Quality,
    /// Cycles of the module graph (members are module indices).
    pub cycles: Vec<Cycle>,
    /// Package names in the order `crate_cycles` refers to them.
    pub packages: Vec<String>,
    /// Cycles of the crate graph (members index `packages`).
    pub crate_cycles: Vec<Cycle>,
}

impl Analysis {
    /// A crate cycle's package names and its closing edges as `a → b`.
    pub fn crate_cycle_names(&self, cy: &Cycle) -> (Vec<String>, Vec<String>) {
        let names = cy
            .members
            .iter()
            .map(|&p| self.packages[p].clone())
            .collect();
        let closing = cy
            .closing
            .iter()
            .map(|&(x, y)| format!("{} → {}", self.packages[x], self.packages[y]))
            .collect();
        (names, closing)
    }
}

pub fn analyze(g: &ModuleGraph, opts: &ClusterOptions) -> Analysis {
    let module_metrics = metrics::per_module(g);

    let mut packages: Vec<String> = g.crates.iter().map(|c| c.package.clone()).collect();
    packages.sort();
    packages.dedup();
    let pkg_of: Vec<usize> = g
        .modules
        .iter()
        .map(|m| {
            packages
                .binary_search(&g.crates[m.krate].package)
                .unwrap_or(0)
        })
        .collect();
    let labels: Vec<Option<usize>> = pkg_of.iter().map(|&p| Some(p)).collect();
    let crate_metrics = packages
        .iter()
        .cloned()
        .zip(metrics::by_label(g, &labels, packages.len()))
        .collect();

    let clustering = cluster::cluster(g, opts);
    let cluster_metrics = metrics::by_label(g, &clustering.assignment, clustering.k);
    let quality = quality::quality(
        g,
        &clustering.assignment,
        clustering.k,
        &clustering.excluded_mask(),
    );

    let cycles = cycles::cycles(g.modules.len(), &cycles::module_adjacency(g));
    let mut crate_adj = vec![Vec::new(); packages.len()];
    for e in &g.edges {
        let (a, b) = (pkg_of[e.from], pkg_of[e.to]);
        if a != b {
            crate_adj[a].push(b);
        }
    }
    for a in &mut crate_adj {
        a.sort_unstable();
        a.dedup();
    }
    let crate_cycles = cycles::cycles(packages.len(), &crate_adj);
    Analysis {
        module_metrics,
        crate_metrics,
        clustering,
        cluster_metrics,
        quality,
        cycles,
        packages,
        crate_cycles,
    }
}
