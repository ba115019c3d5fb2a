//! The JSON document of `archsplit graph` (schema_version 2). CI scripts read it: names only
//! ever get added, and the same input always gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::view::{Level, View};
use crate::diag::Diagnostic;
use crate::model::{Module, ModuleGraph};
use crate::workspace::Workspace;

pub const SCHEMA_VERSION: u32 = 2;

#[derive(Serialize)]
pub struct GraphJson<'a> {
    pub schema_version: u32,
    pub tool: Tool,
    pub summary: Summary,
    pub crates: Vec<CrateJson>,
    pub modules: Vec<ModuleJson>,
    pub dependencies: Vec<DependencyJson<'a>>,
    pub crate_dependencies: Vec<CrateDependencyJson<'a>>,
    pub external: Vec<ExternalJson>,
    pub diagnostics: &'a [Diagnostic],
    /// The view asked for (`graph --level crate`, `--focus`); absent for the whole module
    /// graph. With a view, `crates`, `modules`, `dependencies` and `crate_dependencies` hold
    /// the view only; `summary`, `external` and `diagnostics` stay the whole workspace's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view: Option<ViewJson>,
}

#[derive(Serialize)]
pub struct ViewJson {
    /// `module` or `crate`.
    pub level: &'static str,
    /// The names `--focus` gave (packages or module paths); empty without one.
    pub focus: Vec<String>,
    /// Hops kept around the focus; null without one.
    pub depth: Option<u32>,
    /// Nodes and edges of the view.
    pub nodes: usize,
    pub edges: usize,
}

#[derive(Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Serialize)]
pub struct Summary {
    pub crates: usize,
    pub targets: usize,
    pub modules: usize,
    pub files: usize,
    /// Code lines written by hand: no blank or comment lines, generated code left out.
    pub loc: u64,
    /// Code lines of generated files and data tables.
    pub generated_loc: u64,
    pub dependencies: usize,
    pub dependency_weight: u64,
    pub diagnostics: usize,
    /// What the product crates are: `library`, `application` or `mixed`.
    pub kind: &'static str,
}

#[derive(Serialize)]
pub struct CrateJson {
    /// Package name.
    pub name: String,
    /// Package directory relative to the analyzed root.
    pub path: String,
    pub targets: Vec<TargetJson>,
    pub modules: usize,
    pub loc: u64,
    pub generated_loc: u64,
    /// What the crate is, each role with the evidence that gave it.
    pub roles: Vec<RoleJson>,
    /// Part of what the workspace delivers (no tooling, test, example, benchmark, fuzz,
    /// build-support or vendored role).
    pub product: bool,
}

#[derive(Serialize)]
pub struct RoleJson {
    pub role: &'static str,
    pub evidence: String,
}

#[derive(Serialize)]
pub struct TargetJson {
    pub name: String,
    pub kind: &'static str,
    /// First segment of the target's module paths.
    pub prefix: String,
    pub root_file: String,
}

#[derive(Serialize)]
pub struct ModuleJson {
    pub path: String,
    #[serde(rename = "crate")]
    pub krate: String,
    pub target: String,
    pub file: String,
    /// The module's other files when several are merged (one per platform); usually empty.
    pub other_files: Vec<String>,
    pub line: u32,
    pub inline: bool,
    pub loc: u32,
    pub generated_loc: u32,
    /// Why the module's file is taken as generated; absent for hand-written code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    pub items: BTreeMap<&'static str, u32>,
    pub public_items: u32,
    pub state: Vec<StateJson>,
    /// References into crates outside the workspace, by crate.
    pub external: BTreeMap<String, u32>,
    /// Method calls whose receiver's type archsplit could not tell or resolve: calls that
    /// are in no edge.
    pub unattributed_method_calls: u32,
}

#[derive(Serialize)]
pub struct StateJson {
    pub name: String,
    pub kind: &'static str,
    pub line: u32,
}

#[derive(Serialize)]
pub struct DependencyJson<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub weight: u32,
    pub kinds: BTreeMap<&'static str, u32>,
    /// Items of `to` referenced, with counts: what a boundary here would have to expose.
    pub items: &'a BTreeMap<String, u32>,
}

#[derive(Serialize)]
pub struct CrateDependencyJson<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub weight: u32,
    pub edges: u32,
}

#[derive(Serialize)]
pub struct ExternalJson {
    pub name: String,
    pub weight: u32,
    pub modules: u32,
    pub kinds: BTreeMap<&'static str, u32>,
}

