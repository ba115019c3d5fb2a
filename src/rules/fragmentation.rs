//! `over-fragmentation` in the workspace as it is: tiny crates that only one other crate uses
//! and that talk to it more than to themselves, tiny crates the clustering puts together,
//! cycles between crates, and the same module file kept in several crates.

use std::collections::{BTreeMap, BTreeSet};

use super::finding::{Finding, Location};
use super::RuleSet;
use crate::analysis::Analysis;
use crate::model::ModuleGraph;
use crate::workspace::Workspace;

const RULE: &str = "over-fragmentation";

struct Pkg {
    loc: u64,
    internal: u64,
    modules: usize,
    manifest: Option<String>,
    publishable: bool,
}

pub fn findings(ws: &Workspace, g: &ModuleGraph, a: &Analysis, rules: &RuleSet) -> Vec<Finding> {
    if !rules.enabled(RULE) {
        return Vec::new();
    }
    let t = |name: &str| rules.threshold(RULE, name);
    let severity = rules.get(RULE).severity;
    let pkg_of: Vec<&str> = g
        .modules
        .iter()
        .map(|m| g.crates[m.krate].package.as_str())
        .collect();
    let mut pkgs: BTreeMap<&str, Pkg> = BTreeMap::new();
    for p in &ws.packages {
        pkgs.insert(
            p.name.as_str(),
            Pkg {
                loc: 0,
                internal: 0,
                modules: 0,
                manifest: p.manifest.as_deref().map(|m| ws.rel(m)),
                publishable: p.publishable,
            },
        );
    }
    for (i, m) in g.modules.iter().enumerate() {
        if let Some(p) = pkgs.get_mut(pkg_of[i]) {
            p.loc += m.facts.loc as u64;
            p.modules += 1;
        }
    }
    let mut cross: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    let mut users: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut uses: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for e in &g.edges {
        let (a_, b_) = (pkg_of[e.from], pkg_of[e.to]);
        if a_ == b_ {
            if let Some(p) = pkgs.get_mut(a_) {
                p.internal += e.weight as u64;
            }
        } else {
            *cross.entry((a_.min(b_), a_.max(b_))).or_insert(0) += e.weight as u64;
            users.entry(b_).or_default().insert(a_);
            uses.entry(a_).or_default().insert(b_);
        }
    }
    let location = |p: &str| {
        pkgs.get(p)
            .and_then(|x| x.manifest.clone())
            .map(|file| Location { file, line: 1 })
    };
    let tiny = |p: &str| {
        pkgs.get(p)
            .is_some_and(|x| x.modules > 0 && (x.loc as f64) < t("tiny_crate_loc"))
    };
    let mut out = Vec::new();
    let mut reported: BTreeSet<&str> = BTreeSet::new();

    // A tiny crate only one other crate uses, and talks to more than to itself: a link in a
    // chain of crates (it depends on workspace crates itself), or a leaf that is not
    // published (a published leaf may have users outside the workspace).
    for (&name, p) in &pkgs {
        if !tiny(name) {
            continue;
        }
        let Some(us) = users.get(name) else { continue };
        if us.len() != 1 {
            continue;
        }
        let link = uses.get(name).is_some_and(|u| !u.is_empty());
        if !link && p.publishable {
            continue;
        }
        let user = *us.iter().next().expect("one user");
        let between = cross
            .get(&(name.min(user), name.max(user)))
            .copied()
            .unwrap_or(0);
        if (between as f64) < t("min_cross_references")
            || (between as f64) < t("min_cross_ratio") * p.internal as f64
        {
            continue;
        }
        reported.insert(name);
        out.push(Finding::new(
            RULE,
            "tiny-crate",
            severity,
            vec![name.to_string(), user.to_string()],
            format!(
                "crate `{name}` ({} lines of code) is used only by `{user}`, and {between} references cross between them against {} inside it: it cannot be changed without `{user}`; merge `{name}` into `{user}`",
                p.loc, p.internal
            ),
            location(name),
        ));
    }

    // Tiny crates the clustering puts in one cluster: one cohesive unit split in pieces.
    let c = &a.clustering;
    let mut by_cluster: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for (i, cl) in c.assignment.iter().enumerate() {
        if let Some(cl) = cl {
            by_cluster.entry(*cl).or_default().insert(pkg_of[i]);
        }
    }
    for (cl, names) in by_cluster {
        let tinies: Vec<&str> = names.iter().copied().filter(|n| tiny(n)).collect();
        if tinies.len() < 2 || tinies.iter().all(|n| reported.contains(n)) {
            continue;
        }
        let between: u64 = cross
            .iter()
            .filter(|((x, y), _)| tinies.contains(x) && tinies.contains(y))
            .map(|(_, w)| *w)
            .sum();
        let inside: u64 = tinies.iter().map(|n| pkgs[n].internal).sum();
        if (between as f64) < t("min_cross_references")
            || (between as f64) < t("min_cross_ratio") * inside as f64
        {
            continue;
        }
        let loc: u64 = tinies.iter().map(|n| pkgs[n].loc).sum();
        out.push(Finding::new(
            RULE,
            "tiny-crates-one-cluster",
            severity,
            tinies.iter().map(|s| s.to_string()).collect(),
            format!(
                "crates {} ({} lines of code together) form one cohesive unit (cluster {}): {between} references cross between them against {inside} inside them; merge them into one crate",
                tinies.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
                loc,
                cl + 1
            ),
            location(tinies[0]),
        ));
    }

    // Crates in a dependency cycle cannot be built, versioned or released apart.
    for cy in &a.crate_cycles {
        let (names, closing) = a.crate_cycle_names(cy);
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
            location(&names[0]),
        ));
    }

    // The same module file kept in several crates.
    let mut by_hash: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (i, m) in g.modules.iter().enumerate() {
        if !m.inline && m.facts.content_hash != 0 && (m.facts.loc as f64) >= t("duplicate_min_loc")
        {
            by_hash.entry(m.facts.content_hash).or_default().push(i);
        }
    }
    for (_, ms) in by_hash {
        let crates: BTreeSet<&str> = ms.iter().map(|&m| pkg_of[m]).collect();
        if crates.len() < 2 {
            continue;
        }
        let paths: Vec<String> = ms.iter().map(|&m| g.modules[m].path.clone()).collect();
        // A vendored copy in a sound crate is worth knowing, not a warning; between tiny
        // crates it is part of the over-fragmentation.
        let level = if crates.iter().all(|c| tiny(c)) {
            severity
        } else {
            super::Severity::Note
        };
        out.push(Finding::new(
            RULE,
            "duplicated-module",
            level,
            paths.clone(),
            format!(
                "the same code ({} lines) is kept in {} crates: {}; keep it in one crate the others use",
                g.modules[ms[0]].facts.loc,
                crates.len(),
                paths.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
            ),
            Some(Location {
                file: ws.rel(&g.modules[ms[0]].file),
                line: 1,
            }),
        ));
    }
    out.sort_by(|x, y| {
        (&x.rule, &x.subjects, &x.fingerprint).cmp(&(&y.rule, &y.subjects, &y.fingerprint))
    });
    out
}
