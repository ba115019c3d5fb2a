//! Stage 1: find the packages under PATH, their lib and bin targets, root files and
//! dependencies. The only stage that asks cargo anything, and only `cargo metadata --no-deps`.

mod manifest;
mod metadata;
mod plain;

pub(crate) use manifest::{is_skipped_dir, line_col, wildcard_match};
pub use plain::ident_of;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::diag::Diagnostic;

/// Rust edition of a package; it changes how `use` paths resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Edition {
    E2015,
    E2018,
}

impl Edition {
    pub fn parse(s: &str) -> Edition {
        if s == "2015" {
            Edition::E2015
        } else {
            Edition::E2018
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TargetKind {
    Lib,
    Bin,
    Test,
    Bench,
    Example,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Lib => "lib",
            TargetKind::Bin => "bin",
            TargetKind::Test => "test",
            TargetKind::Bench => "bench",
            TargetKind::Example => "example",
        }
    }
}

/// Where a target's module tree starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetRoot {
    /// A root file such as `src/lib.rs`.
    File(PathBuf),
    /// A directory of loose .rs files with no root file: each file is a top-level module.
    Dir(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Target {
    /// Target name as cargo knows it (`regex-automata` → lib `regex_automata`).
    pub name: String,
    pub kind: TargetKind,
    pub root: TargetRoot,
}

impl Target {
    /// The identifier the target's crate is known by in paths (`-` becomes `_`).
    pub fn crate_ident(&self) -> String {
        self.name.replace('-', "_")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DepKind {
    Normal,
    Dev,
}

/// A dependency as the code names it: `extern_name` is what `use` paths start with.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dependency {
    pub extern_name: String,
    /// The package name of the dependency (after `package = "..."` renames).
    pub package: String,
    pub kind: DepKind,
    /// The version requirement as written (`^0.1`), or empty for none.
    pub req: String,
    /// A workspace member has the package's name but not a version the requirement
    /// accepts (`futures_01 = { package = "futures", version = "0.1" }` beside futures
    /// 0.3): the dependency is that crate's older release, outside the workspace.
    pub other_version: bool,
}

/// How a manifest declares a dependency: `[dependencies]`, `[dev-dependencies]` or
/// `[build-dependencies]` (target-specific tables included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DeclaredKind {
    Normal,
    Dev,
    Build,
}

/// A dependency as the manifest declares it, of any kind, whatever `--include-tests` says:
/// what crate roles and the fragmentation model read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DeclaredDep {
    /// The package depended on (after `package = "..."` renames).
    pub package: String,
    pub kind: DeclaredKind,
    /// `optional = true`: only with a feature.
    pub optional: bool,
    /// The version requirement as written, or empty for none.
    pub req: String,
}

#[derive(Debug, Clone)]
pub struct Package {
    pub name: String,
    /// Absolute directory of the package (where its Cargo.toml is, if it has one).
    pub dir: PathBuf,
    pub manifest: Option<PathBuf>,
    pub edition: Edition,
    /// `package.version`, or empty.
    pub version: String,
    pub targets: Vec<Target>,
    pub deps: Vec<Dependency>,
    /// False for `publish = false` (or an empty registry list): no user outside the workspace.
    pub publishable: bool,
    /// Every dependency the manifest declares, sorted, without duplicates.
    pub declared: Vec<DeclaredDep>,
    /// The library is a procedural macro (`[lib] proc-macro = true`).
    pub proc_macro: bool,
    /// `package.description`, or empty.
    pub description: String,
    /// `package.repository`, or empty: crates of different repositories are different
    /// projects, never one project split too fine.
    pub repository: String,
}

/// Options of the discovery stage.
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Also take test, bench and example targets and dev-dependencies.
    pub include_tests: bool,
    /// Read the manifests directly instead of asking `cargo metadata`.
    pub no_cargo: bool,
    /// Paths relative to the analyzed root left out (`*` matches within one component).
    pub exclude: Vec<String>,
    /// Where `cargo metadata`'s output may be kept (the parse cache's directory).
    pub cache_dir: Option<PathBuf>,
    /// PATH is a copy of a tree this process discovered before (`check`'s base revision):
    /// cargo's answer for that tree is taken, re-rooted, when cargo would read the same
    /// there (`metadata.rs`, `CargoView`), instead of running cargo again.
    pub reuse: bool,
}

/// Every package found under the analyzed root.
#[derive(Debug)]
pub struct Workspace {
    /// Canonical absolute path of the analyzed root; reports show paths relative to it.
    pub root: PathBuf,
    pub packages: Vec<Package>,
    pub diagnostics: Vec<Diagnostic>,
    /// Excluded path patterns (see `DiscoverOptions::exclude`).
    pub exclude: Vec<String>,
}

