//! The JSON document of `archsplit analyze`: the graph document (schema_version 2) plus each
//! module's `cluster`, `status` and `metrics`, `clusters[]`, `kernel[]`, `excluded[]`,
//! `cycles[]`, `crate_cycles[]`, and the quality figures in `summary`.

use std::collections::BTreeSet;
use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::json::{
    CrateDependencyJson, CrateJson, DependencyJson, ExternalJson, GraphJson, ModuleJson, Summary,
    Tool,
};
use crate::analysis::cluster::Placement;
use crate::analysis::{Analysis, Clustering, Cycle, Metrics, Quality};
use crate::diag::Diagnostic;
use crate::history::coupling::{CoChange, Ownership};
use crate::history::signals::Signal;
use crate::history::{HistoryAnalysis, HistoryInfo};
use crate::model::ModuleGraph;
use crate::rules::recommend::{Price, Reason};
use crate::rules::{Advice, Finding, Recommendation, Verdict};
use crate::workspace::Workspace;

#[derive(Serialize)]
pub struct AnalyzeJson<'a> {
    pub schema_version: u32,
    pub tool: Tool,
    pub summary: AnalyzeSummary,
    pub crates: Vec<CrateAnalyzed>,
    pub modules: Vec<ModuleAnalyzed>,
    pub dependencies: Vec<DependencyJson<'a>>,
    pub crate_dependencies: Vec<CrateDependencyJson<'a>>,
    pub external: Vec<ExternalJson>,
    pub clusters: Vec<ClusterJson>,
    pub kernel: Vec<KernelJson>,
    /// Modules left out of the clustering and the verdict, with why.
    pub excluded: Vec<ExcludedJson>,
    pub cycles: Vec<CycleJson>,
    pub crate_cycles: Vec<CycleJson>,
    pub findings: Vec<Finding>,
    /// The next steps, ranked: at most seven, each with its evidence and its effect.
    pub actions: Vec<crate::rules::actions::Action>,
    /// The layering of the product crates and the dependencies that go against it.
    pub layers: crate::rules::layers::Layers,
    /// Module pairs that changed together (at least twice), strongest first; empty
    /// without history.
    pub change_coupling: Vec<CoChangeJson>,
    pub diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
pub struct HistoryJson {
    #[serde(flatten)]
    pub info: HistoryInfo,
    /// Module pairs that changed together at least twice (`change_coupling` lists the
    /// strongest `MAX_CO_CHANGES`).
    pub co_change_pairs: usize,
}

#[derive(Serialize)]
pub struct CoChangeJson {
    pub a: String,
    pub b: String,
    /// The figures, `static_dependency` (whether either module refers to the other) last.
    #[serde(flatten)]
    pub figures: CoChange,
}

/// The change figures of a module; all null without history.
#[derive(Serialize, Default)]
pub struct ModuleHistoryJson {
    /// Share of the commits read that changed the module.
    pub volatility: Option<f64>,
    /// Commits that changed it.
    pub changes: Option<u32>,
    /// Distinct authors of those commits.
    pub authors: Option<u32>,
    /// Share of its commits by its most frequent author.
    pub main_author_share: Option<f64>,
}

/// At most this many pairs go into `change_coupling`.
pub const MAX_CO_CHANGES: usize = 1000;

#[derive(Serialize)]
pub struct AnalyzeSummary {
    /// `monolith`, `modular-monolith`, `microservices` or `hybrid`.
    pub verdict: Verdict,
    pub rationale: String,
    pub verdict_reasons: Vec<Reason>,
    #[serde(flatten)]
    pub graph: Summary,
    pub clusters: usize,
    pub kernel_modules: usize,
    pub cycles: usize,
    pub crate_cycles: usize,
    #[serde(flatten)]
    pub quality: Quality,
    pub clustering: ClusteringJson,
    /// How much history was read, or why none was.
    pub history: HistoryJson,
}