/// The crates of `ws` with their targets, module counts, lines and roles.
fn crates_json(ws: &Workspace, g: &ModuleGraph) -> Vec<CrateJson> {
    let mut mod_count: BTreeMap<&str, (usize, u64, u64)> = BTreeMap::new();
    for m in &g.modules {
        let e = mod_count
            .entry(g.crates[m.krate].package.as_str())
            .or_default();
        e.0 += 1;
        e.1 += m.facts.loc as u64;
        e.2 += m.facts.generated_loc as u64;
    }
    let mut crates: Vec<CrateJson> = Vec::new();
    for (i, p) in ws.packages.iter().enumerate() {
        let roles = g.roles.get(i).filter(|r| r.package == p.name);
        let (modules, loc, generated_loc) =
            mod_count.get(p.name.as_str()).copied().unwrap_or_default();
        let targets = g
            .crates
            .iter()
            .filter(|c| c.package == p.name)
            .map(|c| TargetJson {
                name: c.target.clone(),
                kind: c.kind.as_str(),
                prefix: c.prefix.clone(),
                root_file: ws.rel(&c.root_file),
            })
            .collect();
        crates.push(CrateJson {
            name: p.name.clone(),
            path: ws.rel(&p.dir),
            targets,
            modules,
            loc,
            generated_loc,
            roles: roles
                .map(|r| {
                    r.roles
                        .iter()
                        .map(|f| RoleJson {
                            role: f.role.as_str(),
                            evidence: f.evidence.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            product: roles.is_none_or(|r| r.is_product()),
        });
    }
    crates
}

/// The external references: per module by crate, and the totals per external crate.
fn external_json(g: &ModuleGraph) -> (Vec<BTreeMap<String, u32>>, Vec<ExternalJson>) {
    let mut module_ext: Vec<BTreeMap<String, u32>> = vec![BTreeMap::new(); g.modules.len()];
    let mut external: BTreeMap<&str, ExternalJson> = BTreeMap::new();
    for e in &g.external {
        module_ext[e.module].insert(e.krate.clone(), e.weight);
        let x = external
            .entry(e.krate.as_str())
            .or_insert_with(|| ExternalJson {
                name: e.krate.clone(),
                weight: 0,
                modules: 0,
                kinds: BTreeMap::new(),
            });
        x.weight += e.weight;
        x.modules += 1;
        for (k, n) in &e.kinds {
            *x.kinds.entry(k.as_str()).or_insert(0) += n;
        }
    }
    (module_ext, external.into_values().collect())
}

/// Module `m` of `g`, with its external references `external`.
fn module_json(
    ws: &Workspace,
    g: &ModuleGraph,
    m: &Module,
    external: BTreeMap<String, u32>,
) -> ModuleJson {
    let mut items = BTreeMap::new();
    for it in &m.facts.items {
        *items.entry(it.kind.as_str()).or_insert(0) += 1;
    }
    let mut state: Vec<StateJson> = m
        .facts
        .state
        .iter()
        .map(|s| StateJson {
            name: s.name.clone(),
            kind: s.kind.as_str(),
            line: s.line,
        })
        .collect();
    state.sort_by(|a, b| (a.line, &a.name).cmp(&(b.line, &b.name)));
    ModuleJson {
        path: m.path.clone(),
        krate: g.crates[m.krate].package.clone(),
        target: g.crates[m.krate].prefix.clone(),
        file: ws.rel(&m.file),
        other_files: m
            .files
            .iter()
            .filter(|f| **f != m.file)
            .map(|f| ws.rel(f))
            .collect(),
        line: m.line,
        inline: m.inline,
        loc: m.facts.loc,
        generated_loc: m.facts.generated_loc,
        generated: m.facts.generated.clone(),
        items,
        public_items: m.facts.items.iter().filter(|i| i.public).count() as u32,
        state,
        external,
        unattributed_method_calls: m.facts.unattributed_method_calls,
    }
}

/// The dependencies between crates: the module dependencies crossing them, summed.
fn crate_dependencies_json(g: &ModuleGraph) -> Vec<CrateDependencyJson<'_>> {
    let mut cdeps: BTreeMap<(&str, &str), (u32, u32)> = BTreeMap::new();
    for e in &g.edges {
        let a = g.crates[g.modules[e.from].krate].package.as_str();
        let b = g.crates[g.modules[e.to].krate].package.as_str();
        if a != b {
            let x = cdeps.entry((a, b)).or_default();
            x.0 += e.weight;
            x.1 += 1;
        }
    }
    cdeps
        .into_iter()
        .map(|((from, to), (weight, edges))| CrateDependencyJson {
            from,
            to,
            weight,
            edges,
        })
        .collect()
}

/// The workspace's totals.
fn summary_json(ws: &Workspace, g: &ModuleGraph) -> Summary {
    Summary {
        crates: ws.packages.len(),
        targets: g.crates.len(),
        modules: g.modules.len(),
        files: g.files_parsed,
        loc: g.modules.iter().map(|m| m.facts.loc as u64).sum(),
        generated_loc: g.modules.iter().map(|m| m.facts.generated_loc as u64).sum(),
        dependencies: g.edges.len(),
        dependency_weight: g.edges.iter().map(|e| e.weight as u64).sum(),
        diagnostics: g.diagnostics.len(),
        kind: crate::model::roles::workspace_kind(ws, &g.roles).as_str(),
    }
}

impl<'a> GraphJson<'a> {
    pub fn new(ws: &Workspace, g: &'a ModuleGraph) -> Self {
        let (module_ext, external) = external_json(g);
        let modules: Vec<ModuleJson> = g
            .modules
            .iter()
            .zip(module_ext)
            .map(|(m, external)| module_json(ws, g, m, external))
            .collect();
        let dependencies: Vec<DependencyJson> = g
            .edges
            .iter()
            .map(|e| DependencyJson {
                from: &g.modules[e.from].path,
                to: &g.modules[e.to].path,
                weight: e.weight,
                kinds: e.kinds.iter().map(|(k, n)| (k.as_str(), *n)).collect(),
                items: &e.items,
            })
            .collect();
        GraphJson {
            schema_version: SCHEMA_VERSION,
            tool: Tool {
                name: "archsplit",
                version: env!("CARGO_PKG_VERSION"),
            },
            summary: summary_json(ws, g),
            crates: crates_json(ws, g),
            modules,
            dependencies,
            crate_dependencies: crate_dependencies_json(g),
            external,
            diagnostics: &g.diagnostics,
            view: None,
        }
    }

    /// Keeps what `view` shows: at module level its modules, the dependencies between them,
    /// their crates and the crate dependencies those dependencies make; at crate level its
    /// crates and the crate dependencies between them, and no module.
    fn restrict(&mut self, view: &View) {
        let names = view.names();
        match view.level {
            Level::Module => {
                self.modules.retain(|m| names.contains(m.path.as_str()));
                self.dependencies
                    .retain(|d| names.contains(d.from) && names.contains(d.to));
                let crates: BTreeSet<&str> =
                    self.modules.iter().map(|m| m.krate.as_str()).collect();
                self.crates.retain(|c| crates.contains(c.name.as_str()));
                let package: BTreeMap<&str, &str> = self
                    .modules
                    .iter()
                    .map(|m| (m.path.as_str(), m.krate.as_str()))
                    .collect();
                let mut cdeps: BTreeMap<(&str, &str), (u32, u32)> = BTreeMap::new();
                for d in &self.dependencies {
                    let (Some(a), Some(b)) = (package.get(d.from), package.get(d.to)) else {
                        continue;
                    };
                    if a != b {
                        let x = cdeps.entry((a, b)).or_default();
                        x.0 += d.weight;
                        x.1 += 1;
                    }
                }
                // The crate dependencies the view's dependencies make (a subset of the whole
                // graph's, with their weights recounted), in the same order.
                self.crate_dependencies
                    .retain(|c| cdeps.contains_key(&(c.from, c.to)));
                for c in &mut self.crate_dependencies {
                    if let Some(&(weight, edges)) = cdeps.get(&(c.from, c.to)) {
                        c.weight = weight;
                        c.edges = edges;
                    }
                }
            }
            Level::Crate => {
                self.modules.clear();
                self.dependencies.clear();
                self.crates.retain(|c| names.contains(c.name.as_str()));
                self.crate_dependencies
                    .retain(|c| names.contains(c.from) && names.contains(c.to));
            }
        }
        self.view = Some(ViewJson {
            level: view.level.as_str(),
            focus: view.focus.clone(),
            depth: view.depth,
            nodes: view.nodes.len(),
            edges: view.edges.len(),
        });
    }
}

/// The graph document; with a view (`view.is_some()`), restricted to it.
pub fn write(
    out: &mut dyn Write,
    ws: &Workspace,
    g: &ModuleGraph,
    view: Option<&View>,
) -> Result<()> {
    let mut doc = GraphJson::new(ws, g);
    if let Some(v) = view {
        doc.restrict(v);
    }
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}
