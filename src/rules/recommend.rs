//! A recommendation for every cluster (monolith, microservice or nanoservice) with its
//! reasons, the price of its boundary, and the verdict for the whole codebase.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::RuleSet;
use crate::analysis::Analysis;
use crate::model::ModuleGraph;
use crate::parse::{ItemKind, StateKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Recommendation {
    /// Stays inside one deployable unit with no boundary worth guarding (a cycle, a tangle,
    /// a small codebase).
    Monolith,
    /// A module boundary to guard inside one deployable unit (a modular monolith).
    Module,
    /// Linked, not deployed: library code, or plain value types each side would link.
    Library,
    /// Already a separate process (a plugin, a server, a spawned helper).
    Process,
    Microservice,
    Nanoservice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
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
            Recommendation::Module => "module",
            Recommendation::Library => "library",
            Recommendation::Process => "process",
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
    /// References between this cluster and the other clusters (the kernel and shared
    /// libraries excepted): what a boundary here would cut.
    pub remote_references: u64,
    /// Of those, calls (function, associated-function and attributed method calls): what
    /// would become remote calls.
    pub remote_calls: u64,
    /// References into plain libraries (no state, no I/O) across the boundary: both sides
    /// would link them, so they cost no call.
    pub library_references: u64,
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

/// What each crate (target index) is, as the rules read it.
pub struct Units {
    /// Per target: a separate process.
    pub process: Vec<bool>,
    /// Per target: a procedural macro (runs inside the compiler).
    pub proc_macro: Vec<bool>,
    /// Per target: a plain library, no state and no I/O in any of its modules.
    pub plain: Vec<bool>,
    /// Per module: evidence of I/O of its own (`std::fs` paths, an I/O crate), if any.
    pub io: Vec<Option<String>>,
    /// The workspace's product is libraries only.
    pub library_workspace: bool,
}

impl Units {
    pub fn new(ws: &crate::workspace::Workspace, g: &ModuleGraph) -> Units {
        use crate::model::roles::{Role, WorkspaceKind};
        let process: Vec<bool> = g
            .crates
            .iter()
            .map(|c| {
                c.kind == crate::workspace::TargetKind::Bin
                    && g.roles_of(&c.package).is_some_and(|r| r.has(Role::Process))
            })
            .collect();
        let proc_macro: Vec<bool> = g
            .crates
            .iter()
            .map(|c| {
                g.roles_of(&c.package)
                    .is_some_and(|r| r.has(Role::ProcMacro))
            })
            .collect();
        let io = crate::model::roles::module_io(g);
        let mut plain = vec![true; g.crates.len()];
        for (m, module) in g.modules.iter().enumerate() {
            if !module.facts.state.is_empty() || io[m].is_some() {
                plain[module.krate] = false;
            }
        }
        for (c, k) in g.crates.iter().enumerate() {
            if k.kind != crate::workspace::TargetKind::Lib {
                plain[c] = false;
            }
        }
        let library_workspace = !g.roles.is_empty()
            && crate::model::roles::workspace_kind(ws, &g.roles) == WorkspaceKind::Library;
        Units {
            process,
            proc_macro,
            plain,
            io,
            library_workspace,
        }
    }
}

/// The price of every cluster's boundary.
pub fn prices(g: &ModuleGraph, a: &Analysis, units: &Units) -> Vec<Price> {
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
    let mut internal = vec![0u64; c.k];
    for e in &g.edges {
        let (Some(from), Some(to)) = (c.assignment[e.from], c.assignment[e.to]) else {
            continue;
        };
        let w = e.weight as u64;
        if from == to {
            internal[from] += w;
            continue;
        }
        // A plain library (no state, no I/O) is linked into both sides: no call crosses.
        if units.plain[g.modules[e.to].krate] {
            out[from].library_references += w;
            out[to].library_references += w;
            continue;
        }
        let calls: u64 = e
            .kinds
            .iter()
            .filter(|(k, _)| k.is_call())
            .map(|(_, n)| *n as u64)
            .sum();
        out[from].remote_references += w;
        out[to].remote_references += w;
        out[from].remote_calls += calls;
        out[to].remote_calls += calls;
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
        let inside = internal[i];
        p.service_cohesion = if inside + p.remote_references == 0 {
            0.0
        } else {
            crate::analysis::metrics::round4(inside as f64 / (inside + p.remote_references) as f64)
        };
    }
    out
}

/// A dependency cycle of modules that crosses clusters: the cycle, the clusters it touches
/// and the edges that close it.
pub struct CrossingCycle<'a> {
    pub cycle: &'a crate::analysis::Cycle,
    pub clusters: BTreeSet<usize>,
}

/// The module cycles whose members sit in more than one cluster (the shared kernel counts as
/// a place of its own: a cycle through it ties the clusters to the kernel). Contracted
/// cycles never cross clusters; these arise only where the kernel or a later move split one.
pub fn crossing_cycles<'a>(a: &'a Analysis) -> Vec<CrossingCycle<'a>> {
    let c = &a.clustering;
    let excluded = c.excluded_mask();
    a.cycles
        .iter()
        .filter_map(|cy| {
            // Modules left out of the product (tests, tooling) are no place of their own.
            let places: BTreeSet<Option<usize>> = cy
                .members
                .iter()
                .filter(|&&m| !excluded[m])
                .map(|&m| c.assignment[m])
                .collect();
            let clusters: BTreeSet<usize> = places.iter().flatten().copied().collect();
            if clusters.len() < 2 {
                return None;
            }
            // Through the kernel alone a cycle ties nothing: the kernel is a library every
            // side links. What counts is a cycle among clustered modules that spans clusters.
            let inside: Vec<usize> = cy
                .members
                .iter()
                .copied()
                .filter(|&m| c.assignment[m].is_some())
                .collect();
            let pos: BTreeMap<usize, usize> =
                inside.iter().enumerate().map(|(i, &m)| (m, i)).collect();
            let mut adj = vec![Vec::new(); inside.len()];
            for &(x, y) in &cy.edges {
                if let (Some(&i), Some(&j)) = (pos.get(&x), pos.get(&y)) {
                    adj[i].push(j);
                }
            }
            let real = crate::analysis::cycles::cycles(inside.len(), &adj)
                .into_iter()
                .any(|sub| {
                    sub.members
                        .iter()
                        .map(|&i| c.assignment[inside[i]])
                        .collect::<BTreeSet<_>>()
                        .len()
                        > 1
                });
            real.then_some(CrossingCycle {
                cycle: cy,
                clusters,
            })
        })
        .collect()
}