#[derive(Serialize)]
pub struct ClusteringJson {
    pub algorithm: &'static str,
    pub resolution: f64,
    /// How the resolution was chosen: `given`, `clusters` or `finest-near-best-modularity`.
    pub criterion: &'static str,
    pub kernel_share: f64,
    /// What weighed the graph the clustering optimized (`static`, `history`, `authors`).
    pub signals: Vec<Signal>,
    /// `product` (crates outside the product left out, the default) or `all`
    /// (`--include-tests`).
    pub scope: &'static str,
    /// Modules in no cluster and not in the kernel (`excluded[]`).
    pub excluded_modules: usize,
    /// Crate roots moved to the cluster holding most of their crate's code.
    pub roots_placed: usize,
    /// Clusters of one module or without code merged into the one they are most connected to.
    pub small_merged: usize,
    pub sweep: Vec<crate::analysis::cluster::SweepPoint>,
}

#[derive(Serialize)]
pub struct CrateAnalyzed {
    #[serde(flatten)]
    pub base: CrateJson,
    pub metrics: Metrics,
}

#[derive(Serialize)]
pub struct ModuleAnalyzed {
    #[serde(flatten)]
    pub base: ModuleJson,
    /// Id of the module's cluster; null for a module of the shared kernel or left out.
    pub cluster: Option<usize>,
    /// `clustered`, `kernel` or `excluded` (see `excluded[]` for why).
    pub status: &'static str,
    pub metrics: Metrics,
    #[serde(flatten)]
    pub history: ModuleHistoryJson,
}

#[derive(Serialize)]
pub struct ClusterJson {
    pub id: usize,
    /// The longest module path prefix its modules share, or its most referenced module.
    pub name: String,
    pub modules: Vec<String>,
    /// Packages its modules belong to.
    pub crates: Vec<String>,
    /// No reference to or from any other cluster (the kernel and excluded modules aside):
    /// the only way a cluster of one module is left standing.
    pub standalone: bool,
    /// `monolith`, `module`, `library`, `process`, `microservice` or `nanoservice`.
    pub recommendation: Recommendation,
    pub reasons: Vec<Reason>,
    pub price: Price,
    pub metrics: Metrics,
    /// Who changes it and how often its changes reach other clusters; null without history.
    pub ownership: Option<Ownership>,
}

#[derive(Serialize)]
pub struct KernelJson {
    pub module: String,
    #[serde(rename = "crate")]
    pub krate: String,
    /// How many modules use it.
    pub users: usize,
}

#[derive(Serialize)]
pub struct ExcludedJson {
    pub module: String,
    #[serde(rename = "crate")]
    pub krate: String,
    /// `outside-product` (its crate is tooling, test support, an example, a benchmark, a fuzz
    /// target, build support or vendored code) or `no-code` (no line of code and no
    /// dependency with any clustered module).
    pub reason: &'static str,
    /// The role that puts its crate outside the product; null for `no-code`.
    pub role: Option<&'static str>,
    /// Why, in plain words.
    pub evidence: String,
}

/// The modules left out of the clustering, with why.
pub fn excluded(g: &ModuleGraph, c: &crate::analysis::Clustering) -> Vec<ExcludedJson> {
    c.excluded
        .iter()
        .map(|&(m, why)| {
            let package = &g.crates[g.modules[m].krate].package;
            let evidence = match why.role() {
                Some(role) => g
                    .roles
                    .iter()
                    .find(|r| &r.package == package)
                    .and_then(|r| r.roles.iter().find(|f| f.role == role))
                    .map_or_else(|| role.as_str().to_string(), |f| f.evidence.clone()),
                None => "no line of code and no dependency with any clustered module".to_string(),
            };
            ExcludedJson {
                module: g.modules[m].path.clone(),
                krate: package.clone(),
                reason: why.as_str(),
                role: why.role().map(|r| r.as_str()),
                evidence,
            }
        })
        .collect()
}

#[derive(Serialize)]
pub struct CycleJson {
    pub members: Vec<String>,
    pub edges: Vec<EdgeRef>,
    /// The back edges of a depth-first walk: removing them breaks every cycle.
    pub closing_edges: Vec<EdgeRef>,
}

#[derive(Serialize)]
pub struct EdgeRef {
    pub from: String,
    pub to: String,
}

/// Cluster ids as users see them: 1, 2, ... in order of size.
pub fn cluster_id(c: usize) -> usize {
    c + 1
}

