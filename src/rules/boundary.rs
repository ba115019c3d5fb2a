//! What a crate boundary is worth: for each crate of the product, whether keeping it apart
//! from the crate that uses it buys anything, read from the manifests (who declares whom,
//! optionally or not), the crate roles, the `pub use` re-exports and the reference graph.
//!
//! A boundary is judged worthless, and the crate named with the crate to merge it into, when
//! one of these holds (each with its evidence in plain words):
//!
//! - **absorbed**: every product crate that uses it lies inside one consumer's family (the
//!   consumer, or crates only that family uses), the consumer re-exports a fair share of its
//!   items as its own, and it is tied to other crates of that family: interdependent siblings nobody uses apart
//!   (tokio-fs, -net, -io … under tokio 0.2.0-alpha).
//! - **extension**: a crate that references one other crate several times more than it
//!   references itself, is small beside it, and whose several users all use that crate too:
//!   an extension of it kept apart (bevy_hierarchy beside bevy_ecs).
//! - **single consumer**: a tiny, unpublished crate with one product user that talks to it
//!   more than to itself.
//!
//! Crates of different repositories (`package.repository`) are different projects, never one
//! project split too fine. Boundaries with a reason a maintainer knows stay quiet: proc-macro
//! crates (a separate crate
//! is required), `-sys` crates (one crate links a native library), crates outside the product (test support, tooling, examples, benchmarks,
//! fuzz targets, build support, vendored code), applications and separate processes,
//! facades, plugins a facade pulls in only with a feature, crates a consumer shows as a
//! component (`pub use x as y`, or `pub use x::*` as the body of a module) and crates of
//! which it re-exports a sliver (they serve more than that consumer).
//!
//! The evidence is what the workspace shows, and says so ("in this workspace, … is used only
//! by …"): a published crate may have users outside it, for whom a merge is a breaking
//! change, and the absorbed and extension findings on one add that (`outside_users`).

use std::collections::{BTreeMap, BTreeSet};

use super::registry::t::OverFragmentation;
use super::RuleSet;
use crate::model::roles::{CrateRoles, Role};
use crate::model::ModuleGraph;
use crate::parse::UseBind;
use crate::words::{count, names};
use crate::workspace::{DeclaredKind, TargetKind, Workspace};

/// Why a boundary is worthless.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Signal {
    Absorbed,
    Extension,
    SingleConsumer,
}

impl Signal {
    pub fn as_str(self) -> &'static str {
        match self {
            Signal::Absorbed => "absorbed",
            Signal::Extension => "extension",
            Signal::SingleConsumer => "single-consumer",
        }
    }
}

/// A crate to merge, what into, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub krate: String,
    pub into: String,
    pub signal: Signal,
    /// Plain words, ending with what to do.
    pub evidence: String,
}

/// What the model reads of one package.
#[derive(Debug, Default)]
struct Pkg<'a> {
    loc: u64,
    modules: usize,
    /// References between modules of the package.
    internal: u64,
    /// Public items of its library.
    public_items: u64,
    publishable: bool,
    /// `package.repository`, normalized (no scheme, `.git` or trailing `/`), or empty.
    repository: String,
    /// Product crates that declare it as a normal dependency, with whether optionally.
    users: BTreeMap<&'a str, bool>,
    /// Workspace crates it declares as normal dependencies.
    deps: BTreeSet<&'a str>,
    /// Per workspace crate, the `pub use` leaves of its library that re-export its items as
    /// this crate's own, and the globs (`pub use x::*`).
    reexports: BTreeMap<&'a str, (u32, u32)>,
    /// Workspace crates its library re-exports whole under a name (`pub use x as y`, or
    /// `pub use x::*` inside a module): a component shown as such, kept apart on purpose.
    components: BTreeSet<&'a str>,
    /// Per workspace crate, the references into it.
    refs_to: BTreeMap<&'a str, u64>,
}

/// A crate the model may name as one to merge, and why it may not when it may not.
fn exempt(roles: &CrateRoles, proc_macro: bool) -> Option<&'static str> {
    if proc_macro || roles.has(Role::ProcMacro) {
        return Some("a proc-macro crate must be a crate of its own");
    }
    if roles.package.ends_with("-sys") || roles.package.ends_with("_sys") {
        return Some("a `-sys` crate binds a native library, which only one crate may link");
    }
    if !roles.is_product() {
        return Some("not part of the product");
    }
    if roles.has(Role::Application) || roles.has(Role::Process) {
        return Some("a program of its own");
    }
    if roles.has(Role::Facade) {
        return Some("a facade");
    }
    if !roles.has(Role::Library) {
        return Some("no library target");
    }
    None
}

