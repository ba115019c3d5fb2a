//! `hidden-coupling`: module pairs that change together in most of their commits although
//! neither refers to the other, worst where a proposed service or crate boundary runs between
//! them.

use super::finding::{Finding, Location, Severity};
use super::{RuleId, RuleSet};
use crate::analysis::Analysis;
use crate::history::coupling::CoChange;
use crate::history::HistoryAnalysis;
use crate::model::ModuleGraph;
use crate::workspace::Workspace;

const RULE: RuleId = RuleId::HiddenCoupling;
/// More findings than this would drown the report: the strongest pairs are kept.
pub const MAX_FINDINGS: usize = 50;

pub fn findings(
    ws: &Workspace,
    g: &ModuleGraph,
    a: &Analysis,
    h: &HistoryAnalysis,
    rules: &RuleSet,
) -> Vec<Finding> {
    if !rules.enabled(RULE) || !h.history.available() {
        return Vec::new();
    }
    let min_shared = rules.thresholds.hidden_coupling.min_shared_commits;
    let min_degree = rules.thresholds.hidden_coupling.min_degree;
    let mut hits: Vec<_> = h
        .coupling
        .pairs
        .iter()
        .filter(|p| {
            p.shared as f64 >= min_shared
                && p.degree >= min_degree
                && !p.static_dependency
                // A module and the one declaring it change together when modules are added.
                && g.modules[p.a].parent != Some(p.b)
                && g.modules[p.b].parent != Some(p.a)
        })
        .collect();
    hits.sort_by(|x, y| CoChange::strongest_first(x, y));
    hits.truncate(MAX_FINDINGS);
    let severity = rules.severity(RULE);
    hits.into_iter()
        .map(|p| finding(ws, g, a, h, p, severity))
        .collect()
}

/// The finding of one pair: a note when the two already sit in one cluster and one crate,
/// else the rule's severity, saying what would separate them.
fn finding(
    ws: &Workspace,
    g: &ModuleGraph,
    a: &Analysis,
    h: &HistoryAnalysis,
    p: &CoChange,
    severity: Severity,
) -> Finding {
    let (ma, mb) = (&g.modules[p.a], &g.modules[p.b]);
    let apart = apart(g, a, p);
    let (sev, where_) = if apart.is_empty() {
        (
            Severity::Note,
            "they already sit in one cluster and one crate".to_string(),
        )
    } else {
        (
            severity,
            format!(
                "they sit in {}: a boundary between them would make each such change a distributed one",
                apart.join(" and ")
            ),
        )
    };
    let changes = &h.coupling.modules;
    Finding::new(
        RULE,
        "co-change",
        sev,
        vec![ma.path.clone(), mb.path.clone()],
        format!(
            "`{}` and `{}` changed together in {} commits ({} and {} commits changed each; degree {:.2}) but neither refers to the other; {}",
            ma.path,
            mb.path,
            p.shared,
            changes[p.a].changes,
            changes[p.b].changes,
            p.degree,
            where_
        ),
        Some(Location {
            file: ws.rel(&ma.file),
            line: ma.line,
        }),
    )
}

/// What separates the two modules of a pair: different proposed services, different crates.
fn apart(g: &ModuleGraph, a: &Analysis, p: &CoChange) -> Vec<String> {
    let cluster_name = |c: Option<usize>| match c {
        // Cluster ids as users see them: 1, 2, ... (as in the reports).
        Some(c) => format!("cluster {}", c + 1),
        None => "the shared kernel".to_string(),
    };
    let (ma, mb) = (&g.modules[p.a], &g.modules[p.b]);
    let (ca, cb) = (a.clustering.assignment[p.a], a.clustering.assignment[p.b]);
    let (ka, kb) = (&g.crates[ma.krate].package, &g.crates[mb.krate].package);
    let mut apart = Vec::new();
    // The kernel goes with every service as a library: no boundary separates it.
    if ca != cb && ca.is_some() && cb.is_some() {
        apart.push(format!(
            "different proposed services ({}, {})",
            cluster_name(ca),
            cluster_name(cb)
        ));
    }
    if ka != kb {
        apart.push(format!("different crates (`{ka}`, `{kb}`)"));
    }
    apart
}
