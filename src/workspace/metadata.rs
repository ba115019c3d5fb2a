//! Discovery through `cargo metadata --no-deps --offline`, run so that nothing in the analyzed
//! tree can choose what runs: the child's working directory is a fresh empty directory, so
//! neither a `.cargo/config.toml` (wrappers, runners) nor a `rust-toolchain.toml` in the tree
//! is ever read, and `--no-deps` never resolves, builds or writes a lock file.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use cargo_metadata::camino::Utf8Path;

use crate::diag::Diagnostic;

use super::{
    DeclaredDep, DeclaredKind, DepKind, Dependency, DiscoverOptions, Edition, Package, Target,
    TargetKind, TargetRoot,
};

/// How long cargo may take before archsplit falls back to reading the manifests itself.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The packages cargo reports for `manifest` with their diagnostics, or `None` when cargo
/// is absent or fails (the caller then reads the manifests itself and reports what is wrong
/// with them).
pub fn from_cargo(
    manifest: &Path,
    root: &Path,
    opts: &DiscoverOptions,
) -> Option<(Vec<Package>, Vec<Diagnostic>)> {
    let answer = cached_cargo_metadata(manifest, opts.cache_dir.as_deref(), opts.reuse)?;
    let meta = cargo_metadata::MetadataCommand::parse(&answer.json).ok()?;
    // An answer given for another directory (`Answer::of`) holds every path below it.
    let top = manifest.parent()?;
    let place = |p: &Utf8Path| -> PathBuf {
        let p = p.as_std_path();
        match answer.of.as_deref().and_then(|of| p.strip_prefix(of).ok()) {
            Some(rel) => top.join(rel),
            None => p.to_path_buf(),
        }
    };
    let members: std::collections::BTreeSet<_> = meta.workspace_members.iter().collect();
    let mut out = Vec::new();
    let mut diags = Vec::new();
    // Analyzing one member of a larger workspace leaves the others out on purpose; a
    // workspace inside PATH whose member lies outside it is worth a word.
    let workspace_root = place(&meta.workspace_root);
    let ws_inside = workspace_root.starts_with(root);
    for p in &meta.packages {
        if !members.contains(&p.id) {
            continue;
        }
        let manifest_path = place(&p.manifest_path);
        let dir = manifest_path.parent()?.to_path_buf();
        if !dir.starts_with(root) {
            if ws_inside {
                diags.push(Diagnostic::warning(
                    "member-outside",
                    super::rel_path(root, &workspace_root.join("Cargo.toml")),
                    format!(
                        "workspace member `{}` ({}) is outside the analyzed directory; it is not \
                         analyzed",
                        p.name,
                        dir.display()
                    ),
                ));
            }
            continue;
        }
        out.push(package_of(
            p,
            dir,
            manifest_path,
            opts.include_tests,
            &place,
        ));
    }
    Some((out, diags))
}

/// The package cargo reports as `p`, in directory `dir`.
fn package_of(
    p: &cargo_metadata::Package,
    dir: PathBuf,
    manifest_path: PathBuf,
    include_tests: bool,
    place: &dyn Fn(&Utf8Path) -> PathBuf,
) -> Package {
    Package {
        name: p.name.to_string(),
        dir,
        manifest: Some(manifest_path),
        edition: Edition::parse(p.edition.as_str()),
        version: p.version.to_string(),
        targets: targets_of(p, include_tests, place),
        deps: dependencies_of(p, include_tests),
        publishable: p.publish.as_ref().is_none_or(|r| !r.is_empty()),
        declared: declared_of(p),
        proc_macro: p.targets.iter().any(|t| t.is_proc_macro()),
        description: p.description.clone().unwrap_or_default().trim().to_string(),
        repository: p.repository.clone().unwrap_or_default().trim().to_string(),
    }
}

/// The targets of `p` analyzed: libraries and binaries, and with `include_tests` tests,
/// benchmarks and examples.
fn targets_of(
    p: &cargo_metadata::Package,
    include_tests: bool,
    place: &dyn Fn(&Utf8Path) -> PathBuf,
) -> Vec<Target> {
    let mut targets = Vec::new();
    for t in &p.targets {
        let kind = if t.is_lib() || t.is_proc_macro() || t.kind.iter().any(is_lib_kind) {
            TargetKind::Lib
        } else if t.is_bin() {
            TargetKind::Bin
        } else if !include_tests {
            continue;
        } else if t.is_test() {
            TargetKind::Test
        } else if t.is_bench() {
            TargetKind::Bench
        } else if t.is_example() {
            TargetKind::Example
        } else {
            continue;
        };
        targets.push(Target {
            name: if kind == TargetKind::Lib {
                t.name.replace('-', "_")
            } else {
                t.name.clone()
            },
            kind,
            root: TargetRoot::File(place(&t.src_path)),
        });
    }
    targets
}

