//! What each crate is: a library, an application, a proc-macro, tooling, test support, an
//! example, a benchmark, a fuzz target, vendored code, a facade, a separate process. Read
//! from the manifests, the package layout and the code, never by running anything; every
//! role carries the evidence that gave it, and `archsplit.toml` can correct any of them.
//!
//! The roles decide what later stages treat as the product: tooling, tests, examples,
//! benchmarks, fuzz targets, build support and vendored code are not candidates for a
//! service and are left out of the advice by default.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::Module;
use crate::parse::UseBind;
use crate::words::{count, names};
use crate::workspace::{DeclaredKind, Package, TargetKind, Workspace};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Library,
    Application,
    ProcMacro,
    BuildSupport,
    Tooling,
    TestSupport,
    Example,
    Benchmark,
    Fuzz,
    Vendored,
    Facade,
    Process,
}

impl Role {
    pub const ALL: [Role; 12] = [
        Role::Library,
        Role::Application,
        Role::ProcMacro,
        Role::BuildSupport,
        Role::Tooling,
        Role::TestSupport,
        Role::Example,
        Role::Benchmark,
        Role::Fuzz,
        Role::Vendored,
        Role::Facade,
        Role::Process,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Library => "library",
            Role::Application => "application",
            Role::ProcMacro => "proc-macro",
            Role::BuildSupport => "build-support",
            Role::Tooling => "tooling",
            Role::TestSupport => "test-support",
            Role::Example => "example",
            Role::Benchmark => "benchmark",
            Role::Fuzz => "fuzz",
            Role::Vendored => "vendored",
            Role::Facade => "facade",
            Role::Process => "process",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Roles that make a crate something other than the product: it is not shipped as part
    /// of what the workspace delivers, so it is no candidate for a service.
    pub fn outside_product(self) -> bool {
        matches!(
            self,
            Role::BuildSupport
                | Role::Tooling
                | Role::TestSupport
                | Role::Example
                | Role::Benchmark
                | Role::Fuzz
                | Role::Vendored
        )
    }
}

/// One role of a crate and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleFact {
    pub role: Role,
    pub evidence: String,
}

/// The roles of one package, in `Role` order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrateRoles {
    pub package: String,
    pub roles: Vec<RoleFact>,
}

impl CrateRoles {
    pub fn has(&self, role: Role) -> bool {
        self.roles.iter().any(|r| r.role == role)
    }

    /// Part of what the workspace delivers (not tooling, tests, examples, benchmarks, fuzz
    /// targets, build support or vendored code).
    pub fn is_product(&self) -> bool {
        !self.roles.iter().any(|r| r.role.outside_product())
    }

    fn add(&mut self, role: Role, evidence: impl Into<String>) {
        if !self.has(role) {
            self.roles.push(RoleFact {
                role,
                evidence: evidence.into(),
            });
        }
    }
}

/// `library`, `application` or `mixed`: what the product crates of the workspace are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WorkspaceKind {
    Library,
    Application,
    Mixed,
}

impl WorkspaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            WorkspaceKind::Library => "library",
            WorkspaceKind::Application => "application",
            WorkspaceKind::Mixed => "mixed",
        }
    }
}

/// Words of a package name (split at `-` and `_`), lowercase.
fn words(name: &str) -> Vec<String> {
    name.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Directory names, relative to the analyzed root, a package lives under.
fn dirs(rel: &str) -> Vec<&str> {
    rel.split('/')
        .filter(|d| !d.is_empty() && *d != ".")
        .collect()
}

/// The first word or directory in `names` that `list` holds.
fn first_in<'a>(names: &'a [String], list: &[&str]) -> Option<&'a str> {
    names.iter().map(String::as_str).find(|n| list.contains(n))
}

const TEST_WORDS: &[&str] = &[
    "test",
    "tests",
    "testing",
    "testkit",
    "testutils",
    "harness",
    "mock",
    "mocks",
    "fixture",
    "fixtures",
];
const BENCH_WORDS: &[&str] = &["bench", "benches", "benchmark", "benchmarks"];
const EXAMPLE_WORDS: &[&str] = &["example", "examples"];
const FUZZ_WORDS: &[&str] = &["fuzz", "fuzzing", "fuzzer", "fuzzers"];
const TOOLING_WORDS: &[&str] = &["xtask", "xtasks", "codegen", "ci"];
const TOOLING_DIRS: &[&str] = &["xtask", "xtasks", "tools", "tooling", "ci", "scripts"];
const VENDOR_DIRS: &[&str] = &[
    "vendor",
    "vendored",
    "third_party",
    "third-party",
    "thirdparty",
];
const FUZZ_CRATES: &[&str] = &["libfuzzer-sys", "afl", "honggfuzz", "cargo-fuzz"];
const VENDOR_PHRASES: &[&str] = &["vendored", "fork of", "forked from", "copy of", "vendor of"];