/// What the boundary model reads: the packages and the thresholds.
struct Assess<'a> {
    ws: &'a Workspace,
    g: &'a ModuleGraph,
    t: &'a OverFragmentation,
    pkgs: BTreeMap<&'a str, Pkg<'a>>,
}

impl<'a> Assess<'a> {
    fn role(&self, n: &str) -> Option<&'a CrateRoles> {
        self.g.roles_of(n)
    }

    fn proc_macro(&self, n: &str) -> bool {
        self.ws.packages.iter().any(|p| p.name == n && p.proc_macro)
    }

    /// A crate the model may name as one to merge.
    fn candidate(&self, n: &str) -> bool {
        self.role(n)
            .is_some_and(|r| exempt(r, self.proc_macro(n)).is_none())
    }

    fn plugin(&self, p: &Pkg<'a>) -> bool {
        plugin(p, &|n: &str| self.role(n))
    }
}

/// Weighs every product crate's boundary; one `Merge` per crate at most, in name order.
pub fn assess(ws: &Workspace, g: &ModuleGraph, rules: &RuleSet) -> Vec<Merge> {
    let m = Assess {
        ws,
        g,
        t: &rules.thresholds.over_fragmentation,
        pkgs: read(ws, g),
    };
    let mut out: BTreeMap<&str, Merge> = BTreeMap::new();
    for (&y, py) in &m.pkgs {
        absorbed(&m, y, py, &mut out);
    }
    for (&x, px) in &m.pkgs {
        if !out.contains_key(x) {
            if let Some(merge) = extension(&m, x, px).or_else(|| single_consumer(&m, x, px)) {
                out.insert(x, merge);
            }
        }
    }
    out.into_values().collect()
}

/// Absorbed: the crates of `y`'s family (used only by `y` and each other) that `y`
/// re-exports as its own, into `y` — unless an absorption into a bigger consumer is there.
fn absorbed<'a>(m: &Assess<'a>, y: &'a str, py: &Pkg<'a>, out: &mut BTreeMap<&'a str, Merge>) {
    let Some(ry) = m.role(y) else { return };
    if !ry.is_product() || ry.has(Role::Facade) || m.proc_macro(y) {
        return;
    }
    let family = family(m, y, py);
    for &x in &family {
        let Some(evidence) = absorbed_evidence(m, &family, x, y, py) else {
            continue;
        };
        let better = out
            .get(x)
            .is_none_or(|b| b.signal != Signal::Absorbed || m.pkgs[b.into.as_str()].loc < py.loc);
        if better {
            out.insert(
                x,
                Merge {
                    krate: x.to_string(),
                    into: y.to_string(),
                    signal: Signal::Absorbed,
                    evidence,
                },
            );
        }
    }
}

/// The family of a consumer `y`: the candidate crates of its project it depends on whose
/// every user is `y` or another of them.
fn family<'a>(m: &Assess<'a>, y: &'a str, py: &Pkg<'a>) -> BTreeSet<&'a str> {
    let mut family: BTreeSet<&str> = py
        .deps
        .iter()
        .copied()
        .filter(|x| m.candidate(x) && one_project(&m.pkgs[x], py))
        .collect();
    loop {
        let before = family.len();
        let snapshot = family.clone();
        family.retain(|x| {
            m.pkgs[x]
                .users
                .keys()
                .all(|u| *u == y || snapshot.contains(u))
        });
        if family.len() == before {
            return family;
        }
    }
}

