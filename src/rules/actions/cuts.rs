//! The break-cycle steps: which module cycles stand in the way of a split the advice
//! actually recommends (an extraction of a service candidate that would cut through the
//! cycle, a move of a module in it), and for each the lightest set of edges whose removal
//! dissolves it.
//!
//! The cycles are those of `Planner::cycle_adj`: product code, references between a module
//! and its parent or descendants set aside (they are the module tree). A cycle no step runs
//! through stays in the cycles table, whichever clusters it spans: the clusters are the
//! tool's own grouping, not a split anyone asked for.

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

/// The cycles of the product that stand in the way of one of the `other` steps, largest
/// first, each with the lightest cuts that dissolve it.
pub(super) fn break_cycles(p: &Planner, other: &[Ranked]) -> CycleSteps {
    let mut out = CycleSteps {
        steps: Vec::new(),
        cuts: BTreeMap::new(),
    };
    for cy in &cycles(p.g.modules.len(), &p.cycle_adj) {
        let Some(stake) = stake(p, cy, other) else {
            continue;
        };
        let (step, cut) = break_cycle(p, cy, &stake);
        out.cuts.insert(step.subjects.join(" "), cut);
        out.steps
            .push((ActionKind::BreakCycle, cy.members.len() as u64, step));
    }
    out
}

/// What the cycle stands in the way of, in words; `None` when no other step runs through
/// it. Clusters alone do not make a cycle a step, in any workspace: a cycle across them is
/// often the code's design (a recursive syntax tree, a type and its builder, a facade and
/// the engine under it), and only a split the advice recommends is in its way.
fn stake(p: &Planner, cy: &Cycle, other: &[Ranked]) -> Option<String> {
    let g = p.g;
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
            // A module to move that is in the cycle.
            ActionKind::Move => s
                .subjects
                .first()
                .is_some_and(|m| paths.contains(m.as_str())),
            ActionKind::Merge | ActionKind::BreakCycle => false,
        };
        blocks.then(|| format!("it stands in the way of the step \"{}\"", s.title))
    })
}

/// The lightest set of the cycle's edges whose removal leaves its members without a cycle:
/// the lightest edge still on a cycle is removed until none is left, then every removed
/// edge whose return closes no cycle is put back, heaviest first. Lightest first.
fn lightest_cuts(cy: &Cycle, weight: impl Fn(usize, usize) -> u32) -> Vec<(usize, usize)> {
    let pos = positions(cy);
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

/// Each member's index in the cycle's member list.
fn positions(cy: &Cycle) -> BTreeMap<usize, usize> {
    cy.members
        .iter()
        .enumerate()
        .map(|(i, &m)| (m, i))
        .collect()
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
    let moved = item_move(p, cy);
    let all = match &moved {
        Some((x, y, _)) => vec![(*x, *y)],
        None => lightest_cuts(cy, |x, y| p.weight(x, y)),
    };
    let mut chosen = all.clone();
    chosen.truncate(MAX_CUT_EDGES);
    let cut: BTreeSet<(usize, usize)> = chosen.iter().copied().collect();
    let pos = positions(cy);
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
    let title = title(p, cy, moved.as_ref(), broken, edges.len(), all.len());
    let evidence = format!(
        "{} depend on each other in a cycle{}; {stake}. {} {} carry {}: {}",
        names(&members),
        in_the_table(p, cy),
        if moved.is_some() {
            "The edge those items make, whose removal"
        } else {
            "The lightest edges whose removal"
        },
        if broken {
            "dissolves it"
        } else {
            "starts to dissolve it"
        },
        count(
            edges.iter().map(|e| e.weight as u64).sum(),
            "reference",
            "references"
        ),
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

/// The step's title: the move of the one or two items that close a two-module cycle, else
/// the cut ("Break …" only when `broken`; a tangle: "Start untangling …").
fn title(
    p: &Planner,
    cy: &Cycle,
    moved: Option<&(usize, usize, Vec<String>)>,
    broken: bool,
    cuts: usize,
    all: usize,
) -> String {
    let g = p.g;
    let crates = names(&crate_names(g, &cy.members).into_iter().collect::<Vec<_>>());
    let modules = count(cy.members.len() as u64, "module", "modules");
    if let Some((x, y, items)) = moved {
        let (a, b) = (&g.modules[*x].path, &g.modules[*y].path);
        let shown: Vec<&str> = items.iter().map(String::as_str).collect();
        let which = if items.len() == 1 {
            "the one item"
        } else {
            "the two items"
        };
        return format!(
            "Break the cycle of {modules} in {crates} by moving {} ({which} `{a}` takes from `{b}`) out of `{b}`",
            names(&shown)
        );
    }
    if broken {
        format!(
            "Break the cycle of {modules} in {crates} by cutting {}",
            count(cuts as u64, "edge", "edges")
        )
    } else {
        format!(
            "Start untangling the cycle of {modules} in {crates}: cut the {cuts} lightest of the {all} edges that dissolve it"
        )
    }
}

/// Of a two-module cycle, the direction carried by one or two imported items (`Edge::items`),
/// with them: the direction with fewer items, then fewer references. Moving those items out
/// of their module dissolves the cycle; a cut edge says less than which items to move.
fn item_move(p: &Planner, cy: &Cycle) -> Option<(usize, usize, Vec<String>)> {
    let [a, b] = cy.members[..] else {
        return None;
    };
    let items = |x: usize, y: usize| -> Vec<String> {
        p.g.edges
            .iter()
            .find(|e| e.from == x && e.to == y)
            .map(|e| e.items.keys().cloned().collect())
            .unwrap_or_default()
    };
    let sides = [(a, b, items(a, b)), (b, a, items(b, a))];
    fewer_items(sides, |x, y| p.weight(x, y))
}

/// The side of `sides` with one or two items, fewer than the other's, then lighter.
fn fewer_items(
    sides: [(usize, usize, Vec<String>); 2],
    weight: impl Fn(usize, usize) -> u32,
) -> Option<(usize, usize, Vec<String>)> {
    sides
        .into_iter()
        .filter(|(_, _, it)| (1..=2).contains(&it.len()))
        .min_by_key(|(x, y, it)| (it.len(), weight(*x, *y), *x, *y))
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
    fn a_two_module_cycle_carried_by_one_item_moves_that_item() {
        // semantics → source_analyzer: 3 items, 2 references; the reverse: one item
        // (`PathResolution`), 5 references: move the one item, not the lighter edge.
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let w = |x: usize, _: usize| if x == 0 { 2 } else { 5 };
        let sides = [
            (0, 1, items(&["A", "B", "C"])),
            (1, 0, items(&["PathResolution"])),
        ];
        assert_eq!(
            fewer_items(sides, w),
            Some((1, 0, items(&["PathResolution"])))
        );
        // Three items each way: a cut, not a move.
        let sides = [
            (0, 1, items(&["A", "B", "C"])),
            (1, 0, items(&["D", "E", "F"])),
        ];
        assert_eq!(fewer_items(sides, w), None);
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
