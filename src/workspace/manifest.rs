//! Discovery without cargo: reads Cargo.toml files with `toml` (member globs and excludes,
//! `[lib]`/`[[bin]]` paths, cargo's default target paths, renamed dependencies).

use std::path::{Path, PathBuf};

use toml::{Table, Value};

use super::{
    rel_path, DeclaredDep, DeclaredKind, DepKind, Dependency, DiscoverOptions, Edition, Package,
    Target, TargetKind, TargetRoot,
};
use crate::diag::Diagnostic;

/// Directories never searched for manifests or sources.
pub(crate) fn is_skipped_dir(name: &str) -> bool {
    name == "target" || name == "node_modules" || (name.starts_with('.') && name != ".")
}

/// Whether there is a `Cargo.toml` at `path` of any kind but a directory: a FIFO or a link
/// to a device is still a manifest, reported when it cannot be read.
pub(crate) fn manifest_exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_dir())
}

/// The manifests to start from: `dir/Cargo.toml` if there is one, otherwise the outermost
/// Cargo.toml files beneath `dir` (a directory of packages not joined in a workspace).
pub fn find_manifests(dir: &Path) -> Vec<PathBuf> {
    let top = dir.join("Cargo.toml");
    if manifest_exists(&top) {
        return vec![top];
    }
    let mut found = Vec::new();
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .max_depth(8)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && is_skipped_dir(&name) {
            walker.skip_current_dir();
            continue;
        }
        let m = entry.path().join("Cargo.toml");
        if manifest_exists(&m) {
            found.push(m);
            walker.skip_current_dir();
        }
    }
    found
}

/// A manifest as a table. A malformed one is reported, then read line by line (every line
/// that is valid TOML on its own) so that its package is still analyzed. `None` (with the
/// diagnostic) when the file cannot be read at all.
fn read_table_lenient(path: &Path, root: &Path) -> (Option<(Table, String)>, Option<Diagnostic>) {
    let file = rel_path(root, path);
    let text = match crate::fsio::read_capped(path, crate::fsio::caps::TEXT) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            let d = Diagnostic::error("manifest-error", file, format!("cannot read manifest: {e}"));
            return (None, Some(d));
        }
    };
    match toml::from_str::<Table>(&text) {
        Ok(table) => (Some((table, text)), None),
        Err(e) => {
            let (line, col) = e.span().map(|s| line_col(&text, s.start)).unwrap_or((0, 0));
            let msg = e.message().trim().replace('\n', " ");
            let d = Diagnostic::error(
                "manifest-error",
                file,
                format!("malformed Cargo.toml: {msg}; the rest of the file was read line by line"),
            )
            .at(line, col);
            (Some((lenient_table(&text), text)), Some(d))
        }
    }
}

/// The lines of a malformed manifest that are valid TOML on their own, assembled under
/// their table headers (`[package]`, `[[bin]]`, `[target.'cfg(unix)'.dependencies]`).
fn lenient_table(text: &str) -> Table {
    let mut root = Table::new();
    let mut path: Vec<String> = Vec::new();
    let mut in_array = false;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let Ok(parsed) = toml::from_str::<Table>(t) else {
            continue;
        };
        if t.starts_with('[') {
            path.clear();
            in_array = t.starts_with("[[");
            let mut cur = &parsed;
            while let Some((k, v)) = cur.iter().next() {
                path.push(k.clone());
                match v {
                    Value::Table(inner) if !inner.is_empty() => cur = inner,
                    _ => break,
                }
            }
            if in_array {
                if let Some(Value::Array(a)) = entry_at(&mut root, &path, true) {
                    a.push(Value::Table(Table::new()));
                }
            } else {
                entry_at(&mut root, &path, false);
            }
        } else if let Some(target) = table_at(&mut root, &path, in_array) {
            target.extend(parsed);
        }
    }
    root
}

/// The value at `path`, created as an empty table (or array, for the last key) if missing.
fn entry_at<'t>(root: &'t mut Table, path: &[String], array: bool) -> Option<&'t mut Value> {
    let (last, parents) = path.split_last()?;
    let mut cur = root;
    for k in parents {
        cur = cur
            .entry(k.clone())
            .or_insert_with(|| Value::Table(Table::new()))
            .as_table_mut()?;
    }
    Some(cur.entry(last.clone()).or_insert_with(|| {
        if array {
            Value::Array(Vec::new())
        } else {
            Value::Table(Table::new())
        }
    }))
}

