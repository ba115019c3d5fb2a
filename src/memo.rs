//! The result memo: a run's finished result (the bytes of `analyze`'s report, the working
//! tree's snapshot for `check`) kept in the cache directory, and given again only when
//! nothing it was computed from has changed. A warm run then costs discovery, one look at
//! the tree and a read of the files it analyzed, instead of decoding every file's facts and
//! redoing resolution, analysis, rules and the report.
//!
//! A stale memo would be a wrong answer, so what it is checked against is everything the
//! result depends on:
//! - the memo's file name ([`key`]): archsplit's build (its version and the executable's
//!   size, time and inode, so a rebuilt binary never uses an older one's result), the
//!   command, PATH, and every setting of the command (the report's format and layout, the
//!   clustering and history options, excludes, `--include-tests`), the configuration's text
//!   and the rules in force;
//! - what discovery found (the whole `Workspace`: packages, targets, dependencies, and its
//!   diagnostics), found again;
//! - the tree ([`region`]): every entry under the analyzed root (name, kind, permissions,
//!   a symbolic link's target), directories archsplit never enters (`target`, hidden ones,
//!   `node_modules`) as entries only. Every path the module trees looked at
//!   (`model::Inputs::probed`) must lie in that region, and every symbolic link in it must
//!   lead to a file inside it, or nothing is memoized: then what a lookup found is fully
//!   told by the region;
//! - every file whose facts were used (`model::Inputs::files`), read again and keyed by its
//!   bytes as the parse cache keys them;
//! - the history's source (`history::identity`: HEAD, a shallow clone, the options, the
//!   `.mailmap`), when history is read.
//!
//! Whatever cannot be checked this way (a file that could not be read, a path outside the
//! tree, a link leading out of it) means the result is not memoized. The memo is sealed with
//! a checksum like every cache file; a damaged one is a miss. At most `MAX_MEMOS` are kept
//! per cache directory, the oldest removed first.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::ModuleGraph;
use crate::parse::ParseOptions;
use crate::workspace::Workspace;

/// Memos kept per cache directory (one per command and settings).
pub const MAX_MEMOS: usize = 16;
/// Changes whenever what a memo holds or how it is checked changes.
const FORMAT: &str = "archsplit-memo-1";
const PREFIX: &str = "memo-";

/// The file name of the memo of `command` run on `root` with `settings` (each a field), or
/// `None` when archsplit's own executable cannot be identified.
pub fn key(command: &str, root: &Path, settings: &[&[u8]]) -> Option<String> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut field = |b: &[u8]| {
        h.update(&(b.len() as u64).to_le_bytes());
        h.update(b);
    };
    field(FORMAT.as_bytes());
    field(env!("CARGO_PKG_VERSION").as_bytes());
    field(&executable()?);
    field(command.as_bytes());
    field(root.as_os_str().as_encoded_bytes());
    for s in settings {
        field(s);
    }
    Some(format!("{PREFIX}{command}-{:032x}", h.digest128()))
}

/// Size, modification time and inode of the running executable: a rebuilt archsplit never
/// takes an older build's results.
fn executable() -> Option<Vec<u8>> {
    let md = std::env::current_exe().ok()?.metadata().ok()?;
    let mtime = md
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let mut out = Vec::new();
    out.extend(md.len().to_le_bytes());
    out.extend(mtime.as_nanos().to_le_bytes());
    #[cfg(unix)]
    out.extend(std::os::unix::fs::MetadataExt::ino(&md).to_le_bytes());
    Some(out)
}

/// What a result was computed from, as checked by a later run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stamp {
    /// The analyzed root (canonical).
    root: PathBuf,
    /// xxh3-128 of what discovery found.
    workspace: [u8; 16],
    /// [`region`] of the root.
    region: [u8; 16],
    /// Every file used, with the parse cache's key of its bytes.
    files: Vec<(PathBuf, String)>,
    /// `history::identity`, when history was read.
    history: Option<String>,
}

/// What a memo gives back: what was said on standard error, and the result's bytes.
pub struct Hit {
    pub notes: Vec<(String, String)>,
    pub output: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    stamp: Stamp,
    notes: Vec<(String, String)>,
    output: Vec<u8>,
}

