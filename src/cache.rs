//! The cache directory: where it is, how it is created, and how its files are written and
//! checked.
//!
//! **Where.** `--cache-dir DIR` / `ARCHSPLIT_CACHE_DIR`, used as given; else one directory per
//! analyzed workspace below `$XDG_CACHE_HOME/archsplit` (else `~/.cache/archsplit`;
//! `~/Library/Caches/archsplit` on macOS; `%LOCALAPPDATA%\archsplit` on Windows), named by a
//! readable tail of the workspace's canonical path and a hash of all of it. Nothing is ever
//! written into the analyzed tree. Without a home directory there is no cache.
//!
//! **How.** Below the cache root, the directories archsplit creates are created one at a
//! time, never through a symlink: an existing part that is a symlink or no directory means
//! running without the cache (with a warning). `CACHEDIR.TAG` marks the default root for
//! backup tools. Temporary files older than [`STALE`] (left by a killed write) are removed
//! when the cache is opened.
//!
//! **Files.** Written whole (a private temporary name, then a rename) and sealed with a
//! checksum, so that a damaged or half-written file is never taken for data. The cache is an
//! optimization: every failure here only costs work the next run redoes.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context, Result};

/// The standard cache directory tag (<https://bford.info/cachedir/>).
pub const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by archsplit.\n\
# For information about cache directory tags, see https://bford.info/cachedir/\n";

/// A temporary file older than this belongs to no running write (a write takes
/// milliseconds to seconds): it was left by a killed one, and is removed.
pub const STALE: Duration = Duration::from_secs(10 * 60);

