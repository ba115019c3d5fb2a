//! The module dependency graph: modules in path order, weighted edges with the kinds of
//! references behind them, and references to crates outside the workspace per module.

use std::collections::BTreeMap;

use petgraph::graph::DiGraph;

use super::resolve::{prelude_type, Extern, Res, Resolver};
use super::tree::build_forest;
use super::{Crate, Module};
use crate::diag::{self, Diagnostic};
use crate::parse::Namespace as Ns;
use crate::parse::{MemberKey, ParseOptions, PathKey, RefKind};
use crate::workspace::{Edition, TargetKind, Workspace};

/// A weighted dependency of one module on another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// Number of references.
    pub weight: u32,
    pub kinds: BTreeMap<RefKind, u32>,
    /// Names of the items of `to` that are referenced, with counts (what a boundary between
    /// the two modules would have to expose).
    pub items: BTreeMap<String, u32>,
}

impl Edge {
    /// References that are calls: callee paths (`call`) and attributed method calls
    /// (`method`). Whatever counts calls counts both.
    pub fn calls(&self) -> u32 {
        self.kinds
            .iter()
            .filter(|(k, _)| k.is_call())
            .map(|(_, n)| n)
            .sum()
    }
}

/// References from one module into one crate outside the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalUse {
    pub module: usize,
    pub krate: String,
    pub weight: u32,
    pub kinds: BTreeMap<RefKind, u32>,
}

/// The analyzed workspace as a graph; node `i` of `graph` is `modules[i]`.
#[derive(Debug)]
pub struct ModuleGraph {
    pub crates: Vec<Crate>,
    pub modules: Vec<Module>,
    pub edges: Vec<Edge>,
    pub external: Vec<ExternalUse>,
    /// Nodes are module indices; edge weights index into `edges`.
    pub graph: DiGraph<usize, usize>,
    pub diagnostics: Vec<Diagnostic>,
    pub files_parsed: usize,
    /// What each package is, in the workspace's package order (sorted by name).
    pub roles: Vec<super::roles::CrateRoles>,
    /// What the module trees read from the file system (for the result memo).
    pub inputs: super::Inputs,
}

impl ModuleGraph {
    /// The roles read for `package`, if any.
    pub fn roles_of(&self, package: &str) -> Option<&super::roles::CrateRoles> {
        self.roles.iter().find(|r| r.package == package)
    }

    /// Per target (index into `crates`): part of the product. A package without roles (a
    /// graph built by hand) is product code.
    pub fn product_targets(&self) -> Vec<bool> {
        self.crates
            .iter()
            .map(|c| self.roles_of(&c.package).is_none_or(|r| r.is_product()))
            .collect()
    }
}