/// Facts about a cluster the recommendation reads.
struct ClusterFacts {
    loc: u64,
    state_items: usize,
    /// Evidence of I/O of its own, from its first module that has some.
    io: Option<String>,
    /// Share of its named items that are types.
    type_share: f64,
    /// Every module is in a product crate that is a separate process.
    process: bool,
    /// Packages of its modules.
    crates: Vec<String>,
    /// Every module is in a plain library crate (no state, no I/O anywhere in it).
    plain: bool,
    /// Packages of its modules that run as separate processes.
    processes: Vec<String>,
    /// Every module is in a procedural-macro crate.
    compile_time: bool,
    /// Evidence of interior mutability or synchronization (`Mutex`, `RefCell`, atomics): a
    /// type that holds state is no plain value.
    mutable: Option<String>,
}

/// Names of interior mutability and synchronization.
const MUTABLE: &[&str] = &[
    "Mutex",
    "RwLock",
    "RefCell",
    "Cell",
    "OnceCell",
    "OnceLock",
    "AtomicBool",
    "AtomicUsize",
    "AtomicU64",
    "AtomicU32",
    "AtomicIsize",
    "AtomicI64",
    "AtomicPtr",
    "parking_lot",
];

fn mutable_evidence(m: &crate::model::Module) -> Option<String> {
    for segs in m.facts.paths() {
        if let Some(x) = segs.iter().find(|s| MUTABLE.contains(&s.as_str())) {
            return Some(format!("uses `{x}`"));
        }
    }
    None
}

