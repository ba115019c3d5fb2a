//! A recommendation for every cluster (monolith, microservice or nanoservice) with its
//! reasons, the price of its boundary, and the verdict for the whole codebase.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::RuleSet;
use crate::analysis::Analysis;
use crate::model::ModuleGraph;
use crate::parse::ItemKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Recommendation {
    Monolith,
    Microservice,
    Nanoservice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Monolith,
    ModularMonolith,
    Microservices,
    Hybrid,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Monolith => "monolith",
            Verdict::ModularMonolith => "modular-monolith",
            Verdict::Microservices => "microservices",
            Verdict::Hybrid => "hybrid",
        }
    }
}

impl Recommendation {
    pub fn as_str(self) -> &'static str {
        match self {
            Recommendation::Monolith => "monolith",
            Recommendation::Microservice => "microservice",
            Recommendation::Nanoservice => "nanoservice",
        }
    }
}

/// Why: the rule, the metric it read, the threshold and the measured value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub rule: String,
    pub metric: String,
    pub threshold: Option<f64>,
    pub value: f64,
    pub message: String,
}

fn reason(rule: &str, metric: &str, threshold: Option<f64>, value: f64, message: String) -> Reason {
    Reason {
        rule: rule.to_string(),
        metric: metric.to_string(),
        threshold,
        value: crate::analysis::metrics::round4(value),
        message,
    }
}

/// What a boundary around the cluster would cost.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Price {
    /// References between this cluster and the other clusters (the kernel excepted): each
    /// would become a remote call.
    pub remote_references: u64,
    /// Items of this cluster other clusters use (`module::Item`): its API.
    pub entry_points: Vec<String>,
    /// Types crossing the boundary in either direction: the contract to serialize and version.
    pub crossing_types: Vec<String>,
    /// State of this cluster other clusters use: it would have to be split.
    pub shared_state: Vec<String>,
    /// Ids of the clusters that use this one.
    pub client_clusters: Vec<usize>,
    /// Modules outside it (the kernel excepted) it depends on.
    pub dependencies: usize,
    /// Its cohesion as a service: references inside it over those inside plus the remote
    /// ones (references into the shared kernel become library calls and count on neither side).
    pub service_cohesion: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterAdvice {
    pub recommendation: Recommendation,
    pub reasons: Vec<Reason>,
    pub price: Price,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerdictAdvice {
    pub verdict: Verdict,
    pub rationale: String,
    pub reasons: Vec<Reason>,
}

/// The price of every cluster's boundary.
pub fn prices(g: &ModuleGraph, a: &Analysis) -> Vec<Price> {
    let c = &a.clustering;
    let mut out = vec![Price::default(); c.k];
    let mut entry: Vec<BTreeSet<String>> = vec![BTreeSet::new(); c.k];
    let mut types: Vec<BTreeSet<String>> = vec![BTreeSet::new(); c.k];
    let mut state: Vec<BTreeSet<String>> = vec![BTreeSet::new(); c.k];
    let mut clients: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); c.k];
    let mut deps: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); c.k];
    let kind_of = |m: usize, name: &str| {
        g.modules[m]
            .facts
            .items
            .iter()
            .find(|i| i.name == name)
            .map(|i| i.kind)
    };
    let is_type = |k: Option<ItemKind>| {
        matches!(
            k,
            Some(
                ItemKind::Struct
                    | ItemKind::Enum
                    | ItemKind::Union
                    | ItemKind::Trait
                    | ItemKind::Type
            )
        )
    };
    for e in &g.edges {
        let (Some(from), Some(to)) = (c.assignment[e.from], c.assignment[e.to]) else {
            continue;
        };
        if from == to {
            continue;
        }
        let w = e.weight as u64;
        out[from].remote_references += w;
        out[to].remote_references += w;
        clients[to].insert(from);
        deps[from].insert(e.to);
        let target = &g.modules[e.to];
        for name in e.items.keys() {
            let full = format!("{}::{name}", target.path);
            entry[to].insert(full.clone());
            if is_type(kind_of(e.to, name)) {
                types[to].insert(full.clone());
                types[from].insert(full.clone());
            }
            if target.facts.state.iter().any(|s| &s.name == name) {
                state[to].insert(full);
            }
        }
    }
    for (i, p) in out.iter_mut().enumerate() {
        p.entry_points = entry[i].iter().cloned().collect();
        p.crossing_types = types[i].iter().cloned().collect();
        p.shared_state = state[i].iter().cloned().collect();
        p.client_clusters = clients[i].iter().map(|&x| x + 1).collect();
        p.dependencies = deps[i].len();
        let inside = a.cluster_metrics[i].internal_weight;
        p.service_cohesion = if inside + p.remote_references == 0 {
            0.0
        } else {
            crate::analysis::metrics::round4(inside as f64 / (inside + p.remote_references) as f64)
        };
    }
    out
}