/// Per package, the workspace packages that declare it: (user, kind of dependency, optional).
type Users<'a> = BTreeMap<&'a str, Vec<(&'a str, DeclaredKind, bool)>>;

/// Classifies every package of `ws`.
pub fn classify(ws: &Workspace, crates: &[super::Crate], modules: &[Module]) -> Vec<CrateRoles> {
    let users = users_by_package(ws);
    // First what the name, the place and the manifest say.
    let mut out: Vec<CrateRoles> = ws
        .packages
        .iter()
        .map(|p| by_layout(ws, p, crates))
        .collect();
    by_usage(ws, &users, &mut out);
    keep_tooling_outside_product(ws, &users, &mut out);
    facades(ws, crates, modules, &mut out);
    processes(ws, crates, modules, &users, &mut out);
    for r in &mut out {
        r.roles.sort_by_key(|f| f.role);
    }
    out
}

/// Who declares whom, and how.
fn users_by_package(ws: &Workspace) -> Users<'_> {
    let packages: BTreeSet<&str> = ws.packages.iter().map(|p| p.name.as_str()).collect();
    let mut users: Users = BTreeMap::new();
    for p in &ws.packages {
        for d in &p.declared {
            if packages.contains(d.package.as_str()) && d.package != p.name {
                users.entry(d.package.as_str()).or_default().push((
                    p.name.as_str(),
                    d.kind,
                    d.optional,
                ));
            }
        }
    }
    users
}

/// Roles from how the rest of the workspace uses a package: only from tests, only from
/// build scripts.
fn by_usage(ws: &Workspace, users: &Users, out: &mut [CrateRoles]) {
    for (i, p) in ws.packages.iter().enumerate() {
        let Some(us) = users.get(p.name.as_str()) else {
            continue;
        };
        let list = |v: &[&str]| {
            let mut v = v.to_vec();
            v.sort();
            v.dedup();
            names(&v)
        };
        let users_of = |k: DeclaredKind| -> Vec<&str> {
            us.iter().filter(|u| u.1 == k).map(|u| u.0).collect()
        };
        let normal = users_of(DeclaredKind::Normal);
        let dev = users_of(DeclaredKind::Dev);
        let build = users_of(DeclaredKind::Build);
        if normal.is_empty() && build.is_empty() && !dev.is_empty() {
            out[i].add(
                Role::TestSupport,
                format!("used only as a dev-dependency (by {})", list(&dev)),
            );
        } else if normal.is_empty() && dev.is_empty() && !build.is_empty() {
            out[i].add(
                Role::BuildSupport,
                format!("used only as a build-dependency (by {})", list(&build)),
            );
        }
    }
}

/// Tooling named so is tooling only when nothing in the product needs it.
fn keep_tooling_outside_product(ws: &Workspace, users: &Users, out: &mut [CrateRoles]) {
    for i in 0..out.len() {
        let Some(pos) = out[i].roles.iter().position(|r| r.role == Role::Tooling) else {
            continue;
        };
        let product_users: Vec<&str> = users
            .get(ws.packages[i].name.as_str())
            .into_iter()
            .flatten()
            .filter(|u| u.1 == DeclaredKind::Normal)
            .map(|u| u.0)
            .filter(|u| {
                ws.packages
                    .iter()
                    .position(|p| p.name == *u)
                    .is_some_and(|j| out[j].is_product())
            })
            .collect();
        if !product_users.is_empty() {
            out[i].roles.remove(pos);
        } else {
            out[i].roles[pos].evidence += "; no product crate depends on it";
        }
    }
}

/// Roles from the package's targets, name, directory and manifest.
fn by_layout(ws: &Workspace, p: &Package, crates: &[super::Crate]) -> CrateRoles {
    let mut r = CrateRoles {
        package: p.name.clone(),
        roles: Vec::new(),
    };
    by_targets(ws, p, crates, &mut r);
    by_name_and_place(ws, p, &mut r);
    r
}

