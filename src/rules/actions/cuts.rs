//! The break-cycle steps: which module cycles stand in the way of something the advice
//! draws or proposes (a boundary between clusters, an extraction, a split, a move), and for
//! each the lightest set of edges whose removal dissolves it.
//!
//! The cycles are those of `Planner::cycle_adj`: product code, references between a module
//! and its parent or descendants set aside (they are the module tree). A cycle inside one
//! cluster that no step touches stays in the cycles table; it is no next step.

use std::collections::{BTreeMap, BTreeSet};

use super::MAX_CUT_EDGES;
use super::{at, crate_names, where_used, Action, ActionKind, CutEdge, Planner, Ranked};
use crate::analysis::cycles::{components_of, cycles};
use crate::analysis::Cycle;
use crate::words::{count, names};

/// The cycle steps, and the edges each would cut (by its subjects).
pub(super) struct CycleSteps {
    pub steps: Vec<Ranked>,
    pub cuts: BTreeMap<String, BTreeSet<(usize, usize)>>,
}

/// The cycles of the product that stand in the way of a boundary the clustering draws or
/// of one of the `other` steps, largest first, each with the lightest cuts that dissolve it.
pub(super) fn break_cycles(p: &Planner, other: &[Ranked]) -> CycleSteps {
    let mut out = CycleSteps {
        steps: Vec::new(),
        cuts: BTreeMap::new(),
    };
    use crate::model::roles::{workspace_kind, WorkspaceKind};
    let library = workspace_kind(p.ws, &p.g.roles) == WorkspaceKind::Library;
    for cy in &cycles(p.g.modules.len(), &p.cycle_adj) {
        let Some(stake) = stake(p, cy, library, other) else {
            continue;
        };
        let (step, cut) = break_cycle(p, cy, &stake);
        out.cuts.insert(step.subjects.join(" "), cut);
        out.steps
            .push((ActionKind::BreakCycle, cy.members.len() as u64, step));
    }
    out
}

/// What the cycle stands in the way of, in words; `None` when nothing: its modules sit in
/// one cluster (or that and the shared kernel) and no other step involves them. In a
/// library workspace the clusters are module boundaries inside crates its users link, and
/// a cycle across them, inside one crate, is the library's design (a recursive syntax
/// tree, a type and its builder): only another step makes it one.
fn stake(p: &Planner, cy: &Cycle, library: bool, other: &[Ranked]) -> Option<String> {
    let g = p.g;
    let clusters: BTreeSet<usize> = cy
        .members
        .iter()
        .filter_map(|&m| p.a.clustering.assignment[m])
        .collect();
    if clusters.len() > 1 && !library {
        let ids: Vec<String> = clusters.iter().map(|c| format!("{}", c + 1)).collect();
        return Some(format!(
            "its modules sit in clusters {}, so the boundary drawn between them is crossed both ways",
            and_list(&ids)
        ));
    }
    let paths: BTreeSet<&str> = cy
        .members
        .iter()
        .map(|&m| g.modules[m].path.as_str())
        .collect();
    other.iter().find_map(|(kind, _, s)| {
        let inside = s
            .subjects
            .iter()
            .filter(|x| paths.contains(x.as_str()))
            .count();
        let blocks = match kind {
            // An extraction takes a whole cycle along; one it would cut through is in its way.
            ActionKind::Extract => inside > 0 && inside < paths.len(),
            // A module to split or to move that is in the cycle.
            ActionKind::Split => inside > 0,
            ActionKind::Move => s
                .subjects
                .first()
                .is_some_and(|m| paths.contains(m.as_str())),
            ActionKind::Merge | ActionKind::BreakCycle => false,
        };
        blocks.then(|| format!("it stands in the way of the step \"{}\"", s.title))
    })
}

