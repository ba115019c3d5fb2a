//! A recommendation for every cluster (monolith, microservice or nanoservice) with its
//! reasons, the price of its boundary, and the verdict for the whole codebase.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::registry::t::NanoserviceCandidate;
use super::{RuleId, RuleSet};
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
    pub rule: RuleId,
    pub metric: String,
    pub threshold: Option<f64>,
    pub value: f64,
    pub message: String,
}

fn reason(
    rule: RuleId,
    metric: &str,
    threshold: Option<f64>,
    value: f64,
    message: String,
) -> Reason {
    Reason {
        rule,
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
    /// Per target: compile-time code: a procedural macro, or a library only compile-time
    /// packages of the workspace depend on (the code generator behind a derive).
    pub compile_time: Vec<bool>,
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
        let at_compile_time = compile_time_packages(ws);
        let compile_time: Vec<bool> = g
            .crates
            .iter()
            .map(|c| at_compile_time.contains(c.package.as_str()))
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
            compile_time,
            plain,
            io,
            library_workspace,
        }
    }
}

/// The packages whose code runs only inside the compiler: procedural macros, and libraries
/// that only such packages depend on (normal dependencies; at least one user).
fn compile_time_packages(ws: &crate::workspace::Workspace) -> BTreeSet<&str> {
    use crate::workspace::DepKind;
    let mut out: BTreeSet<&str> = ws
        .packages
        .iter()
        .filter(|p| p.proc_macro)
        .map(|p| p.name.as_str())
        .collect();
    loop {
        let before = out.len();
        for p in &ws.packages {
            let users: Vec<&str> = ws
                .packages
                .iter()
                .filter(|q| {
                    q.deps.iter().any(|d| {
                        d.package == p.name && d.kind == DepKind::Normal && !d.other_version
                    })
                })
                .map(|q| q.name.as_str())
                .collect();
            if !users.is_empty() && users.iter().all(|q| out.contains(q)) {
                out.insert(p.name.as_str());
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

/// Whether an item kind is a type (what crosses a boundary as a contract).
fn is_type(k: ItemKind) -> bool {
    matches!(
        k,
        ItemKind::Struct | ItemKind::Enum | ItemKind::Union | ItemKind::Trait | ItemKind::Type
    )
}

/// What crosses one cluster's boundary, gathered edge by edge.
#[derive(Debug, Clone, Default)]
struct Crossing {
    entry: BTreeSet<String>,
    types: BTreeSet<String>,
    state: BTreeSet<String>,
    clients: BTreeSet<usize>,
    deps: BTreeSet<usize>,
    /// References inside the cluster.
    internal: u64,
}

/// The price of every cluster's boundary.
pub fn prices(g: &ModuleGraph, a: &Analysis, units: &Units) -> Vec<Price> {
    let c = &a.clustering;
    let mut out = vec![Price::default(); c.k];
    let mut cross = vec![Crossing::default(); c.k];
    for e in &g.edges {
        let (Some(from), Some(to)) = (c.assignment[e.from], c.assignment[e.to]) else {
            continue;
        };
        let w = e.weight as u64;
        if from == to {
            cross[from].internal += w;
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
        for side in [from, to] {
            out[side].remote_references += w;
            out[side].remote_calls += calls;
        }
        cross_edge(g, e, from, to, &mut cross);
    }
    for (p, x) in out.iter_mut().zip(cross) {
        settle(p, x);
    }
    out
}

/// Records what one edge from cluster `from` to cluster `to` carries across.
fn cross_edge(
    g: &ModuleGraph,
    e: &crate::model::Edge,
    from: usize,
    to: usize,
    cross: &mut [Crossing],
) {
    cross[to].clients.insert(from);
    cross[from].deps.insert(e.to);
    let target = &g.modules[e.to];
    for name in e.items.keys() {
        let full = format!("{}::{name}", target.path);
        cross[to].entry.insert(full.clone());
        let kind = target.facts.items.iter().find(|i| i.name == *name);
        if kind.is_some_and(|i| is_type(i.kind)) {
            cross[to].types.insert(full.clone());
            cross[from].types.insert(full.clone());
        }
        if target.facts.state.iter().any(|s| &s.name == name) {
            cross[to].state.insert(full);
        }
    }
}

/// Fills a price from what crosses its cluster's boundary.
fn settle(p: &mut Price, x: Crossing) {
    p.entry_points = x.entry.into_iter().collect();
    p.crossing_types = x.types.into_iter().collect();
    p.shared_state = x.state.into_iter().collect();
    p.client_clusters = x.clients.iter().map(|&c| c + 1).collect();
    p.dependencies = x.deps.len();
    let inside = x.internal;
    p.service_cohesion = if inside + p.remote_references == 0 {
        0.0
    } else {
        crate::analysis::metrics::round4(inside as f64 / (inside + p.remote_references) as f64)
    };
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
    /// Every module is in a compile-time crate (a procedural macro, or a library only they
    /// use).
    compile_time: bool,
    /// Packages of its modules that are procedural macros.
    macros: Vec<String>,
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
            macros: Vec::new(),
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
        f.compile_time &= units.compile_time[module.krate];
        let package = &g.crates[module.krate].package;
        if units.proc_macro[module.krate] && !f.macros.contains(package) {
            f.macros.push(package.clone());
        }
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
            if is_type(it.kind) {
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

/// What the cluster rules read besides the cluster itself.
struct Context<'a> {
    ws: &'a crate::workspace::Workspace,
    g: &'a ModuleGraph,
    rules: &'a RuleSet,
    units: &'a Units,
    crossing_cycles: Vec<CrossingCycle<'a>>,
    /// Clusters some author calls home: more than one means the code is owned in parts.
    homes: usize,
}

/// One cluster, as the cluster rules read it.
struct Cluster<'a> {
    /// Its index (its id as users see it is one more).
    i: usize,
    f: &'a ClusterFacts,
    p: &'a Price,
    own: Option<&'a crate::history::coupling::Ownership>,
    /// Its share of all the clustered code.
    share: f64,
}

impl Cluster<'_> {
    fn loc(&self) -> f64 {
        self.f.loc as f64
    }

    /// No state and no I/O of its own.
    fn pure(&self) -> bool {
        self.f.state_items == 0 && self.f.io.is_none()
    }
}

/// A rule's conclusion about a cluster: the recommendation and its reasons.
type Outcome = (Recommendation, Vec<Reason>);

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
    let ctx = Context {
        ws,
        g,
        rules,
        units,
        crossing_cycles: crossing_cycles(a),
        homes: ownership.map_or(0, |o| o.iter().filter(|x| x.own_team_share > 0.0).count()),
    };
    let total_loc: u64 = a.cluster_metrics.iter().map(|m| m.loc).sum();
    cluster_facts(g, a, units)
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let c = Cluster {
                i,
                f,
                p: &prices[i],
                own: ownership.map(|o| &o[i]),
                share: f.loc as f64 / total_loc.max(1) as f64,
            };
            let (recommendation, reasons) = recommend_one(&ctx, &c);
            ClusterAdvice {
                recommendation,
                reasons,
                price: c.p.clone(),
            }
        })
        .collect()
}

/// The rules in the order they decide: what a cluster already is (linked code, a process),
/// what blocks a service, what it would be linked as instead, a nanoservice, and last a
/// microservice; a cluster nothing recommends stays in the monolith with its blockers.
fn recommend_one(ctx: &Context, c: &Cluster) -> Outcome {
    if let Some(out) = never_deployed(ctx, c).or_else(|| existing_process(ctx, c)) {
        return out;
    }
    let mut blockers: Vec<Reason> = [
        cyclic_services(ctx, c),
        holds_a_process(ctx, c),
        change_crossing(ctx, c),
    ]
    .into_iter()
    .flatten()
    .collect();
    if blockers.is_empty() {
        if let Some(out) = pure_library(ctx, c)
            .or_else(|| value_types(ctx, c))
            .or_else(|| nanoservice_candidate(ctx, c))
        {
            return out;
        }
    }
    blockers.extend(
        [
            too_small_for_a_service(ctx, c),
            chatty_boundary(ctx, c),
            shared_state(ctx, c),
            core_of_the_codebase(ctx, c),
        ]
        .into_iter()
        .flatten(),
    );
    if blockers.is_empty() && ctx.rules.enabled(RuleId::MicroserviceCandidate) {
        match microservice_candidate(ctx, c) {
            Ok(reasons) => return (Recommendation::Microservice, reasons),
            Err(missing) => blockers.extend(missing),
        }
    }
    (Recommendation::Monolith, blockers)
}

/// `linked-library`: code that is never deployed — a procedural macro runs inside the
/// compiler while its users build (it is never linked into their programs), a library
/// workspace is linked into its users' programs. The crates are left out of the words (the
/// cluster lists them), so clusters that share a reason read alike; the macros a library
/// cluster holds are named, since they are what its words add.
fn never_deployed(ctx: &Context, c: &Cluster) -> Option<Outcome> {
    let id = RuleId::LinkedLibrary;
    if !ctx.rules.enabled(id) || c.f.crates.is_empty() {
        return None;
    }
    let (metric, value, why) = if c.f.compile_time {
        let why = "compile-time code: procedural macros (and libraries only they use) run inside the compiler while their users build; never linked into a program, never deployed".to_string();
        ("proc_macro", 1.0, why)
    } else if ctx.units.library_workspace && c.f.macros.is_empty() {
        let why = "part of a library: linked into its users' programs, never deployed alone; guard it as a module boundary".to_string();
        ("workspace_kind", 0.0, why)
    } else if ctx.units.library_workspace {
        let why = format!(
            "part of a library with its procedural macros ({}): the library is linked into its users' programs, the macros run inside the compiler while they build; never deployed alone; guard it as a module boundary",
            c.f.macros.join(", ")
        );
        ("workspace_kind", 0.0, why)
    } else {
        return None;
    };
    Some((
        Recommendation::Library,
        vec![reason(id, metric, None, value, why)],
    ))
}

/// `existing-process`: a separate process already, with the health of its boundary (calls
/// and types crossing it).
fn existing_process(ctx: &Context, c: &Cluster) -> Option<Outcome> {
    use crate::words::count;
    let id = RuleId::ExistingProcess;
    let t = &ctx.rules.thresholds.existing_process;
    if !(ctx.rules.enabled(id) && c.f.process && !c.f.crates.is_empty()) {
        return None;
    }
    let (p, calls, types) = (c.p, c.p.remote_calls, c.p.crossing_types.len() as u64);
    let calls_said = count(calls, "call", "calls");
    let types_said = count(types, "type", "types");
    let reasons = vec![
        reason(
            id,
            "process",
            None,
            1.0,
            format!("already a separate process ({})", c.f.crates.join(", ")),
        ),
        reason(
            id,
            "remote_calls",
            Some(t.max_remote_calls),
            p.remote_calls as f64,
            if calls as f64 > t.max_remote_calls {
                format!("a chatty boundary: {calls_said} would cross it")
            } else {
                format!("a quiet boundary: {calls_said} cross it")
            },
        ),
        reason(
            id,
            "crossing_types",
            Some(t.max_crossing_types),
            types as f64,
            if types as f64 > t.max_crossing_types {
                format!("a wide contract: {types_said} cross it; move them into a protocol crate")
            } else {
                format!("a narrow contract: {types_said} cross it")
            },
        ),
    ];
    Some((Recommendation::Process, reasons))
}

/// `cyclic-services`: a dependency cycle of modules runs across it and another cluster or
/// the kernel; none could be deployed alone until it is cut.
fn cyclic_services(ctx: &Context, c: &Cluster) -> Option<Reason> {
    let id = RuleId::CyclicServices;
    if !ctx.rules.enabled(id) {
        return None;
    }
    let g = ctx.g;
    // A cycle carried by fewer references than the threshold (on its closing edges) is
    // ignored.
    let min = ctx.rules.thresholds.cyclic_services.min_cycle_references;
    let carried = |cc: &&CrossingCycle| {
        let closing: BTreeSet<(usize, usize)> = cc.cycle.closing.iter().copied().collect();
        g.edges
            .iter()
            .filter(|e| closing.contains(&(e.from, e.to)))
            .map(|e| f64::from(e.weight))
            .sum::<f64>()
    };
    let cc = ctx
        .crossing_cycles
        .iter()
        .find(|cc| cc.clusters.contains(&c.i) && carried(cc) >= min)?;
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
                ctx.ws.rel(&g.modules[x].file),
                g.modules[x].line
            )
        })
        .collect();
    let others: Vec<String> = cc
        .clusters
        .iter()
        .filter(|&&o| o != c.i)
        .map(|o| (o + 1).to_string())
        .collect();
    let through = if others.is_empty() {
        "the shared kernel".to_string()
    } else {
        format!("cluster {}", others.join(", "))
    };
    Some(reason(
        id,
        "cycle_clusters",
        Some(0.0),
        cc.clusters.len() as f64,
        format!(
            "a dependency cycle of {} runs through it and {through}; none could be deployed alone until it is cut at {}",
            crate::words::count(cc.cycle.members.len() as u64, "module", "modules"),
            closing.join(", ")
        ),
    ))
}