/// Why `x` of `y`'s family is absorbed by `y`, in plain words; `None` when it is not (a
/// component, too little re-exported, nothing else of the family tied to it).
fn absorbed_evidence(
    m: &Assess,
    family: &BTreeSet<&str>,
    x: &str,
    y: &str,
    py: &Pkg,
) -> Option<String> {
    let px = &m.pkgs[x];
    if py.components.contains(x) {
        return None;
    }
    let (items, globs) = py.reexports.get(x).copied().unwrap_or((0, 0));
    let share = if globs > 0 {
        1.0
    } else {
        items as f64 / px.public_items.max(1) as f64
    };
    if items + globs == 0 || share < m.t.min_reexport_share {
        return None;
    }
    let in_family = |d: &&str| family.contains(d) && one_project(&m.pkgs[d], px);
    let tied: Vec<&str> = px.deps.iter().copied().filter(in_family).collect();
    let tied_users: Vec<&str> = px.users.keys().copied().filter(in_family).collect();
    if tied.is_empty() && tied_users.is_empty() {
        return None;
    }
    let mut ev = format!(
        "in this workspace, `{x}` ({}) is used only by `{y}`",
        count(px.loc, "line", "lines")
    );
    if !tied_users.is_empty() {
        ev += &format!(" and by {}, which only `{y}` uses", names(&tied_users));
    }
    ev += &if globs > 0 {
        format!("; `{y}` re-exports it whole (`pub use {}::*`)", ident(x))
    } else {
        format!(
            "; `{y}` re-exports {items} of its {} as its own",
            count(px.public_items, "public item", "public items")
        )
    };
    if !tied.is_empty() {
        ev += &format!(
            "; it depends on {}, which nothing else in the workspace uses either",
            names(&tied)
        );
    }
    ev += &format!(
        ": these crates are only used together, through `{y}`, so the boundary buys nothing here{}; merge `{x}` into `{y}`",
        outside_users(x, px)
    );
    Some(ev)
}

/// Extension: `x` references one crate far more than itself, is small beside it, and every
/// user of it uses that crate too.
fn extension(m: &Assess, x: &str, px: &Pkg) -> Option<Merge> {
    let t = m.t;
    if !m.candidate(x) || (px.loc as f64) < t.tiny_crate_loc {
        return None;
    }
    let (&y, &w) = px
        .refs_to
        .iter()
        .filter(|(y, _)| !m.proc_macro(y))
        .max_by_key(|(y, w)| (**w, std::cmp::Reverse(**y)))?;
    let py = &m.pkgs[y];
    if !one_project(px, py)
        || (w as f64) < t.extension_min_ratio * px.internal as f64
        || (px.loc as f64) > t.extension_max_size_share * py.loc as f64
        || (px.users.len() as f64) < t.extension_min_users
        || !px.deps.contains(y)
        || m.plugin(px)
    {
        return None;
    }
    let users: Vec<&str> = px.users.keys().copied().collect();
    if !users.iter().all(|u| *u == y || m.pkgs[u].deps.contains(y)) {
        return None;
    }
    Some(Merge {
        krate: x.to_string(),
        into: y.to_string(),
        signal: Signal::Extension,
        evidence: format!(
            "`{x}` ({}) makes {w} references into `{y}` against {} among its own modules, is {:.0}% of `{y}`'s size, and each of its {} in this workspace also uses `{y}`: it extends `{y}` rather than standing on its own{}; merge `{x}` into `{y}`",
            count(px.loc, "line", "lines"),
            px.internal,
            100.0 * px.loc as f64 / py.loc.max(1) as f64,
            count(users.len() as u64, "user", "users"),
            outside_users(x, px),
        ),
    })
}

/// Single consumer: `x` is a tiny crate one product crate uses and talks to more than to
/// itself.
fn single_consumer(m: &Assess, x: &str, px: &Pkg) -> Option<Merge> {
    let t = m.t;
    if !m.candidate(x) || px.modules == 0 || (px.loc as f64) >= t.tiny_crate_loc {
        return None;
    }
    let (&y, &optional) = match px.users.iter().next() {
        Some(user) if px.users.len() == 1 => user,
        _ => return None,
    };
    // A published crate may have users outside the workspace.
    if optional || px.publishable || m.plugin(px) || !one_project(px, &m.pkgs[y]) {
        return None;
    }
    let between =
        m.pkgs[y].refs_to.get(x).copied().unwrap_or(0) + px.refs_to.get(y).copied().unwrap_or(0);
    if (between as f64) < t.min_cross_references
        || (between as f64) < t.min_cross_ratio * px.internal as f64
    {
        return None;
    }
    let why = if px.deps.is_empty() {
        "not published, so nothing outside the workspace uses it".to_string()
    } else {
        format!(
            "not published, so nothing outside the workspace uses it, and a link in a chain of crates (it depends on {})",
            names(&px.deps.iter().copied().collect::<Vec<_>>())
        )
    };
    Some(Merge {
        krate: x.to_string(),
        into: y.to_string(),
        signal: Signal::SingleConsumer,
        evidence: format!(
            "in this workspace, `{x}` ({}) is used only by `{y}`, and {between} references cross between them against {} inside it; it is {why}: it cannot be changed without `{y}`; merge `{x}` into `{y}`",
            count(px.loc, "line of code", "lines of code"),
            px.internal
        ),
    })
}