/// "1", "1 and 2", "1, 2 and 3".
fn and_list(v: &[String]) -> String {
    match v {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The lightest set of the cycle's edges whose removal leaves its members without a cycle:
/// the lightest edge still on a cycle is removed until none is left, then every removed
/// edge whose return closes no cycle is put back, heaviest first. Lightest first.
fn lightest_cuts(cy: &Cycle, weight: impl Fn(usize, usize) -> u32) -> Vec<(usize, usize)> {
    let pos: BTreeMap<usize, usize> = cy
        .members
        .iter()
        .enumerate()
        .map(|(i, &m)| (m, i))
        .collect();
    let mut kept: BTreeSet<(usize, usize)> = cy.edges.iter().copied().collect();
    let mut removed = Vec::new();
    loop {
        let comp = local_components(&pos, &kept);
        let lightest = kept
            .iter()
            .filter(|(x, y)| comp[pos[x]] == comp[pos[y]])
            .min_by_key(|&&(x, y)| (weight(x, y), x, y))
            .copied();
        let Some(e) = lightest else { break };
        kept.remove(&e);
        removed.push(e);
    }
    removed.sort_by_key(|&(x, y)| (std::cmp::Reverse(weight(x, y)), x, y));
    let mut cut = Vec::new();
    for (x, y) in removed {
        if reaches(&kept, y, x) {
            cut.push((x, y));
        } else {
            kept.insert((x, y));
        }
    }
    cut.sort_by_key(|&(x, y)| (weight(x, y), x, y));
    cut
}

/// The strongly connected component of each member (by its position) under `edges`.
fn local_components(pos: &BTreeMap<usize, usize>, edges: &BTreeSet<(usize, usize)>) -> Vec<usize> {
    let mut adj = vec![Vec::new(); pos.len()];
    for (x, y) in edges {
        adj[pos[x]].push(pos[y]);
    }
    components_of(pos.len(), &adj)
}

/// Whether `to` can be reached from `from` along `edges`.
fn reaches(edges: &BTreeSet<(usize, usize)>, from: usize, to: usize) -> bool {
    let mut seen = BTreeSet::from([from]);
    let mut stack = vec![from];
    while let Some(v) = stack.pop() {
        if v == to {
            return true;
        }
        for &(_, w) in edges.range((v, 0)..=(v, usize::MAX)) {
            if seen.insert(w) {
                stack.push(w);
            }
        }
    }
    false
}

/// Whether, without `cut`, no two members of the cycle are in a cycle together.
fn dissolved(pos: &BTreeMap<usize, usize>, cy: &Cycle, cut: &BTreeSet<(usize, usize)>) -> bool {
    let rest: BTreeSet<(usize, usize)> = cy
        .edges
        .iter()
        .copied()
        .filter(|e| !cut.contains(e))
        .collect();
    let comp = local_components(pos, &rest);
    comp.iter().collect::<BTreeSet<_>>().len() == comp.len()
}

/// How the cycle relates to the cycles table (which counts every reference): the same, or
/// part of a larger cycle there.
fn in_the_table(p: &Planner, cy: &Cycle) -> String {
    let Some(t) =
        p.a.cycles
            .iter()
            .find(|t| t.members.binary_search(&cy.members[0]).is_ok())
    else {
        return String::new();
    };
    if t.members.len() == cy.members.len() {
        return String::new();
    }
    format!(
        " ({} of the {} modules of a cycle in the cycles table: the others are in that one only through references between a module and its parent or descendants, `use super::…` or `pub use self::…`, which are the module tree and not set to be cut{})",
        cy.members.len(),
        t.members.len(),
        if t.members.iter().any(|&m| !p.is_product(m)) {
            ", or through code outside the product"
        } else {
            ""
        }
    )
}

/// The step that breaks one cycle (a tangle: starts with the lightest of its cuts), and
/// the edges it cuts.
fn break_cycle(p: &Planner, cy: &Cycle, stake: &str) -> (Action, BTreeSet<(usize, usize)>) {
    let g = p.g;
    let all = lightest_cuts(cy, |x, y| p.weight(x, y));
    let mut chosen = all.clone();
    chosen.truncate(MAX_CUT_EDGES);
    let cut: BTreeSet<(usize, usize)> = chosen.iter().copied().collect();
    let pos: BTreeMap<usize, usize> = cy
        .members
        .iter()
        .enumerate()
        .map(|(i, &m)| (m, i))
        .collect();
    let broken = dissolved(&pos, cy, &cut);
    let edges: Vec<CutEdge> = chosen
        .iter()
        .map(|&(x, y)| {
            let (file, line) = where_used(p.ws, g, x, y);
            CutEdge {
                from: g.modules[x].path.clone(),
                to: g.modules[y].path.clone(),
                file,
                line,
                weight: p.weight(x, y),
            }
        })
        .collect();
    let members: Vec<&str> = cy
        .members
        .iter()
        .map(|&m| g.modules[m].path.as_str())
        .collect();
    let crates = names(&crate_names(g, &cy.members).into_iter().collect::<Vec<_>>());
    let modules = count(cy.members.len() as u64, "module", "modules");
    let title = if broken {
        format!(
            "Break the cycle of {modules} in {crates} by cutting {}",
            count(edges.len() as u64, "edge", "edges")
        )
    } else {
        format!(
            "Start untangling the cycle of {modules} in {crates}: cut the {} lightest of the {} edges that dissolve it",
            edges.len(),
            all.len()
        )
    };
    let evidence = format!(
        "{} depend on each other in a cycle{}; {stake}. The lightest edges whose removal {} carry {}: {}",
        names(&members),
        in_the_table(p, cy),
        if broken { "dissolves it" } else { "starts to dissolve it" },
        count(edges.iter().map(|e| e.weight as u64).sum(), "reference", "references"),
        shown_cuts(p, &chosen, &edges),
    );
    let action = Action {
        kind: ActionKind::BreakCycle,
        title,
        subjects: members.iter().map(|s| s.to_string()).collect(),
        evidence,
        edges,
        effect: p.unchanged.clone(),
    };
    (action, cut)
}

/// The first three cuts in words, each with the reverse edge it keeps when there is one
/// ("`a` → `b` (a.rs:3, 1 reference, rather than `b` → `a`, 87)").
fn shown_cuts(p: &Planner, chosen: &[(usize, usize)], edges: &[CutEdge]) -> String {
    let mut shown: Vec<String> = chosen
        .iter()
        .zip(edges)
        .take(3)
        .map(|(&(x, y), e)| {
            let refs = count(e.weight as u64, "reference", "references");
            let back = p.weight(y, x);
            if back > 0 && p.cycle_adj[y].binary_search(&x).is_ok() && !chosen.contains(&(y, x)) {
                format!(
                    "`{}` → `{}` ({}, {refs}, rather than `{}` → `{}`, {back})",
                    e.from,
                    e.to,
                    at(&e.file, e.line),
                    e.to,
                    e.from
                )
            } else {
                format!(
                    "`{}` → `{}` ({}, {refs})",
                    e.from,
                    e.to,
                    at(&e.file, e.line)
                )
            }
        })
        .collect();
    if edges.len() > 3 {
        shown.push(format!("and {} more", edges.len() - 3));
    }
    shown.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cycle(edges: &[(usize, usize)]) -> Cycle {
        let members: BTreeSet<usize> = edges.iter().flat_map(|&(x, y)| [x, y]).collect();
        Cycle {
            members: members.into_iter().collect(),
            edges: edges.to_vec(),
            closing: Vec::new(),
        }
    }

    #[test]
    fn a_two_module_cycle_is_cut_on_its_lighter_side() {
        // check → ast carries 87 references, ast → check one.
        let cy = cycle(&[(0, 1), (1, 0)]);
        let w = |x: usize, _: usize| if x == 0 { 87 } else { 1 };
        assert_eq!(lightest_cuts(&cy, w), vec![(1, 0)]);
    }

    #[test]
    fn cuts_dissolve_the_cycle_and_put_back_what_closes_none() {
        // 0 ↔ 1 and 1 → 0 → 2 → 1: the lightest 0 → 1 (1) goes first, then 1 → 0 (3), the
        // lightest of what still cycles; with 1 → 0 gone, 0 → 1 closes no cycle: put back.
        let cy = cycle(&[(0, 1), (1, 0), (0, 2), (2, 1)]);
        let w = |x: usize, y: usize| match (x, y) {
            (0, 1) => 1,
            (1, 0) => 3,
            (0, 2) => 4,
            _ => 5,
        };
        let cut = lightest_cuts(&cy, w);
        assert_eq!(cut, vec![(1, 0)]);
        let pos = cy
            .members
            .iter()
            .enumerate()
            .map(|(i, &m)| (m, i))
            .collect();
        assert!(dissolved(&pos, &cy, &cut.into_iter().collect()));
        assert!(!dissolved(&pos, &cy, &BTreeSet::from([(0, 1)])));
    }
}