/// Builds the module graph of `ws`: module trees, name resolution, weighted edges.
pub fn build(
    ws: &Workspace,
    opts: ParseOptions,
    cache: Option<&crate::parse::cache::Cache>,
    pre: std::collections::HashMap<std::path::PathBuf, crate::parse::FileFacts>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> ModuleGraph {
    let forest = crate::timings::time("parse", || build_forest(ws, opts, cache, pre, progress));
    // Every fact is in the cache now: another reader of it (`check`'s base) may start.
    if let Some(c) = cache {
        c.parsed().open();
    }
    let mut g = crate::timings::time("resolve", || link(ws, forest));
    g.roles = super::roles::classify(ws, &g.crates, &g.modules);
    g
}

/// Name resolution and edge weights over the module trees.
fn link(ws: &Workspace, forest: super::tree::Forest) -> ModuleGraph {
    let (crates, mut modules) = sort(forest.crates, forest.modules);
    let (editions, externs) = extern_crates(ws, &crates);
    let mut resolver = Resolver::new(&modules, &crates, editions, externs);
    // Method calls whose receiver's type was written but does not resolve (a generic
    // parameter, a prelude type such as `Vec`), per module.
    let mut unattributed = vec![0u32; modules.len()];
    let mut tally = Tally::default();
    for (m, module) in modules.iter().enumerate() {
        for idx in 0..module.facts.uses.len() {
            tally.add(m, resolver.resolve_use(m, idx), RefKind::Use, 1);
        }
        for (key, &n) in &module.facts.refs {
            tally.add(m, resolve_ref(&mut resolver, m, key), key.kind, n);
        }
        // Members of receivers whose type the syntax told: `x.m()`, `self.f`, `Self::new()`.
        for (key, &n) in &module.facts.members {
            let r = resolve_member(&mut resolver, m, key);
            if r.is_none() && key.kind == RefKind::Method {
                unattributed[m] += n;
            }
            tally.add(m, r, key.kind, n);
        }
    }
    drop(resolver);
    for (module, n) in modules.iter_mut().zip(unattributed) {
        module.facts.unattributed_method_calls += n;
    }
    let mut diagnostics = ws.diagnostics.clone();
    diagnostics.extend(forest.diagnostics);
    diag::normalize(&mut diagnostics);
    let mut g = tally.into_graph(crates, modules, diagnostics, forest.files_parsed);
    g.inputs = forest.inputs;
    g
}

/// Per crate: its package's edition, and the crates its names can reach (its package's
/// library, its dependencies, in the workspace or outside it).
fn extern_crates(
    ws: &Workspace,
    crates: &[Crate],
) -> (Vec<Edition>, Vec<BTreeMap<String, Extern>>) {
    let lib_of: BTreeMap<&str, usize> = crates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == TargetKind::Lib)
        .map(|(i, c)| (c.package.as_str(), i))
        .collect();
    let mut editions = Vec::new();
    let mut externs = Vec::new();
    for c in crates {
        let pkg = ws.packages.iter().find(|p| p.name == c.package);
        editions.push(pkg.map_or(Edition::E2018, |p| p.edition));
        let mut map = BTreeMap::new();
        if c.kind != TargetKind::Lib {
            if let Some(&lib) = lib_of.get(c.package.as_str()) {
                map.insert(crates[lib].target.clone(), Extern::Crate(lib));
            }
        }
        for d in pkg.map(|p| p.deps.as_slice()).unwrap_or_default() {
            match lib_of.get(d.package.as_str()).filter(|_| !d.other_version) {
                Some(&lib) => {
                    map.insert(d.extern_name.clone(), Extern::Crate(lib));
                    if d.extern_name == d.package.replace('-', "_") {
                        map.insert(crates[lib].target.clone(), Extern::Crate(lib));
                    }
                }
                None => {
                    map.insert(d.extern_name.clone(), Extern::External(d.package.clone()));
                }
            }
        }
        externs.push(map);
    }
    (editions, externs)
}

/// What the path reference `key` in module `m` refers to.
fn resolve_ref(resolver: &mut Resolver<'_>, m: usize, key: &PathKey) -> Option<Res> {
    if key.kind == RefKind::Macro && key.segments.len() == 1 && !key.leading_colon {
        return resolver.resolve_macro(m, &key.segments[0]);
    }
    match resolver.resolve_path(m, &key.segments, key.leading_colon, key.ns) {
        // A module is never a value or a type: a lone name that resolves to one is
        // a local variable that happens to share the module's name.
        Some((Res::Module(_), _)) if key.segments.len() == 1 => None,
        // `T::f()`, `a::T::C`: the function or constant of a type lives in the
        // module of the impl that defines it.
        Some((Res::Item(d, ty), used))
            if used + 1 == key.segments.len()
                && matches!(key.kind, RefKind::Call | RefKind::Path) =>
        {
            let home = resolver.member_home(m, d, &ty, &key.segments[used]);
            Some(Res::Item(home, ty))
        }
        r => r.map(|(r, _)| r),
    }
}

/// What the member `key` (of a receiver whose type was written) in module `m` refers to.
fn resolve_member(resolver: &mut Resolver<'_>, m: usize, key: &MemberKey) -> Option<Res> {
    match resolver.resolve_path(m, &key.ty, key.leading_colon, Ns::Type) {
        Some((Res::Item(d, ty), used)) => {
            let home = if key.field || used < key.ty.len() {
                d
            } else {
                resolver.member_home(m, d, &ty, &key.member)
            };
            Some(Res::Item(home, ty))
        }
        // `x: u64`, `v: Vec<T>`: the language's and the standard prelude's types (also
        // where a module of that name is in scope, as `str` in a facade of `core`).
        None | Some((Res::Module(_), _)) if key.ty.len() == 1 && prelude_type(&key.ty[0]) => {
            Some(Res::External("std".to_string()))
        }
        // A lone name that is a module is no type (a local, a generic parameter).
        Some((Res::Module(_), _)) if key.ty.len() == 1 => None,
        r => r.map(|(r, _)| r),
    }
}

