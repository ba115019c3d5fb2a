//! Next steps: at most `MAX_ACTIONS` concrete changes a maintainer could make in a pull
//! request, each with its evidence and its effect computed on the graph (crates, the
//! references crossing crates, module cycles, the share of references crossing clusters,
//! before → after). Ranked: merges of crates whose boundary buys nothing first (one pull
//! request, a crate less), then cycles (they block every other boundary), god modules to split, modules to move to the crate
//! they talk to, and clusters worth extracting.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::finding::Finding;
use super::recommend::{ClusterAdvice, Recommendation};
use crate::analysis::Analysis;
use crate::model::ModuleGraph;
use crate::words::{count, names, thousands};
use crate::workspace::Workspace;

/// At most this many next steps: a short list gets read.
pub const MAX_ACTIONS: usize = 7;
/// At most this many of one kind, so the list is not seven of the same.
const MAX_PER_KIND: usize = 3;
/// A cycle that needs more cuts than this is a tangle, not a pull request.
const MAX_CUT_EDGES: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionKind {
    Merge,
    BreakCycle,
    Split,
    Move,
    Extract,
}

impl ActionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::BreakCycle => "break-cycle",
            ActionKind::Merge => "merge",
            ActionKind::Split => "split",
            ActionKind::Move => "move",
            ActionKind::Extract => "extract",
        }
    }
}

/// An edge to cut, where it is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CutEdge {
    pub from: String,
    pub to: String,
    pub file: String,
    pub line: u32,
    /// References the cut removes.
    pub weight: u32,
}

/// A figure before and after the action.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Change<T> {
    pub before: T,
    pub after: T,
}

/// The effect of an action on the graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effect {
    pub crates: Change<usize>,
    /// References between modules of different crates.
    pub crate_cut: Change<u64>,
    /// Dependency cycles between modules.
    pub cycles: Change<usize>,
    /// Modules in some dependency cycle.
    pub cycle_modules: Change<usize>,
    /// Share of references crossing clusters.
    pub icp: Change<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    pub kind: ActionKind,
    /// What to do, in one sentence.
    pub title: String,
    /// The modules or crates it touches.
    pub subjects: Vec<String>,
    /// Why, in plain words with the figures.
    pub evidence: String,
    /// For `break-cycle`: the edges to cut.
    pub edges: Vec<CutEdge>,
    pub effect: Effect,
}

/// The state the effects are computed on: a crate label per module, the edges that remain.
struct Model<'g> {
    g: &'g ModuleGraph,
    a: &'g Analysis,
    crate_of: Vec<usize>,
    removed: BTreeSet<(usize, usize)>,
}

impl Model<'_> {
    fn crates(&self) -> usize {
        self.crate_of.iter().collect::<BTreeSet<_>>().len()
    }
    fn crate_cut(&self) -> u64 {
        self.g
            .edges
            .iter()
            .filter(|e| !self.removed.contains(&(e.from, e.to)))
            .filter(|e| self.crate_of[e.from] != self.crate_of[e.to])
            .map(|e| e.weight as u64)
            .sum()
    }
    /// The number of module cycles and of modules in them.
    fn cycles(&self) -> (usize, usize) {
        let mut adj = vec![Vec::new(); self.g.modules.len()];
        for e in &self.g.edges {
            if !self.removed.contains(&(e.from, e.to)) {
                adj[e.from].push(e.to);
            }
        }
        let cycles = crate::analysis::cycles::cycles(self.g.modules.len(), &adj);
        let modules = cycles.iter().map(|c| c.members.len()).sum();
        (cycles.len(), modules)
    }
    fn icp(&self) -> f64 {
        let c = &self.a.clustering.assignment;
        let (mut all, mut cross) = (0u64, 0u64);
        // Cutting a dependency moves or inverts code; its references do not vanish, so the
        // share across clusters is read on every edge.
        for e in &self.g.edges {
            if let (Some(x), Some(y)) = (c[e.from], c[e.to]) {
                all += e.weight as u64;
                if x != y {
                    cross += e.weight as u64;
                }
            }
        }
        crate::analysis::metrics::round4(cross as f64 / all.max(1) as f64)
    }
}

