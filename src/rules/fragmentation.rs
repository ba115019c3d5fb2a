//! `over-fragmentation` in the workspace as it is: crates whose boundary buys nothing (the
//! model of `boundary.rs`, each finding naming the crate, the crate to merge it into and the
//! evidence), and crates in a dependency cycle.

use super::boundary;
use super::finding::{Finding, Location};
use super::{RuleId, RuleSet};
use crate::analysis::Analysis;
use crate::model::ModuleGraph;
use crate::workspace::Workspace;

const RULE: RuleId = RuleId::OverFragmentation;

/// The repository-relative manifest of a package, as a finding's location.
pub(crate) fn manifest_of(ws: &Workspace, name: &str) -> Option<Location> {
    ws.packages
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.manifest.as_deref())
        .map(|m| Location {
            file: ws.rel(m),
            line: 1,
        })
}

pub fn findings(ws: &Workspace, g: &ModuleGraph, a: &Analysis, rules: &RuleSet) -> Vec<Finding> {
    if !rules.enabled(RULE) {
        return Vec::new();
    }
    let severity = rules.severity(RULE);
    let mut out: Vec<Finding> = boundary::assess(ws, g, rules)
        .into_iter()
        .map(|m| {
            Finding::new(
                RULE,
                m.signal.as_str(),
                severity,
                vec![m.krate.clone(), m.into.clone()],
                m.evidence,
                manifest_of(ws, &m.krate),
            )
            .with_into(&m.into)
        })
        .collect();

    // Crates of one project in a dependency cycle cannot be built, versioned or released
    // apart.
    for cy in &a.crate_cycles {
        let (names, closing) = a.crate_cycle_names(cy);
        if !boundary::one_repository(ws, names.iter().map(String::as_str)) {
            continue;
        }
        out.push(Finding::new(
            RULE,
            "crate-cycle",
            severity,
            names.clone(),
            format!(
                "crates {} depend on each other in a cycle: none can be built, versioned or released without the others; merge them or break the cycle at {}",
                names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
                closing.join(", ")
            ),
            manifest_of(ws, &names[0]),
        ));
    }
    out.sort_by(|x, y| {
        (&x.rule, &x.subjects, &x.fingerprint).cmp(&(&y.rule, &y.subjects, &y.fingerprint))
    });
    out
}