/// Edges between modules and uses of outside crates, tallied reference by reference.
#[derive(Default)]
struct Tally {
    edges: BTreeMap<(usize, usize), Edge>,
    external: BTreeMap<(usize, String), ExternalUse>,
}

impl Tally {
    /// Counts `n` references of `kind` from module `from` to what they resolved to.
    fn add(&mut self, from: usize, r: Option<Res>, kind: RefKind, n: u32) {
        match r {
            Some(Res::Module(to)) | Some(Res::Item(to, _)) if to != from => {
                let e = self.edges.entry((from, to)).or_insert_with(|| Edge {
                    from,
                    to,
                    weight: 0,
                    kinds: BTreeMap::new(),
                    items: BTreeMap::new(),
                });
                e.weight += n;
                *e.kinds.entry(kind).or_insert(0) += n;
                if let Some(Res::Item(_, name)) = r {
                    *e.items.entry(name).or_insert(0) += n;
                }
            }
            Some(Res::External(name)) => {
                let e = self
                    .external
                    .entry((from, name.clone()))
                    .or_insert_with(|| ExternalUse {
                        module: from,
                        krate: name,
                        weight: 0,
                        kinds: BTreeMap::new(),
                    });
                e.weight += n;
                *e.kinds.entry(kind).or_insert(0) += n;
            }
            _ => {}
        }
    }

    /// The graph of `modules` with the tallied edges (roles are read afterwards).
    fn into_graph(
        self,
        crates: Vec<Crate>,
        modules: Vec<Module>,
        diagnostics: Vec<Diagnostic>,
        files_parsed: usize,
    ) -> ModuleGraph {
        let mut graph = DiGraph::with_capacity(modules.len(), self.edges.len());
        for i in 0..modules.len() {
            graph.add_node(i);
        }
        let edges: Vec<Edge> = self.edges.into_values().collect();
        for (i, e) in edges.iter().enumerate() {
            graph.add_edge((e.from as u32).into(), (e.to as u32).into(), i);
        }
        ModuleGraph {
            crates,
            modules,
            edges,
            external: self.external.into_values().collect(),
            graph,
            diagnostics,
            files_parsed,
            roles: Vec::new(),
            inputs: Default::default(),
        }
    }
}

/// Orders crates by prefix and modules by path, renumbering every index.
fn sort(crates: Vec<Crate>, modules: Vec<Module>) -> (Vec<Crate>, Vec<Module>) {
    let mut corder: Vec<usize> = (0..crates.len()).collect();
    corder.sort_by(|&a, &b| crates[a].prefix.cmp(&crates[b].prefix));
    let mut cnew = vec![0; crates.len()];
    for (new, &old) in corder.iter().enumerate() {
        cnew[old] = new;
    }
    let mut morder: Vec<usize> = (0..modules.len()).collect();
    morder.sort_by(|&a, &b| modules[a].path.cmp(&modules[b].path));
    let mut mnew = vec![0; modules.len()];
    for (new, &old) in morder.iter().enumerate() {
        mnew[old] = new;
    }
    let crates_sorted = corder
        .iter()
        .map(|&i| {
            let mut c = crates[i].clone();
            c.root = mnew[c.root];
            c
        })
        .collect();
    let mut modules = modules;
    let mut slots: Vec<Option<Module>> = modules.drain(..).map(Some).collect();
    let modules_sorted = morder
        .iter()
        .map(|&i| {
            let mut m = slots[i].take().expect("each module is taken once");
            m.krate = cnew[m.krate];
            m.parent = m.parent.map(|p| mnew[p]);
            for c in m.children.values_mut() {
                *c = mnew[*c];
            }
            m
        })
        .collect();
    (crates_sorted, modules_sorted)
}
