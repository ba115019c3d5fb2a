//! Next steps: at most `MAX_ACTIONS` concrete changes a maintainer could make in a pull
//! request, each with its evidence and its effect computed on the graph (crates, the
//! references crossing crates, module cycles, the share of references crossing clusters,
//! before → after). Ranked: merges of crates whose boundary buys nothing first (one pull
//! request, a crate less), then the cycles in the way of another step, modules to move to
//! the crate they talk to, and clusters worth extracting. A step whose effect changes no
//! figure is no step. God modules are findings, not steps: the graph does not tell how to
//! split one, so a split's effect cannot be measured (`god.rs` says so in the finding).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::finding::Finding;
use super::recommend::{ClusterAdvice, Recommendation};
use crate::analysis::Analysis;
use crate::model::ModuleGraph;
use crate::words::{count, names, thousands};

mod cuts;
use crate::workspace::Workspace;

/// At most this many next steps: a short list gets read.
pub const MAX_ACTIONS: usize = 7;
/// At most this many of one kind, so the list is not seven of the same.
pub const MAX_PER_KIND: usize = 3;
/// A cycle that needs more cuts than this is a tangle, not a pull request.
const MAX_CUT_EDGES: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionKind {
    Merge,
    BreakCycle,
    Move,
    Extract,
}

impl ActionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::BreakCycle => "break-cycle",
            ActionKind::Merge => "merge",
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
    /// Dependency cycles between product modules, references between a module and its
    /// parent or descendants (the module tree) set aside.
    pub cycles: Change<usize>,
    /// Product modules in some such cycle.
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
    /// The number of module cycles and of modules in them, on `adj` (the product's edges
    /// without the module tree's) less the edges removed.
    fn cycles(&self, adj: &[Vec<usize>]) -> (usize, usize) {
        let adj: Vec<Vec<usize>> = adj
            .iter()
            .enumerate()
            .map(|(x, outs)| {
                outs.iter()
                    .copied()
                    .filter(|&y| !self.removed.contains(&(x, y)))
                    .collect()
            })
            .collect();
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

fn effect(adj: &[Vec<usize>], before: &Model, after: &Model) -> Effect {
    let (cb, mb) = before.cycles(adj);
    let (ca, ma) = after.cycles(adj);
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

/// A candidate next step with its kind and its size (what ranks it within its kind).
type Ranked = (ActionKind, u64, Action);

/// What every kind of next step reads: the graph, the crates numbered, the figures as they
/// are.
struct Planner<'g> {
    ws: &'g Workspace,
    g: &'g ModuleGraph,
    a: &'g Analysis,
    /// Package name → its number (sorted by name).
    pkg_ids: BTreeMap<&'g str, usize>,
    /// Per target: product code.
    product: Vec<bool>,
    /// The graph as it is.
    base: Model<'g>,
    /// The weight of each module edge.
    weight_of: BTreeMap<(usize, usize), u32>,
    /// The edges a cycle step may cut, as sorted adjacency lists: between product modules,
    /// and not between a module and its parent or descendants (`use super::…` in a child,
    /// `pub use self::child::…` in a parent: the module tree, not a cycle to cut).
    cycle_adj: Vec<Vec<usize>>,
    /// The figures as they are; an action's effect starts from them. Cycles are counted on
    /// the whole graph, so the cuts' effects are computed only for the actions kept.
    unchanged: Effect,
}

impl<'g> Planner<'g> {
    fn new(ws: &'g Workspace, g: &'g ModuleGraph, a: &'g Analysis) -> Planner<'g> {
        let pkg_ids: BTreeMap<&str, usize> = {
            let mut v: Vec<&str> = g.crates.iter().map(|c| c.package.as_str()).collect();
            v.sort();
            v.dedup();
            v.into_iter().enumerate().map(|(i, p)| (p, i)).collect()
        };
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
        let product = g.product_targets();
        let cycle_adj = cycle_adjacency(g, &product);
        let unchanged = effect(&cycle_adj, &base, &base);
        Planner {
            ws,
            g,
            a,
            pkg_ids,
            product,
            base,
            weight_of: g.edges.iter().map(|e| ((e.from, e.to), e.weight)).collect(),
            cycle_adj,
            unchanged,
        }
    }

    fn is_product(&self, m: usize) -> bool {
        self.product[self.g.modules[m].krate]
    }

    /// The effect of a change made to a copy of the graph as it is.
    fn with(&self, f: impl FnOnce(&mut Model)) -> Effect {
        let mut m = Model {
            g: self.g,
            a: self.a,
            crate_of: self.base.crate_of.clone(),
            removed: BTreeSet::new(),
        };
        f(&mut m);
        effect(&self.cycle_adj, &self.base, &m)
    }

    fn weight(&self, x: usize, y: usize) -> u32 {
        self.weight_of.get(&(x, y)).copied().unwrap_or(0)
    }
}

/// The product's module edges without those between a module and its parent or
/// descendants, as sorted adjacency lists.
fn cycle_adjacency(g: &ModuleGraph, product: &[bool]) -> Vec<Vec<usize>> {
    let ancestor = |x: usize, y: usize| {
        let mut cur = g.modules[y].parent;
        while let Some(q) = cur {
            if q == x {
                return true;
            }
            cur = g.modules[q].parent;
        }
        false
    };
    let is_product = |m: usize| product[g.modules[m].krate];
    let mut adj = vec![Vec::new(); g.modules.len()];
    for e in &g.edges {
        if e.from != e.to
            && is_product(e.from)
            && is_product(e.to)
            && !ancestor(e.from, e.to)
            && !ancestor(e.to, e.from)
        {
            adj[e.from].push(e.to);
        }
    }
    for outs in &mut adj {
        outs.sort_unstable();
        outs.dedup();
    }
    adj
}

/// The next steps: those kept, ranked, at most `MAX_ACTIONS`; and those left out for the
/// caps (`MAX_ACTIONS`, `MAX_PER_KIND`), ranked, which `--all` shows.
#[derive(Debug, Clone, Default)]
pub struct Steps {
    pub kept: Vec<Action>,
    pub capped: Vec<Action>,
}

/// The next steps, ranked. The cycle steps come from the others: a cycle is a step only
/// where it stands in the way of one of them (`cuts::break_cycles`).
pub fn actions(
    ws: &Workspace,
    g: &ModuleGraph,
    a: &Analysis,
    rules: &super::RuleSet,
    clusters: &[ClusterAdvice],
    findings: &[Finding],
) -> Steps {
    let p = Planner::new(ws, g, a);
    let mut out = merges(&p, findings);
    out.extend(moves(&p));
    out.extend(extracts(&p, clusters));
    let cycles = cuts::break_cycles(&p, &out);
    out.extend(cycles.steps);
    let min_share = rules.thresholds.cyclic_services.min_untangled_share;
    rank_and_keep(&p, out, &cycles.cuts, min_share)
}

/// The packages of some modules, sorted.
fn crate_names<'g>(g: &'g ModuleGraph, modules: &[usize]) -> BTreeSet<&'g str> {
    modules
        .iter()
        .map(|&m| g.crates[g.modules[m].krate].package.as_str())
        .collect()
}