/// A readable name for each cluster: the module path prefix its modules share when it says
/// more than the crate, otherwise its module most referenced from inside the cluster (`+N`
/// for the others). One pass over the edges for all clusters.
pub fn cluster_names(g: &ModuleGraph, assignment: &[Option<usize>], k: usize) -> Vec<String> {
    let mut members = vec![Vec::new(); k];
    for (m, c) in assignment.iter().enumerate() {
        if let Some(c) = c {
            members[*c].push(m);
        }
    }
    let mut weight = vec![0u64; g.modules.len()];
    for e in &g.edges {
        if assignment[e.from].is_some() && assignment[e.from] == assignment[e.to] {
            weight[e.to] += e.weight as u64;
        }
    }
    members
        .iter()
        .map(|ms| {
            let paths: Vec<Vec<&str>> = ms
                .iter()
                .map(|&m| g.modules[m].path.split("::").collect())
                .collect();
            let mut prefix: Vec<&str> = paths.first().cloned().unwrap_or_default();
            for p in paths.iter().skip(1) {
                let common = prefix.iter().zip(p).take_while(|(a, b)| a == b).count();
                prefix.truncate(common);
            }
            if prefix.len() > 1 || ms.len() == 1 {
                return prefix.join("::");
            }
            let top = ms
                .iter()
                .copied()
                .max_by(|&a, &b| {
                    weight[a]
                        .cmp(&weight[b])
                        .then(g.modules[b].path.cmp(&g.modules[a].path))
                })
                .unwrap_or(ms[0]);
            format!("{} +{}", g.modules[top].path, ms.len() - 1)
        })
        .collect()
}

fn cycle_json(c: &Cycle, name: impl Fn(usize) -> String) -> CycleJson {
    let edge = |&(a, b): &(usize, usize)| EdgeRef {
        from: name(a),
        to: name(b),
    };
    CycleJson {
        members: c.members.iter().map(|&m| name(m)).collect(),
        edges: c.edges.iter().map(edge).collect(),
        closing_edges: c.closing.iter().map(edge).collect(),
    }
}

/// The clusters with their modules, crates, recommendation, price, metrics and ownership.
fn clusters_json(g: &ModuleGraph, a: &Analysis, advice: &Advice) -> Vec<ClusterJson> {
    let c = &a.clustering;
    let mut members = vec![Vec::new(); c.k];
    for (m, cl) in c.assignment.iter().enumerate() {
        if let Some(cl) = cl {
            members[*cl].push(m);
        }
    }
    let names = cluster_names(g, &c.assignment, c.k);
    members
        .iter()
        .enumerate()
        .map(|(i, ms)| {
            let crates: BTreeSet<String> = ms
                .iter()
                .map(|&m| g.crates[g.modules[m].krate].package.clone())
                .collect();
            ClusterJson {
                id: cluster_id(i),
                name: names[i].clone(),
                modules: ms.iter().map(|&m| g.modules[m].path.clone()).collect(),
                crates: crates.into_iter().collect(),
                standalone: c.standalone[i],
                recommendation: advice.clusters[i].recommendation,
                reasons: advice.clusters[i].reasons.clone(),
                price: advice.clusters[i].price.clone(),
                metrics: a.cluster_metrics[i].clone(),
                ownership: advice.ownership.as_ref().map(|o| o[i].clone()),
            }
        })
        .collect()
}

/// The kernel modules with their crate and how many modules use each.
fn kernel_json(g: &ModuleGraph, c: &Clustering) -> Vec<KernelJson> {
    let users = crate::analysis::metrics::users(g);
    c.kernel
        .iter()
        .map(|&m| KernelJson {
            module: g.modules[m].path.clone(),
            krate: g.crates[g.modules[m].krate].package.clone(),
            users: users[m],
        })
        .collect()
}

/// The graph document's modules with their cluster, status, metrics and, when history was
/// read, history figures.
fn modules_analyzed(
    modules: Vec<ModuleJson>,
    a: &Analysis,
    h: &HistoryAnalysis,
) -> Vec<ModuleAnalyzed> {
    let read = h.history.available();
    let c = &a.clustering;
    modules
        .into_iter()
        .enumerate()
        .map(|(i, m)| ModuleAnalyzed {
            base: m,
            cluster: c.assignment[i].map(cluster_id),
            status: match c.placement(i) {
                Placement::Cluster(_) => "clustered",
                Placement::Kernel => "kernel",
                Placement::Excluded(_) => "excluded",
            },
            metrics: a.module_metrics[i].clone(),
            history: match h.coupling.modules.get(i).filter(|_| read) {
                Some(mc) => ModuleHistoryJson {
                    volatility: Some(mc.volatility),
                    changes: Some(mc.changes),
                    authors: Some(mc.authors),
                    main_author_share: Some(mc.main_author_share),
                },
                None => ModuleHistoryJson::default(),
            },
        })
        .collect()
}