/// What a published crate's users outside the workspace lose in a merge: the workspace
/// shows only its own users, and anyone may depend on a published crate.
fn outside_users(x: &str, px: &Pkg) -> String {
    if px.publishable {
        format!(
            "; `{x}` is published, so users outside this workspace may depend on it directly, and for them merging it is a breaking change"
        )
    } else {
        String::new()
    }
}

/// Whether packages all belong to one project: every one that names a repository names the
/// same one. A cycle between different projects' crates is no split to undo.
pub fn one_repository<'a>(ws: &Workspace, names: impl IntoIterator<Item = &'a str>) -> bool {
    let repos: BTreeSet<String> = names
        .into_iter()
        .filter_map(|n| ws.packages.iter().find(|p| p.name == n))
        .map(|p| repo_key(&p.repository))
        .filter(|r| !r.is_empty())
        .collect();
    repos.len() <= 1
}

/// A repository URL reduced to what tells projects apart.
fn repo_key(url: &str) -> String {
    let u = url.trim().to_ascii_lowercase();
    let u = u.split_once("://").map_or(u.as_str(), |(_, rest)| rest);
    let u = u.trim_end_matches('/');
    u.strip_suffix(".git").unwrap_or(u).to_string()
}

/// Both crates belong to one project, as far as their manifests tell: the same repository,
/// or one of them names none (a workspace that is a git repository rarely does).
fn one_project(a: &Pkg, b: &Pkg) -> bool {
    a.repository.is_empty() || b.repository.is_empty() || a.repository == b.repository
}

/// The identifier a package is known by in paths.
fn ident(name: &str) -> String {
    name.replace('-', "_")
}

/// Only facades use it, each only with a feature: a plugin the facade offers.
fn plugin<'a>(p: &Pkg<'a>, role: &impl Fn(&str) -> Option<&'a CrateRoles>) -> bool {
    !p.users.is_empty()
        && p.users
            .iter()
            .all(|(u, optional)| *optional && role(u).is_some_and(|r| r.has(Role::Facade)))
}

/// Reads the facts the model weighs, per package.
fn read<'a>(ws: &'a Workspace, g: &'a ModuleGraph) -> BTreeMap<&'a str, Pkg<'a>> {
    let mut pkgs: BTreeMap<&str, Pkg> = BTreeMap::new();
    for p in &ws.packages {
        pkgs.insert(
            p.name.as_str(),
            Pkg {
                publishable: p.publishable,
                repository: repo_key(&p.repository),
                ..Pkg::default()
            },
        );
    }
    read_dependencies(ws, g, &mut pkgs);
    read_code(g, &mut pkgs);
    for p in &ws.packages {
        let Some((found, components)) = read_reexports(g, p, &pkgs) else {
            continue;
        };
        if let Some(pkg) = pkgs.get_mut(p.name.as_str()) {
            pkg.reexports = found;
            pkg.components = components;
        }
    }
    pkgs
}

/// The workspace crates each package declares as normal dependencies, and the product
/// crates that use each (with whether optionally).
fn read_dependencies<'a>(
    ws: &'a Workspace,
    g: &ModuleGraph,
    pkgs: &mut BTreeMap<&'a str, Pkg<'a>>,
) {
    let product = |n: &str| {
        g.roles
            .iter()
            .find(|r| r.package == n)
            .is_some_and(|r| r.is_product())
    };
    for p in &ws.packages {
        for d in &p.declared {
            if d.kind != DeclaredKind::Normal || d.package == p.name {
                continue;
            }
            let Some((&dep, _)) = pkgs.get_key_value(d.package.as_str()) else {
                continue;
            };
            if product(&p.name) {
                if let Some(q) = pkgs.get_mut(dep) {
                    *q.users.entry(p.name.as_str()).or_insert(true) &= d.optional;
                }
            }
            if let Some(q) = pkgs.get_mut(p.name.as_str()) {
                q.deps.insert(dep);
            }
        }
    }
}