/// Merges the over-fragmentation findings name.
fn merges(p: &Planner, findings: &[Finding]) -> Vec<Ranked> {
    findings
        .iter()
        .filter(|f| f.is(super::RuleId::OverFragmentation))
        .filter_map(|f| merge(p, f))
        .collect()
}

/// The merge one over-fragmentation finding names: its crates into the one it names (a
/// crate cycle names none: into the last).
fn merge(p: &Planner, f: &Finding) -> Option<Ranked> {
    let mut crates: Vec<&str> = f
        .subjects
        .iter()
        .map(String::as_str)
        .filter(|s| p.pkg_ids.contains_key(s))
        .collect();
    if crates.len() != f.subjects.len() {
        return None;
    }
    let into = match f.into.as_deref().filter(|i| p.pkg_ids.contains_key(i)) {
        Some(i) => {
            if !crates.contains(&i) {
                crates.push(i);
            }
            i
        }
        None if crates.len() >= 2 => crates[crates.len() - 1],
        None => return None,
    };
    let merged: Vec<&str> = crates.iter().copied().filter(|c| *c != into).collect();
    let ids: BTreeSet<usize> = merged.iter().map(|c| p.pkg_ids[c]).collect();
    let target = p.pkg_ids[into];
    let e = p.with(|m: &mut Model| {
        for c in m.crate_of.iter_mut() {
            if ids.contains(c) {
                *c = target;
            }
        }
    });
    let saved = e.crate_cut.before.saturating_sub(e.crate_cut.after);
    // The crates merged, then the one they go into.
    let subjects = merged
        .iter()
        .chain([&into])
        .map(|s| s.to_string())
        .collect();
    let action = step(
        ActionKind::Merge,
        format!("Merge {} into `{into}`", names(&merged)),
        subjects,
        f.message.clone(),
        e,
    );
    Some((ActionKind::Merge, saved, action))
}