/// `existing-process`: both sides of a process boundary that already exists: it is not a
/// new service.
fn holds_a_process(ctx: &Context, c: &Cluster) -> Option<Reason> {
    let id = RuleId::ExistingProcess;
    if !(ctx.rules.enabled(id) && !c.f.processes.is_empty() && !c.f.process) {
        return None;
    }
    let names: Vec<&str> = c.f.processes.iter().map(String::as_str).collect();
    Some(reason(
        id,
        "process",
        None,
        c.f.processes.len() as f64,
        format!(
            "it holds {} that already runs as a separate process together with code that talks to it: that boundary exists already",
            crate::words::names(&names)
        ),
    ))
}

/// `change-crossing`: most of its commits also change another cluster (needs history).
fn change_crossing(ctx: &Context, c: &Cluster) -> Option<Reason> {
    let id = RuleId::ChangeCrossing;
    let t = &ctx.rules.thresholds.change_crossing;
    let o = c.own.filter(|o| {
        ctx.rules.enabled(id)
            && o.changes as f64 >= t.min_changes
            && o.crossing_share > t.max_crossing_share
    })?;
    Some(reason(
        id,
        "crossing_share",
        Some(t.max_crossing_share),
        o.crossing_share,
        format!(
            "most of its changes reach other clusters: {:.0}% of its {} commits also changed another cluster",
            o.crossing_share * 100.0,
            o.changes
        ),
    ))
}