/// The dependencies of `p` code can reference: normal ones, and with `include_tests`
/// development ones.
fn dependencies_of(p: &cargo_metadata::Package, include_tests: bool) -> Vec<Dependency> {
    p.dependencies
        .iter()
        .filter_map(|d| {
            let kind = match d.kind {
                cargo_metadata::DependencyKind::Normal => DepKind::Normal,
                cargo_metadata::DependencyKind::Development if include_tests => DepKind::Dev,
                _ => return None,
            };
            Some(Dependency {
                extern_name: d.rename.as_deref().unwrap_or(&d.name).replace('-', "_"),
                package: d.name.to_string(),
                kind,
                req: req_of(d),
                other_version: false,
            })
        })
        .collect()
}

/// Every dependency `p` declares (normal, development, build), as the manifest states it.
fn declared_of(p: &cargo_metadata::Package) -> Vec<DeclaredDep> {
    p.dependencies
        .iter()
        .filter_map(|d| {
            let kind = match d.kind {
                cargo_metadata::DependencyKind::Normal => DeclaredKind::Normal,
                cargo_metadata::DependencyKind::Development => DeclaredKind::Dev,
                cargo_metadata::DependencyKind::Build => DeclaredKind::Build,
                _ => return None,
            };
            Some(DeclaredDep {
                package: d.name.to_string(),
                kind,
                optional: d.optional,
                req: req_of(d),
            })
        })
        .collect()
}

/// A dependency's version requirement as written; empty for a path dependency without one
/// (cargo reports `*`).
fn req_of(d: &cargo_metadata::Dependency) -> String {
    let r = d.req.to_string();
    if r == "*" {
        String::new()
    } else {
        r
    }
}

/// `cargo metadata`'s output, and the directory it was given for when that is not the
/// manifest's own.
struct Answer {
    json: String,
    /// The directory whose answer this is, when it was taken for a copy of it
    /// ([`CargoView`]): every path in it lies below, and is re-rooted at the manifest's.
    of: Option<PathBuf>,
}

/// cargo's answers this process was given, each with its manifest's directory and what
/// cargo read there: `check`'s base revision is a copy of the working tree's files that
/// often reads the same, and takes the tree's answer instead of a second cargo run.
static ANSWERS: Mutex<Vec<(PathBuf, Vec<u8>, String)>> = Mutex::new(Vec::new());

/// Everything `cargo metadata --no-deps` reads below a manifest's directory to answer, with
/// paths relative to it, compared byte for byte: two directories with the same view get the
/// same answer, up to where they are. Its fields, each length-prefixed: every Cargo.toml
/// (path and bytes) and its directory's target layout ([`target_layout`]), and the entries
/// `[workspace] members` globs match (name and kind). `None` when cargo would read above the
/// directory: the top manifest is no workspace root (cargo looks for one in the parent
/// directories), or a member pattern leaves the directory or recurses (`..`, `**`).
#[derive(Default)]
struct CargoView(Vec<u8>);

impl CargoView {
    fn field(&mut self, bytes: &[u8]) {
        self.0.extend((bytes.len() as u64).to_le_bytes());
        self.0.extend(bytes);
    }

    /// Adds the entries the top manifest's member patterns match; `None` (no view) when it
    /// is not a workspace root or a pattern could reach outside `top`.
    fn members(mut self, top: &Path, manifest_text: &[u8]) -> Option<CargoView> {
        let table: toml::Table = toml::from_str(std::str::from_utf8(manifest_text).ok()?).ok()?;
        let ws = table.get("workspace")?.as_table()?;
        let patterns = ws.get("members").and_then(|m| m.as_array());
        for pattern in patterns.into_iter().flatten() {
            let pattern = pattern.as_str()?;
            let parts: Vec<&str> = pattern
                .split('/')
                .filter(|c| !c.is_empty() && *c != ".")
                .collect();
            if pattern.starts_with(['/', '\\'])
                || parts
                    .iter()
                    .any(|c| *c == ".." || c.contains("**") || c.contains('\\'))
            {
                return None;
            }
            self.field(pattern.as_bytes());
            let mut current = vec![PathBuf::new()];
            for comp in parts {
                let mut next = Vec::new();
                for d in &current {
                    if comp.contains(['*', '?', '[']) {
                        let Ok(rd) = std::fs::read_dir(top.join(d)) else {
                            continue;
                        };
                        let mut names: Vec<std::ffi::OsString> = rd
                            .filter_map(|e| e.ok())
                            .map(|e| e.file_name())
                            .filter(|n| super::wildcard_match(comp, &n.to_string_lossy()))
                            .collect();
                        names.sort();
                        next.extend(names.into_iter().map(|n| d.join(n)));
                    } else if std::fs::symlink_metadata(top.join(d).join(comp)).is_ok() {
                        next.push(d.join(comp));
                    }
                }
                current = next;
            }
            // Each match with its kind: cargo may treat a file, a link and a directory apart.
            for m in current {
                let kind = match std::fs::symlink_metadata(top.join(&m)) {
                    Ok(md) if md.file_type().is_symlink() => b'l',
                    Ok(md) if md.is_dir() => b'd',
                    Ok(_) => b'f',
                    Err(_) => b'-',
                };
                self.field(m.as_os_str().as_encoded_bytes());
                self.field(&[kind]);
            }
        }
        Some(self)
    }
}