/// Roles from the package's targets: a proc macro, a library, an application.
fn by_targets(ws: &Workspace, p: &Package, crates: &[super::Crate], r: &mut CrateRoles) {
    let has_lib = p.targets.iter().any(|t| t.kind == TargetKind::Lib);
    // A helper binary named for tests or tooling (tokio-net's `src/bin/test-cat.rs`) does
    // not make the package an application.
    let helper = |n: &str| {
        let w = words(n);
        [
            TEST_WORDS,
            BENCH_WORDS,
            EXAMPLE_WORDS,
            FUZZ_WORDS,
            TOOLING_WORDS,
        ]
        .iter()
        .any(|list| first_in(&w, list).is_some())
    };
    let bins: Vec<&str> = p
        .targets
        .iter()
        .filter(|t| t.kind == TargetKind::Bin && !helper(&t.name))
        .map(|t| t.name.as_str())
        .collect();
    if p.proc_macro {
        r.add(Role::ProcMacro, "its manifest says `proc-macro = true`");
    } else if has_lib {
        let root = crates
            .iter()
            .find(|c| c.package == p.name && c.kind == TargetKind::Lib)
            .map(|c| ws.rel(&c.root_file))
            .unwrap_or_default();
        r.add(Role::Library, format!("a library target ({root})"));
    }
    if !bins.is_empty() {
        r.add(
            Role::Application,
            format!(
                "{} {}",
                if bins.len() == 1 {
                    "a binary target"
                } else {
                    "binary targets"
                },
                names(&bins)
            ),
        );
    }
}

/// Roles from the package's name, directory and manifest: fuzzing, benchmarks, examples,
/// test support, tooling, vendored code.
fn by_name_and_place(ws: &Workspace, p: &Package, r: &mut CrateRoles) {
    let rel = ws.rel(&p.dir);
    let ds: Vec<String> = dirs(&rel).into_iter().map(str::to_string).collect();
    let ws_words = words(&p.name);
    let named = |list: &[&str]| first_in(&ws_words, list).map(|w| format!("its name has `{w}`"));
    let placed = |list: &[&str]| first_in(&ds, list).map(|d| format!("it lives under `{d}/`"));
    let declares = |list: &[&str]| {
        p.declared
            .iter()
            .find(|d| list.contains(&d.package.as_str()))
            .map(|d| format!("it depends on `{}`", d.package))
    };
    if let Some(e) = placed(FUZZ_WORDS)
        .or_else(|| named(FUZZ_WORDS))
        .or_else(|| declares(FUZZ_CRATES))
    {
        r.add(Role::Fuzz, e);
    }
    if let Some(e) = placed(BENCH_WORDS).or_else(|| named(BENCH_WORDS)) {
        r.add(Role::Benchmark, e);
    }
    if let Some(e) = placed(EXAMPLE_WORDS).or_else(|| named(EXAMPLE_WORDS)) {
        r.add(Role::Example, e);
    }
    let compile_fail = ws_words.windows(2).any(|w| w == ["compile", "fail"]);
    if let Some(e) = placed(&["tests", "test"])
        .or_else(|| named(TEST_WORDS))
        .or_else(|| compile_fail.then(|| "its name has `compile_fail`".to_string()))
    {
        r.add(Role::TestSupport, e);
    }
    if let Some(e) = placed(TOOLING_DIRS).or_else(|| named(TOOLING_WORDS)) {
        r.add(Role::Tooling, e);
    }
    let desc = p.description.to_ascii_lowercase();
    if let Some(e) = placed(VENDOR_DIRS).or_else(|| {
        VENDOR_PHRASES
            .iter()
            .find(|ph| desc.contains(**ph))
            .map(|_| format!("its description says \"{}\"", short(&p.description)))
    }) {
        r.add(Role::Vendored, e);
    }
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(80).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// A library whose public names are mostly re-exports of other workspace crates, with
/// little code of its own (`bevy` re-exporting `bevy_internal`, which re-exports the rest).
fn facades(ws: &Workspace, crates: &[super::Crate], modules: &[Module], out: &mut [CrateRoles]) {
    /// More lines of its own than this and a crate is more than a facade.
    const MAX_OWN_LOC: u32 = 400;
    /// Up to this many lines, re-exporting one crate is enough.
    const MAX_TINY_LOC: u32 = 100;
    for (i, p) in ws.packages.iter().enumerate() {
        if p.proc_macro {
            continue;
        }
        let Some(ci) = crates
            .iter()
            .position(|c| c.package == p.name && c.kind == TargetKind::Lib)
        else {
            continue;
        };
        let externs: BTreeMap<&str, &str> = p
            .deps
            .iter()
            .filter(|d| !d.other_version && ws.packages.iter().any(|q| q.name == d.package))
            .map(|d| (d.extern_name.as_str(), d.package.as_str()))
            .collect();
        let (mut reexports, mut globs, mut own_pub, mut loc) = (0u32, 0u32, 0u32, 0u32);
        let mut from: BTreeSet<&str> = BTreeSet::new();
        for m in modules.iter().filter(|m| m.krate == ci) {
            loc += m.facts.loc;
            own_pub += m.facts.items.iter().filter(|it| it.public).count() as u32;
            for u in m.facts.uses.iter().filter(|u| u.public) {
                let first = u.segments.first().map(String::as_str).unwrap_or("");
                if let Some(pkg) = externs.get(first) {
                    // A whole crate re-exported with `*` outweighs any number of own items.
                    if u.bind == UseBind::Glob {
                        globs += 1;
                    } else {
                        reexports += 1;
                    }
                    from.insert(pkg);
                }
            }
        }
        // Re-exports outnumber its own public items, and it either has next to no code or
        // gathers several crates (one crate's names re-exported beside real code, as
        // `bevy_log` does with `tracing`'s macros, is a convenience, not a facade).
        let gathers = from.len() >= 3 || loc <= MAX_TINY_LOC;
        if (globs > 0 || reexports > own_pub) && gathers && loc <= MAX_OWN_LOC {
            let v: Vec<&str> = from.into_iter().collect();
            let whole = if globs > 0 {
                format!(", {} of them whole (`*`)", globs)
            } else {
                String::new()
            };
            out[i].add(
                Role::Facade,
                format!(
                    "mostly re-exports {} ({}{whole}) with {} of its own and {}",
                    names(&v),
                    count((reexports + globs) as u64, "`pub use`", "`pub use`s"),
                    count(own_pub as u64, "public item", "public items"),
                    count(loc as u64, "line of code", "lines of code"),
                ),
            );
        }
    }
}

/// Binaries the rest of the workspace runs as a separate process: plugins that speak a
/// workspace protocol crate, and servers named as such.
fn processes(
    ws: &Workspace,
    crates: &[super::Crate],
    modules: &[Module],
    users: &Users,
    out: &mut [CrateRoles],
) {
    let started = started_programs(crates, modules);
    for (i, p) in ws.packages.iter().enumerate() {
        if !out[i].has(Role::Application) || !out[i].is_product() {
            continue;
        }
        let linked = users.contains_key(p.name.as_str()) && out[i].has(Role::Library);
        if let Some(why) =
            started_by_workspace(ws, p, &started).or_else(|| named_process(ws, p, linked))
        {
            out[i].add(Role::Process, why);
        }
    }
}

/// Programs started with `Command::new("name")`: name → the first module (by path) that
/// starts it, its package, and the line.
fn started_programs<'a>(
    crates: &'a [super::Crate],
    modules: &'a [Module],
) -> BTreeMap<&'a str, (&'a Module, &'a str, u32)> {
    let mut started = BTreeMap::new();
    for m in modules {
        for (program, line) in &m.facts.spawns {
            let name = program.rsplit(['/', '\\']).next().unwrap_or(program);
            let name = name.strip_suffix(".exe").unwrap_or(name);
            started
                .entry(name)
                .or_insert((m, crates[m.krate].package.as_str(), *line));
        }
    }
    started
}

