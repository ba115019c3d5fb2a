//! `god-module`: modules and crates that do too much. A module that is large, used from many
//! places and reaches into many others; a crate holding a large share of the product in many
//! modules that mostly talk to other crates. Product code only: tooling, tests and generated
//! code are not where an architect looks first.

use std::collections::BTreeSet;

use super::finding::{Finding, Location, Severity};
use super::registry::t::GodModule;
use super::{RuleId, RuleSet};
use crate::model::ModuleGraph;
use crate::workspace::Workspace;

const RULE: RuleId = RuleId::GodModule;

pub fn findings(ws: &Workspace, g: &ModuleGraph, rules: &RuleSet) -> Vec<Finding> {
    if !rules.enabled(RULE) {
        return Vec::new();
    }
    let scope = Scope {
        ws,
        g,
        product: g.product_targets(),
        t: &rules.thresholds.god_module,
        severity: rules.severity(RULE),
    };
    let mut out = god_modules(&scope);
    out.extend(god_crates(&scope));
    out
}

/// What both kinds of finding read.
struct Scope<'a> {
    ws: &'a Workspace,
    g: &'a ModuleGraph,
    /// Per target: product code.
    product: Vec<bool>,
    t: &'a GodModule,
    severity: Severity,
}

impl Scope<'_> {
    fn in_product(&self, m: usize) -> bool {
        self.product[self.g.modules[m].krate]
    }
}

/// Modules that are large, used by many product modules and using many, largest first.
fn god_modules(s: &Scope) -> Vec<Finding> {
    let (ws, g, t, severity) = (s.ws, s.g, s.t, s.severity);
    let in_product = |m: usize| s.in_product(m);
    let n = g.modules.len();
    let mut fan_in: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    let mut fan_out: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    for e in &g.edges {
        if in_product(e.from) && in_product(e.to) {
            fan_in[e.to].insert(e.from);
            fan_out[e.from].insert(e.to);
        }
    }
    let mut modules: Vec<usize> = (0..n)
        .filter(|&m| {
            in_product(m)
                && g.modules[m].facts.loc as f64 >= t.min_loc
                && fan_in[m].len() as f64 >= t.min_fan_in
                && fan_out[m].len() as f64 >= t.min_fan_out
        })
        .collect();
    // Largest first, so the worst is read first.
    modules.sort_by_key(|&m| (std::cmp::Reverse(g.modules[m].facts.loc), m));
    modules
        .into_iter()
        .map(|m| {
            let module = &g.modules[m];
            Finding::new(
                RULE,
                "module",
                severity,
                vec![module.path.clone()],
                format!(
                    "`{}` is a god module: {} lines of code and {} items, used by {} modules and using {}; {}",
                    module.path,
                    crate::words::thousands(module.facts.loc as u64),
                    module.facts.items.len(),
                    fan_in[m].len(),
                    fan_out[m].len(),
                    why_no_step(s, m)
                ),
                Some(Location {
                    file: ws.rel(&module.file),
                    line: module.line,
                }),
            )
        })
        .collect()
}

/// What to do about god module `m`, and why it is a finding and not a next step: a module
/// with child modules of its own is split already (its file is what they share); for the
/// others, how to split is not in the dependency graph, so no effect could be measured.
fn why_no_step(s: &Scope, m: usize) -> String {
    let g = s.g;
    let children = g
        .modules
        .iter()
        .filter(|c| c.parent == Some(m) && s.product[c.krate])
        .count();
    if children > 0 {
        format!(
            "it already has {} of its own, so it is split already and no next step: keep what stays in its own file to what they share",
            crate::words::count(children as u64, "child module", "child modules")
        )
    } else {
        "split it by responsibility before drawing any boundary near it (a finding, not a next step: the dependency graph does not tell how to split it, so no effect of a split can be measured)".to_string()
    }
}

/// Crates holding a large share of the product in many modules that mostly use other
/// crates (size, breadth and how much of their talk stays inside), in name order.
fn god_crates(s: &Scope) -> Vec<Finding> {
    let (ws, g, t, severity) = (s.ws, s.g, s.t, s.severity);
    let in_product = |m: usize| s.in_product(m);
    let total: u64 = (0..g.modules.len())
        .filter(|&m| in_product(m))
        .map(|m| g.modules[m].facts.loc as u64)
        .sum();
    let pkgs = super::product_packages(g, &s.product);
    if pkgs.len() < 2 || total == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for pkg in pkgs {
        let of = |m: usize| g.crates[g.modules[m].krate].package == pkg;
        let members: Vec<usize> = (0..g.modules.len()).filter(|&m| of(m)).collect();
        let loc: u64 = members.iter().map(|&m| g.modules[m].facts.loc as u64).sum();
        let (mut inside, mut outward) = (0u64, 0u64);
        for e in g.edges.iter().filter(|e| of(e.from) && in_product(e.to)) {
            if of(e.to) {
                inside += e.weight as u64;
            } else {
                outward += e.weight as u64;
            }
        }
        let share = loc as f64 / total as f64;
        let cohesion = inside as f64 / (inside + outward).max(1) as f64;
        if share < t.min_crate_share
            || (members.len() as f64) < t.min_crate_modules
            || cohesion > t.max_crate_cohesion
        {
            continue;
        }
        let root = g
            .crates
            .iter()
            .find(|c| c.package == pkg)
            .map(|c| &g.modules[c.root]);
        out.push(Finding::new(
            RULE,
            "crate",
            severity,
            vec![pkg.to_string()],
            format!(
                "`{pkg}` is a god crate: {:.0}% of the product's code ({} lines) in {} modules that mostly use other crates rather than each other (only {:.0}% of its references stay inside); the hotspot to watch, and to split by feature area when its owners or build times suffer",
                share * 100.0,
                crate::words::thousands(loc),
                members.len(),
                cohesion * 100.0
            ),
            root.map(|r| Location {
                file: ws.rel(&r.file),
                line: r.line,
            }),
        ));
    }
    out
}