/// Keeps cargo's answer for `top` with its view, when every path in it that archsplit reads
/// lies below `top`, so that it can be re-rooted, and every member's manifest is one of the
/// view's `manifests` (sorted; not one in a directory the walk skips).
fn remember(top: &Path, manifests: &[PathBuf], view: CargoView, json: &str) {
    let Ok(meta) = cargo_metadata::MetadataCommand::parse(json) else {
        return;
    };
    let below = |p: &Utf8Path| p.as_std_path().starts_with(top);
    let members: std::collections::BTreeSet<_> = meta.workspace_members.iter().collect();
    let all_below = meta.workspace_root.as_std_path() == top
        && meta
            .packages
            .iter()
            .filter(|p| members.contains(&p.id))
            .all(|p| {
                below(&p.manifest_path)
                    && manifests
                        .binary_search_by(|m| m.as_path().cmp(p.manifest_path.as_std_path()))
                        .is_ok()
                    && p.targets.iter().all(|t| below(&t.src_path))
                    && p.dependencies
                        .iter()
                        .all(|d| d.path.as_deref().is_none_or(below))
            });
    if all_below {
        if let Ok(mut answers) = ANSWERS.lock() {
            answers.push((top.to_path_buf(), view.0, json.to_string()));
        }
    }
}

/// cargo's answer for another directory whose view is `view`, if this process has one.
fn recall(view: &CargoView) -> Option<Answer> {
    let answers = ANSWERS.lock().ok()?;
    let (of, _, json) = answers.iter().find(|(_, v, _)| *v == view.0)?;
    Some(Answer {
        json: json.clone(),
        of: Some(of.clone()),
    })
}

/// `cargo metadata`'s output, from the cache when no Cargo.toml under the manifest's
/// directory changed since it was stored (the key hashes every one of them). `None`, so that
/// the manifests are read directly and each problem reported, when any of them is not a
/// regular file of sane size: cargo would hang on a FIFO and fill memory from `/dev/zero`.
/// With `reuse` (a copy of a directory this process already asked about), the answer for
/// a directory with the same [`CargoView`] is taken, re-rooted, without running cargo.
fn cached_cargo_metadata(manifest: &Path, cache_dir: Option<&Path>, reuse: bool) -> Option<Answer> {
    let top = manifest.parent()?;
    let mut manifests: Vec<PathBuf> = walkdir::WalkDir::new(top)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !super::manifest::is_skipped_dir(&e.file_name().to_string_lossy())
        })
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_type().is_dir() && e.file_name() == "Cargo.toml")
        .map(|e| e.into_path())
        .collect();
    manifests.sort();
    let mut h = crate::hash::Fnv64::new();
    h.field(env!("CARGO_PKG_VERSION").as_bytes())
        .field(manifest.as_os_str().as_encoded_bytes());
    // What cargo reads, relative to `top`: kept with a cached answer, compared for a copy.
    let mut view = (cache_dir.is_some() || reuse).then(CargoView::default);
    let mut manifest_text = None;
    for m in &manifests {
        let bytes = crate::fsio::read_capped(m, crate::fsio::caps::TEXT).ok()?;
        h.field(m.as_os_str().as_encoded_bytes()).field(&bytes);
        // cargo also finds targets by their files: a new `src/main.rs` or `src/bin/x.rs`
        // changes its answer with the manifest unchanged. (Only the cache key and the view
        // need them.)
        if let (Some(pkg), Some(v)) = (m.parent(), view.as_mut()) {
            let layout = target_layout(pkg);
            h.field(&layout);
            v.field(m.strip_prefix(top).ok()?.as_os_str().as_encoded_bytes());
            v.field(&bytes);
            v.field(&layout);
        }
        if m == manifest {
            manifest_text = Some(bytes);
        }
    }
    let view = view
        .zip(manifest_text)
        .and_then(|(v, text)| v.members(top, &text));
    if reuse {
        if let Some(answer) = view.as_ref().and_then(recall) {
            return Some(answer);
        }
    }
    let json = match cache_dir {
        Some(dir) => cargo_metadata_through_cache(manifest, dir, h.finish())?,
        None => run_cargo_metadata(manifest)?,
    };
    if let Some(v) = view.filter(|_| !reuse) {
        remember(top, &manifests, v, &json);
    }
    Some(Answer { json, of: None })
}