/// `linked-library`: pure code other clusters link is a library, whatever its shape (never
/// a nanoservice); the core of the codebase excepted.
fn pure_library(ctx: &Context, c: &Cluster) -> Option<Outcome> {
    use crate::words::count;
    let id = RuleId::LinkedLibrary;
    let core = c.share > ctx.rules.thresholds.microservice_candidate.max_code_share;
    let p = c.p;
    if !(ctx.rules.enabled(id) && c.pure() && c.f.plain && !core && p.library_references > 0) {
        return None;
    }
    let why = format!(
        "pure code ({}, no state, no I/O) that other clusters use {}: link it into each of them; as a service it would complicate the system it is meant to simplify",
        count(c.f.loc, "line", "lines"),
        count(p.library_references, "time", "times")
    );
    Some((
        Recommendation::Library,
        vec![reason(
            id,
            "library_references",
            None,
            p.library_references as f64,
            why,
        )],
    ))
}

/// `linked-library`: plain value types are linked on both sides.
fn value_types(ctx: &Context, c: &Cluster) -> Option<Outcome> {
    let id = RuleId::LinkedLibrary;
    let min = ctx.rules.thresholds.linked_library.min_type_share;
    if !(ctx.rules.enabled(id) && c.pure() && c.f.type_share >= min) {
        return None;
    }
    let why = format!(
        "plain value types ({:.0}% of its items are types, no state, no I/O): a split would link them into each side as a shared library",
        c.f.type_share * 100.0
    );
    Some((
        Recommendation::Library,
        vec![reason(id, "type_share", Some(min), c.f.type_share, why)],
    ))
}