/// Evidence that another package of the workspace starts one of `p`'s binaries.
fn started_by_workspace(
    ws: &Workspace,
    p: &Package,
    started: &BTreeMap<&str, (&Module, &str, u32)>,
) -> Option<String> {
    let (t, (m, _, line)) = p
        .targets
        .iter()
        .filter(|t| t.kind == TargetKind::Bin)
        .find_map(|t| {
            started
                .get(t.name.as_str())
                .filter(|s| s.1 != p.name)
                .map(|s| (t, s))
        })?;
    Some(format!(
        "started as a separate process by `{}` (`Command::new(\"{}\")`, {}:{})",
        m.path,
        t.name,
        ws.rel(&m.file),
        line
    ))
}

/// Evidence from `p`'s name that it runs as a process of its own: a plugin (speaking a
/// protocol crate, if it depends on one), or a server that nothing `linked` as a library.
fn named_process(ws: &Workspace, p: &Package, linked: bool) -> Option<String> {
    let w = words(&p.name);
    if w.iter().any(|x| x == "plugin") {
        let protocol = p
            .declared
            .iter()
            .filter(|d| d.kind == DeclaredKind::Normal)
            .filter(|d| ws.packages.iter().any(|q| q.name == d.package))
            .find(|d| {
                let dw = words(&d.package);
                dw.iter()
                    .any(|x| matches!(x.as_str(), "plugin" | "protocol" | "proto" | "ipc" | "api"))
            });
        return Some(match protocol {
            Some(d) => format!(
                "a plugin binary (its name has `plugin`) that depends on the protocol crate `{}`",
                d.package
            ),
            None => "a plugin binary (its name has `plugin`)".to_string(),
        });
    }
    let server = w
        .iter()
        .find(|x| matches!(x.as_str(), "server" | "srv" | "daemon" | "worker" | "agent"))?;
    // A server nothing in the workspace links: it runs on its own.
    (!linked).then(|| format!("a binary named as a separate process (its name has `{server}`)"))
}