/// `cargo metadata`'s output from the cache entry of key `h` in `dir`, else from cargo
/// (and then stored there).
fn cargo_metadata_through_cache(manifest: &Path, dir: &Path, h: u64) -> Option<String> {
    // Sealed with a checksum like every cache entry: a damaged one is asked again, never
    // read as a slightly different workspace.
    let name = format!("metadata-{h:016x}.json");
    if let Ok(bytes) = crate::fsio::read_capped(&dir.join(&name), MAX_OUTPUT + 16) {
        if let Some(json) = crate::cache::unseal(&bytes).and_then(|b| std::str::from_utf8(b).ok()) {
            if cargo_metadata::MetadataCommand::parse(json).is_ok() {
                return Some(json.to_string());
            }
        }
    }
    let json = run_cargo_metadata(manifest)?;
    if std::fs::create_dir_all(dir).is_ok() {
        crate::cache::write_sealed(dir, &name, json.as_bytes());
    }
    Some(json)
}

/// What cargo's target auto-discovery sees in a package directory: whether `src/lib.rs`
/// and `src/main.rs` exist, and in `src/bin`, `examples`, `tests` and `benches` the entries
/// it takes for targets, `*.rs` and directories holding a `main.rs` (names and kinds,
/// sorted). Other entries (data files, directories of fixtures) it does not look at, and
/// `check`'s copy of a revision does not have them.
fn target_layout(pkg: &Path) -> Vec<u8> {
    let kind = |t: std::io::Result<std::fs::FileType>| match t {
        Ok(t) if t.is_symlink() => b'l',
        Ok(t) if t.is_dir() => b'd',
        Ok(_) => b'f',
        Err(_) => b'-',
    };
    let mut out = Vec::new();
    for f in ["src/lib.rs", "src/main.rs"] {
        out.push(u8::from(pkg.join(f).is_file()));
    }
    for d in ["src/bin", "examples", "tests", "benches"] {
        let mut names: Vec<Vec<u8>> = std::fs::read_dir(pkg.join(d))
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter_map(|e| {
                        let mut n = e.file_name().as_encoded_bytes().to_vec();
                        if n.ends_with(b".rs") {
                            n.push(kind(e.file_type()));
                        } else {
                            let main = std::fs::symlink_metadata(e.path().join("main.rs"));
                            if main.is_err() {
                                return None;
                            }
                            n.extend(b"/main.rs");
                            n.push(kind(main.map(|m| m.file_type())));
                        }
                        Some(n)
                    })
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        for n in names {
            out.extend(n);
            out.push(0);
        }
        out.push(b'/');
    }
    out
}

/// The most of cargo's output read (a workspace of thousands of packages is a few MB).
const MAX_OUTPUT: u64 = 256 * 1024 * 1024;

fn is_lib_kind(k: &cargo_metadata::TargetKind) -> bool {
    use cargo_metadata::TargetKind as K;
    matches!(
        k,
        K::Lib | K::RLib | K::DyLib | K::CDyLib | K::StaticLib | K::ProcMacro
    )
}