/// The stamp of a result computed from `ws` and `g` (and the history `history::identity`
/// names), or `None` when the run read something a later run could not check, or when the
/// tree changed while the run read it: `before` is the [`region`] taken before discovery.
pub fn stamp(
    ws: &Workspace,
    g: &ModuleGraph,
    history: Option<String>,
    before: Option<[u8; 16]>,
) -> Option<Stamp> {
    let files = g
        .inputs
        .files
        .iter()
        .map(|(p, k)| Some((p.clone(), k.clone()?)))
        .collect::<Option<Vec<_>>>()?;
    if !g.inputs.probed.iter().all(|p| in_region(&ws.root, p)) {
        return None;
    }
    let now = region(&ws.root)?;
    if before != Some(now) {
        return None;
    }
    Some(Stamp {
        root: ws.root.clone(),
        workspace: workspace_digest(ws),
        region: now,
        files,
        history,
    })
}

fn workspace_digest(ws: &Workspace) -> [u8; 16] {
    crate::cache::checksum(format!("{ws:?}").as_bytes())
}

/// Keeps `output` (and `notes`) under `key` with its stamp; failures only cost the next run
/// the work. Older memos beyond `MAX_MEMOS` are removed.
pub fn store(dir: &Path, key: &str, stamp: Stamp, notes: Vec<(String, String)>, output: Vec<u8>) {
    let stored = Stored {
        stamp,
        notes,
        output,
    };
    let Ok(bytes) = postcard::to_allocvec(&stored) else {
        return;
    };
    if crate::cache::write_sealed(dir, key, &bytes) {
        evict(dir, key);
    }
}

/// Removes the oldest memos of `dir` beyond `MAX_MEMOS`, never `keep`.
fn evict(dir: &Path, keep: &str) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut memos: Vec<(std::time::SystemTime, PathBuf)> = rd
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(PREFIX) && name != keep
        })
        .filter_map(|e| {
            let md = e.metadata().ok()?;
            md.is_file().then_some((md.modified().ok()?, e.path()))
        })
        .collect();
    memos.sort();
    let extra = (memos.len() + 1).saturating_sub(MAX_MEMOS);
    for (_, p) in memos.into_iter().take(extra) {
        let _ = std::fs::remove_file(p);
    }
}

/// The memo under `key`, if there is one whose stamp still holds: `discover` finds the
/// workspace again, `history` names the history's source now (`None`: not read). All three
/// checks run at once.
pub fn load(
    dir: &Path,
    key: &str,
    opts: ParseOptions,
    discover: impl FnOnce() -> Option<Workspace> + Send,
    history: impl FnOnce() -> Option<String> + Send,
) -> Option<Hit> {
    let bytes = crate::fsio::read_capped(&dir.join(key), crate::fsio::caps::PACK).ok()?;
    let stored: Stored = postcard::from_bytes(crate::cache::unseal(&bytes)?).ok()?;
    let s = &stored.stamp;
    let ((ws, history), (region, files)) = rayon::join(
        || rayon::join(discover, history),
        || {
            rayon::join(
                || region(&s.root),
                || {
                    s.files
                        .par_iter()
                        .all(|(p, k)| file_key(p, opts).as_ref() == Some(k))
                },
            )
        },
    );
    let ws = ws?;
    let holds = ws.root == s.root
        && workspace_digest(&ws) == s.workspace
        && region == Some(s.region)
        && files
        && history == s.history;
    holds.then_some(Hit {
        notes: stored.notes,
        output: stored.output,
    })
}

/// The parse cache's key of `path`'s bytes now, if it can be read.
fn file_key(path: &Path, opts: ParseOptions) -> Option<String> {
    let bytes = crate::fsio::read_capped(path, crate::parse::MAX_FILE_BYTES).ok()?;
    Some(crate::parse::cache::Cache::key(&bytes, opts))
}

/// Whether `path` lies in the region of `root` that [`region`] sums up: under `root` once
/// `.` and `..` are taken lexically (the region has no link to a directory, so that is where
/// the file system takes them too), and not below a directory the region does not enter.
fn in_region(root: &Path, path: &Path) -> bool {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for c in path.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => parts.clear(),
            Component::CurDir => {}
            Component::ParentDir => {
                if parts.pop().is_none() {
                    return false;
                }
            }
            Component::Normal(n) => parts.push(n),
        }
    }
    let normal: PathBuf = std::iter::once(std::ffi::OsStr::new("/"))
        .chain(parts.iter().copied())
        .collect();
    let Ok(rel) = normal.strip_prefix(root) else {
        return false;
    };
    let names: Vec<_> = rel.components().collect();
    names
        .iter()
        .rev()
        .skip(1)
        .all(|c| !crate::workspace::is_skipped_dir(&c.as_os_str().to_string_lossy()))
}