/// A step that cuts no edges.
fn step(
    kind: ActionKind,
    title: String,
    subjects: Vec<String>,
    evidence: String,
    effect: Effect,
) -> Action {
    Action {
        kind,
        title,
        subjects,
        evidence,
        edges: Vec::new(),
        effect,
    }
}

/// A module moves only with at least this many references to the other crate ...
const MOVE_MIN_REFERENCES: u64 = 20;
/// ... and at least this many times what binds it at home.
const MOVE_MIN_RATIO: u64 = 4;

/// Modules that talk to another crate far more than to their own: move them there.
fn moves(p: &Planner) -> Vec<Ranked> {
    let g = p.g;
    let mut talk: Vec<BTreeMap<usize, u64>> = vec![BTreeMap::new(); g.modules.len()];
    for e in &g.edges {
        *talk[e.from].entry(p.base.crate_of[e.to]).or_insert(0) += e.weight as u64;
        *talk[e.to].entry(p.base.crate_of[e.from]).or_insert(0) += e.weight as u64;
    }
    let roots: BTreeSet<usize> = g.crates.iter().map(|c| c.root).collect();
    talk.iter()
        .enumerate()
        .filter(|&(m, _)| !roots.contains(&m) && p.is_product(m) && !g.modules[m].inline)
        .filter_map(|(m, t)| move_module(p, m, t))
        .collect()
}

/// The move of module `m` (its references per crate `t`) to the crate it talks to most,
/// when it is clearly elsewhere: `MOVE_MIN_REFERENCES`, `MOVE_MIN_RATIO` times what binds
/// it at home, into a product crate that is a library, between unpublished crates, and the
/// references crossing crates drop.
fn move_module(p: &Planner, m: usize, t: &BTreeMap<usize, u64>) -> Option<Ranked> {
    let g = p.g;
    let own_crate = p.base.crate_of[m];
    let own = t.get(&own_crate).copied().unwrap_or(0);
    let (&other, &w) = t
        .iter()
        .filter(|(c, _)| **c != own_crate)
        .max_by_key(|(c, w)| (**w, std::cmp::Reverse(**c)))?;
    let other_pkg = p.pkg_ids.iter().find(|(_, &i)| i == other).map(|(q, _)| *q);
    let other_pkg = other_pkg.filter(|q| g.roles_of(q).is_none_or(|r| r.is_product()))?;
    let lib_target = g
        .crates
        .iter()
        .any(|c| c.package == other_pkg && c.kind == crate::workspace::TargetKind::Lib);
    // Moving code between published crates changes both public APIs (and may drag a
    // dependency into the target): only crates nobody outside depends on are proposed.
    let published = |q: &str| {
        p.ws.packages
            .iter()
            .find(|x| x.name == q)
            .is_none_or(|x| x.publishable)
    };
    let home = &g.crates[g.modules[m].krate].package;
    if w < MOVE_MIN_REFERENCES
        || w < MOVE_MIN_RATIO * own.max(1)
        || !lib_target
        || published(home)
        || published(other_pkg)
    {
        return None;
    }
    let e = p.with(|mm: &mut Model| mm.crate_of[m] = other);
    if e.crate_cut.after >= e.crate_cut.before {
        return None;
    }
    let path = &g.modules[m].path;
    let saved = e.crate_cut.before - e.crate_cut.after;
    let action = step(
        ActionKind::Move,
        format!("Move `{path}` to `{other_pkg}`"),
        vec![path.clone(), other_pkg.to_string()],
        format!(
            "`{path}` ({}) exchanges {} with `{other_pkg}` and {} with the rest of `{home}`",
            count(g.modules[m].facts.loc as u64, "line", "lines"),
            count(w, "reference", "references"),
            thousands(own)
        ),
        e,
    );
    Some((ActionKind::Move, saved, action))
}

/// Clusters worth extracting: the microservice and nanoservice candidates.
fn extracts(p: &Planner, clusters: &[ClusterAdvice]) -> Vec<Ranked> {
    clusters
        .iter()
        .enumerate()
        .filter_map(|(i, c)| extract(p, i, c))
        .collect()
}