impl Workspace {
    /// Whether `path` (absolute) is left out of the analysis.
    pub fn is_excluded(&self, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let rel = self.rel(path);
        let parts: Vec<&str> = rel.split('/').collect();
        self.exclude.iter().any(|pat| {
            let pp: Vec<&str> = pat
                .trim_matches('/')
                .split('/')
                .filter(|c| !c.is_empty() && *c != ".")
                .collect();
            !pp.is_empty()
                && pp.len() <= parts.len()
                && pp
                    .iter()
                    .zip(&parts)
                    .all(|(p, c)| manifest::wildcard_match(p, c))
        })
    }

    /// `path` relative to the analyzed root with `/` separators, or as given when outside.
    pub fn rel(&self, path: &Path) -> String {
        rel_path(&self.root, path)
    }
}

/// A relative path with `/` separators.
pub fn rel_path_str(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

pub fn rel_path(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_string(),
        Ok(rel) => rel_path_str(rel),
        Err(_) => path.to_string_lossy().replace('\\', "/"),
    }
}

/// Finds the packages under `path`. Errors only when `path` is unusable (does not exist).
pub fn discover(path: &Path, opts: &DiscoverOptions) -> Result<Workspace> {
    if !path.exists() {
        bail!("{}: no such file or directory", path.display());
    }
    let root = path
        .canonicalize()
        .with_context(|| format!("{}: cannot resolve path", path.display()))?;
    let mut ws = Workspace {
        root: root.clone(),
        packages: Vec::new(),
        diagnostics: Vec::new(),
        exclude: opts.exclude.clone(),
    };
    if root.is_file() {
        // A single file: a Cargo.toml names its package, a .rs file is a crate of its own.
        let dir = root.parent().unwrap_or(Path::new("/")).to_path_buf();
        if root.file_name().is_some_and(|n| n == "Cargo.toml") {
            ws.root = dir.clone();
            discover_dir(&mut ws, &dir, opts);
        } else {
            ws.root = dir;
            ws.packages.push(plain::single_file(&root));
        }
    } else {
        discover_dir(&mut ws, &root, opts);
    }
    finish(&mut ws);
    Ok(ws)
}

/// At most this many `cargo metadata` runs per discovery.
const MAX_CARGO_CALLS: usize = 4;

fn discover_dir(ws: &mut Workspace, dir: &Path, opts: &DiscoverOptions) {
    let manifests = manifest::find_manifests(dir);
    if manifests.is_empty() {
        if let Some(pkg) = plain::plain_dir(dir) {
            ws.packages.push(pkg);
        }
        return;
    }
    // Outermost manifests first; a workspace or package claims everything beneath it that it
    // lists, and a manifest nobody claims is a package (or workspace) of its own.
    let mut claimed: Vec<PathBuf> = Vec::new();
    for m in &manifests {
        let mdir = m.parent().unwrap_or(dir).to_path_buf();
        if claimed.iter().any(|c| c == &mdir) {
            continue;
        }
        // A directory of many unrelated packages would cost one cargo start each (~40 ms);
        // there the manifests are read directly (the golden tests hold both ways equal).
        let found = if opts.no_cargo || manifests.len() > MAX_CARGO_CALLS {
            None
        } else {
            metadata::from_cargo(m, &ws.root, opts)
        };
        let (pkgs, diags, owned) = match found {
            Some((pkgs, diags)) => {
                let owned = pkgs.iter().map(|p| p.dir.clone()).collect::<Vec<_>>();
                (pkgs, diags, owned)
            }
            None => manifest::from_manifests(m, &ws.root, opts),
        };
        claimed.push(mdir);
        claimed.extend(owned);
        ws.diagnostics.extend(diags);
        for p in pkgs {
            if !ws.packages.iter().any(|q| q.dir == p.dir) {
                ws.packages.push(p);
            }
        }
    }
}