/// Each package's lines of code, modules, public items of its library, references inside
/// it and to each other package.
fn read_code<'a>(g: &'a ModuleGraph, pkgs: &mut BTreeMap<&'a str, Pkg<'a>>) {
    let pkg_of: Vec<&str> = g
        .modules
        .iter()
        .map(|m| g.crates[m.krate].package.as_str())
        .collect();
    for (i, m) in g.modules.iter().enumerate() {
        let lib = g.crates[m.krate].kind == TargetKind::Lib;
        let Some(p) = pkgs.get_mut(pkg_of[i]) else {
            continue;
        };
        p.loc += m.facts.loc as u64;
        p.modules += 1;
        if lib {
            p.public_items += m.facts.items.iter().filter(|it| it.public).count() as u64;
        }
    }
    for e in &g.edges {
        let (a, b) = (pkg_of[e.from], pkg_of[e.to]);
        if a == b {
            if let Some(p) = pkgs.get_mut(a) {
                p.internal += e.weight as u64;
            }
            continue;
        }
        if let Some(p) = pkgs.get_mut(a) {
            *p.refs_to.entry(b).or_insert(0) += e.weight as u64;
        }
    }
}

/// Per workspace crate, the `pub use` leaves of `p`'s library that start with its extern
/// name (items re-exported as `p`'s own, and globs), and the crates it shows whole as
/// components; `None` without a library.
#[allow(clippy::type_complexity)]
fn read_reexports<'a>(
    g: &ModuleGraph,
    p: &'a crate::workspace::Package,
    pkgs: &BTreeMap<&'a str, Pkg<'a>>,
) -> Option<(BTreeMap<&'a str, (u32, u32)>, BTreeSet<&'a str>)> {
    let externs: BTreeMap<&str, &str> = p
        .deps
        .iter()
        .filter(|d| {
            !d.other_version && pkgs.contains_key(d.package.as_str()) && d.package != p.name
        })
        .map(|d| (d.extern_name.as_str(), d.package.as_str()))
        .collect();
    let ci = g
        .crates
        .iter()
        .position(|c| c.package == p.name && c.kind == TargetKind::Lib)?;
    let mut found: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    let mut components: BTreeSet<&str> = BTreeSet::new();
    for m in g.modules.iter().filter(|m| m.krate == ci) {
        for u in m.facts.uses.iter().filter(|u| u.public) {
            let first = u.segments.first().map(String::as_str).unwrap_or("");
            let Some(&dep) = externs.get(first) else {
                continue;
            };
            // Whole under a name: `pub use x as y`, or `pub use x::*` in a module other
            // than the root (`gix::config` is `pub use gix_config::*`). Whole at the root
            // (`pub use x::*` in lib.rs) makes x's items this crate's own.
            let glob = u.bind == UseBind::Glob;
            if (glob && u.segments.len() == 1 && m.parent.is_some())
                || (!glob && u.segments.len() == 1)
            {
                components.insert(dep);
            } else if glob {
                found.entry(dep).or_insert((0, 0)).1 += 1;
            } else {
                found.entry(dep).or_insert((0, 0)).0 += 1;
            }
        }
    }
    Some((found, components))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repositories_tell_projects_apart() {
        assert_eq!(
            repo_key("https://github.com/tokio-rs/tokio.git/"),
            "github.com/tokio-rs/tokio"
        );
        let p = |r: &str| Pkg {
            repository: repo_key(r),
            ..Pkg::default()
        };
        assert!(one_project(
            &p("https://github.com/rust-lang/rust-analyzer"),
            &p("http://github.com/rust-lang/rust-analyzer.git")
        ));
        assert!(!one_project(
            &p("https://github.com/rust-lang/chalk"),
            &p("https://github.com/rust-lang/rust-analyzer")
        ));
        assert!(one_project(
            &p(""),
            &p("https://github.com/rust-lang/chalk")
        ));
    }

    #[test]
    fn maintainers_reasons_exempt_a_crate() {
        let roles = |name: &str, role: Role| CrateRoles {
            package: name.to_string(),
            roles: vec![crate::model::roles::RoleFact {
                role,
                evidence: String::new(),
            }],
        };
        assert!(exempt(&roles("engine-io", Role::Library), false).is_none());
        assert!(exempt(&roles("engine-macros", Role::Library), true).is_some());
        assert!(exempt(&roles("openssl-sys", Role::Library), false).is_some());
        assert!(exempt(&roles("engine-test", Role::TestSupport), false).is_some());
        assert!(exempt(&roles("engine", Role::Facade), false).is_some());
    }
}