/// The digest of every entry under `root` — its path, kind, permissions and a link's target
/// — in name order, not entering the directories archsplit never analyzes (`target`, hidden
/// ones, `node_modules`: their entries count, their contents do not). `None` when a symbolic
/// link leads outside the region, to a directory, or nowhere: what is looked up through it
/// could change without the region changing.
pub fn region(root: &Path) -> Option<[u8; 16]> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut it = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                // An unreadable directory: what it holds is unknown, its error is the entry.
                h.update(b"E");
                h.update(err.path().unwrap_or(root).as_os_str().as_encoded_bytes());
                h.update(err.to_string().as_bytes());
                continue;
            }
        };
        let rel = e.path().strip_prefix(root).unwrap_or(e.path());
        h.update(rel.as_os_str().as_encoded_bytes());
        h.update(&[0]);
        let ft = e.file_type();
        let kind: u8 = if ft.is_dir() {
            b'd'
        } else if ft.is_file() {
            b'f'
        } else if ft.is_symlink() {
            b'l'
        } else {
            b'o'
        };
        h.update(&[kind]);
        #[cfg(unix)]
        if let Ok(md) = e.metadata() {
            h.update(&std::os::unix::fs::PermissionsExt::mode(&md.permissions()).to_le_bytes());
        }
        if ft.is_symlink() {
            let target = std::fs::read_link(e.path()).ok()?;
            h.update(target.as_os_str().as_encoded_bytes());
            let canon = e.path().canonicalize().ok()?;
            if canon.is_dir() || !in_region(root, &canon) {
                return None;
            }
        }
        h.update(&[0]);
        let skipped = e.depth() > 0
            && ft.is_dir()
            && crate::workspace::is_skipped_dir(&e.file_name().to_string_lossy());
        if skipped {
            it.skip_current_dir();
        }
    }
    Some(h.digest128().to_le_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_in_the_region() {
        let root = Path::new("/w");
        assert!(in_region(root, Path::new("/w/src/a.rs")));
        assert!(in_region(root, Path::new("/w/a/src/../../b/src/x.rs")));
        assert!(in_region(root, Path::new("/w/src/.hidden.rs")));
        assert!(in_region(root, Path::new("/w/src/target")));
        assert!(!in_region(root, Path::new("/w/src/../../x.rs")));
        assert!(!in_region(root, Path::new("/other/x.rs")));
        assert!(!in_region(root, Path::new("/w/target/gen/x.rs")));
        assert!(!in_region(root, Path::new("/w/src/.gen/mod.rs")));
        assert!(!in_region(root, Path::new("/wx/a.rs")));
    }

    #[test]
    fn the_region_changes_with_entries_and_links_but_not_with_contents() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(root.join("src/lib.rs"), "mod a;").unwrap();
        let first = region(&root).unwrap();
        // Contents are the files' keys' business, not the region's.
        std::fs::write(root.join("src/lib.rs"), "mod b;").unwrap();
        assert_eq!(region(&root), Some(first));
        // A new entry, also a file no module declares (an orphan), changes it.
        std::fs::write(root.join("src/a.rs"), "").unwrap();
        let second = region(&root).unwrap();
        assert_ne!(second, first);
        // Inside `target/` nothing counts; `target` itself does.
        std::fs::create_dir_all(root.join("target")).unwrap();
        let third = region(&root).unwrap();
        assert_ne!(third, second);
        std::fs::write(root.join("target/x.rs"), "").unwrap();
        assert_eq!(region(&root), Some(third));
        #[cfg(unix)]
        {
            // A link to a file inside counts by its target; one to a directory, to
            // outside, or nowhere means no memo.
            std::os::unix::fs::symlink("a.rs", root.join("src/b.rs")).unwrap();
            let linked = region(&root).unwrap();
            assert_ne!(linked, third);
            std::fs::remove_file(root.join("src/b.rs")).unwrap();
            std::os::unix::fs::symlink("lib.rs", root.join("src/b.rs")).unwrap();
            assert_ne!(region(&root), Some(linked));
            for target in ["..", "/etc/hostname", "missing.rs"] {
                std::fs::remove_file(root.join("src/b.rs")).unwrap();
                std::os::unix::fs::symlink(target, root.join("src/b.rs")).unwrap();
                assert_eq!(region(&root), None, "{target}");
            }
        }
    }
}