fn cluster_facts(g: &ModuleGraph, a: &Analysis, units: &Units) -> Vec<ClusterFacts> {
    let c = &a.clustering;
    let mut out: Vec<ClusterFacts> = (0..c.k)
        .map(|i| ClusterFacts {
            loc: a.cluster_metrics[i].loc,
            state_items: 0,
            io: None,
            type_share: 0.0,
            process: true,
            crates: Vec::new(),
            plain: true,
            processes: Vec::new(),
            compile_time: true,
            mutable: None,
        })
        .collect();
    let mut types = vec![0usize; c.k];
    let mut named = vec![0usize; c.k];
    let mut crates: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); c.k];
    for (m, cl) in c.assignment.iter().enumerate() {
        let Some(i) = *cl else { continue };
        let module = &g.modules[m];
        let f = &mut out[i];
        // Mutable state: `static mut` and thread-locals. A plain `static` or a lazily built
        // value is most often a table or a compiled pattern, not state a service would own.
        f.state_items += module
            .facts
            .state
            .iter()
            .filter(|s| matches!(s.kind, StateKind::StaticMut | StateKind::ThreadLocal))
            .count();
        if f.io.is_none() {
            if let Some(e) = &units.io[m] {
                f.io = Some(format!("`{}` {e}", module.path));
            }
        }
        f.process &= units.process[module.krate];
        f.compile_time &= units.proc_macro[module.krate];
        if units.process[module.krate] {
            let p = g.crates[module.krate].package.clone();
            if !f.processes.contains(&p) {
                f.processes.push(p);
            }
        }
        if f.mutable.is_none() {
            f.mutable = mutable_evidence(module).map(|e| format!("`{}` {e}", module.path));
        }
        f.plain &= units.plain[module.krate];
        crates[i].insert(&g.crates[module.krate].package);
        for it in &module.facts.items {
            if it.kind == ItemKind::Impl {
                continue;
            }
            named[i] += 1;
            if matches!(
                it.kind,
                ItemKind::Struct
                    | ItemKind::Enum
                    | ItemKind::Union
                    | ItemKind::Type
                    | ItemKind::Trait
            ) {
                types[i] += 1;
            }
        }
    }
    for (i, f) in out.iter_mut().enumerate() {
        f.type_share = if named[i] == 0 {
            0.0
        } else {
            types[i] as f64 / named[i] as f64
        };
        f.crates = crates[i].iter().map(|s| s.to_string()).collect();
    }
    out
}