/// Runs cargo in an empty private directory with a time limit; stdout on success.
fn run_cargo_metadata(manifest: &Path) -> Option<String> {
    let cwd = tempfile::tempdir().ok()?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut child = Command::new(cargo)
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
            "--manifest-path",
        ])
        .arg(manifest)
        .current_dir(cwd.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdout = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let n = (&mut stdout)
            .take(MAX_OUTPUT + 1)
            .read_to_string(&mut s)
            .ok()?;
        (n as u64 <= MAX_OUTPUT).then_some(s)
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() < TIMEOUT => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    };
    let out = reader.join().ok()??;
    status.success().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// A workspace and a copy of the files `check` copies from a revision (manifests and
    /// sources, no data files), each in a directory of its own.
    fn tree_and_copy() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let (tree, copy) = (tmp.path().join("tree"), tmp.path().join("copy/repo"));
        for root in [&tree, &copy] {
            write(
                root,
                "Cargo.toml",
                "[workspace]\nmembers = [\"crates/*\"]\nresolver = \"2\"\n",
            );
            write(
                root,
                "crates/a/Cargo.toml",
                "[package]\nname = \"a\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
            );
            write(root, "crates/a/src/lib.rs", "pub fn a() {}\n");
            write(root, "crates/a/src/bin/x.rs", "fn main() {}\n");
            write(root, "crates/a/examples/e/main.rs", "fn main() {}\n");
            write(root, "crates/a/tests/t.rs", "#[test]\nfn t() {}\n");
            write(
                root,
                "crates/b/Cargo.toml",
                "[package]\nname = \"b\"\nversion = \"0.2.0\"\nedition = \"2018\"\n\n[dependencies]\na = { path = \"../a\" }\n",
            );
            write(root, "crates/b/src/main.rs", "fn main() { a::a(); }\n");
        }
        // What the copy never has: data files, fixtures without sources.
        write(&tree, "crates/a/examples/data.txt", "data\n");
        write(&tree, "crates/a/tests/fixtures/input.json", "{}\n");
        let tree = tree.canonicalize().unwrap();
        let copy = copy.canonicalize().unwrap();
        (tmp, tree, copy)
    }

    fn opts(cache_dir: Option<PathBuf>, reuse: bool) -> DiscoverOptions {
        DiscoverOptions {
            include_tests: true,
            cache_dir,
            reuse,
            ..DiscoverOptions::default()
        }
    }

    #[test]
    fn a_copy_that_cargo_reads_the_same_takes_the_trees_answer_re_rooted() {
        let (tmp, tree, copy) = tree_and_copy();
        let cache = tmp.path().join("cache");
        let tree_opts = opts(Some(cache), false);
        let tree_pkgs = from_cargo(&tree.join("Cargo.toml"), &tree, &tree_opts).unwrap();
        assert_eq!(tree_pkgs.0.len(), 2);
        let manifest = copy.join("Cargo.toml");
        // (The answer of any directory with this view will do: the other tests' trees too.)
        let answer = cached_cargo_metadata(&manifest, None, true).unwrap();
        assert!(answer.of.is_some());
        // What the re-rooted answer gives is what cargo itself says about the copy.
        let reused = from_cargo(&manifest, &copy, &opts(None, true)).unwrap();
        let asked = from_cargo(&manifest, &copy, &opts(None, false)).unwrap();
        assert_eq!(format!("{reused:?}"), format!("{asked:?}"));
        assert!(format!("{reused:?}").contains("copy/repo/crates/a/examples/e/main.rs"));
        assert!(!format!("{reused:?}").contains("tree"));
    }

    #[test]
    fn a_copy_that_cargo_would_read_differently_runs_cargo() {
        let changes: [(&str, &str); 4] = [
            // A new target file, a member directory without a manifest, another manifest.
            ("crates/a/src/bin/y.rs", "fn main() {}\n"),
            ("crates/c/src/lib.rs", "\n"),
            (
                "crates/b/Cargo.toml",
                "[package]\nname = \"b\"\nversion = \"0.3.0\"\n",
            ),
            ("crates/a/src/main.rs", "fn main() {}\n"),
        ];
        for (rel, text) in changes {
            let (tmp, tree, copy) = tree_and_copy();
            let cache = tmp.path().join("cache");
            from_cargo(&tree.join("Cargo.toml"), &tree, &opts(Some(cache), false)).unwrap();
            write(&copy, rel, text);
            let answer = cached_cargo_metadata(&copy.join("Cargo.toml"), None, true);
            assert!(answer.is_none_or(|a| a.of.is_none()), "{rel}");
        }
        // A package that is no workspace root: cargo looks for one in the parent
        // directories, which differ between a tree and its copy.
        let tmp = tempfile::tempdir().unwrap();
        let (tree, copy) = (tmp.path().join("tree"), tmp.path().join("copy"));
        for root in [&tree, &copy] {
            write(
                root,
                "Cargo.toml",
                "[package]\nname = \"p\"\nversion = \"0.1.0\"\n",
            );
            write(root, "src/lib.rs", "\n");
        }
        let cache = Some(tmp.path().join("cache"));
        from_cargo(&tree.join("Cargo.toml"), &tree, &opts(cache, false)).unwrap();
        let answer = cached_cargo_metadata(&copy.join("Cargo.toml"), None, true).unwrap();
        assert!(answer.of.is_none());
    }
}
