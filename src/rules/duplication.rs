//! `duplicated-code`: the same module file kept in several crates. Copies are a trade-off of
//! their own (one shared copy is a public API or a dependency; several must be kept in step),
//! not a sign that crates are split too fine, so they are reported apart from
//! `over-fragmentation`. Generated files (made from one source already) and modules only
//! documentation builds compile (`#[cfg(docsrs)] mod x;`) are no copies anyone maintains.

use std::collections::{BTreeMap, BTreeSet};

use super::finding::{Finding, Location};
use super::{RuleId, RuleSet};
use crate::model::ModuleGraph;
use crate::workspace::Workspace;

const RULE: RuleId = RuleId::DuplicatedCode;

pub fn findings(ws: &Workspace, g: &ModuleGraph, rules: &RuleSet) -> Vec<Finding> {
    if !rules.enabled(RULE) {
        return Vec::new();
    }
    let min_loc = rules.thresholds.duplicated_code.min_loc;
    let severity = rules.severity(RULE);
    let pkg_of = |m: usize| g.crates[g.modules[m].krate].package.as_str();
    let mut by_hash: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (i, m) in g.modules.iter().enumerate() {
        // Data tables count: a copied Unicode table is as much a copy as copied code.
        let size = m.facts.loc + m.facts.generated_loc;
        let maintained = m.facts.generated.is_none() && !m.doc_only;
        if maintained && !m.inline && m.facts.content_hash != 0 && size as f64 >= min_loc {
            by_hash.entry(m.facts.content_hash).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for ms in by_hash.into_values() {
        let crates: BTreeSet<&str> = ms.iter().map(|&m| pkg_of(m)).collect();
        if crates.len() < 2 {
            continue;
        }
        let paths: Vec<String> = ms.iter().map(|&m| g.modules[m].path.clone()).collect();
        let first = &g.modules[ms[0]].facts;
        out.push(Finding::new(
            RULE,
            "duplicated-module",
            severity,
            paths.clone(),
            format!(
                "the same file ({} lines of code) is kept in {} crates ({}): {}; sharing one copy would make it a public API (of one crate or a new one) the others depend on, while keeping the copies means keeping them in step by hand",
                first.loc + first.generated_loc,
                crates.len(),
                crates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", "),
                paths.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
            ),
            Some(Location {
                file: ws.rel(&g.modules[ms[0]].file),
                line: 1,
            }),
        ));
    }
    out.sort_by(|x, y| (&x.subjects, &x.fingerprint).cmp(&(&y.subjects, &y.fingerprint)));
    out
}