/// Paths that do I/O or start processes: a module naming one has work a service could own.
const IO_PATHS: &[[&str; 2]] = &[
    ["std", "fs"],
    ["std", "net"],
    ["std", "process"],
    ["tokio", "fs"],
    ["tokio", "net"],
    ["tokio", "process"],
    ["async_std", "fs"],
    ["async_std", "net"],
];

/// Crates outside the workspace whose use is I/O: network, storage, processes.
const IO_CRATES: &[&str] = &[
    "hyper",
    "reqwest",
    "ureq",
    "axum",
    "actix-web",
    "warp",
    "tonic",
    "rocket",
    "tide",
    "surf",
    "isahc",
    "curl",
    "mio",
    "socket2",
    "rusqlite",
    "sqlx",
    "diesel",
    "postgres",
    "tokio-postgres",
    "mysql",
    "redis",
    "mongodb",
    "sled",
    "rocksdb",
    "lapin",
    "rdkafka",
    "notify",
    "walkdir",
    "ignore",
    "tempfile",
    "memmap2",
    "libc",
    "nix",
    "windows-sys",
];

/// Per module: the evidence of I/O of its own (`uses std::fs`, `uses reqwest`), if any.
pub fn module_io(g: &super::ModuleGraph) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = g
        .modules
        .iter()
        .map(|m| {
            for segs in m.facts.paths() {
                if segs.len() >= 2 {
                    if let Some(p) = IO_PATHS.iter().find(|p| segs[0] == p[0] && segs[1] == p[1]) {
                        return Some(format!("uses `{}::{}`", p[0], p[1]));
                    }
                }
            }
            None
        })
        .collect();
    for e in &g.external {
        if out[e.module].is_none() && IO_CRATES.contains(&e.krate.as_str()) {
            out[e.module] = Some(format!("uses `{}`", e.krate));
        }
    }
    out
}

/// What the product crates are: libraries only, applications (every product library serves
/// a product binary), or both.
pub fn workspace_kind(ws: &Workspace, roles: &[CrateRoles]) -> WorkspaceKind {
    let product: Vec<(&Package, &CrateRoles)> = ws
        .packages
        .iter()
        .zip(roles)
        .filter(|(_, r)| r.is_product())
        .collect();
    let apps: Vec<&str> = product
        .iter()
        .filter(|(_, r)| r.has(Role::Application))
        .map(|(p, _)| p.name.as_str())
        .collect();
    if apps.is_empty() {
        return WorkspaceKind::Library;
    }
    // Libraries reached from an application through normal dependencies.
    let mut reached: BTreeSet<&str> = apps.iter().copied().collect();
    let mut stack: Vec<&str> = apps.clone();
    while let Some(n) = stack.pop() {
        let Some(p) = ws.packages.iter().find(|p| p.name == n) else {
            continue;
        };
        for d in p.declared.iter().filter(|d| d.kind == DeclaredKind::Normal) {
            if ws.packages.iter().any(|q| q.name == d.package) && reached.insert(&d.package) {
                stack.push(&d.package);
            }
        }
    }
    let standalone = product
        .iter()
        .filter(|(p, r)| {
            (r.has(Role::Library) || r.has(Role::ProcMacro)) && !reached.contains(p.name.as_str())
        })
        .count();
    if standalone == 0 {
        WorkspaceKind::Application
    } else {
        WorkspaceKind::Mixed
    }
}

/// Replaces the roles of the packages `archsplit.toml` names (`[roles] name = ["tooling"]`).
pub fn apply_overrides(roles: &mut [CrateRoles], overrides: &BTreeMap<String, Vec<Role>>) {
    for r in roles.iter_mut() {
        if let Some(set) = overrides.get(&r.package) {
            r.roles = set
                .iter()
                .map(|&role| RoleFact {
                    role,
                    evidence: "set in the configuration".to_string(),
                })
                .collect();
            r.roles.sort_by_key(|f| f.role);
            r.roles.dedup_by_key(|f| f.role);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_names() {
        assert_eq!(
            words("bevy_ecs_compile_fail"),
            ["bevy", "ecs", "compile", "fail"]
        );
        assert_eq!(words("ra_ap_test_utils"), ["ra", "ap", "test", "utils"]);
        assert_eq!(first_in(&words("latest-attestation"), TEST_WORDS), None);
    }
}