/// The table key-value lines go into: the one at `path`, or the last of the array there.
fn table_at<'t>(root: &'t mut Table, path: &[String], array: bool) -> Option<&'t mut Table> {
    if path.is_empty() {
        return Some(root);
    }
    match entry_at(root, path, array)? {
        Value::Array(a) => a.last_mut()?.as_table_mut(),
        Value::Table(t) => Some(t),
        _ => None,
    }
}

/// 1-based line and column of the first occurrence of `needle`, or (0, 0).
fn find_line_col(text: &str, needle: &str) -> (u32, u32) {
    text.find(needle).map_or((0, 0), |off| line_col(text, off))
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = offset
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    (line as u32, col as u32)
}

/// Packages of the workspace or package whose manifest is `manifest`, its diagnostics, and
/// the package directories it claims.
pub fn from_manifests(
    manifest: &Path,
    root: &Path,
    opts: &DiscoverOptions,
) -> (Vec<Package>, Vec<Diagnostic>, Vec<PathBuf>) {
    let mut diags = Vec::new();
    let mut pkgs = Vec::new();
    let dir = manifest.parent().unwrap_or(root).to_path_buf();
    let (found, diag) = read_table_lenient(manifest, root);
    let read_failed = diag.is_some();
    diags.extend(diag);
    let (table, text) = found.unwrap_or_default();
    let ws = table.get("workspace").and_then(Value::as_table);
    // A package, or a manifest too broken to say what it is: read what it can tell.
    if table.contains_key("package") || ws.is_none() {
        let (p, d) = package_from_table(&table, manifest, ws, root, opts);
        note_fallback(&mut diags, d, read_failed);
        pkgs.extend(p);
    }
    if let Some(ws) = ws {
        let excludes: Vec<PathBuf> = strings(ws.get("exclude"))
            .iter()
            .map(|e| dir.join(e))
            .collect();
        let found = Members {
            dir: &dir,
            root,
            ws,
            excludes: &excludes,
            opts,
        };
        let members = found.listed(&text, manifest, &mut diags);
        pkgs.extend(found.read(members, &table, &mut diags));
    }
    let owned = pkgs.iter().map(|p| p.dir.clone()).collect();
    (pkgs, diags, owned)
}

/// What reading a workspace's members needs: its directory, the analyzed root, its
/// `[workspace]` table, its excludes and the discovery options.
struct Members<'a> {
    dir: &'a Path,
    root: &'a Path,
    ws: &'a Table,
    excludes: &'a [PathBuf],
    opts: &'a DiscoverOptions,
}