/// For every cluster, whether it sits in a dependency cycle with other clusters, carried by
/// at least `min_refs` references per edge.
fn clusters_in_cycles(g: &ModuleGraph, a: &Analysis, min_refs: f64) -> Vec<bool> {
    let c = &a.clustering;
    let mut w: BTreeMap<(usize, usize), u64> = BTreeMap::new();
    for e in &g.edges {
        if let (Some(x), Some(y)) = (c.assignment[e.from], c.assignment[e.to]) {
            if x != y {
                *w.entry((x, y)).or_insert(0) += e.weight as u64;
            }
        }
    }
    let mut adj = vec![Vec::new(); c.k];
    for (&(x, y), &n) in &w {
        if n as f64 >= min_refs {
            adj[x].push(y);
        }
    }
    let mut out = vec![false; c.k];
    for cy in crate::analysis::cycles::cycles(c.k, &adj) {
        for m in cy.members {
            out[m] = true;
        }
    }
    out
}

/// A recommendation for each cluster, in cluster order.
pub fn recommend(
    g: &ModuleGraph,
    a: &Analysis,
    rules: &RuleSet,
    prices: &[Price],
    ownership: Option<&[crate::history::coupling::Ownership]>,
) -> Vec<ClusterAdvice> {
    // Clusters some author calls home: more than one means the code is owned in parts.
    let homes = ownership.map_or(0, |o| o.iter().filter(|x| x.own_team_share > 0.0).count());
    let t = |id: &str, name: &str| rules.threshold(id, name);
    let total_loc: u64 = g.modules.iter().map(|m| m.facts.loc as u64).sum();
    let cyclic = clusters_in_cycles(g, a, t("cyclic-services", "min_cycle_references"));
    let mut state_per_cluster = vec![0usize; a.clustering.k];
    for (m, c) in a.clustering.assignment.iter().enumerate() {
        if let Some(c) = c {
            state_per_cluster[*c] += g.modules[m].facts.state.len();
        }
    }
    let mut out = Vec::new();
    for (i, m) in a.cluster_metrics.iter().enumerate() {
        let p = &prices[i];
        let state_items = state_per_cluster[i];
        let loc = m.loc as f64;
        let cohesion = p.service_cohesion;
        let mut blockers: Vec<Reason> = Vec::new();
        if rules.enabled("cyclic-services") && cyclic[i] {
            blockers.push(reason(
                "cyclic-services",
                "cycle_clusters",
                Some(0.0),
                1.0,
                "it is in a dependency cycle with other clusters: none of them could be deployed alone".into(),
            ));
        }
        let own = ownership.map(|o| &o[i]);
        let crossing = "change-crossing";
        if let Some(o) = own.filter(|o| {
            rules.enabled(crossing)
                && o.changes as f64 >= t(crossing, "min_changes")
                && o.crossing_share > t(crossing, "max_crossing_share")
        }) {
            blockers.push(reason(
                crossing,
                "crossing_share",
                Some(t(crossing, "max_crossing_share")),
                o.crossing_share,
                format!(
                    "most of its changes reach other clusters: {:.0}% of its {} commits also changed another cluster",
                    o.crossing_share * 100.0,
                    o.changes
                ),
            ));
        }
        // Nanoservice: every condition must hold.
        let nano = "nanoservice-candidate";
        if rules.enabled(nano) && blockers.is_empty() {
            let checks = [
                (
                    loc <= t(nano, "max_loc"),
                    reason(
                        nano,
                        "loc",
                        Some(t(nano, "max_loc")),
                        loc,
                        format!("small: {} lines of code", m.loc),
                    ),
                ),
                (
                    p.entry_points.len() as f64 <= t(nano, "max_entry_points")
                        && !p.entry_points.is_empty(),
                    reason(
                        nano,
                        "entry_points",
                        Some(t(nano, "max_entry_points")),
                        p.entry_points.len() as f64,
                        format!(
                            "a narrow API: {} item(s) used from outside",
                            p.entry_points.len()
                        ),
                    ),
                ),
                (
                    p.dependencies as f64 <= t(nano, "max_dependencies"),
                    reason(
                        nano,
                        "dependencies",
                        Some(t(nano, "max_dependencies")),
                        p.dependencies as f64,
                        format!(
                            "self-contained: depends on {} module(s) outside it",
                            p.dependencies
                        ),
                    ),
                ),
                (
                    state_items == 0,
                    reason(
                        nano,
                        "state",
                        Some(0.0),
                        state_items as f64,
                        "stateless".into(),
                    ),
                ),
                (
                    p.client_clusters.len() as f64 >= t(nano, "min_client_clusters"),
                    reason(
                        nano,
                        "client_clusters",
                        Some(t(nano, "min_client_clusters")),
                        p.client_clusters.len() as f64,
                        format!("reused by {} other clusters", p.client_clusters.len()),
                    ),
                ),
                (
                    p.remote_references as f64 <= t(nano, "max_remote_references"),
                    reason(
                        nano,
                        "remote_references",
                        Some(t(nano, "max_remote_references")),
                        p.remote_references as f64,
                        format!(
                            "not chatty: {} references would become remote calls",
                            p.remote_references
                        ),
                    ),
                ),
            ];
            if checks.iter().all(|(ok, _)| *ok) {
                out.push(ClusterAdvice {
                    recommendation: Recommendation::Nanoservice,
                    reasons: checks.into_iter().map(|(_, r)| r).collect(),
                    price: p.clone(),
                });
                continue;
            }
        }
        let small = "too-small-for-a-service";
        if rules.enabled(small) && loc < t(small, "min_loc") {
            blockers.push(reason(
                small,
                "loc",
                Some(t(small, "min_loc")),
                loc,
                format!(
                    "too small to pay for a network boundary: {} lines of code",
                    m.loc
                ),
            ));
        }
        let chatty = "chatty-boundary";
        if rules.enabled(chatty) && p.remote_references > 0 && cohesion < t(chatty, "min_cohesion")
        {
            blockers.push(reason(
                chatty,
                "cohesion",
                Some(t(chatty, "min_cohesion")),
                cohesion,
                format!(
                    "too chatty: only {:.0}% of its references stay inside ({} would become remote calls)",
                    cohesion * 100.0,
                    p.remote_references
                ),
            ));
        }
        let shared = "shared-state";
        if rules.enabled(shared) && p.shared_state.len() as f64 >= t(shared, "min_shared_items") {
            blockers.push(reason(
                shared,
                "shared_state",
                Some(t(shared, "min_shared_items")),
                p.shared_state.len() as f64,
                format!(
                    "other clusters use its state: {}",
                    p.shared_state.join(", ")
                ),
            ));
        }
        let micro = "microservice-candidate";
        let share = m.loc as f64 / total_loc.max(1) as f64;
        if rules.enabled(micro) && share > t(micro, "max_code_share") {
            blockers.push(reason(
                micro,
                "code_share",
                Some(t(micro, "max_code_share")),
                share,
                format!("it is the core of the codebase ({:.0}% of the code): what stays when others leave", share * 100.0),
            ));
        }
        if blockers.is_empty() && rules.enabled(micro) {
            let size_ok = loc >= t(micro, "min_loc");
            let cohesion_ok = cohesion >= t(micro, "min_cohesion");
            let size = reason(
                micro,
                "loc",
                Some(t(micro, "min_loc")),
                loc,
                format!("big enough: {} lines of code", m.loc),
            );
            let coh = reason(
                micro,
                "cohesion",
                Some(t(micro, "min_cohesion")),
                cohesion,
                format!(
                    "cohesive: {:.0}% of its references stay inside",
                    cohesion * 100.0
                ),
            );
            if size_ok && cohesion_ok {
                let mut reasons = vec![size, coh];
                let team = "separate-team";
                if let Some(o) = own.filter(|o| {
                    rules.enabled(team)
                        && homes >= 2
                        && o.changes as f64 >= t(team, "min_changes")
                        && o.own_team_share >= t(team, "min_own_team_share")
                }) {
                    reasons.push(reason(
                        team,
                        "own_team_share",
                        Some(t(team, "min_own_team_share")),
                        o.own_team_share,
                        format!(
                            "owned by a group of its own: {:.0}% of its {} commits come from people who work mostly here",
                            o.own_team_share * 100.0,
                            o.changes
                        ),
                    ));
                }
                out.push(ClusterAdvice {
                    recommendation: Recommendation::Microservice,
                    reasons,
                    price: p.clone(),
                });
                continue;
            }
            blockers.extend(
                [(!size_ok).then_some(size), (!cohesion_ok).then_some(coh)]
                    .into_iter()
                    .flatten(),
            );
        }
        out.push(ClusterAdvice {
            recommendation: Recommendation::Monolith,
            reasons: blockers,
            price: p.clone(),
        });
    }
    out
}