fn effect(before: &Model, after: &Model) -> Effect {
    let (cb, mb) = before.cycles();
    let (ca, ma) = after.cycles();
    Effect {
        crates: Change {
            before: before.crates(),
            after: after.crates(),
        },
        crate_cut: Change {
            before: before.crate_cut(),
            after: after.crate_cut(),
        },
        cycles: Change {
            before: cb,
            after: ca,
        },
        cycle_modules: Change {
            before: mb,
            after: ma,
        },
        icp: Change {
            before: before.icp(),
            after: after.icp(),
        },
    }
}

/// The next steps, ranked, at most `MAX_ACTIONS`.
pub fn actions(
    ws: &Workspace,
    g: &ModuleGraph,
    a: &Analysis,
    clusters: &[ClusterAdvice],
    findings: &[Finding],
) -> Vec<Action> {
    let pkg_ids: BTreeMap<&str, usize> = {
        let mut v: Vec<&str> = g.crates.iter().map(|c| c.package.as_str()).collect();
        v.sort();
        v.dedup();
        v.into_iter().enumerate().map(|(i, p)| (p, i)).collect()
    };
    let product = g.product_targets();
    let is_product = |m: usize| product[g.modules[m].krate];
    let base = Model {
        g,
        a,
        crate_of: g
            .modules
            .iter()
            .map(|m| pkg_ids[g.crates[m.krate].package.as_str()])
            .collect(),
        removed: BTreeSet::new(),
    };
    let with = |f: &dyn Fn(&mut Model)| {
        let mut m = Model {
            g,
            a,
            crate_of: base.crate_of.clone(),
            removed: BTreeSet::new(),
        };
        f(&mut m);
        effect(&base, &m)
    };
    let weight_of: BTreeMap<(usize, usize), u32> =
        g.edges.iter().map(|e| ((e.from, e.to), e.weight)).collect();
    // The figures as they are; an action's effect starts from them. Cycles are counted on
    // the whole graph, so the cuts' effects are computed only for the actions kept.
    let unchanged = effect(&base, &base);
    let mut cuts: BTreeMap<String, BTreeSet<(usize, usize)>> = BTreeMap::new();
    let mut out: Vec<(ActionKind, u64, Action)> = Vec::new();
    // Cycles inside one crate and one cluster block no boundary: ranked after the others.
    let mut local: BTreeSet<String> = BTreeSet::new();

    // Cycles in product code, largest first: the edges that close them, where they are
    // written. A parent's references to its own descendants (`pub use self::file::File`,
    // `mod.rs` calling into its children) are Rust's module tree, not a cycle to cut: the
    // cycles are those that remain without them, and none may need more than
    // `MAX_CUT_EDGES` cuts (a tangle that big is not one pull request).
    let ancestor = |x: usize, y: usize| {
        let mut cur = g.modules[y].parent;
        while let Some(p) = cur {
            if p == x {
                return true;
            }
            cur = g.modules[p].parent;
        }
        false
    };
    let mut adj = vec![Vec::new(); g.modules.len()];
    for e in &g.edges {
        if is_product(e.from) && is_product(e.to) && !ancestor(e.from, e.to) {
            adj[e.from].push(e.to);
        }
    }
    let real_cycles = crate::analysis::cycles::cycles(g.modules.len(), &adj);
    for cy in &real_cycles {
        // A tangle needs more cuts than one pull request makes: start with its lightest.
        let tangle = cy.closing.len() > MAX_CUT_EDGES;
        let mut closing = cy.closing.clone();
        closing.sort_by_key(|&(x, y)| (weight_of.get(&(x, y)).copied().unwrap_or(0), x, y));
        closing.truncate(MAX_CUT_EDGES);
        closing.sort_unstable();
        let edges: Vec<CutEdge> = closing
            .iter()
            .map(|&(x, y)| {
                let (file, line) = where_used(ws, g, x, y);
                CutEdge {
                    from: g.modules[x].path.clone(),
                    to: g.modules[y].path.clone(),
                    file,
                    line,
                    weight: weight_of.get(&(x, y)).copied().unwrap_or(0),
                }
            })
            .collect();
        let cut: BTreeSet<(usize, usize)> = closing.iter().copied().collect();
        let members: Vec<&str> = cy
            .members
            .iter()
            .map(|&m| g.modules[m].path.as_str())
            .collect();
        let refs: u32 = edges.iter().map(|e| e.weight).sum();
        let crates: BTreeSet<&str> = cy
            .members
            .iter()
            .map(|&m| g.crates[g.modules[m].krate].package.as_str())
            .collect();
        let shown: Vec<String> = edges
            .iter()
            .take(3)
            .map(|e| format!("`{}` → `{}` ({})", e.from, e.to, at(&e.file, e.line)))
            .collect();
        let places: BTreeSet<Option<usize>> = cy
            .members
            .iter()
            .map(|&m| a.clustering.assignment[m])
            .collect();
        if crates.len() == 1 && places.len() == 1 {
            local.insert(members.join(" "));
        }
        cuts.insert(members.join(" "), cut);
        out.push((
            ActionKind::BreakCycle,
            cy.members.len() as u64,
            Action {
                kind: ActionKind::BreakCycle,
                title: if tangle {
                    format!(
                        "Start untangling the cycle of {} in {}: cut the {} lightest of its {} closing edges",
                        count(cy.members.len() as u64, "module", "modules"),
                        names(&crates.iter().copied().collect::<Vec<_>>()),
                        edges.len(),
                        cy.closing.len()
                    )
                } else {
                    format!(
                    "Break the cycle of {} in {} by cutting {}",
                    count(cy.members.len() as u64, "module", "modules"),
                    names(&crates.iter().copied().collect::<Vec<_>>()),
                    count(edges.len() as u64, "edge", "edges")
                    )
                },
                subjects: members.iter().map(|s| s.to_string()).collect(),
                evidence: format!(
                    "{} depend on each other in a cycle: none of them can be moved to another crate or split out without the others. The edges to cut carry {}: {}{}",
                    names(&members),
                    count(refs as u64, "reference", "references"),
                    shown.join(", "),
                    if edges.len() > 3 {
                        format!(" and {} more", edges.len() - 3)
                    } else {
                        String::new()
                    }
                ),
                edges,
                effect: unchanged.clone(),
            },
        ));
    }

    // Merges the over-fragmentation findings name.
    for f in findings
        .iter()
        .filter(|f| f.is(super::RuleId::OverFragmentation))
    {
        let mut crates: Vec<&str> = f
            .subjects
            .iter()
            .map(String::as_str)
            .filter(|s| pkg_ids.contains_key(s))
            .collect();
        if crates.len() != f.subjects.len() {
            continue;
        }
        // The finding names the crate to merge into; a crate cycle names none (the last).
        let into = match f.into.as_deref().filter(|i| pkg_ids.contains_key(i)) {
            Some(i) => {
                if !crates.contains(&i) {
                    crates.push(i);
                }
                i
            }
            None if crates.len() >= 2 => crates[crates.len() - 1],
            None => continue,
        };
        let merged: Vec<&str> = crates.iter().copied().filter(|c| *c != into).collect();
        let ids: BTreeSet<usize> = merged.iter().map(|c| pkg_ids[c]).collect();
        let target = pkg_ids[into];
        let e = with(&|m: &mut Model| {
            for c in m.crate_of.iter_mut() {
                if ids.contains(c) {
                    *c = target;
                }
            }
        });
        let saved = e.crate_cut.before.saturating_sub(e.crate_cut.after);
        out.push((
            ActionKind::Merge,
            saved,
            Action {
                kind: ActionKind::Merge,
                title: format!("Merge {} into `{into}`", names(&merged)),
                subjects: crates.iter().map(|s| s.to_string()).collect(),
                evidence: f.message.clone(),
                edges: Vec::new(),
                effect: e,
            },
        ));
    }

    // God modules and crates to split.
    for f in findings.iter().filter(|f| f.is(super::RuleId::GodModule)) {
        out.push((
            ActionKind::Split,
            0,
            Action {
                kind: ActionKind::Split,
                title: format!("Split `{}` by responsibility", f.subjects.join("`, `")),
                subjects: f.subjects.clone(),
                evidence: f.message.clone(),
                edges: Vec::new(),
                effect: unchanged.clone(),
            },
        ));
    }

    // A module that talks to another crate far more than to its own: move it there.
    let mut talk: Vec<BTreeMap<usize, u64>> = vec![BTreeMap::new(); g.modules.len()];
    for e in &g.edges {
        *talk[e.from].entry(base.crate_of[e.to]).or_insert(0) += e.weight as u64;
        *talk[e.to].entry(base.crate_of[e.from]).or_insert(0) += e.weight as u64;
    }
    let roots: BTreeSet<usize> = g.crates.iter().map(|c| c.root).collect();
    for (m, t) in talk.iter().enumerate() {
        if roots.contains(&m) || !is_product(m) || g.modules[m].inline {
            continue;
        }
        let own_crate = base.crate_of[m];
        let own = t.get(&own_crate).copied().unwrap_or(0);
        let Some((&other, &w)) = t
            .iter()
            .filter(|(c, _)| **c != own_crate)
            .max_by_key(|(c, w)| (**w, std::cmp::Reverse(**c)))
        else {
            continue;
        };
        // Clearly elsewhere: at least 20 references, four times what binds it at home, and
        // into a product crate that is a library.
        let other_pkg = pkg_ids.iter().find(|(_, &i)| i == other).map(|(p, _)| *p);
        let Some(other_pkg) = other_pkg.filter(|p| g.roles_of(p).is_none_or(|r| r.is_product()))
        else {
            continue;
        };
        let lib_target = g
            .crates
            .iter()
            .any(|c| c.package == other_pkg && c.kind == crate::workspace::TargetKind::Lib);
        // Moving code between published crates changes both public APIs (and may drag a
        // dependency into the target): only crates nobody outside depends on are proposed.
        let published = |p: &str| {
            ws.packages
                .iter()
                .find(|q| q.name == p)
                .is_none_or(|q| q.publishable)
        };
        let home_pkg = g.crates[g.modules[m].krate].package.as_str();
        if w < 20
            || w < 4 * own.max(1)
            || !lib_target
            || published(home_pkg)
            || published(other_pkg)
        {
            continue;
        }
        let e = with(&|mm: &mut Model| mm.crate_of[m] = other);
        if e.crate_cut.after >= e.crate_cut.before {
            continue;
        }
        let path = &g.modules[m].path;
        let home = &g.crates[g.modules[m].krate].package;
        out.push((
            ActionKind::Move,
            e.crate_cut.before - e.crate_cut.after,
            Action {
                kind: ActionKind::Move,
                title: format!("Move `{path}` to `{other_pkg}`"),
                subjects: vec![path.clone(), other_pkg.to_string()],
                evidence: format!(
                    "`{path}` ({}) exchanges {} with `{other_pkg}` and {} with the rest of `{home}`",
                    count(g.modules[m].facts.loc as u64, "line", "lines"),
                    count(w, "reference", "references"),
                    thousands(own)
                ),
                edges: Vec::new(),
                effect: e,
            },
        ));
    }

    // Clusters worth extracting: the microservice and nanoservice candidates.
    for (i, c) in clusters.iter().enumerate() {
        let lone = c.reasons.iter().any(|r| r.metric == "verdict");
        let what = match c.recommendation {
            Recommendation::Microservice => "a service",
            Recommendation::Nanoservice => "a nanoservice",
            Recommendation::Module if lone => "a service",
            _ => continue,
        };
        let members: Vec<usize> = (0..g.modules.len())
            .filter(|&m| a.clustering.assignment[m] == Some(i))
            .collect();
        let new_crate = base.crate_of.iter().max().map_or(0, |x| x + 1);
        let e = with(&|m: &mut Model| {
            for &x in &members {
                m.crate_of[x] = new_crate;
            }
        });
        let crates: BTreeSet<&str> = members
            .iter()
            .map(|&m| g.crates[g.modules[m].krate].package.as_str())
            .collect();
        out.push((
            ActionKind::Extract,
            a.cluster_metrics[i].loc,
            Action {
                kind: ActionKind::Extract,
                title: format!(
                    "Extract cluster {} ({}) into {what} of its own",
                    i + 1,
                    names(&crates.iter().copied().collect::<Vec<_>>())
                ),
                subjects: members.iter().map(|&m| g.modules[m].path.clone()).collect(),
                evidence: format!(
                    "{}; {} and {} would cross its boundary, {} cross it",
                    c.reasons
                        .iter()
                        .map(|r| r.message.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                    count(c.price.remote_calls, "call", "calls"),
                    count(c.price.remote_references, "reference", "references"),
                    count(c.price.crossing_types.len() as u64, "type", "types")
                ),
                edges: Vec::new(),
                effect: e,
            },
        ));
    }

    // Ranked: by kind, then by size; at most a few of each kind.
    let rank = |x: &(ActionKind, u64, Action)| {
        let after_all = x.0 == ActionKind::BreakCycle && local.contains(&x.2.subjects.join(" "));
        (after_all, x.0)
    };
    out.sort_by(|x, y| {
        rank(x)
            .cmp(&rank(y))
            .then(y.1.cmp(&x.1))
            .then(x.2.title.cmp(&y.2.title))
    });
    // A cut is kept only when it takes modules out of cycles (cutting one edge of a cycle
    // that another edge also closes achieves nothing); its effect is computed here, for
    // the candidates reached, not for every cycle of the graph.
    let mut per: BTreeMap<ActionKind, usize> = BTreeMap::new();
    let mut kept = Vec::new();
    for (kind, _, mut a) in out {
        if kept.len() == MAX_ACTIONS || per.get(&kind).copied().unwrap_or(0) == MAX_PER_KIND {
            continue;
        }
        if let Some(cut) = cuts
            .get(&a.subjects.join(" "))
            .filter(|_| kind == ActionKind::BreakCycle)
        {
            a.effect = with(&|m: &mut Model| m.removed = cut.clone());
            if a.effect.cycle_modules.after >= a.effect.cycle_modules.before {
                continue;
            }
        }
        *per.entry(kind).or_insert(0) += 1;
        kept.push(a);
    }
    kept
}

/// `file:line`, or `file` when the line is not known.
pub fn at(file: &str, line: u32) -> String {
    if line == 0 {
        file.to_string()
    } else {
        format!("{file}:{line}")
    }
}

/// Where module `x` refers to module `y`: the line of the `use` that imports an item of `y`
/// or names it, else 0 (the reference is a path written in the code; its line is not kept).
fn where_used(ws: &Workspace, g: &ModuleGraph, x: usize, y: usize) -> (String, u32) {
    let from = &g.modules[x];
    let to = &g.modules[y];
    let file = ws.rel(&from.file);
    let segs: Vec<&str> = to.path.split("::").collect();
    let items: BTreeSet<&str> = g
        .edges
        .iter()
        .find(|e| e.from == x && e.to == y)
        .map(|e| e.items.keys().map(String::as_str).collect())
        .unwrap_or_default();
    // The `use` that imports an item of the edge, else one that names the module.
    let by_item = from
        .facts
        .uses
        .iter()
        .filter(|u| {
            u.segments
                .last()
                .is_some_and(|l| items.contains(l.as_str()))
        })
        .map(|u| u.line)
        .min();
    let line = by_item
        .or_else(|| {
            from.facts
                .uses
                .iter()
                .filter(|u| {
                    // The use names `to` (its last segments) or something inside it.
                    let s: Vec<&str> = u.segments.iter().map(String::as_str).collect();
                    let tail = &segs[segs.len().saturating_sub(1)..];
                    s.windows(tail.len()).any(|w| w == tail)
                        || (segs.len() == 1 && s.first() == segs.first())
                })
                .map(|u| u.line)
                .min()
        })
        // No `use` names it (a full path in the code): the line is not known.
        .unwrap_or(0);
    (file, line)
}