/// `nanoservice-candidate`: every condition of its shape must hold, and it must do
/// something a process owns; a pure or chatty one is said not to be one, and linked.
fn nanoservice_candidate(ctx: &Context, c: &Cluster) -> Option<Outcome> {
    use crate::words::count;
    let id = RuleId::NanoserviceCandidate;
    let t = &ctx.rules.thresholds.nanoservice_candidate;
    if !ctx.rules.enabled(id) {
        return None;
    }
    let shape = nanoservice_shape(c, t)?;
    let p = c.p;
    let refs = count(p.remote_references, "reference", "references");
    let chatty = p.remote_references as f64 > t.max_remote_references;
    let remote = |message| {
        reason(
            id,
            "remote_references",
            Some(t.max_remote_references),
            p.remote_references as f64,
            message,
        )
    };
    if let (Some(io), false) = (&c.f.io, chatty) {
        let mut reasons = shape;
        reasons.push(reason(
            id,
            "io",
            None,
            1.0,
            format!("it does I/O of its own: {io}"),
        ));
        reasons.push(remote(format!(
            "not chatty: {refs} would cross its boundary"
        )));
        return Some((Recommendation::Nanoservice, reasons));
    }
    // The article's own anti-pattern: say so instead of recommending it.
    let lines = count(c.f.loc, "line", "lines");
    let why = match (c.f.io.is_none(), chatty) {
        (true, true) => {
            format!("a pure function ({lines}, no state, no I/O) that {refs} would reach")
        }
        (true, false) => format!("a pure function ({lines}, no state, no I/O)"),
        _ => format!("a chatty one: {refs} would reach it"),
    };
    Some((
        Recommendation::Library,
        vec![remote(format!(
            "not a nanoservice: {why}; as a service it would complicate the system it is meant to simplify, so link it as a library"
        ))],
    ))
}