/// The verdict for the whole codebase.
pub fn verdict(
    g: &ModuleGraph,
    a: &Analysis,
    rules: &RuleSet,
    advice: &[ClusterAdvice],
) -> VerdictAdvice {
    let t = |id: &str, name: &str| rules.threshold(id, name);
    let loc: u64 = g.modules.iter().map(|m| m.facts.loc as u64).sum();
    let small = "small-codebase";
    if rules.enabled(small) && (loc as f64) < t(small, "min_loc") {
        return VerdictAdvice {
            verdict: Verdict::Monolith,
            rationale: format!(
                "A small codebase ({loc} lines of code): no service boundary would pay for the complexity, cost and security risk it brings."
            ),
            reasons: vec![reason(small, "loc", Some(t(small, "min_loc")), loc as f64, format!("{loc} lines of code"))],
        };
    }
    let tight = "tightly-coupled-codebase";
    let largest =
        a.cycles.first().map_or(0, |c| c.members.len()) as f64 / g.modules.len().max(1) as f64;
    if rules.enabled(tight) {
        let mut reasons = Vec::new();
        if a.quality.modularity < t(tight, "min_modularity") {
            reasons.push(reason(
                tight,
                "modularity",
                Some(t(tight, "min_modularity")),
                a.quality.modularity,
                format!(
                    "modularity Q {:.2}: the best clustering keeps few references inside",
                    a.quality.modularity
                ),
            ));
        }
        if largest > t(tight, "max_largest_cycle_share") {
            reasons.push(reason(
                tight,
                "largest_cycle_share",
                Some(t(tight, "max_largest_cycle_share")),
                largest,
                format!(
                    "one dependency cycle holds {:.0}% of the modules",
                    largest * 100.0
                ),
            ));
        }
        if !reasons.is_empty() {
            return VerdictAdvice {
                verdict: Verdict::Monolith,
                rationale: "A tightly coupled codebase: it has no seams a split could follow; untangle it inside the monolith first.".into(),
                reasons,
            };
        }
    }
    let micro = advice
        .iter()
        .filter(|c| c.recommendation == Recommendation::Microservice)
        .count();
    let nano = advice
        .iter()
        .filter(|c| c.recommendation == Recommendation::Nanoservice)
        .count();
    let mono = advice.len() - micro - nano;
    let mut reasons = vec![reason(
        "microservice-candidate",
        "microservices",
        Some(2.0),
        micro as f64,
        format!("{micro} cluster(s) would make sound microservices, {nano} nanoservice(s), {mono} stay in the monolith"),
    )];
    let (verdict, rationale) = if micro >= 1 && nano >= 1 {
        (Verdict::Hybrid, format!("{micro} microservice candidate(s) and {nano} nanoservice candidate(s) with clean, cheap boundaries; the rest stays together."))
    } else if micro >= 2 {
        (Verdict::Microservices, format!("{micro} cohesive, loosely coupled clusters are big enough to stand as services; their boundaries are listed with their price."))
    } else {
        reasons.push(reason(
            "tightly-coupled-codebase",
            "modularity",
            Some(t(tight, "min_modularity")),
            a.quality.modularity,
            format!(
                "modularity Q {:.2}: the code has clear domains",
                a.quality.modularity
            ),
        ));
        (
            Verdict::ModularMonolith,
            "The code has clear domains, but too few of them would pay for a service boundary: keep one deployable unit and guard the module boundaries.".into(),
        )
    };
    VerdictAdvice {
        verdict,
        rationale,
        reasons,
    }
}
