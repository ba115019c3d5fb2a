//! What `archsplit graph` draws: the whole module graph, or a view of it — one node per
//! package (`--level crate`), the neighbourhood of some crates or modules (`--focus NAME`,
//! `--depth N`). DOT, Mermaid and JSON all print the same view.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use anyhow::{bail, Result};

use crate::model::ModuleGraph;
use crate::workspace::Workspace;

/// The nodes of `archsplit graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// One node per package, edges summing the references between their modules.
    Crate,
    /// One node per module (the default).
    Module,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Crate => "crate",
            Level::Module => "module",
        }
    }
}

/// What part of the graph to print, and at which level.
#[derive(Debug, Clone)]
pub struct ViewOptions {
    pub level: Level,
    /// Crate (package) names or module paths whose neighbourhood is kept; empty: everything.
    pub focus: Vec<String>,
    /// Hops kept around the focus, along edges in either direction.
    pub depth: u32,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            level: Level::Module,
            focus: Vec::new(),
            depth: 1,
        }
    }
}

impl ViewOptions {
    /// The whole module graph, as `archsplit graph` prints it without options.
    pub fn is_whole_graph(&self) -> bool {
        self.level == Level::Module && self.focus.is_empty()
    }
}

/// A node of the view: a module (`index` into `g.modules`) or a package (into
/// `ws.packages`).
#[derive(Debug)]
pub struct Node {
    pub index: usize,
    /// Module path or package name.
    pub name: String,
    /// Code lines written by hand.
    pub loc: u64,
    /// Modules it stands for (1 for a module).
    pub modules: usize,
    /// Named by `--focus`.
    pub focus: bool,
}

/// An edge of the view between two of its nodes (positions in `View::nodes`); parallel
/// edges are merged.
#[derive(Debug)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// References.
    pub weight: u64,
    /// Module edges merged into it (1 at module level).
    pub edges: u32,
}

#[derive(Debug)]
pub struct View {
    pub level: Level,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub focus: Vec<String>,
    pub depth: Option<u32>,
}

impl View {
    /// The view `opts` asks for. A `--focus` name that is neither a package nor a module is
    /// an error naming the closest ones.
    pub fn new(ws: &Workspace, g: &ModuleGraph, opts: &ViewOptions) -> Result<View> {
        let (all_nodes, all_edges) = match opts.level {
            Level::Module => module_level(g),
            Level::Crate => crate_level(ws, g),
        };
        let mut keep = vec![opts.focus.is_empty(); all_nodes.len()];
        let mut seed = vec![false; all_nodes.len()];
        if !opts.focus.is_empty() {
            for name in &opts.focus {
                let found = seeds(ws, g, opts.level, name);
                if found.is_empty() {
                    bail!("{}", unknown_name(ws, g, name));
                }
                for s in found {
                    seed[s] = true;
                }
            }
            // Breadth-first, both directions, up to `depth` hops.
            let mut adjacent = vec![Vec::new(); all_nodes.len()];
            for e in &all_edges {
                adjacent[e.from].push(e.to);
                adjacent[e.to].push(e.from);
            }
            let mut queue: VecDeque<(usize, u32)> = VecDeque::new();
            for (i, s) in seed.iter().enumerate() {
                if *s {
                    keep[i] = true;
                    queue.push_back((i, 0));
                }
            }
            while let Some((n, d)) = queue.pop_front() {
                if d >= opts.depth {
                    continue;
                }
                for &m in &adjacent[n] {
                    if !keep[m] {
                        keep[m] = true;
                        queue.push_back((m, d + 1));
                    }
                }
            }
        }
        let mut position = vec![usize::MAX; all_nodes.len()];
        let mut nodes = Vec::new();
        for (i, mut n) in all_nodes.into_iter().enumerate() {
            if keep[i] {
                position[i] = nodes.len();
                n.focus = seed[i];
                nodes.push(n);
            }
        }
        let edges = all_edges
            .into_iter()
            .filter(|e| keep[e.from] && keep[e.to])
            .map(|e| Edge {
                from: position[e.from],
                to: position[e.to],
                ..e
            })
            .collect();
        Ok(View {
            level: opts.level,
            nodes,
            edges,
            focus: opts.focus.clone(),
            depth: (!opts.focus.is_empty()).then_some(opts.depth),
        })
    }

    /// The names of the nodes kept.
    pub fn names(&self) -> BTreeSet<&str> {
        self.nodes.iter().map(|n| n.name.as_str()).collect()
    }
}