/// A recommendation for each cluster, in cluster order, before the verdict is known.
pub fn recommend(
    ws: &crate::workspace::Workspace,
    g: &ModuleGraph,
    a: &Analysis,
    rules: &RuleSet,
    prices: &[Price],
    units: &Units,
    ownership: Option<&[crate::history::coupling::Ownership]>,
) -> Vec<ClusterAdvice> {
    use crate::words::{count, thousands};
    // Clusters some author calls home: more than one means the code is owned in parts.
    let homes = ownership.map_or(0, |o| o.iter().filter(|x| x.own_team_share > 0.0).count());
    let t = |id: &str, name: &str| rules.threshold(id, name);
    let total_loc: u64 = a.cluster_metrics.iter().map(|m| m.loc).sum();
    let facts = cluster_facts(g, a, units);
    let crossing_cycles = crossing_cycles(a);
    let mut out = Vec::new();
    for (i, f) in facts.iter().enumerate() {
        let p = &prices[i];
        let loc = f.loc as f64;
        let cohesion = p.service_cohesion;
        let advice = |recommendation, reasons| ClusterAdvice {
            recommendation,
            reasons,
            price: p.clone(),
        };
        // A library is linked, never deployed; a procedural macro runs inside the compiler.
        let lib = "linked-library";
        if rules.enabled(lib) && f.compile_time && !f.crates.is_empty() {
            out.push(advice(
                Recommendation::Library,
                vec![reason(
                    lib,
                    "proc_macro",
                    None,
                    1.0,
                    format!(
                        "compile-time code ({}): a procedural macro runs inside the compiler while its users build, never deployed",
                        f.crates.join(", ")
                    ),
                )],
            ));
            continue;
        }
        if rules.enabled(lib) && units.library_workspace {
            out.push(advice(
                Recommendation::Library,
                vec![reason(
                    lib,
                    "workspace_kind",
                    None,
                    0.0,
                    format!(
                        "part of a library ({}): linked into its users' programs, never deployed alone; guard it as a module boundary",
                        f.crates.join(", ")
                    ),
                )],
            ));
            continue;
        }
        // A separate process already: is its boundary healthy?
        let proc_rule = "existing-process";
        if rules.enabled(proc_rule) && f.process && !f.crates.is_empty() {
            let mut reasons = vec![reason(
                proc_rule,
                "process",
                None,
                1.0,
                format!("already a separate process ({})", f.crates.join(", ")),
            )];
            let chatty = p.remote_calls as f64 > t(proc_rule, "max_remote_calls");
            reasons.push(reason(
                proc_rule,
                "remote_calls",
                Some(t(proc_rule, "max_remote_calls")),
                p.remote_calls as f64,
                if chatty {
                    format!(
                        "a chatty boundary: {} would cross it",
                        count(p.remote_calls, "call", "calls")
                    )
                } else {
                    format!(
                        "a quiet boundary: {} cross it",
                        count(p.remote_calls, "call", "calls")
                    )
                },
            ));
            let wide = p.crossing_types.len() as f64 > t(proc_rule, "max_crossing_types");
            reasons.push(reason(
                proc_rule,
                "crossing_types",
                Some(t(proc_rule, "max_crossing_types")),
                p.crossing_types.len() as f64,
                if wide {
                    format!(
                        "a wide contract: {} cross it; move them into a protocol crate",
                        count(p.crossing_types.len() as u64, "type", "types")
                    )
                } else {
                    format!(
                        "a narrow contract: {} cross it",
                        count(p.crossing_types.len() as u64, "type", "types")
                    )
                },
            ));
            out.push(advice(Recommendation::Process, reasons));
            continue;
        }
        let mut blockers: Vec<Reason> = Vec::new();
        let cyc = "cyclic-services";
        if rules.enabled(cyc) {
            if let Some(cc) = crossing_cycles.iter().find(|cc| cc.clusters.contains(&i)) {
                let closing: Vec<String> = cc
                    .cycle
                    .closing
                    .iter()
                    .take(3)
                    .map(|&(x, y)| {
                        format!(
                            "`{}` → `{}` ({}:{})",
                            g.modules[x].path,
                            g.modules[y].path,
                            ws.rel(&g.modules[x].file),
                            g.modules[x].line
                        )
                    })
                    .collect();
                let others: Vec<String> = cc
                    .clusters
                    .iter()
                    .filter(|&&o| o != i)
                    .map(|o| (o + 1).to_string())
                    .collect();
                blockers.push(reason(
                    cyc,
                    "cycle_clusters",
                    Some(0.0),
                    cc.clusters.len() as f64,
                    format!(
                        "a dependency cycle of {} runs through it and {}; none could be deployed alone until it is cut at {}",
                        count(cc.cycle.members.len() as u64, "module", "modules"),
                        if others.is_empty() {
                            "the shared kernel".to_string()
                        } else {
                            format!("cluster {}", others.join(", "))
                        },
                        closing.join(", ")
                    ),
                ));
            }
        }
        // Both sides of a process boundary that already exists: it is not a new service.
        if rules.enabled(proc_rule) && !f.processes.is_empty() && !f.process {
            blockers.push(reason(
                proc_rule,
                "process",
                None,
                f.processes.len() as f64,
                format!(
                    "it holds {} that already runs as a separate process together with code that talks to it: that boundary exists already",
                    crate::words::names(&f.processes.iter().map(String::as_str).collect::<Vec<_>>())
                ),
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
        let pure = f.state_items == 0 && f.io.is_none();
        // Pure code other clusters link: a library, whatever its shape (never a nanoservice).
        let core =
            f.loc as f64 / total_loc.max(1) as f64 > t("microservice-candidate", "max_code_share");
        if blockers.is_empty()
            && rules.enabled(lib)
            && pure
            && f.plain
            && !core
            && p.library_references > 0
        {
            out.push(advice(
                Recommendation::Library,
                vec![reason(
                    lib,
                    "library_references",
                    None,
                    p.library_references as f64,
                    format!(
                        "pure code ({}, no state, no I/O) that other clusters use {}: link it into each of them; as a service it would complicate the system it is meant to simplify",
                        count(f.loc, "line", "lines"),
                        count(p.library_references, "time", "times")
                    ),
                )],
            ));
            continue;
        }
        // Plain value types: link them on both sides.
        if blockers.is_empty()
            && rules.enabled(lib)
            && pure
            && f.type_share >= t(lib, "min_type_share")
        {
            out.push(advice(
                Recommendation::Library,
                vec![reason(
                    lib,
                    "type_share",
                    Some(t(lib, "min_type_share")),
                    f.type_share,
                    format!(
                        "plain value types ({:.0}% of its items are types, no state, no I/O): a split would link them into each side as a shared library",
                        f.type_share * 100.0
                    ),
                )],
            ));
            continue;
        }
        // Nanoservice: every condition must hold, and it must do something a process owns.
        let nano = "nanoservice-candidate";
        if rules.enabled(nano) && blockers.is_empty() {
            let shape = [
                (
                    loc <= t(nano, "max_loc"),
                    reason(
                        nano,
                        "loc",
                        Some(t(nano, "max_loc")),
                        loc,
                        format!("small: {}", count(f.loc, "line of code", "lines of code")),
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
                            "a narrow API: {} used from outside",
                            count(p.entry_points.len() as u64, "item", "items")
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
                            "self-contained: depends on {} outside it",
                            count(p.dependencies as u64, "module", "modules")
                        ),
                    ),
                ),
                (
                    f.state_items == 0,
                    reason(
                        nano,
                        "state",
                        Some(0.0),
                        f.state_items as f64,
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
            ];
            if shape.iter().all(|(ok, _)| *ok) {
                let chatty = p.remote_references as f64 > t(nano, "max_remote_references");
                match (&f.io, chatty) {
                    (Some(io), false) => {
                        let mut reasons: Vec<Reason> = shape.into_iter().map(|(_, r)| r).collect();
                        reasons.push(reason(
                            nano,
                            "io",
                            None,
                            1.0,
                            format!("it does I/O of its own: {io}"),
                        ));
                        reasons.push(reason(
                            nano,
                            "remote_references",
                            Some(t(nano, "max_remote_references")),
                            p.remote_references as f64,
                            format!(
                                "not chatty: {} would cross its boundary",
                                count(p.remote_references, "reference", "references")
                            ),
                        ));
                        out.push(advice(Recommendation::Nanoservice, reasons));
                        continue;
                    }
                    // The article's own anti-pattern: say so instead of recommending it.
                    (io, chatty) => {
                        let why = match (io.is_none(), chatty) {
                            (true, true) => format!(
                                "a pure function ({}, no state, no I/O) that {} would reach",
                                count(f.loc, "line", "lines"),
                                count(p.remote_references, "reference", "references")
                            ),
                            (true, false) => format!(
                                "a pure function ({}, no state, no I/O)",
                                count(f.loc, "line", "lines")
                            ),
                            _ => format!(
                                "a chatty one: {} would reach it",
                                count(p.remote_references, "reference", "references")
                            ),
                        };
                        out.push(advice(
                            Recommendation::Library,
                            vec![reason(
                                nano,
                                "remote_references",
                                Some(t(nano, "max_remote_references")),
                                p.remote_references as f64,
                                format!(
                                    "not a nanoservice: {why}; as a service it would complicate the system it is meant to simplify, so link it as a library"
                                ),
                            )],
                        ));
                        continue;
                    }
                }
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
                    "too small to pay for a network boundary: {}",
                    count(f.loc, "line of code", "lines of code")
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
                    "too chatty: only {:.0}% of its references stay inside ({} cross its boundary, {} of them calls)",
                    cohesion * 100.0,
                    thousands(p.remote_references),
                    thousands(p.remote_calls)
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
        let share = f.loc as f64 / total_loc.max(1) as f64;
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
            let api_ok = p.entry_points.len() as f64 <= t(micro, "max_entry_points")
                && p.crossing_types.len() as f64 <= t(micro, "max_crossing_types");
            let runs = f.state_items > 0 || f.io.is_some();
            let size = reason(
                micro,
                "loc",
                Some(t(micro, "min_loc")),
                loc,
                format!(
                    "big enough: {}",
                    count(f.loc, "line of code", "lines of code")
                ),
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
            let api = reason(
                micro,
                "entry_points",
                Some(t(micro, "max_entry_points")),
                p.entry_points.len() as f64,
                format!(
                    "{} API: {} used from outside, {} crossing its boundary",
                    if api_ok { "a narrow" } else { "too wide an" },
                    count(p.entry_points.len() as u64, "item", "items"),
                    count(p.crossing_types.len() as u64, "type", "types")
                ),
            );
            let state_io = reason(
                micro,
                "state_or_io",
                Some(1.0),
                if runs { 1.0 } else { 0.0 },
                match (&f.io, f.state_items) {
                    (Some(io), _) => format!("it does I/O of its own: {io}"),
                    (None, n) if n > 0 => format!("it keeps state of its own ({})", count(n as u64, "item", "items")),
                    _ => "pure code: no state and no I/O of its own, so nothing for a service to run; link it".to_string(),
                },
            );
            if size_ok && cohesion_ok && api_ok && runs {
                let mut reasons = vec![size, coh, api, state_io];
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
                out.push(advice(Recommendation::Microservice, reasons));
                continue;
            }
            blockers.extend(
                [
                    (!size_ok).then_some(size),
                    (!cohesion_ok).then_some(coh),
                    (!api_ok).then_some(api),
                    (!runs).then_some(state_io),
                ]
                .into_iter()
                .flatten(),
            );
        }
        out.push(advice(Recommendation::Monolith, blockers));
    }
    out
}

/// The verdict for the whole codebase, from its clusters; then the rows are made to agree
/// with it (in a monolith or a modular monolith no row says "microservice").
pub fn verdict(
    ws: &crate::workspace::Workspace,
    g: &ModuleGraph,
    a: &Analysis,
    rules: &RuleSet,
    advice: &mut [ClusterAdvice],
    units: &Units,
) -> VerdictAdvice {
    use crate::words::{count, names};
    let t = |id: &str, name: &str| rules.threshold(id, name);
    let kind = crate::model::roles::workspace_kind(ws, &g.roles);
    let loc: u64 = a.cluster_metrics.iter().map(|m| m.loc).sum();
    let processes: Vec<&str> = g
        .crates
        .iter()
        .zip(&units.process)
        .filter(|(_, p)| **p)
        .map(|(c, _)| c.package.as_str())
        .collect();
    let processes_note = if processes.is_empty() {
        String::new()
    } else {
        let assessed = advice
            .iter()
            .any(|c| c.recommendation == Recommendation::Process);
        format!(
            " It already runs {} as {}{}.",
            names(&processes),
            if processes.len() == 1 {
                "a separate process"
            } else {
                "separate processes"
            },
            if assessed {
                "; the health of those boundaries is in the rows marked `process`"
            } else {
                ", in a cluster with the code that starts it"
            }
        )
    };
    let done = |verdict: Verdict,
                rationale: String,
                reasons: Vec<Reason>,
                advice: &mut [ClusterAdvice]| {
        agree(verdict, advice);
        VerdictAdvice {
            verdict,
            rationale,
            reasons,
        }
    };
    let small = "small-codebase";
    if rules.enabled(small) && (loc as f64) < t(small, "min_loc") {
        return done(
            Verdict::Monolith,
            format!(
                "A small codebase ({}): no service boundary would pay for the complexity, cost and security risk it brings.{processes_note}",
                count(loc, "line of code", "lines of code")
            ),
            vec![reason(small, "loc", Some(t(small, "min_loc")), loc as f64, count(loc, "line of code", "lines of code"))],
            advice,
        );
    }
    let tight = "tightly-coupled-codebase";
    let clustered = a
        .clustering
        .assignment
        .iter()
        .filter(|c| c.is_some())
        .count()
        .max(1);
    let biggest = a.cycles.first();
    let largest = biggest.map_or(0, |c| c.members.len()) as f64 / clustered as f64;
    if rules.enabled(tight) {
        if largest > t(tight, "max_largest_cycle_share") {
            let cy = biggest.expect("a cycle when its share is positive");
            let members: Vec<&str> = cy
                .members
                .iter()
                .map(|&m| g.modules[m].path.as_str())
                .collect();
            return done(
                Verdict::Monolith,
                format!(
                    "A tangled codebase: one dependency cycle ties {} of its {} together ({}); nothing in it can be separated until the cycle is cut (the cycles table lists the edges that close it).{processes_note}",
                    cy.members.len(),
                    count(clustered as u64, "module", "modules"),
                    names(&members)
                ),
                vec![reason(
                    tight,
                    "largest_cycle_share",
                    Some(t(tight, "max_largest_cycle_share")),
                    largest,
                    format!("one dependency cycle holds {:.0}% of the modules", largest * 100.0),
                )],
                advice,
            );
        }
        if a.quality.modularity < t(tight, "min_modularity") {
            return done(
                Verdict::Monolith,
                format!(
                    "A tightly coupled codebase: even its best clustering keeps few references inside (modularity Q {:.2}); it has no seams a split could follow: untangle it inside the monolith first.{processes_note}",
                    a.quality.modularity
                ),
                vec![reason(
                    tight,
                    "modularity",
                    Some(t(tight, "min_modularity")),
                    a.quality.modularity,
                    format!("modularity Q {:.2}: the best clustering keeps few references inside", a.quality.modularity),
                )],
                advice,
            );
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
    let mut reasons = vec![reason(
        "microservice-candidate",
        "microservices",
        Some(2.0),
        micro as f64,
        {
            let would = |n: usize, what: &str| match n {
                1 => format!("1 cluster would make a sound {what}"),
                n => format!(
                    "{} would make sound {what}s",
                    count(n as u64, "cluster", "clusters")
                ),
            };
            format!(
                "{}, {}",
                would(micro, "microservice"),
                would(nano, "nanoservice")
            )
        },
    )];
    if units.library_workspace {
        let k = advice.len();
        return done(
            Verdict::ModularMonolith,
            format!(
                "A library ({}): it is linked into its users' programs and never deployed, so no part of it can become a service. Its {} are module boundaries to keep clean (modularity Q {:.2}, {:.0}% of references cross them).",
                count(g.roles.iter().filter(|r| r.is_product()).count() as u64, "product crate", "product crates"),
                count(k as u64, "cluster", "clusters"),
                a.quality.modularity,
                a.quality.icp * 100.0
            ),
            vec![reason(
                "linked-library",
                "workspace_kind",
                None,
                0.0,
                "every product crate is a library: nothing here runs on its own".into(),
            )],
            advice,
        );
    }
    let app = match kind {
        crate::model::roles::WorkspaceKind::Application => "An application",
        _ => "A workspace of applications and libraries",
    };
    if micro >= 1 && nano >= 1 {
        return done(
            Verdict::Hybrid,
            format!("{app} with {} and {} behind clean, cheap boundaries; the rest stays together.{processes_note}", count(micro as u64, "microservice candidate", "microservice candidates"), count(nano as u64, "nanoservice candidate", "nanoservice candidates")),
            reasons,
            advice,
        );
    }
    if micro >= 2 {
        return done(
            Verdict::Microservices,
            format!("{app} whose {micro} cohesive, loosely coupled clusters with state or I/O of their own are big enough to stand as services; their boundaries are listed with their price.{processes_note}"),
            reasons,
            advice,
        );
    }
    // Why not: the rule that held back the most code.
    // Why not: the reason that held back the most code (rule and metric).
    let mut held: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for (i, c) in advice.iter().enumerate() {
        if c.recommendation == Recommendation::Monolith {
            if let Some(r) = c.reasons.first() {
                *held
                    .entry((r.rule.as_str(), r.metric.as_str()))
                    .or_insert(0) += a.cluster_metrics[i].loc;
            }
        }
    }
    let strongest = held
        .iter()
        .max_by_key(|(key, l)| (**l, std::cmp::Reverse(**key)));
    let why = match strongest.map(|(k, _)| *k) {
        Some(("chatty-boundary", _)) => "most of its code is in chatty clusters: too many of their references would cross a boundary",
        Some(("too-small-for-a-service", _)) => "its clusters are too small to pay for a network boundary",
        Some(("cyclic-services", _)) => "dependency cycles run across its clusters",
        Some(("shared-state", _)) => "its clusters share state",
        Some(("microservice-candidate", "code_share")) => "one cluster is the core that holds most of the code",
        Some(("microservice-candidate", "state_or_io")) => "most of its code is pure: no state or I/O of its own for a service to run",
        Some(("microservice-candidate", "cohesion")) => "its clusters are not cohesive enough to stand alone",
        Some(("microservice-candidate", "entry_points")) => "its clusters' APIs are too wide (too many items or types cross them)",
        Some(("change-crossing", _)) => "most changes reach across clusters",
        Some(("existing-process", _)) => "its clusters mix an existing process with the code that talks to it",
        _ => "too few of its domains would pay for a service boundary",
    };
    if let Some(((rule, _), l)) = strongest {
        reasons.push(reason(
            rule,
            "loc_held",
            None,
            *l as f64,
            format!(
                "{} in clusters held back by `{rule}`",
                count(*l, "line of code", "lines of code")
            ),
        ));
    }
    let one = if micro == 1 {
        " One cluster could stand alone as a service; see next steps."
    } else {
        ""
    };
    done(
        Verdict::ModularMonolith,
        format!(
            "{app} with clear domains (modularity Q {:.2}), but {why}: keep one deployable unit and guard the module boundaries.{one}{processes_note}",
            a.quality.modularity
        ),
        reasons,
        advice,
    )
}

/// Makes the rows agree with the verdict: in a monolith every cluster stays in it; in a
/// modular monolith clusters are module boundaries, and a lone candidate says it could go.
fn agree(verdict: Verdict, advice: &mut [ClusterAdvice]) {
    for c in advice.iter_mut() {
        let keep = matches!(
            c.recommendation,
            Recommendation::Library | Recommendation::Process
        );
        match verdict {
            Verdict::Monolith if !keep => c.recommendation = Recommendation::Monolith,
            Verdict::ModularMonolith if !keep => {
                if matches!(
                    c.recommendation,
                    Recommendation::Microservice | Recommendation::Nanoservice
                ) {
                    let what = c.recommendation.as_str();
                    c.reasons.push(Reason {
                        rule: "microservice-candidate".into(),
                        metric: "verdict".into(),
                        threshold: None,
                        value: 0.0,
                        message: format!("the one {what} candidate: a module boundary until its extraction pays (see next steps)"),
                    });
                }
                c.recommendation = Recommendation::Module;
            }
            _ => {}
        }
    }
}
