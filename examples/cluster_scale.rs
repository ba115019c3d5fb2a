//! Cost of the whole analysis stage (metrics, cycles, kernel, the 12-point Leiden sweep and
//! quality figures) on generated module graphs: crates of 200 modules, modules in groups of
//! 20 with dense inner edges, sparse layered edges to earlier groups and crates. Prints
//! `modules edges seconds (clusters, MoJoFM vs crates)` per size.
//!
//! usage: cargo run --release --example cluster_scale -- 25000 50000 100000

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use archsplit::analysis::{analyze, ClusterOptions};
use archsplit::model::{Crate, Edge, Module, ModuleGraph};
use archsplit::parse::{ModFacts, RefKind};
use archsplit::workspace::TargetKind;

fn graph(n: usize) -> ModuleGraph {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rand = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let crates_n = n.div_ceil(200);
    let crates: Vec<Crate> = (0..crates_n)
        .map(|c| Crate {
            package: format!("crate{c:05}"),
            dir: PathBuf::from(format!("/gen/crate{c:05}")),
            target: format!("crate{c:05}"),
            kind: TargetKind::Lib,
            prefix: format!("crate{c:05}"),
            root: c * 200,
            root_file: PathBuf::from(format!("/gen/crate{c:05}/src/lib.rs")),
        })
        .collect();
    let modules: Vec<Module> = (0..n)
        .map(|m| Module {
            path: format!("crate{:05}::m{m:06}", m / 200),
            name: format!("m{m:06}"),
            krate: m / 200,
            parent: None,
            file: PathBuf::from(format!("/gen/m{m}.rs")),
            line: 1,
            inline: false,
            facts: ModFacts {
                loc: 100,
                ..ModFacts::default()
            },
            children: BTreeMap::new(),
            files: Vec::new(),
            doc_only: false,
        })
        .collect();
    let mut w: BTreeMap<(usize, usize), u32> = BTreeMap::new();
    for v in 0..n {
        let group = v - v % 20;
        for _ in 0..4 {
            let u = group + (rand() as usize % 20);
            if u < n && u != v {
                *w.entry((v, u)).or_insert(0) += 1 + (rand() % 4) as u32;
            }
        }
        // Edges between groups only point to earlier groups, as layered code does, so that
        // cycles stay inside groups and do not fuse the whole graph into one.
        if rand() % 3 == 0 && group % 200 > 0 {
            let krate = v - v % 200;
            let u = krate + (rand() as usize % (group % 200));
            *w.entry((v, u)).or_insert(0) += 1;
        }
        if rand() % 10 == 0 && v >= 200 {
            let u = rand() as usize % (v - v % 200);
            *w.entry((v, u)).or_insert(0) += 1;
        }
    }
    let edges: Vec<Edge> = w
        .into_iter()
        .map(|((from, to), weight)| Edge {
            from,
            to,
            weight,
            kinds: BTreeMap::from([(RefKind::Call, weight)]),
            items: BTreeMap::new(),
        })
        .collect();
    let mut g = petgraph::graph::DiGraph::with_capacity(n, edges.len());
    for i in 0..n {
        g.add_node(i);
    }
    for (i, e) in edges.iter().enumerate() {
        g.add_edge((e.from as u32).into(), (e.to as u32).into(), i);
    }
    ModuleGraph {
        crates,
        modules,
        edges,
        external: Vec::new(),
        graph: g,
        diagnostics: Vec::new(),
        files_parsed: n,
        roles: Vec::new(),
        inputs: Default::default(),
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![25_000, 50_000, 100_000]
    } else {
        sizes
    };
    for n in sizes {
        let g = graph(n);
        let start = Instant::now();
        let a = analyze(&g, &ClusterOptions::default());
        println!(
            "{n} {} {:.3} ({} clusters, MoJoFM vs crates {:.1})",
            g.edges.len(),
            start.elapsed().as_secs_f64(),
            a.clustering.k,
            a.quality.mojofm_vs_crates
        );
    }
}