/// Sorts packages, drops duplicate names with a diagnostic, and keeps only packages under root.
fn finish(ws: &mut Workspace) {
    let root = ws.root.clone();
    let excluded: Vec<bool> = ws
        .packages
        .iter()
        .map(|p| p.dir != root && ws.is_excluded(&p.dir))
        .collect();
    let mut i = 0;
    ws.packages.retain(|p| {
        i += 1;
        p.dir.starts_with(&root) && !excluded[i - 1]
    });
    ws.packages
        .sort_by(|a, b| a.name.cmp(&b.name).then(a.dir.cmp(&b.dir)));
    // A package's manifest, or its directory, as a diagnostic names it.
    let file_of = |p: &Package| {
        p.manifest
            .as_deref()
            .map(|m| rel_path(&root, m))
            .unwrap_or_else(|| rel_path(&root, &p.dir))
    };
    for p in &ws.packages {
        if let Some(why) = invalid_name(&p.name) {
            let file = file_of(p);
            ws.diagnostics.push(Diagnostic::warning(
                "invalid-package-name",
                file,
                format!(
                    "package name {:?} {why}, which cargo does not accept; it is kept as written",
                    p.name
                ),
            ));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut kept = Vec::new();
    for p in std::mem::take(&mut ws.packages) {
        if seen.insert(p.name.clone()) {
            kept.push(p);
        } else {
            let file = file_of(&p);
            ws.diagnostics.push(Diagnostic::warning(
                "duplicate-package",
                file,
                format!(
                    "a package named `{}` was already found; this one is skipped",
                    p.name
                ),
            ));
        }
    }
    // A dependency on another release of a member's package is outside the workspace.
    let versions: std::collections::BTreeMap<String, String> = kept
        .iter()
        .map(|p| (p.name.clone(), p.version.clone()))
        .collect();
    let elsewhere =
        |package: &str, req: &str| versions.get(package).is_some_and(|v| !req_accepts(req, v));
    for p in &mut kept {
        for d in &mut p.deps {
            d.other_version = elsewhere(&d.package, &d.req);
        }
        p.declared.retain(|d| !elsewhere(&d.package, &d.req));
    }
    for p in &mut kept {
        p.targets
            .sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
        p.deps.sort();
        p.deps.dedup();
        p.declared.sort();
        p.declared.dedup();
    }
    ws.packages = kept;
}

/// Why cargo would refuse a package name (letters, digits, `-` and `_` only, not empty), or
/// `None` when it is fine. Such a name is kept: reports escape it wherever they print it.
fn invalid_name(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("is empty")
    } else if name.chars().any(char::is_control) {
        Some("holds a control character")
    } else if !name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        Some("holds characters other than letters, digits, `-` and `_`")
    } else {
        None
    }
}

/// Whether a version requirement accepts a version, read as cargo reads the common forms
/// (`0.1`, `^0.1.2`, `~1.2`, `=0.3.0-alpha.6`): the first version of the requirement and
/// the version must share their leftmost non-zero component. Anything else (`*`, ranges,
/// an empty requirement or version) is taken as accepting, so that a dependency is never
/// taken out of the workspace by mistake.
pub fn req_accepts(req: &str, version: &str) -> bool {
    let req = req.trim();
    let (op, rest) = match req.chars().next() {
        Some('^') => ("^", &req[1..]),
        Some('=') => ("=", &req[1..]),
        Some('~') => ("~", &req[1..]),
        Some(c) if c.is_ascii_digit() => ("^", req),
        _ => return true,
    };
    if rest.contains(',') || rest.contains('*') || rest.contains('<') || rest.contains('>') {
        return true;
    }
    let nums = |s: &str| -> Option<Vec<u64>> {
        let core = s.trim().split(['-', '+']).next()?;
        core.split('.').map(|n| n.parse().ok()).collect()
    };
    let (Some(r), Some(v)) = (nums(rest), nums(version)) else {
        return true;
    };
    if r.is_empty() || v.len() < 3 {
        return true;
    }
    if op == "=" && r.len() == 3 {
        return r == v[..3] && version.contains('-') == rest.contains('-');
    }
    // The leftmost non-zero component (or the last one written) must match, and so must
    // every component before it.
    let upto = r.iter().position(|&x| x != 0).map_or(r.len(), |i| i + 1);
    let upto = if op == "~" {
        r.len().min(2).max(upto)
    } else {
        upto
    };
    r[..upto.min(r.len())] == v[..upto.min(r.len())]
}

#[cfg(test)]
mod tests {
    use super::req_accepts;

    #[test]
    fn requirements_accept_compatible_releases_only() {
        assert!(req_accepts("^0.3", "0.3.34"));
        assert!(req_accepts("0.3.1", "0.3.34"));
        assert!(!req_accepts("^0.1", "0.3.34"));
        assert!(!req_accepts("0.1.25", "0.3.34"));
        assert!(req_accepts("1", "1.9.0"));
        assert!(!req_accepts("2", "1.9.0"));
        assert!(req_accepts("=0.2.0-alpha.6", "0.2.0-alpha.6"));
        assert!(req_accepts("^0.2.0-alpha.6", "0.2.0-alpha.6"));
        assert!(req_accepts("~1.2", "1.2.9"));
        assert!(req_accepts("*", "0.1.0"));
        assert!(req_accepts(">=0.1, <0.4", "0.3.0"));
        assert!(req_accepts("", "0.3.0"));
        assert!(req_accepts("0.1", ""));
    }
}