/// The reasons of a nanoservice's shape (small, a narrow API, self-contained, stateless,
/// reused), when every one holds.
fn nanoservice_shape(c: &Cluster, t: &NanoserviceCandidate) -> Option<Vec<Reason>> {
    use crate::words::count;
    let id = RuleId::NanoserviceCandidate;
    let (f, p) = (c.f, c.p);
    let entry = p.entry_points.len() as f64;
    let shape = [
        (
            c.loc() <= t.max_loc,
            reason(
                id,
                "loc",
                Some(t.max_loc),
                c.loc(),
                format!("small: {}", count(f.loc, "line of code", "lines of code")),
            ),
        ),
        (
            entry <= t.max_entry_points && !p.entry_points.is_empty(),
            reason(
                id,
                "entry_points",
                Some(t.max_entry_points),
                entry,
                format!(
                    "a narrow API: {} used from outside",
                    count(p.entry_points.len() as u64, "item", "items")
                ),
            ),
        ),
        (
            p.dependencies as f64 <= t.max_dependencies,
            reason(
                id,
                "dependencies",
                Some(t.max_dependencies),
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
                id,
                "state",
                Some(0.0),
                f.state_items as f64,
                "stateless".into(),
            ),
        ),
        (
            p.client_clusters.len() as f64 >= t.min_client_clusters,
            reason(
                id,
                "client_clusters",
                Some(t.min_client_clusters),
                p.client_clusters.len() as f64,
                format!("reused by {} other clusters", p.client_clusters.len()),
            ),
        ),
    ];
    shape
        .iter()
        .all(|(ok, _)| *ok)
        .then(|| shape.into_iter().map(|(_, r)| r).collect())
}

/// `too-small-for-a-service`: too little code to pay for a network boundary.
fn too_small_for_a_service(ctx: &Context, c: &Cluster) -> Option<Reason> {
    let id = RuleId::TooSmallForAService;
    let min = ctx.rules.thresholds.too_small_for_a_service.min_loc;
    (ctx.rules.enabled(id) && c.loc() < min).then(|| {
        reason(
            id,
            "loc",
            Some(min),
            c.loc(),
            format!(
                "too small to pay for a network boundary: {}",
                crate::words::count(c.f.loc, "line of code", "lines of code")
            ),
        )
    })
}

/// `chatty-boundary`: most references would cross the boundary.
fn chatty_boundary(ctx: &Context, c: &Cluster) -> Option<Reason> {
    use crate::words::thousands;
    let id = RuleId::ChattyBoundary;
    let min = ctx.rules.thresholds.chatty_boundary.min_cohesion;
    let (p, cohesion) = (c.p, c.p.service_cohesion);
    (ctx.rules.enabled(id) && p.remote_references > 0 && cohesion < min).then(|| {
        reason(
            id,
            "cohesion",
            Some(min),
            cohesion,
            format!(
                "too chatty: only {:.0}% of its references stay inside ({} cross its boundary, {} of them calls)",
                cohesion * 100.0,
                thousands(p.remote_references),
                thousands(p.remote_calls)
            ),
        )
    })
}

/// `shared-state`: other clusters use its statics.
fn shared_state(ctx: &Context, c: &Cluster) -> Option<Reason> {
    let id = RuleId::SharedState;
    let min = ctx.rules.thresholds.shared_state.min_shared_items;
    let shared = &c.p.shared_state;
    (ctx.rules.enabled(id) && shared.len() as f64 >= min).then(|| {
        reason(
            id,
            "shared_state",
            Some(min),
            shared.len() as f64,
            format!("other clusters use its state: {}", shared.join(", ")),
        )
    })
}

/// `microservice-candidate`: a cluster holding most of the code is the core that stays
/// when the others leave.
fn core_of_the_codebase(ctx: &Context, c: &Cluster) -> Option<Reason> {
    let id = RuleId::MicroserviceCandidate;
    let max = ctx.rules.thresholds.microservice_candidate.max_code_share;
    (ctx.rules.enabled(id) && c.share > max).then(|| {
        reason(
            id,
            "code_share",
            Some(max),
            c.share,
            format!(
                "it is the core of the codebase ({:.0}% of the code): what stays when others leave",
                c.share * 100.0
            ),
        )
    })
}

/// `microservice-candidate`: big enough, cohesive, a narrow API, state or I/O of its own.
/// `Ok` with the reasons (and `separate-team`'s, when it holds); `Err` with the conditions
/// that fail.
fn microservice_candidate(ctx: &Context, c: &Cluster) -> Result<Vec<Reason>, Vec<Reason>> {
    use crate::words::count;
    let id = RuleId::MicroserviceCandidate;
    let t = &ctx.rules.thresholds.microservice_candidate;
    let (f, p, cohesion) = (c.f, c.p, c.p.service_cohesion);
    let size_ok = c.loc() >= t.min_loc;
    let cohesion_ok = cohesion >= t.min_cohesion;
    let api_ok = p.entry_points.len() as f64 <= t.max_entry_points
        && p.crossing_types.len() as f64 <= t.max_crossing_types;
    let runs = !c.pure();
    let size = reason(
        id,
        "loc",
        Some(t.min_loc),
        c.loc(),
        format!(
            "big enough: {}",
            count(f.loc, "line of code", "lines of code")
        ),
    );
    let coh = reason(
        id,
        "cohesion",
        Some(t.min_cohesion),
        cohesion,
        format!(
            "cohesive: {:.0}% of its references stay inside",
            cohesion * 100.0
        ),
    );
    let api = reason(
        id,
        "entry_points",
        Some(t.max_entry_points),
        p.entry_points.len() as f64,
        format!(
            "{} API: {} used from outside, {} crossing its boundary",
            if api_ok { "a narrow" } else { "too wide an" },
            count(p.entry_points.len() as u64, "item", "items"),
            count(p.crossing_types.len() as u64, "type", "types")
        ),
    );
    let state_io = reason(
        id,
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
        reasons.extend(separate_team(ctx, c));
        return Ok(reasons);
    }
    Err([
        (!size_ok).then_some(size),
        (!cohesion_ok).then_some(coh),
        (!api_ok).then_some(api),
        (!runs).then_some(state_io),
    ]
    .into_iter()
    .flatten()
    .collect())
}