/// How the clustering was done: algorithm, resolution, criterion, signals and scope.
fn clustering_json(c: &Clustering) -> ClusteringJson {
    ClusteringJson {
        algorithm: "leiden",
        resolution: c.resolution,
        criterion: c.criterion.as_str(),
        kernel_share: c.kernel_share,
        signals: c.signals.clone(),
        scope: if c.include_non_product {
            "all"
        } else {
            "product"
        },
        excluded_modules: c.excluded.len(),
        roots_placed: c.roots_placed,
        small_merged: c.small_merged,
        sweep: c.sweep.clone(),
    }
}

/// The graph summary `graph` with the verdict, the cluster and cycle counts, the quality
/// figures, the clustering and the history read.
fn analyze_summary(
    graph: Summary,
    a: &Analysis,
    advice: &Advice,
    h: &HistoryAnalysis,
) -> AnalyzeSummary {
    let c = &a.clustering;
    AnalyzeSummary {
        verdict: advice.verdict.verdict,
        rationale: advice.verdict.rationale.clone(),
        verdict_reasons: advice.verdict.reasons.clone(),
        graph,
        clusters: c.k,
        kernel_modules: c.kernel.len(),
        cycles: a.cycles.len(),
        crate_cycles: a.crate_cycles.len(),
        quality: a.quality.clone(),
        clustering: clustering_json(c),
        history: HistoryJson {
            info: h.history.info.clone(),
            co_change_pairs: h.coupling.pairs.len(),
        },
    }
}

impl<'a> AnalyzeJson<'a> {
    pub fn new(
        ws: &Workspace,
        g: &'a ModuleGraph,
        a: &Analysis,
        advice: &Advice,
        h: &HistoryAnalysis,
    ) -> Self {
        let base = GraphJson::new(ws, g);
        let crates = base
            .crates
            .into_iter()
            .map(|cr| {
                let metrics = a.crate_metrics.get(&cr.name).cloned().unwrap_or_default();
                CrateAnalyzed { base: cr, metrics }
            })
            .collect();
        AnalyzeJson {
            schema_version: base.schema_version,
            tool: base.tool,
            summary: analyze_summary(base.summary, a, advice, h),
            crates,
            modules: modules_analyzed(base.modules, a, h),
            dependencies: base.dependencies,
            crate_dependencies: base.crate_dependencies,
            external: base.external,
            clusters: clusters_json(g, a, advice),
            kernel: kernel_json(g, &a.clustering),
            excluded: excluded(g, &a.clustering),
            cycles: a
                .cycles
                .iter()
                .map(|cy| cycle_json(cy, |m| g.modules[m].path.clone()))
                .collect(),
            crate_cycles: a
                .crate_cycles
                .iter()
                .map(|cy| cycle_json(cy, |p| a.packages[p].clone()))
                .collect(),
            findings: advice.findings.clone(),
            actions: advice.actions.clone(),
            layers: advice.layers.clone(),
            change_coupling: change_coupling(g, h),
            diagnostics: base.diagnostics,
        }
    }
}

/// The strongest co-changing pairs: most shared commits first, then highest degree, then
/// module paths.
fn change_coupling(g: &ModuleGraph, h: &HistoryAnalysis) -> Vec<CoChangeJson> {
    if !h.history.available() {
        return Vec::new();
    }
    let mut pairs: Vec<&CoChange> = h.coupling.pairs.iter().collect();
    pairs.sort_by(|x, y| CoChange::strongest_first(x, y));
    pairs
        .into_iter()
        .take(MAX_CO_CHANGES)
        .map(|p| CoChangeJson {
            a: g.modules[p.a].path.clone(),
            b: g.modules[p.b].path.clone(),
            figures: p.clone(),
        })
        .collect()
}

pub fn write(
    out: &mut dyn Write,
    ws: &Workspace,
    g: &ModuleGraph,
    a: &Analysis,
    advice: &Advice,
    h: &HistoryAnalysis,
) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, &AnalyzeJson::new(ws, g, a, advice, h))?;
    writeln!(out)?;
    Ok(())
}