impl Members<'_> {
    /// The member directories `[workspace] members` lists (globs expanded, excluded ones, the
    /// workspace's own and those without a manifest left out), each `true` for listed; a
    /// diagnostic for a member that does not exist, lacks a manifest or lies outside `root`.
    fn listed(
        &self,
        text: &str,
        manifest: &Path,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<(PathBuf, bool)> {
        let (dir, root, ws, excludes) = (self.dir, self.root, self.ws, self.excludes);
        let mut members: Vec<(PathBuf, bool)> = Vec::new();
        for pattern in strings(ws.get("members")) {
            let is_glob = pattern.contains(['*', '?', '[']);
            let dirs = expand_glob(dir, &pattern);
            let (line, col) = find_line_col(text, &format!("\"{pattern}\""));
            let at = |msg: String| {
                Diagnostic::error("missing-member", rel_path(root, manifest), msg).at(line, col)
            };
            if dirs.is_empty() && !is_glob {
                diags.push(at(format!("workspace member `{pattern}` does not exist")));
            }
            for mdir in dirs {
                if mdir == dir || excludes.iter().any(|e| mdir.starts_with(e)) {
                    continue;
                }
                if !inside(&mdir, root) {
                    diags.push(
                        Diagnostic::warning(
                            "member-outside",
                            rel_path(root, manifest),
                            format!(
                                "workspace member `{pattern}` is outside the analyzed directory; \
                                 it is not analyzed"
                            ),
                        )
                        .at(line, col),
                    );
                    continue;
                }
                if !manifest_exists(&mdir.join("Cargo.toml")) {
                    if !is_glob {
                        diags.push(at(format!(
                            "workspace member `{pattern}` has no Cargo.toml"
                        )));
                    }
                    continue;
                }
                members.push((mdir, true));
            }
        }
        members
    }

    /// The packages of `members` and of the path dependencies inside the workspace
    /// directory they (and the root manifest `table`) declare, which cargo makes members too
    /// (`cargo metadata` lists them; reading the manifests must find the same).
    fn read(
        &self,
        mut members: Vec<(PathBuf, bool)>,
        table: &Table,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<Package> {
        let (dir, root, ws) = (self.dir, self.root, self.ws);
        let mut pkgs = Vec::new();
        let mut i = 0;
        let mut seen: std::collections::BTreeSet<PathBuf> =
            members.iter().map(|(d, _)| d.clone()).collect();
        seen.insert(dir.to_path_buf());
        let mut implicit = path_deps(table, dir, dir, ws);
        while i < members.len() || !implicit.is_empty() {
            for d in std::mem::take(&mut implicit) {
                let d = d.canonicalize().unwrap_or(d);
                if d.starts_with(dir)
                    && inside(&d, root)
                    && !self.excludes.iter().any(|e| d.starts_with(e))
                    && manifest_exists(&d.join("Cargo.toml"))
                    && seen.insert(d.clone())
                {
                    members.push((d, false));
                }
            }
            let Some((mdir, _)) = members.get(i).cloned() else {
                break;
            };
            i += 1;
            let mm = mdir.join("Cargo.toml");
            let (found, diag) = read_table_lenient(&mm, root);
            let read_failed = diag.is_some();
            diags.extend(diag);
            let (t, _) = found.unwrap_or_default();
            implicit = path_deps(&t, &mdir, dir, ws);
            let (p, d) = package_from_table(&t, &mm, Some(ws), root, self.opts);
            note_fallback(diags, d, read_failed);
            pkgs.extend(p);
        }
        pkgs
    }
}

/// Whether `dir` lies inside the analyzed root once links are resolved.
fn inside(dir: &Path, root: &Path) -> bool {
    dir.canonicalize()
        .map_or_else(|_| dir.starts_with(root), |d| d.starts_with(root))
}

/// Adds the diagnostic of a package read from its conventional layout, folded into the
/// manifest's own diagnostic when reading it already failed (one finding per broken file).
fn note_fallback(diags: &mut Vec<Diagnostic>, fallback: Option<Diagnostic>, read_failed: bool) {
    let Some(f) = fallback else { return };
    match diags.last_mut() {
        Some(last) if read_failed && last.file == f.file => {
            if let Some(rest) = f.message.split_once("; ").map(|(_, r)| r) {
                last.message.push_str(&format!("; {rest}"));
            }
        }
        _ => diags.push(f),
    }
}

/// The directories of the path dependencies a manifest declares (of every kind and target;
/// `{ workspace = true }` ones through the workspace's table, relative to its directory).
fn path_deps(t: &Table, pkg_dir: &Path, ws_dir: &Path, ws: &Table) -> Vec<PathBuf> {
    let ws_deps = ws.get("dependencies").and_then(Value::as_table);
    let mut out = Vec::new();
    for table in dependency_tables(t) {
        for key in [
            "dependencies",
            "dev-dependencies",
            "dev_dependencies",
            "build-dependencies",
            "build_dependencies",
        ] {
            for (name, value) in table
                .get(key)
                .and_then(Value::as_table)
                .into_iter()
                .flatten()
            {
                if let Some(p) = value.get("path").and_then(Value::as_str) {
                    out.push(pkg_dir.join(p));
                } else if value.get("workspace").and_then(Value::as_bool) == Some(true) {
                    if let Some(p) = ws_deps
                        .and_then(|d| d.get(name))
                        .and_then(|v| v.get("path"))
                        .and_then(Value::as_str)
                    {
                        out.push(ws_dir.join(p));
                    }
                }
            }
        }
    }
    out
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Expands a member pattern such as `crates/*` one path component at a time.
fn expand_glob(base: &Path, pattern: &str) -> Vec<PathBuf> {
    let mut current = vec![base.to_path_buf()];
    for comp in pattern.split('/').filter(|c| !c.is_empty() && *c != ".") {
        let mut next = Vec::new();
        for d in &current {
            if comp.contains(['*', '?', '[']) {
                let Ok(rd) = std::fs::read_dir(d) else {
                    continue;
                };
                let mut names: Vec<_> = rd
                    .filter_map(|e| e.ok())
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| wildcard_match(comp, n))
                    .collect();
                names.sort();
                next.extend(names.into_iter().map(|n| d.join(n)));
            } else if comp == ".." {
                next.push(d.parent().unwrap_or(d).to_path_buf());
            } else {
                let p = d.join(comp);
                if p.is_dir() {
                    next.push(p);
                }
            }
        }
        current = next;
    }
    current
}

/// `*` and `?` wildcards within one path component (`[...]` classes match any one character).
pub(crate) fn wildcard_match(pattern: &str, name: &str) -> bool {
    fn go(p: &[char], n: &[char]) -> bool {
        match p.first() {
            None => n.is_empty(),
            Some('*') => (0..=n.len()).any(|i| go(&p[1..], &n[i..])),
            Some('?') => !n.is_empty() && go(&p[1..], &n[1..]),
            Some('[') => match p.iter().position(|&c| c == ']') {
                Some(end) => {
                    !n.is_empty() && p[1..end].contains(&n[0]) && go(&p[end + 1..], &n[1..])
                }
                None => false,
            },
            Some(c) => n.first() == Some(c) && go(&p[1..], &n[1..]),
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    go(&p, &n)
}

/// The package a manifest describes. A manifest without a usable `[package]` name (broken,
/// empty, `name = 5`) still gives its package, named after its directory and read from the
/// conventional layout, with a diagnostic; `None` only when that layout holds no target.
fn package_from_table(
    t: &Table,
    manifest: &Path,
    ws: Option<&Table>,
    root: &Path,
    opts: &DiscoverOptions,
) -> (Option<Package>, Option<Diagnostic>) {
    let dir = manifest.parent().unwrap_or(root).to_path_buf();
    let empty = Table::new();
    let pkg = t.get("package").and_then(Value::as_table);
    let (name, diag) = package_name(pkg, &dir, rel_path(root, manifest));
    let fallback = diag.is_some();
    let pkg = pkg.unwrap_or(&empty);
    let edition = inherited(pkg, ws, "edition")
        .and_then(Value::as_str)
        .map_or(Edition::E2015, Edition::parse);
    let targets = targets(t, &name, &dir, opts);
    if fallback && targets.is_empty() {
        return (None, diag);
    }
    let deps = dependencies(t, ws, opts);
    let publishable = match inherited(pkg, ws, "publish") {
        Some(Value::Boolean(b)) => *b,
        Some(Value::Array(a)) => !a.is_empty(),
        _ => true,
    };
    let text = |key: &str| {
        inherited(pkg, ws, key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let package = Package {
        name,
        dir,
        manifest: Some(manifest.to_path_buf()),
        edition,
        version: pkg
            .get("version")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        targets,
        deps,
        publishable,
        declared: declared(t, ws),
        proc_macro: is_proc_macro(t),
        description: text("description"),
        repository: text("repository"),
    };
    (Some(package), diag)
}

/// The `[package]` name, or for a manifest without a usable one the directory's name with a
/// diagnostic saying the package is read from its conventional layout.
fn package_name(pkg: Option<&Table>, dir: &Path, file: String) -> (String, Option<Diagnostic>) {
    match pkg.and_then(|p| p.get("name")) {
        Some(Value::String(n)) if !n.trim().is_empty() => (n.clone(), None),
        named => {
            let n = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "package".to_string());
            let why = match (pkg, named) {
                (None, _) => "no [package] table",
                (Some(_), None) => "[package] has no name",
                (Some(_), Some(_)) => "[package] name is not a non-empty string",
            };
            let d = Diagnostic::error(
                "manifest-error",
                file,
                format!(
                    "{why}; the package is read from its conventional layout (src/lib.rs, \
                     src/main.rs, src/bin/) as `{n}`"
                ),
            );
            (n, Some(d))
        }
    }
}

/// The `[package]` field `key`, taken from `[workspace.package]` when it is inherited
/// (`key = { workspace = true }`, or any table).
fn inherited<'a>(pkg: &'a Table, ws: Option<&'a Table>, key: &str) -> Option<&'a Value> {
    match pkg.get(key) {
        Some(Value::Table(_)) => ws.and_then(|w| w.get("package")).and_then(|p| p.get(key)),
        other => other,
    }
}

/// Whether the manifest's `[lib]` is a procedural macro.
fn is_proc_macro(t: &Table) -> bool {
    let lib = t.get("lib").and_then(Value::as_table);
    lib.is_some_and(|l| {
        ["proc-macro", "proc_macro"]
            .iter()
            .any(|k| l.get(*k).and_then(Value::as_bool) == Some(true))
    })
}

fn targets(t: &Table, pkg_name: &str, dir: &Path, opts: &DiscoverOptions) -> Vec<Target> {
    let mut out = Vec::new();
    let auto = |key: &str| {
        t.get("package")
            .and_then(|p| p.get(key))
            .and_then(Value::as_bool)
            .unwrap_or(true)
    };
    // The library.
    let lib = t.get("lib").and_then(Value::as_table);
    let lib_path = lib
        .and_then(|l| l.get("path"))
        .and_then(Value::as_str)
        .map(|p| dir.join(p))
        .or_else(|| Some(dir.join("src/lib.rs")).filter(|p| p.is_file()));
    if let Some(path) = lib_path {
        let name = lib
            .and_then(|l| l.get("name"))
            .and_then(Value::as_str)
            .unwrap_or(pkg_name)
            .replace('-', "_");
        out.push(Target {
            name,
            kind: TargetKind::Lib,
            root: TargetRoot::File(path),
        });
    }
    let mut kinds = vec![(TargetKind::Bin, "bin", "src/bin", "autobins")];
    if opts.include_tests {
        kinds.push((TargetKind::Test, "test", "tests", "autotests"));
        kinds.push((TargetKind::Bench, "bench", "benches", "autobenches"));
        kinds.push((TargetKind::Example, "example", "examples", "autoexamples"));
    }
    for (kind, key, auto_dir, auto_key) in kinds {
        let mut found: Vec<Target> = Vec::new();
        if auto(auto_key) {
            if kind == TargetKind::Bin && dir.join("src/main.rs").is_file() {
                found.push(file_target(pkg_name, kind, dir.join("src/main.rs")));
            }
            for (n, p) in auto_targets(&dir.join(auto_dir)) {
                found.push(file_target(&n, kind, p));
            }
        }
        for entry in t.get(key).and_then(Value::as_array).into_iter().flatten() {
            let Some(e) = entry.as_table() else { continue };
            let Some(n) = e.get("name").and_then(Value::as_str) else {
                continue;
            };
            let path = match e.get("path").and_then(Value::as_str) {
                Some(p) => dir.join(p),
                None => {
                    let single = dir.join(auto_dir).join(format!("{n}.rs"));
                    let nested = dir.join(auto_dir).join(n).join("main.rs");
                    if kind == TargetKind::Bin && n == pkg_name && dir.join("src/main.rs").is_file()
                    {
                        dir.join("src/main.rs")
                    } else if nested.is_file() && !single.is_file() {
                        nested
                    } else {
                        single
                    }
                }
            };
            found.retain(|f| f.name != n && f.root != TargetRoot::File(path.clone()));
            found.push(file_target(n, kind, path));
        }
        out.extend(found);
    }
    out
}

fn file_target(name: &str, kind: TargetKind, path: PathBuf) -> Target {
    Target {
        name: name.to_string(),
        kind,
        root: TargetRoot::File(path),
    }
}

/// The manifest's own table and each `[target.'cfg(..)']` table: where dependency tables are.
fn dependency_tables(t: &Table) -> Vec<&Table> {
    let mut tables: Vec<&Table> = vec![t];
    for (_, target) in t
        .get("target")
        .and_then(Value::as_table)
        .into_iter()
        .flatten()
    {
        tables.extend(target.as_table());
    }
    tables
}

/// `dir/*.rs` and `dir/*/main.rs`, as cargo discovers bins, tests, benches and examples.
fn auto_targets(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf)> = rd
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_file() && name.ends_with(".rs") {
                Some((name.trim_end_matches(".rs").to_string(), p))
            } else if p.join("main.rs").is_file() {
                Some((name, p.join("main.rs")))
            } else {
                None
            }
        })
        .collect();
    out.sort();
    out
}

/// Every dependency the manifest declares, of any kind and target (what `cargo metadata`
/// lists), with the package name after renames.
fn declared(t: &Table, ws: Option<&Table>) -> Vec<DeclaredDep> {
    let ws_deps = ws
        .and_then(|w| w.get("dependencies"))
        .and_then(Value::as_table);
    let mut out = Vec::new();
    for table in dependency_tables(t) {
        for (keys, kind) in [
            (&["dependencies"][..], DeclaredKind::Normal),
            (
                &["dev-dependencies", "dev_dependencies"][..],
                DeclaredKind::Dev,
            ),
            (
                &["build-dependencies", "build_dependencies"][..],
                DeclaredKind::Build,
            ),
        ] {
            for key in keys {
                let Some(deps) = table.get(*key).and_then(Value::as_table) else {
                    continue;
                };
                for (name, value) in deps {
                    let inherited = value.get("workspace").and_then(Value::as_bool) == Some(true);
                    let from_ws = ws_deps.and_then(|d| d.get(name)).filter(|_| inherited);
                    let package = value
                        .get("package")
                        .or_else(|| from_ws.and_then(|v| v.get("package")))
                        .and_then(Value::as_str)
                        .unwrap_or(name);
                    let optional = value.get("optional").and_then(Value::as_bool) == Some(true);
                    out.push(DeclaredDep {
                        package: package.to_string(),
                        kind,
                        optional,
                        req: req_of(value, from_ws),
                    });
                }
            }
        }
    }
    out
}

/// A dependency's version requirement (`"0.1"` or `{ version = "0.1" }`, or the
/// workspace's when inherited), or empty.
fn req_of(value: &Value, from_ws: Option<&Value>) -> String {
    let own = match value {
        Value::String(s) => Some(s.as_str()),
        _ => value.get("version").and_then(Value::as_str),
    };
    own.or_else(|| {
        from_ws.and_then(|v| match v {
            Value::String(s) => Some(s.as_str()),
            _ => v.get("version").and_then(Value::as_str),
        })
    })
    .unwrap_or_default()
    .to_string()
}

fn dependencies<'t>(t: &'t Table, ws: Option<&Table>, opts: &DiscoverOptions) -> Vec<Dependency> {
    let mut tables: Vec<(&Table, DepKind)> = Vec::new();
    let mut push = |t: &'t Table| {
        if let Some(d) = t.get("dependencies").and_then(Value::as_table) {
            tables.push((d, DepKind::Normal));
        }
        if opts.include_tests {
            for key in ["dev-dependencies", "dev_dependencies"] {
                if let Some(d) = t.get(key).and_then(Value::as_table) {
                    tables.push((d, DepKind::Dev));
                }
            }
        }
    };
    push(t);
    for (_, target) in t
        .get("target")
        .and_then(Value::as_table)
        .into_iter()
        .flatten()
    {
        if let Some(tt) = target.as_table() {
            push(tt);
        }
    }
    let ws_deps = ws
        .and_then(|w| w.get("dependencies"))
        .and_then(Value::as_table);
    let mut out = Vec::new();
    for (table, kind) in tables {
        for (key, value) in table {
            let mut package = value.get("package").and_then(Value::as_str);
            let inherited = value.get("workspace").and_then(Value::as_bool) == Some(true);
            let from_ws = ws_deps.and_then(|d| d.get(key)).filter(|_| inherited);
            if inherited {
                package = package.or_else(|| {
                    ws_deps
                        .and_then(|d| d.get(key))
                        .and_then(|v| v.get("package"))
                        .and_then(Value::as_str)
                });
            }
            out.push(Dependency {
                extern_name: key.replace('-', "_"),
                package: package.unwrap_or(key).to_string(),
                kind,
                req: req_of(value, from_ws),
                other_version: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_one_component() {
        assert!(wildcard_match("*", "regex"));
        assert!(wildcard_match("grep-*", "grep-cli"));
        assert!(!wildcard_match("grep-*", "globset"));
        assert!(wildcard_match("a?c", "abc"));
        assert!(wildcard_match("[ab]x", "bx"));
        assert!(!wildcard_match("[ab]x", "cx"));
    }

    #[test]
    fn malformed_manifest_is_read_line_by_line() {
        let t = lenient_table(
            "[package]\nname = \"beta\"\nedition = \"2021\ndescription = [\n\n[dependencies]\nalpha = { path = \"../a\" }\nb2 = { package = \"beta-two\" }\n[[bin]]\nname = \"x\"\n[target.'cfg(unix)'.dependencies]\nlibc = \"0.2\"\n",
        );
        assert_eq!(t["package"]["name"].as_str(), Some("beta"));
        assert!(
            t["package"].get("edition").is_none(),
            "the broken line is dropped"
        );
        assert_eq!(
            t["dependencies"]["b2"]["package"].as_str(),
            Some("beta-two")
        );
        assert_eq!(t["bin"][0]["name"].as_str(), Some("x"));
        assert_eq!(
            t["target"]["cfg(unix)"]["dependencies"]["libc"].as_str(),
            Some("0.2")
        );
    }

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }
}