/// `separate-team`: a microservice candidate mostly changed by people who work mostly there
/// (needs history, and the code owned in parts).
fn separate_team(ctx: &Context, c: &Cluster) -> Option<Reason> {
    let id = RuleId::SeparateTeam;
    let t = &ctx.rules.thresholds.separate_team;
    // Only where the code is owned in parts: more than one cluster is someone's home.
    if !ctx.rules.enabled(id) || (ctx.homes as f64) < t.min_home_clusters {
        return None;
    }
    let o = c.own.filter(|o| {
        o.changes as f64 >= t.min_changes && o.own_team_share >= t.min_own_team_share
    })?;
    Some(reason(
        id,
        "own_team_share",
        Some(t.min_own_team_share),
        o.own_team_share,
        format!(
            "owned by a group of its own: {:.0}% of its {} commits come from people who work mostly here",
            o.own_team_share * 100.0,
            o.changes
        ),
    ))
}

/// What the verdict rules read.
struct Whole<'a> {
    g: &'a ModuleGraph,
    a: &'a Analysis,
    rules: &'a RuleSet,
    /// Lines of code of the clustered modules.
    loc: u64,
    /// The sentence about the processes it already runs (empty for none), closing each
    /// rationale.
    processes_note: String,
}

/// A verdict with its rationale and reasons.
type Ruling = (Verdict, String, Vec<Reason>);

/// What a whole-codebase rule found that keeps it one unit: the rationale for a codebase
/// that could hold services, the same fact as an observation about a library (where
/// services never apply), and the reason.
struct OneUnit {
    rationale: String,
    observed: String,
    reason: Reason,
}

/// The verdict for the whole codebase, from its clusters; then the rows are made to agree
/// with it (in a monolith or a modular monolith no row says "microservice"). A library
/// workspace is read as a library first; its size and coupling are observations about it.
pub fn verdict(
    ws: &crate::workspace::Workspace,
    g: &ModuleGraph,
    a: &Analysis,
    rules: &RuleSet,
    advice: &mut [ClusterAdvice],
    units: &Units,
) -> VerdictAdvice {
    let whole = Whole {
        g,
        a,
        rules,
        loc: a.cluster_metrics.iter().map(|m| m.loc).sum(),
        processes_note: processes_note(g, units, advice),
    };
    let one_unit = small_codebase(&whole)
        .or_else(|| tangled_codebase(&whole))
        .or_else(|| tightly_coupled_codebase(&whole));
    let (verdict, rationale, reasons) = if units.library_workspace {
        library_verdict(&whole, advice.len(), one_unit)
    } else if let Some(u) = one_unit {
        let rationale = format!("{}{}", u.rationale, whole.processes_note);
        (Verdict::Monolith, rationale, vec![u.reason])
    } else {
        by_candidates(ws, &whole, advice)
    };
    agree(verdict, advice);
    VerdictAdvice {
        verdict,
        rationale,
        reasons,
    }
}

