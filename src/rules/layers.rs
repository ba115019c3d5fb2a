//! Layering of the product's crates: the layers `archsplit.toml` declares (`layers`, lowest
//! first, each a list of crate names where `*` matches any run of characters), or else the
//! topological levels of the crate graph (a crate sits one level above the highest crate it
//! uses; crates in a cycle share a level). An edge from a lower layer to a higher one goes
//! against the layering and is reported with the module edge that makes it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::ModuleGraph;
use crate::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LayerSource {
    /// From `layers` in the configuration.
    Declared,
    /// The topological levels of the crate graph.
    Inferred,
}

/// A dependency that goes against the layering.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub from_crate: String,
    pub to_crate: String,
    pub from_layer: usize,
    pub to_layer: usize,
    /// References from the lower crate into the higher one.
    pub weight: u64,
    /// The heaviest module edge behind it, and where its module is.
    pub from: String,
    pub to: String,
    pub file: String,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layers {
    pub source: LayerSource,
    /// Product crates per layer, lowest first.
    pub levels: Vec<Vec<String>>,
    pub violations: Vec<Violation>,
}

/// `*` matches any run of characters; everything else matches itself.
fn matches(pattern: &str, name: &str) -> bool {
    match pattern.find('*') {
        None => pattern == name,
        Some(i) => {
            let (head, rest) = (&pattern[..i], &pattern[i + 1..]);
            name.starts_with(head)
                && (head.len()..=name.len())
                    .any(|j| name.is_char_boundary(j) && matches(rest, &name[j..]))
        }
    }
}

/// Per pair of crates (by index), the references from one to the other and the heaviest
/// module edge behind them.
type Between = BTreeMap<(usize, usize), (u64, usize)>;

/// The layering of the product crates and what goes against it.
pub fn layers(ws: &Workspace, g: &ModuleGraph, declared: &[Vec<String>]) -> Layers {
    let product = g.product_targets();
    let crates: Vec<&str> = super::product_packages(g, &product).into_iter().collect();
    let between = crate_references(g, &crates);
    let (source, level) = if declared.is_empty() {
        (LayerSource::Inferred, inferred(crates.len(), &between))
    } else {
        (LayerSource::Declared, declared_levels(&crates, declared))
    };
    let depth = level.iter().flatten().max().map_or(0, |d| d + 1);
    let mut levels: Vec<Vec<String>> = vec![Vec::new(); depth];
    for (c, l) in crates.iter().zip(&level) {
        if let Some(l) = l {
            levels[*l].push(c.to_string());
        }
    }
    let violations = violations(ws, g, &crates, &level, source, &between);
    Layers {
        source,
        levels,
        violations,
    }
}

/// Crate-level references between the `crates` and the heaviest module edge behind each.
fn crate_references(g: &ModuleGraph, crates: &[&str]) -> Between {
    let idx: BTreeMap<&str, usize> = crates.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let pkg = |m: usize| g.crates[g.modules[m].krate].package.as_str();
    let mut between = Between::new();
    for (i, e) in g.edges.iter().enumerate() {
        let (Some(&a), Some(&b)) = (idx.get(pkg(e.from)), idx.get(pkg(e.to))) else {
            continue;
        };
        if a == b {
            continue;
        }
        let x = between.entry((a, b)).or_insert((0, i));
        x.0 += e.weight as u64;
        if e.weight > g.edges[x.1].weight {
            x.1 = i;
        }
    }
    between
}

/// Each crate's declared layer (the first whose patterns match it), if any.
fn declared_levels(crates: &[&str], declared: &[Vec<String>]) -> Vec<Option<usize>> {
    crates
        .iter()
        .map(|c| {
            declared
                .iter()
                .position(|l| l.iter().any(|p| matches(p, c)))
        })
        .collect()
}

/// The crate dependencies against the levels, heaviest first. Inferred levels put a crate
/// above all it uses, so only a crate cycle (same level) goes against them; declared
/// layers may be broken in either way.
fn violations(
    ws: &Workspace,
    g: &ModuleGraph,
    crates: &[&str],
    level: &[Option<usize>],
    source: LayerSource,
    between: &Between,
) -> Vec<Violation> {
    let mut out = Vec::new();
    for (&(a, b), &(w, e)) in between {
        let (Some(la), Some(lb)) = (level[a], level[b]) else {
            continue;
        };
        let against = match source {
            LayerSource::Declared => la < lb,
            LayerSource::Inferred => la == lb,
        };
        if !against {
            continue;
        }
        let edge = &g.edges[e];
        let m = &g.modules[edge.from];
        out.push(Violation {
            from_crate: crates[a].to_string(),
            to_crate: crates[b].to_string(),
            from_layer: la,
            to_layer: lb,
            weight: w,
            from: m.path.clone(),
            to: g.modules[edge.to].path.clone(),
            file: ws.rel(&m.file),
            line: m.line,
        });
    }
    out.sort_by(|x, y| {
        y.weight
            .cmp(&x.weight)
            .then(x.from_crate.cmp(&y.from_crate))
    });
    out
}

/// Topological levels: crates in one strongly connected component share a level, one above
/// the highest level among what the component uses.
fn inferred(n: usize, between: &Between) -> Vec<Option<usize>> {
    let mut adj = vec![Vec::new(); n];
    for &(a, b) in between.keys() {
        adj[a].push(b);
    }
    let comp = crate::analysis::cycles::components_of(n, &adj);
    let k = comp.iter().max().map_or(0, |x| x + 1);
    let mut cadj: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); k];
    for (a, outs) in adj.iter().enumerate() {
        for &b in outs {
            if comp[a] != comp[b] {
                cadj[comp[a]].insert(comp[b]);
            }
        }
    }
    // Longest path to a sink, iteratively (the component graph is acyclic).
    let mut level: Vec<Option<usize>> = vec![None; k];
    for start in 0..k {
        let mut stack = vec![(start, false)];
        while let Some((c, done)) = stack.pop() {
            if level[c].is_some() {
                continue;
            }
            if done {
                let l = cadj[c]
                    .iter()
                    .filter_map(|&d| level[d])
                    .max()
                    .map_or(0, |x| x + 1);
                level[c] = Some(l);
                continue;
            }
            stack.push((c, true));
            for &d in &cadj[c] {
                if level[d].is_none() {
                    stack.push((d, false));
                }
            }
        }
    }
    (0..n).map(|i| level[comp[i]]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(matches("ra_ap_hir*", "ra_ap_hir_def"));
        assert!(matches("*_syntax", "ra_ap_syntax"));
        assert!(matches("a*c*e", "abcde"));
        assert!(!matches("ra_ap_hir*", "ra_ap_ide"));
        assert!(matches("exact", "exact"));
        assert!(!matches("exact", "exactly"));
    }

    #[test]
    fn levels_rise_above_what_a_crate_uses() {
        // 0 uses 1, 1 uses 2, 3 uses 1: 2 is the bottom, 1 above it, 0 and 3 on top.
        let mut between = BTreeMap::new();
        between.insert((0, 1), (1, 0));
        between.insert((1, 2), (1, 0));
        between.insert((3, 1), (1, 0));
        let l = inferred(4, &between);
        assert_eq!(l, vec![Some(2), Some(1), Some(0), Some(2)]);
    }
}
