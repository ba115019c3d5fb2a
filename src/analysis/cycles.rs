//! Dependency cycles: strongly connected components of the module graph and of the crate
//! graph, each with its members, the edges among them, and the edges that close it (the back
//! edges of a depth-first walk from its first member; removing them breaks every cycle).

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::ModuleGraph;

/// One strongly connected component with more than one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    /// Node ids (modules, or crates in `crate_graph` order), sorted.
    pub members: Vec<usize>,
    /// Edges among the members, as (from, to).
    pub edges: Vec<(usize, usize)>,
    /// The back edges of a depth-first walk in sorted order: the edges that close the cycles.
    pub closing: Vec<(usize, usize)>,
}

/// Component id of every module (`0..k`), ordered by each component's smallest module.
pub fn module_components(g: &ModuleGraph) -> Vec<usize> {
    components(&g.graph, g.modules.len())
}

fn components(graph: &DiGraph<usize, usize>, n: usize) -> Vec<usize> {
    let mut sccs: Vec<Vec<usize>> = tarjan_scc(graph)
        .into_iter()
        .map(|c| {
            let mut v: Vec<usize> = c.into_iter().map(|x| x.index()).collect();
            v.sort_unstable();
            v
        })
        .collect();
    sccs.sort();
    let mut id = vec![0; n];
    for (i, c) in sccs.iter().enumerate() {
        for &m in c {
            id[m] = i;
        }
    }
    id
}

/// Component id of every node of a graph given as adjacency lists.
pub fn components_of(n: usize, adj: &[Vec<usize>]) -> Vec<usize> {
    components(&digraph(n, adj), n)
}

fn digraph(n: usize, adj: &[Vec<usize>]) -> DiGraph<usize, usize> {
    let mut graph: DiGraph<usize, usize> = DiGraph::with_capacity(n, 0);
    for i in 0..n {
        graph.add_node(i);
    }
    for (a, outs) in adj.iter().enumerate() {
        for &b in outs {
            graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), 0);
        }
    }
    graph
}

/// The cycles of a directed graph given as sorted adjacency lists.
pub fn cycles(n: usize, adj: &[Vec<usize>]) -> Vec<Cycle> {
    let comp = components(&digraph(n, adj), n);
    let k = comp.iter().copied().max().map_or(0, |m| m + 1);
    let mut members = vec![Vec::new(); k];
    for (m, &c) in comp.iter().enumerate() {
        members[c].push(m);
    }
    let mut out = Vec::new();
    for ms in members.into_iter().filter(|ms| ms.len() > 1) {
        let c = comp[ms[0]];
        let mut edges = Vec::new();
        for &a in &ms {
            for &b in &adj[a] {
                if comp[b] == c && a != b {
                    edges.push((a, b));
                }
            }
        }
        let closing = back_edges(&ms, adj, |x| comp[x] == c);
        out.push(Cycle {
            members: ms,
            edges,
            closing,
        });
    }
    out.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then(a.members.cmp(&b.members))
    });
    out
}

/// Back edges of an iterative depth-first walk over the nodes for which `inside` holds,
/// starting from each unvisited member in order.
fn back_edges(
    members: &[usize],
    adj: &[Vec<usize>],
    inside: impl Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnStack,
        Done,
    }
    let mut state: std::collections::HashMap<usize, State> =
        members.iter().map(|&m| (m, State::New)).collect();
    let mut out = Vec::new();
    for &root in members {
        if state[&root] != State::New {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state.insert(root, State::OnStack);
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            if let Some(&u) = adj[v].get(*i) {
                *i += 1;
                if u == v || !inside(u) {
                    continue;
                }
                match state[&u] {
                    State::New => {
                        state.insert(u, State::OnStack);
                        stack.push((u, 0));
                    }
                    State::OnStack => out.push((v, u)),
                    State::Done => {}
                }
            } else {
                state.insert(v, State::Done);
                stack.pop();
            }
        }
    }
    out.sort_unstable();
    out
}

/// Module-level adjacency lists from the graph's edges, sorted.
pub fn module_adjacency(g: &ModuleGraph) -> Vec<Vec<usize>> {
    let mut adj = vec![Vec::new(); g.modules.len()];
    for e in &g.edges {
        adj[e.from].push(e.to);
    }
    for a in &mut adj {
        a.sort_unstable();
        a.dedup();
    }
    adj
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles_and_closing_edges() {
        // 0 → 1 → 2 → 0 is a cycle, 3 → 4 is not, 4 ↔ 5 is.
        let adj = vec![vec![1], vec![2], vec![0], vec![4], vec![5], vec![4]];
        let c = cycles(6, &adj);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].members, vec![0, 1, 2]);
        assert_eq!(c[0].edges, vec![(0, 1), (1, 2), (2, 0)]);
        assert_eq!(c[0].closing, vec![(2, 0)]);
        assert_eq!(c[1].members, vec![4, 5]);
        assert_eq!(c[1].closing, vec![(5, 4)]);
    }
}