/// " It already runs … as separate processes …." for a codebase that runs some, else "".
fn processes_note(g: &ModuleGraph, units: &Units, advice: &[ClusterAdvice]) -> String {
    let processes: Vec<&str> = g
        .crates
        .iter()
        .zip(&units.process)
        .filter(|(_, p)| **p)
        .map(|(c, _)| c.package.as_str())
        .collect();
    if processes.is_empty() {
        return String::new();
    }
    let assessed = advice
        .iter()
        .any(|c| c.recommendation == Recommendation::Process);
    format!(
        " It already runs {} as {}{}.",
        crate::words::names(&processes),
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
}

/// `small-codebase`: the whole codebase is too small for any service boundary.
fn small_codebase(w: &Whole) -> Option<OneUnit> {
    use crate::words::count;
    let id = RuleId::SmallCodebase;
    let min = w.rules.thresholds.small_codebase.min_loc;
    if !(w.rules.enabled(id) && (w.loc as f64) < min) {
        return None;
    }
    let lines = count(w.loc, "line of code", "lines of code");
    Some(OneUnit {
        rationale: format!("A small codebase ({lines}): no service boundary would pay for the complexity, cost and security risk it brings."),
        observed: format!("It is small ({lines}): one unit, too small for boundaries inside it to need guarding."),
        reason: reason(id, "loc", Some(min), w.loc as f64, lines),
    })
}

/// `tightly-coupled-codebase`: one dependency cycle holds most of the modules.
fn tangled_codebase(w: &Whole) -> Option<OneUnit> {
    use crate::words::{count, names};
    let id = RuleId::TightlyCoupledCodebase;
    let max = w
        .rules
        .thresholds
        .tightly_coupled_codebase
        .max_largest_cycle_share;
    let clustered =
        w.a.clustering
            .assignment
            .iter()
            .filter(|c| c.is_some())
            .count()
            .max(1);
    let biggest = w.a.cycles.first();
    let largest = biggest.map_or(0, |c| c.members.len()) as f64 / clustered as f64;
    let cy = biggest.filter(|_| w.rules.enabled(id) && largest > max)?;
    let members: Vec<&str> = cy
        .members
        .iter()
        .map(|&m| w.g.modules[m].path.as_str())
        .collect();
    let ties = format!(
        "one dependency cycle ties {} of its {} together ({})",
        cy.members.len(),
        count(clustered as u64, "module", "modules"),
        names(&members),
    );
    Some(OneUnit {
        rationale: format!("A tangled codebase: {ties}; nothing in it can be separated until the cycle is cut (the cycles table lists the edges that close it)."),
        observed: format!("Its modules are one unit: {ties}, with no internal seams, which is common for a library whose types refer to each other (the cycles table lists the edges that close it)."),
        reason: reason(
            id,
            "largest_cycle_share",
            Some(max),
            largest,
            format!("one dependency cycle holds {:.0}% of the modules", largest * 100.0),
        ),
    })
}

/// `tightly-coupled-codebase`: even the best clustering keeps few references inside.
fn tightly_coupled_codebase(w: &Whole) -> Option<OneUnit> {
    let id = RuleId::TightlyCoupledCodebase;
    let min = w.rules.thresholds.tightly_coupled_codebase.min_modularity;
    let q = w.a.quality.modularity;
    if !(w.rules.enabled(id) && q < min) {
        return None;
    }
    Some(OneUnit {
        rationale: format!("A tightly coupled codebase: even its best clustering keeps few references inside (modularity Q {q:.2}); it has no seams a split could follow: untangle it inside the monolith first."),
        observed: format!("Its modules are tightly coupled (modularity Q {q:.2}): one unit with no internal seams, which is common for a library that models one recursive domain (a grammar, a type system)."),
        reason: reason(
            id,
            "modularity",
            Some(min),
            q,
            format!("modularity Q {q:.2}: the best clustering keeps few references inside"),
        ),
    })
}

/// The verdict from the clusters' recommendations: microservice and
/// nanoservice candidates together make a hybrid; enough microservice candidates (the
/// `min_microservices` threshold of `microservice-candidate`) make microservices; else a
/// modular monolith, with what held its clusters back.
fn by_candidates(ws: &crate::workspace::Workspace, w: &Whole, advice: &[ClusterAdvice]) -> Ruling {
    use crate::words::count;
    let of = |r: Recommendation| advice.iter().filter(|c| c.recommendation == r).count();
    let (micro, nano) = (
        of(Recommendation::Microservice),
        of(Recommendation::Nanoservice),
    );
    let min_micro = w.rules.thresholds.microservice_candidate.min_microservices;
    let mut reasons = vec![candidates(micro, nano, min_micro)];
    let app = match crate::model::roles::workspace_kind(ws, &w.g.roles) {
        crate::model::roles::WorkspaceKind::Application => "An application",
        _ => "A workspace of applications and libraries",
    };
    let note = &w.processes_note;
    if micro >= 1 && nano >= 1 {
        let rationale =
            format!(
            "{app} with {} and {} behind clean, cheap boundaries; the rest stays together.{note}",
            count(micro as u64, "microservice candidate", "microservice candidates"),
            count(nano as u64, "nanoservice candidate", "nanoservice candidates")
        );
        return (Verdict::Hybrid, rationale, reasons);
    }
    if micro as f64 >= min_micro {
        let rationale = format!("{app} whose {micro} cohesive, loosely coupled clusters with state or I/O of their own are big enough to stand as services; their boundaries are listed with their price.{note}");
        return (Verdict::Microservices, rationale, reasons);
    }
    let (why, held) = held_back(w.a, advice);
    reasons.extend(held);
    let one = if micro == 1 {
        " One cluster could stand alone as a service; see next steps."
    } else {
        ""
    };
    let rationale = format!(
        "{app} with clear domains (modularity Q {:.2}), but {why}: keep one deployable unit and guard the module boundaries.{one}{note}",
        w.a.quality.modularity
    );
    (Verdict::ModularMonolith, rationale, reasons)
}

/// How many clusters would make sound microservices and nanoservices, against the number
/// of microservice candidates a `microservices` verdict needs.
fn candidates(micro: usize, nano: usize, min_micro: f64) -> Reason {
    let would = |n: usize, what: &str| match n {
        1 => format!("1 cluster would make a sound {what}"),
        n => format!(
            "{} would make sound {what}s",
            crate::words::count(n as u64, "cluster", "clusters")
        ),
    };
    reason(
        RuleId::MicroserviceCandidate,
        "microservices",
        Some(min_micro),
        micro as f64,
        format!(
            "{}, {}",
            would(micro, "microservice"),
            would(nano, "nanoservice")
        ),
    )
}

/// `linked-library`: a library workspace is never services. It is a modular monolith when
/// its clusters are real seams; when it is small, tangled or tightly coupled (`one_unit`)
/// it is a monolith — one unit with no module boundary to guard — said as an observation,
/// not a task: a library's coupling is often the shape of the domain it models.
fn library_verdict(w: &Whole, clusters: usize, one_unit: Option<OneUnit>) -> Ruling {
    use crate::words::count;
    let product = w.g.roles.iter().filter(|r| r.is_product()).count() as u64;
    let library = format!(
        "A library ({}): it is linked into its users' programs and never deployed, so no part of it can become a service.",
        count(product, "product crate", "product crates"),
    );
    let linked = reason(
        RuleId::LinkedLibrary,
        "workspace_kind",
        None,
        0.0,
        "every product crate is a library: nothing here runs on its own".into(),
    );
    match one_unit {
        Some(u) => (
            Verdict::Monolith,
            format!("{library} {}", u.observed),
            vec![linked, u.reason],
        ),
        None => (
            Verdict::ModularMonolith,
            format!(
                "{library} Its {} are module boundaries to keep clean (modularity Q {:.2}, {:.0}% of references cross them).",
                count(clusters as u64, "cluster", "clusters"),
                w.a.quality.modularity,
                w.a.quality.icp * 100.0
            ),
            vec![linked],
        ),
    }
}

/// Why not services: the reason (rule and metric) that held back the most code, in words,
/// with a reason naming its rule and the code it held back (none when no cluster was).
fn held_back(a: &Analysis, advice: &[ClusterAdvice]) -> (&'static str, Option<Reason>) {
    let mut held: BTreeMap<(RuleId, &str), u64> = BTreeMap::new();
    for (i, c) in advice.iter().enumerate() {
        if c.recommendation == Recommendation::Monolith {
            if let Some(r) = c.reasons.first() {
                *held.entry((r.rule, r.metric.as_str())).or_insert(0) += a.cluster_metrics[i].loc;
            }
        }
    }
    let Some((&(rule, metric), &l)) = held
        .iter()
        .max_by_key(|(key, l)| (**l, std::cmp::Reverse(**key)))
    else {
        return (held_back_words(None), None);
    };
    let r = reason(
        rule,
        "loc_held",
        None,
        l as f64,
        format!(
            "{} in clusters held back by `{rule}`",
            crate::words::count(l, "line of code", "lines of code")
        ),
    );
    (held_back_words(Some((rule, metric))), Some(r))
}

/// What held a codebase's clusters back, in words.
fn held_back_words(strongest: Option<(RuleId, &str)>) -> &'static str {
    use RuleId::*;
    match strongest {
        Some((ChattyBoundary, _)) => "most of its code is in chatty clusters: too many of their references would cross a boundary",
        Some((TooSmallForAService, _)) => "its clusters are too small to pay for a network boundary",
        Some((CyclicServices, _)) => "dependency cycles run across its clusters",
        Some((SharedState, _)) => "its clusters share state",
        Some((MicroserviceCandidate, "code_share")) => "one cluster is the core that holds most of the code",
        Some((MicroserviceCandidate, "state_or_io")) => "most of its code is pure: no state or I/O of its own for a service to run",
        Some((MicroserviceCandidate, "cohesion")) => "its clusters are not cohesive enough to stand alone",
        Some((MicroserviceCandidate, "entry_points")) => "its clusters' APIs are too wide (too many items or types cross them)",
        Some((ChangeCrossing, _)) => "most changes reach across clusters",
        Some((ExistingProcess, _)) => "its clusters mix an existing process with the code that talks to it",
        _ => "too few of its domains would pay for a service boundary",
    }
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
                        rule: RuleId::MicroserviceCandidate,
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
