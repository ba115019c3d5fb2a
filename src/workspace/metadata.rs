//! Discovery through `cargo metadata --no-deps --offline`, run so that nothing in the analyzed
//! tree can choose what runs: the child's working directory is a fresh empty directory, so
//! neither a `.cargo/config.toml` (wrappers, runners) nor a `rust-toolchain.toml` in the tree
//! is ever read, and `--no-deps` never resolves, builds or writes a lock file.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
    let json = cached_cargo_metadata(manifest, opts.cache_dir.as_deref())?;
    let meta = cargo_metadata::MetadataCommand::parse(&json).ok()?;
    let members: std::collections::BTreeSet<_> = meta.workspace_members.iter().collect();
    let mut out = Vec::new();
    let mut diags = Vec::new();
    // Analyzing one member of a larger workspace leaves the others out on purpose; a
    // workspace inside PATH whose member lies outside it is worth a word.
    let ws_inside = meta.workspace_root.as_std_path().starts_with(root);
    for p in &meta.packages {
        if !members.contains(&p.id) {
            continue;
        }
        let manifest_path = PathBuf::from(p.manifest_path.as_std_path());
        let dir = manifest_path.parent()?.to_path_buf();
        if !dir.starts_with(root) {
            if ws_inside {
                diags.push(Diagnostic::warning(
                    "member-outside",
                    super::rel_path(root, &meta.workspace_root.as_std_path().join("Cargo.toml")),
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
        out.push(package_of(p, dir, manifest_path, opts.include_tests));
    }
    Some((out, diags))
}

/// The package cargo reports as `p`, in directory `dir`.
fn package_of(
    p: &cargo_metadata::Package,
    dir: PathBuf,
    manifest_path: PathBuf,
    include_tests: bool,
) -> Package {
    Package {
        name: p.name.to_string(),
        dir,
        manifest: Some(manifest_path),
        edition: Edition::parse(p.edition.as_str()),
        version: p.version.to_string(),
        targets: targets_of(p, include_tests),
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
fn targets_of(p: &cargo_metadata::Package, include_tests: bool) -> Vec<Target> {
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
            root: TargetRoot::File(PathBuf::from(t.src_path.as_std_path())),
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

/// `cargo metadata`'s output, from the cache when no Cargo.toml under the manifest's
/// directory changed since it was stored (the key hashes every one of them). `None`, so that
/// the manifests are read directly and each problem reported, when any of them is not a
/// regular file of sane size: cargo would hang on a FIFO and fill memory from `/dev/zero`.
fn cached_cargo_metadata(manifest: &Path, cache_dir: Option<&Path>) -> Option<String> {
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
    for m in &manifests {
        let bytes = crate::fsio::read_capped(m, crate::fsio::caps::TEXT).ok()?;
        h.field(m.as_os_str().as_encoded_bytes()).field(&bytes);
        // cargo also finds targets by their files: a new `src/main.rs` or `src/bin/x.rs`
        // changes its answer with the manifest unchanged. (Only the cache key needs them.)
        if let Some(pkg) = m.parent().filter(|_| cache_dir.is_some()) {
            h.field(&target_layout(pkg));
        }
    }
    let Some(dir) = cache_dir else {
        return run_cargo_metadata(manifest);
    };
    let h = h.finish();
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
/// and `src/main.rs` exist, and the entries of `src/bin`, `examples`, `tests` and
/// `benches` (names, sorted).
fn target_layout(pkg: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for f in ["src/lib.rs", "src/main.rs"] {
        out.push(u8::from(pkg.join(f).is_file()));
    }
    for d in ["src/bin", "examples", "tests", "benches"] {
        let mut names: Vec<Vec<u8>> = std::fs::read_dir(pkg.join(d))
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().as_encoded_bytes().to_vec())
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