/// The directory holding archsplit's default caches, from the environment `env` gives:
/// `$XDG_CACHE_HOME/archsplit` (an absolute path only, as the XDG specification says), else
/// the platform's per-user cache directory; `None` without a home directory.
pub fn default_root(env: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let absolute = |k: &str| {
        env(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let base = if let Some(xdg) = absolute("XDG_CACHE_HOME") {
        xdg
    } else if cfg!(windows) {
        absolute("LOCALAPPDATA")?
    } else if cfg!(target_os = "macos") {
        absolute("HOME")?.join("Library").join("Caches")
    } else {
        absolute("HOME")?.join(".cache")
    };
    Some(base.join("archsplit"))
}

/// The name of the cache directory of the workspace at `canonical` (a canonical path):
/// its last component made safe (ASCII letters, digits, `-`, `_`, `.`; at most 40; never
/// leading with `.`) and 16 hex digits of the xxh3-128 of the whole path.
pub fn workspace_dir_name(canonical: &Path) -> String {
    let tail: String = canonical
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .skip_while(|&c| c == '.')
        .take(40)
        .collect();
    let tail = if tail.is_empty() { "root".into() } else { tail };
    let hash = xxhash_rust::xxh3::xxh3_128(canonical.as_os_str().as_encoded_bytes());
    format!("{tail}-{:016x}", hash as u64)
}

/// Makes sure `path` is a directory that is no symlink, creating it (mode 0700) if it is
/// not there; never follows a symlink at `path`.
fn ensure_own_dir(path: &Path) -> std::result::Result<(), String> {
    let check = |m: std::fs::Metadata| {
        if m.file_type().is_symlink() {
            Err(format!("{} is a symbolic link", path.display()))
        } else if m.is_dir() {
            Ok(())
        } else {
            Err(format!(
                "{} is not a directory ({})",
                path.display(),
                crate::fsio::kind_of(m.file_type())
            ))
        }
    };
    match std::fs::symlink_metadata(path) {
        Ok(m) => check(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut b = std::fs::DirBuilder::new();
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                b.mode(0o700);
            }
            match b.create(path) {
                Ok(()) => Ok(()),
                // Another run created it first: look again.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    check(std::fs::symlink_metadata(path).map_err(|e| e.to_string())?)
                }
                Err(e) => Err(format!("{}: {e}", path.display())),
            }
        }
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Writes `CACHEDIR.TAG` into `dir` unless something is there by that name already.
fn tag(dir: &Path) {
    let path = dir.join("CACHEDIR.TAG");
    if std::fs::symlink_metadata(&path).is_ok() {
        return;
    }
    // `create_new` never follows a symlink (O_EXCL); a lost race leaves the other run's tag.
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        let _ = f.write_all(CACHEDIR_TAG.as_bytes());
    }
}

/// Removes the temporary files in `dir` older than [`STALE`] whose names start with one of
/// `prefixes` (regular files only, never through a symlink). Concurrent runs are safe: a
/// live write's file is younger, and if one were removed, that run's rename would fail and
/// only its write be lost.
pub fn remove_stale_temps(dir: &Path, prefixes: &[&str]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(|e| e.ok()) {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !prefixes.iter().any(|p| name.starts_with(p)) {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(e.path()) else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE);
        if meta.is_file() && old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Settles where the cache of `config`'s command is, once per run ([`resolve`]): its input
/// then names the directory, or says `no_cache`.
pub fn settle(config: &mut crate::config::Config) -> Result<()> {
    use crate::config::Config;
    let input = match config {
        Config::Analyze { input, .. }
        | Config::Check { input, .. }
        | Config::Baseline { input, .. }
        | Config::Graph { input, .. } => input,
        // Commands that read no workspace (rules, explain, and any added later).
        _ => return Ok(()),
    };
    let dir = resolve(input.cache_dir.as_deref(), input.no_cache, &input.path)?;
    input.no_cache = dir.is_none();
    input.cache_dir = dir;
    Ok(())
}

/// Where this run's cache is: `None` with `--no-cache`, or when no place can be had for the
/// default one (no home directory, a directory that cannot be created: silently; a symlink
/// or a non-directory where archsplit creates its directories: with a warning). `explicit`
/// (`--cache-dir`, `ARCHSPLIT_CACHE_DIR`) is created if missing; when it is no directory
/// (a file, a FIFO) or cannot be created, that is an error. `analyzed` is PATH.
pub fn resolve(
    explicit: Option<&Path>,
    no_cache: bool,
    analyzed: &Path,
) -> Result<Option<PathBuf>> {
    if no_cache {
        return Ok(None);
    }
    if let Some(dir) = explicit {
        let named = || {
            format!(
                "cache directory {} (--cache-dir or ARCHSPLIT_CACHE_DIR)",
                dir.display()
            )
        };
        match std::fs::metadata(dir) {
            Ok(m) if m.is_dir() => {}
            Ok(m) => bail!(
                "{}: not a directory ({})",
                named(),
                crate::fsio::kind_of(m.file_type())
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create", named()))?,
            Err(e) => return Err(e).with_context(|| format!("{}: cannot use", named())),
        }
        remove_stale_temps(dir, &[TEMP_PREFIX]);
        return Ok(Some(dir.to_path_buf()));
    }
    let Some(root) = default_root(|k| std::env::var_os(k)) else {
        return Ok(None);
    };
    let Ok(canonical) = analyzed.canonicalize() else {
        return Ok(None);
    };
    let canonical = if canonical.is_file() {
        canonical
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or(canonical)
    } else {
        canonical
    };
    // The user's cache home (`~/.cache`) is theirs, symlinks and all; below it, archsplit's
    // own directories.
    let Some(home) = root.parent() else {
        return Ok(None);
    };
    if std::fs::create_dir_all(home).is_err() {
        return Ok(None);
    }
    let dir = root.join(workspace_dir_name(&canonical));
    let made = ensure_own_dir(&root).and_then(|()| {
        tag(&root);
        ensure_own_dir(&dir)
    });
    if let Err(why) = made {
        crate::diag::say(
            "warning",
            format!("cache: {why}; running without the cache"),
        );
        return Ok(None);
    }
    // Also the prefix of other writers' temporary files (tempfile's default), in this
    // directory that only archsplit writes.
    remove_stale_temps(&dir, &[TEMP_PREFIX, ".tmp"]);
    Ok(Some(dir))
}

/// Prefix of the temporary files a write leaves behind if it is killed before its rename:
/// distinct, so that cleaning a directory the user chose removes no one else's files.
pub const TEMP_PREFIX: &str = ".archsplit-tmp";

/// The checksum of `bytes`: xxh3-128, little-endian.
pub fn checksum(bytes: &[u8]) -> [u8; 16] {
    xxhash_rust::xxh3::xxh3_128(bytes).to_le_bytes()
}

/// `bytes` behind their checksum.
pub fn seal(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + bytes.len());
    out.extend(checksum(bytes));
    out.extend(bytes);
    out
}

/// What [`seal`] sealed, if the checksum holds.
pub fn unseal(sealed: &[u8]) -> Option<&[u8]> {
    let (sum, body) = sealed.split_at_checked(16)?;
    (sum == checksum(body)).then_some(body)
}

/// Writes `parts` one after the other to `dir/name`, through a temporary file in `dir` that
/// is renamed into place: readers see the whole new file or the previous one. Returns
/// whether it was written.
pub fn write_atomic(dir: &Path, name: &str, parts: &[&[u8]]) -> bool {
    let Ok(mut tmp) = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
    else {
        return false;
    };
    if parts.iter().any(|p| tmp.write_all(p).is_err()) {
        return false;
    }
    tmp.persist(dir.join(name)).is_ok()
}

/// [`seal`]s `bytes` into `dir/name` with [`write_atomic`].
pub fn write_sealed(dir: &Path, name: &str, bytes: &[u8]) -> bool {
    write_atomic(dir, name, &[&checksum(bytes), bytes])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_bytes_round_trip_and_any_damage_is_seen() {
        let body = b"some cached bytes".as_slice();
        let sealed = seal(body);
        assert_eq!(unseal(&sealed), Some(body));
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x20;
            assert_eq!(unseal(&bad), None, "flip at {i}");
        }
        assert_eq!(unseal(&sealed[..sealed.len() - 1]), None);
        assert_eq!(unseal(&sealed[..10]), None);
        let dir = tempfile::tempdir().unwrap();
        assert!(write_sealed(dir.path(), "f", body));
        assert_eq!(std::fs::read(dir.path().join("f")).unwrap(), sealed);
    }

    #[test]
    fn the_default_root_follows_xdg_then_home_and_needs_one() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                vars.iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| OsString::from(v))
            }
        };
        assert_eq!(
            default_root(env(&[("XDG_CACHE_HOME", "/x"), ("HOME", "/h")])),
            Some(PathBuf::from("/x/archsplit"))
        );
        // A relative XDG_CACHE_HOME is ignored, as the specification says.
        let home = default_root(env(&[("XDG_CACHE_HOME", "rel"), ("HOME", "/h")]));
        if cfg!(target_os = "linux") {
            assert_eq!(home, Some(PathBuf::from("/h/.cache/archsplit")));
        }
        assert_eq!(default_root(env(&[])), None);
        assert_eq!(default_root(env(&[("HOME", "")])), None);
    }

    #[test]
    fn workspace_names_are_readable_and_distinct() {
        let a = workspace_dir_name(Path::new("/src/my repo"));
        assert!(
            a.starts_with("my_repo-") && a.len() == "my_repo-".len() + 16,
            "{a}"
        );
        assert_ne!(a, workspace_dir_name(Path::new("/other/my repo")));
        assert!(workspace_dir_name(Path::new("/src/.tmpx")).starts_with("tmpx-"));
        assert!(workspace_dir_name(Path::new("/")).starts_with("root-"));
    }

    #[cfg(unix)]
    #[test]
    fn own_directories_are_never_symlinks_and_stale_temps_go() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path().join("d");
        assert_eq!(ensure_own_dir(&d), Ok(()));
        assert_eq!(ensure_own_dir(&d), Ok(()));
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&d, &link).unwrap();
        assert!(ensure_own_dir(&link).unwrap_err().contains("symbolic link"));
        let file = tmp.path().join("file");
        std::fs::write(&file, "").unwrap();
        assert!(ensure_own_dir(&file)
            .unwrap_err()
            .contains("not a directory"));

        let old = d.join(format!("{TEMP_PREFIX}old"));
        let young = d.join(format!("{TEMP_PREFIX}young"));
        let other = d.join("facts.pack");
        for p in [&old, &young, &other] {
            std::fs::write(p, "x").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - 2 * STALE;
        for p in [&old, &other] {
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        remove_stale_temps(&d, &[TEMP_PREFIX]);
        assert!(!old.exists() && young.exists() && other.exists());
    }
}