/// One node per module, the graph's edges as they are (one per ordered pair already).
fn module_level(g: &ModuleGraph) -> (Vec<Node>, Vec<Edge>) {
    let nodes = g
        .modules
        .iter()
        .enumerate()
        .map(|(i, m)| Node {
            index: i,
            name: m.path.clone(),
            loc: u64::from(m.facts.loc),
            modules: 1,
            focus: false,
        })
        .collect();
    // Parallel edges merged into the first of them, in the graph's own edge order (which
    // the whole-graph DOT output has always used).
    let mut first: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut edges: Vec<Edge> = Vec::with_capacity(g.edges.len());
    for e in &g.edges {
        let at = *first.entry((e.from, e.to)).or_insert_with(|| {
            edges.push(Edge {
                from: e.from,
                to: e.to,
                weight: 0,
                edges: 0,
            });
            edges.len() - 1
        });
        edges[at].weight += u64::from(e.weight);
        edges[at].edges += 1;
    }
    (nodes, edges)
}

/// One node per package (in the workspace's order, sorted by name); an edge between two
/// packages sums the references between their modules, as `crate_dependencies` does.
fn crate_level(ws: &Workspace, g: &ModuleGraph) -> (Vec<Node>, Vec<Edge>) {
    let mut nodes: Vec<Node> = ws
        .packages
        .iter()
        .enumerate()
        .map(|(i, p)| Node {
            index: i,
            name: p.name.clone(),
            loc: 0,
            modules: 0,
            focus: false,
        })
        .collect();
    let package_of = package_of_modules(ws, g);
    for (m, p) in package_of.iter().enumerate() {
        if let Some(p) = *p {
            nodes[p].loc += u64::from(g.modules[m].facts.loc);
            nodes[p].modules += 1;
        }
    }
    let mut merged: BTreeMap<(usize, usize), (u64, u32)> = BTreeMap::new();
    for e in &g.edges {
        if let (Some(a), Some(b)) = (package_of[e.from], package_of[e.to]) {
            if a != b {
                let x = merged.entry((a, b)).or_default();
                x.0 += u64::from(e.weight);
                x.1 += 1;
            }
        }
    }
    let edges = merged
        .into_iter()
        .map(|((from, to), (weight, edges))| Edge {
            from,
            to,
            weight,
            edges,
        })
        .collect();
    (nodes, edges)
}

/// Each module's package (index into `ws.packages`).
fn package_of_modules(ws: &Workspace, g: &ModuleGraph) -> Vec<Option<usize>> {
    let by_name: BTreeMap<&str, usize> = ws
        .packages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.as_str(), i))
        .collect();
    g.modules
        .iter()
        .map(|m| by_name.get(g.crates[m.krate].package.as_str()).copied())
        .collect()
}

/// The nodes `name` stands for at `level`: a package means the package (at crate level)
/// or all its modules (at module level); otherwise a module path means the module (or, at
/// crate level, its package).
fn seeds(ws: &Workspace, g: &ModuleGraph, level: Level, name: &str) -> Vec<usize> {
    let package = ws.packages.iter().position(|p| p.name == name);
    let module = g.modules.iter().position(|m| m.path == name);
    match level {
        Level::Crate => match (package, module) {
            (Some(p), _) => vec![p],
            (None, Some(m)) => package_of_modules(ws, g)[m].into_iter().collect(),
            (None, None) => Vec::new(),
        },
        Level::Module => match (package, module) {
            (Some(p), _) => g
                .modules
                .iter()
                .enumerate()
                .filter(|(_, m)| g.crates[m.krate].package == ws.packages[p].name)
                .map(|(i, _)| i)
                .collect(),
            (None, Some(m)) => vec![m],
            (None, None) => Vec::new(),
        },
    }
}

/// How many names an unknown `--focus` suggests.
const SUGGESTIONS: usize = 3;

/// The error for a `--focus` name that matches nothing: the closest package names and
/// module paths (a path ending in the name, then containing it, then by edit distance).
fn unknown_name(ws: &Workspace, g: &ModuleGraph, name: &str) -> String {
    let norm = |s: &str| s.to_lowercase().replace('-', "_");
    let wanted = norm(name);
    let mut scored: Vec<(u8, usize, &str)> = ws
        .packages
        .iter()
        .map(|p| p.name.as_str())
        .chain(g.modules.iter().map(|m| m.path.as_str()))
        .map(|cand| {
            let c = norm(cand);
            let last = c.rsplit("::").next().unwrap_or(&c).to_string();
            let rank = if last == wanted || c.ends_with(&format!("::{wanted}")) {
                0
            } else if c.contains(&wanted) {
                1
            } else {
                2
            };
            let dist = edit_distance(&wanted, &last).min(edit_distance(&wanted, &c));
            (rank, dist, cand)
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.2 == b.2);
    let closest: Vec<String> = scored
        .iter()
        .take(SUGGESTIONS)
        .map(|(_, _, c)| format!("`{c}`"))
        .collect();
    if closest.is_empty() {
        format!("--focus `{name}`: no crate or module of that name (the graph is empty)")
    } else {
        format!(
            "--focus `{name}`: no crate or module of that name; closest: {}",
            closest.join(", ")
        )
    }
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_character_changes() {
        assert_eq!(edit_distance("parser", "parser"), 0);
        assert_eq!(edit_distance("parser", "parse"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