/// The extraction of cluster `i`, when it is a candidate (or the lone one of a modular
/// monolith).
fn extract(p: &Planner, i: usize, c: &ClusterAdvice) -> Option<Ranked> {
    let (g, a) = (p.g, p.a);
    let lone = c.reasons.iter().any(|r| r.metric == "verdict");
    let what = match c.recommendation {
        Recommendation::Microservice => "a service",
        Recommendation::Nanoservice => "a nanoservice",
        Recommendation::Module if lone => "a service",
        _ => return None,
    };
    let members: Vec<usize> = (0..g.modules.len())
        .filter(|&m| a.clustering.assignment[m] == Some(i))
        .collect();
    let new_crate = p.base.crate_of.iter().max().map_or(0, |x| x + 1);
    let e = p.with(|m: &mut Model| {
        for &x in &members {
            m.crate_of[x] = new_crate;
        }
    });
    let crates = crate_names(g, &members).into_iter().collect::<Vec<_>>();
    let reasons: Vec<&str> = c.reasons.iter().map(|r| r.message.as_str()).collect();
    let action = step(
        ActionKind::Extract,
        format!(
            "Extract cluster {} ({}) into {what} of its own",
            i + 1,
            names(&crates)
        ),
        members.iter().map(|&m| g.modules[m].path.clone()).collect(),
        format!(
            "{}; {} and {} would cross its boundary, {} cross it",
            reasons.join("; "),
            count(c.price.remote_calls, "call", "calls"),
            count(c.price.remote_references, "reference", "references"),
            count(c.price.crossing_types.len() as u64, "type", "types")
        ),
        e,
    );
    Some((ActionKind::Extract, a.cluster_metrics[i].loc, action))
}

/// Ranked: by kind, then by size; at most a few of each kind, the rest `capped`. A step
/// whose effect changes no figure is left out (an extraction aside). A cut is kept only when it takes at least
/// `min_share` of its cycle's modules out of cycles (a tangle cut partly may free almost
/// none); its effect is computed here, for the candidates, not for every cycle of the graph.
fn rank_and_keep(
    p: &Planner,
    mut out: Vec<Ranked>,
    cuts: &BTreeMap<String, BTreeSet<(usize, usize)>>,
    min_share: f64,
) -> Steps {
    out.sort_by(|x, y| {
        x.0.cmp(&y.0)
            .then(y.1.cmp(&x.1))
            .then(x.2.title.cmp(&y.2.title))
    });
    let mut wanted = Vec::new();
    for (kind, _, mut a) in out {
        if let Some(cut) = cuts
            .get(&a.subjects.join(" "))
            .filter(|_| kind == ActionKind::BreakCycle)
        {
            a.effect = p.with(|m: &mut Model| m.removed = cut.clone());
            let freed = a
                .effect
                .cycle_modules
                .before
                .saturating_sub(a.effect.cycle_modules.after);
            if freed == 0 || (freed as f64) < min_share * a.subjects.len() as f64 {
                continue;
            }
        }
        // An extraction's effect is a deployment boundary (its price is in the evidence): a
        // cluster that is one crate already changes no figure here and is still a step.
        if a.effect == p.unchanged && kind != ActionKind::Extract {
            continue;
        }
        wanted.push(a);
    }
    cap(wanted)
}

/// The ranked steps kept under the caps (`MAX_ACTIONS`, `MAX_PER_KIND` of a kind), and the
/// rest, in rank order.
fn cap(ranked: Vec<Action>) -> Steps {
    let mut per: BTreeMap<ActionKind, usize> = BTreeMap::new();
    let mut steps = Steps::default();
    for a in ranked {
        let n = per.entry(a.kind).or_insert(0);
        if steps.kept.len() == MAX_ACTIONS || *n == MAX_PER_KIND {
            steps.capped.push(a);
            continue;
        }
        *n += 1;
        steps.kept.push(a);
    }
    steps
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

/// A step with no figures, for tests.
#[cfg(test)]
pub(crate) fn sample(kind: ActionKind, subject: &str) -> Action {
    let c = Change {
        before: 0,
        after: 0,
    };
    let effect = Effect {
        crates: c,
        crate_cut: Change {
            before: 0,
            after: 0,
        },
        cycles: c,
        cycle_modules: c,
        icp: Change {
            before: 0.0,
            after: 0.0,
        },
    };
    step(
        kind,
        format!("{} `{subject}`", kind.as_str()),
        vec![subject.to_string()],
        String::new(),
        effect,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_over_the_per_kind_cap_are_kept_aside_not_dropped() {
        let names = ["a", "b", "c", "d", "e"];
        let steps = cap(names.iter().map(|n| sample(ActionKind::Merge, n)).collect());
        let subjects = |v: &[Action]| v.iter().map(|a| a.subjects[0].clone()).collect::<Vec<_>>();
        assert_eq!(subjects(&steps.kept), ["a", "b", "c"]);
        assert_eq!(subjects(&steps.capped), ["d", "e"]);
    }
}
