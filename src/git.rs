//! Every use of `git`, read-only: the top directory, another revision for `check` (its blobs
//! read raw with `ls-tree` and `cat-file --batch` and written into a private directory,
//! never touching the user's checkout, index or stash), and the commit log for `history/`.
//! The repository's own programs are switched off: no hook, fsmonitor, pager, external
//! diff, textconv, clean/smudge/process filter, `export-subst` or signature program runs.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// `git` with the repository's own programs switched off.
pub(crate) fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C")
        .arg(dir)
        .args([
            "-c",
            "core.hooksPath=/dev/null",
            "-c",
            "core.fsmonitor=false",
            // `.mailmap` is read only where asked for (`log`): git would block on a FIFO.
            "-c",
            "log.mailmap=false",
            "--no-pager",
        ])
        .env("GIT_PAGER", "cat")
        .env_remove("GIT_EXTERNAL_DIFF")
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null());
    c
}

fn output(mut c: Command, what: &str) -> Result<String> {
    let out = c
        .output()
        .with_context(|| format!("cannot run git to {what}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        bail!(
            "git cannot {what}: {}",
            err.lines().next().unwrap_or("").trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The top directory of the git work tree that holds `path`.
pub fn toplevel(path: &Path) -> Result<PathBuf> {
    let mut c = git(path);
    c.args(["rev-parse", "--show-toplevel"]);
    Ok(PathBuf::from(output(c, "find the repository")?))
}

/// The commit where `base` and HEAD meet: one `git merge-base` when all is well; when it
/// fails, the revision and the clone are looked at to say why.
pub fn merge_base(repo: &Path, base: &str) -> Result<String> {
    let mut c = git(repo);
    c.args(["merge-base", "--end-of-options"])
        .arg(format!("{base}^{{commit}}"))
        .arg("HEAD")
        .stderr(Stdio::null());
    match output(c, "find the merge base") {
        Ok(commit) if !commit.is_empty() => Ok(commit),
        _ => why_no_merge_base(repo, base),
    }
}

/// The merge base of `base` and HEAD asked step by step, for the error that says what is
/// missing (the revision, or history a shallow clone lacks) and how to get it.
fn why_no_merge_base(repo: &Path, base: &str) -> Result<String> {
    let shallow = {
        let mut c = git(repo);
        c.args(["rev-parse", "--is-shallow-repository"]);
        output(c, "tell whether the clone is shallow").is_ok_and(|s| s == "true")
    };
    let mut c = git(repo);
    c.args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{base}^{{commit}}"));
    let commit = output(c, &format!("find the revision `{base}`")).map_err(|_| {
        // `--quiet` leaves git's message empty: say what is missing and how to get it.
        let fetch = match base.split_once('/') {
            Some((remote, branch)) if !remote.is_empty() && !branch.is_empty() => {
                format!("`git fetch {remote} {branch}`")
            }
            _ => format!("`git fetch origin {base}`"),
        };
        let how = if shallow {
            format!("this is a shallow clone: fetch the base with {fetch} (in GitHub Actions, check out with `fetch-depth: 0`)")
        } else {
            format!("fetch it with {fetch}, or name a branch, tag or commit that exists")
        };
        anyhow::anyhow!("the base revision `{base}` is not in this repository; {how}")
    })?;
    let mut c = git(repo);
    c.args(["merge-base", &commit, "HEAD"]);
    output(c, &format!("find the merge base of `{base}` and HEAD")).map_err(|e| {
        if shallow {
            anyhow::anyhow!(
                "{e}; this is a shallow clone that does not reach back to where `{base}` and HEAD meet: \
                 fetch more history (`git fetch --unshallow`, or `fetch-depth: 0` in GitHub Actions)"
            )
        } else {
            anyhow::anyhow!("{e}; `{base}` and HEAD share no history")
        }
    })
}

/// One file of a revision as `read_tree` copied it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeFile {
    /// Relative to the repository's top directory.
    pub path: PathBuf,
    /// The blob's object id: equal ids are equal bytes (what a later run could use to skip
    /// files the working tree has unchanged).
    pub blob: String,
    pub size: u64,
}

/// What `read_tree` wrote, and what it left out.
#[derive(Debug, Default)]
pub struct TreeCopy {
    /// The files written, in the order of the tree (git's path order).
    pub files: Vec<TreeFile>,
    /// `path: reason` for each entry archsplit would read but did not write.
    pub skipped: Vec<String>,
}

/// Bytes of a revision's files written in all: far above a real workspace's sources.
pub const TREE_BUDGET: u64 = 2 << 30;

/// The cap of the files of a revision archsplit reads (Rust sources below `sources_under`,
/// a `/`-separated relative directory or empty for all, and every manifest and
/// configuration file, since cargo looks for a workspace root above a member), `None` for
/// every other file.
fn cap_of(path: &[u8], sources_under: &str) -> Option<u64> {
    let name = path.rsplit(|&b| b == b'/').next().unwrap_or(path);
    let under = sources_under.trim_matches('/').as_bytes();
    let below = under.is_empty()
        || path
            .strip_prefix(under)
            .is_some_and(|rest| rest.first() == Some(&b'/'));
    if name.ends_with(b".rs") && below {
        Some(crate::fsio::caps::SOURCE)
    } else if name == b"Cargo.toml" || name == b"archsplit.toml" {
        Some(crate::fsio::caps::TEXT)
    } else {
        None
    }
}

/// `path` as a relative path whose every component is a plain name (never `..`, `.`, empty
/// or `.git`), else `None`.
fn safe_relative(path: &[u8]) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.split(|&b| b == b'/') {
        if part.is_empty() || part == b"." || part == b".." || part == b".git" {
            return None;
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            out.push(std::ffi::OsStr::from_bytes(part));
        }
        #[cfg(not(unix))]
        out.push(std::str::from_utf8(part).ok()?);
    }
    Some(out)
}

/// Writes the files of `commit` that archsplit reads (`.rs` below `sources_under`,
/// `Cargo.toml`, `archsplit.toml`) into `dest`, a fresh private directory, from their blobs
/// as stored:
/// `git ls-tree` names them and one `git cat-file --batch` streams them. No attribute,
/// filter, textconv or `export-subst` applies (those belong to checkouts and archives), and
/// no other program runs. Symbolic links and submodules are not followed. A blob over its
/// cap is not read: a sparse file of its size stands in for it, so the reader reports it
/// exactly as it reports such a file in the working tree.
pub fn read_tree(repo: &Path, commit: &str, dest: &Path, sources_under: &str) -> Result<TreeCopy> {
    let mut copy = TreeCopy::default();
    let wanted = list_tree(repo, commit, sources_under, &mut copy)?;
    let order: std::collections::HashMap<PathBuf, usize> = wanted
        .iter()
        .enumerate()
        .map(|(i, (rel, _, _))| (rel.clone(), i))
        .collect();
    let (wanted, written) = copy_unchanged(repo, wanted, dest, &mut copy)?;
    if !wanted.is_empty() {
        cat_blobs(repo, commit, &wanted, (dest, written), &mut copy)?;
    }
    copy.files.sort_by_key(|f| order.get(&f.path).copied());
    Ok(copy)
}

/// Writes each of the `wanted` files whose working-tree file (below `repo`) holds exactly
/// its blob's bytes — the same object id, hashed here (`hash::git_blob_id`), never by git,
/// so no filter or attribute applies — from those bytes: git need not read them. Returns the
/// others, for `git cat-file` to stream, and the bytes written.
fn copy_unchanged(
    repo: &Path,
    wanted: Vec<Wanted>,
    dest: &Path,
    copy: &mut TreeCopy,
) -> Result<(Vec<Wanted>, u64)> {
    let mut rest = Vec::new();
    let mut written: u64 = 0;
    for (rel, blob, cap) in wanted {
        // SHA-1 ids only (a SHA-256 repository's are longer): those are streamed.
        let same = (blob.len() == 40)
            .then(|| crate::fsio::read_capped(&repo.join(&rel), cap).ok())
            .flatten()
            .filter(|bytes| {
                written + bytes.len() as u64 <= TREE_BUDGET
                    && crate::hash::git_blob_id(bytes) == blob
            });
        let Some(bytes) = same else {
            rest.push((rel, blob, cap));
            continue;
        };
        let target = dest.join(&rel);
        let Some(mut file) = create_new_file(&target, &rel, copy)? else {
            continue;
        };
        file.write_all(&bytes)
            .with_context(|| format!("{}: cannot write", target.display()))?;
        written += bytes.len() as u64;
        copy.files.push(TreeFile {
            path: rel,
            blob,
            size: bytes.len() as u64,
        });
    }
    Ok((rest, written))
}

/// Reads the files of `commit` as [`read_tree`] does into a fresh private directory (a
/// `tempfile` directory of mode 0700, removed when the returned handle drops), on a memory
/// file system when there is one with room ([`copy_places`]): creating a file costs ~0.3 ms
/// on a disk file system and a fraction of that in memory. When the copy fails there (the
/// memory file system filled up meanwhile), it is made again in the next place.
pub fn read_tree_private(
    repo: &Path,
    commit: &str,
    sources_under: &str,
) -> Result<(tempfile::TempDir, TreeCopy)> {
    let places = copy_places(MEMORY_DIRS, MEMORY_ROOM);
    let last = places.len() - 1;
    for (i, place) in places.iter().enumerate() {
        let mut builder = tempfile::Builder::new();
        builder.prefix(".archsplit-base-");
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
        let dir = builder.tempdir_in(place);
        let dir = match dir {
            Ok(d) => d,
            Err(_) if i < last => continue,
            Err(e) => {
                return Err(e).context("cannot create a directory for the base revision");
            }
        };
        match read_tree(repo, commit, dir.path(), sources_under) {
            Ok(copy) => return Ok((dir, copy)),
            Err(_) if i < last => continue,
            Err(e) => return Err(e),
        }
    }
    unreachable!("copy_places always ends with the temporary directory")
}

/// Memory file systems a revision's copy may go to, in order of preference.
#[cfg(target_os = "linux")]
const MEMORY_DIRS: &[&str] = &["/dev/shm"];
#[cfg(not(target_os = "linux"))]
const MEMORY_DIRS: &[&str] = &[];

/// The room a memory file system must have free to take a copy: half the most a copy may
/// hold ([`TREE_BUDGET`]), far above a real workspace's sources (rust-analyzer's are 15 MB).
const MEMORY_ROOM: u64 = TREE_BUDGET / 2;

/// Where a revision's copy may be made, in order: each of `memory` that is a directory with
/// at least `room` bytes free to unprivileged users, then the system's temporary directory
/// (always last).
fn copy_places(memory: &[&str], room: u64) -> Vec<PathBuf> {
    let mut places: Vec<PathBuf> = memory
        .iter()
        .map(PathBuf::from)
        .filter(|d| d.is_dir() && free_bytes(d).is_some_and(|f| f >= room))
        .collect();
    places.push(std::env::temp_dir());
    places
}

/// The bytes free to unprivileged users on the file system holding `dir`.
#[cfg(unix)]
fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut st = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `path` is a NUL-terminated string and `st` a buffer of the type statvfs fills;
    // it is read only when the call succeeded.
    let st = unsafe {
        if libc::statvfs(path.as_ptr(), st.as_mut_ptr()) != 0 {
            return None;
        }
        st.assume_init()
    };
    #[allow(clippy::useless_conversion)] // the field types differ between platforms
    Some(u64::from(st.f_bavail).saturating_mul(u64::from(st.f_frsize)))
}

#[cfg(not(unix))]
fn free_bytes(_: &Path) -> Option<u64> {
    None
}

/// A blob to read: its path under the destination, its object id, and its size cap.
type Wanted = (PathBuf, String, u64);

/// The regular files of `commit` archsplit reads, in tree order (`git ls-tree`); what is
/// left out for its kind or path is noted in `copy`.
fn list_tree(
    repo: &Path,
    commit: &str,
    sources_under: &str,
    copy: &mut TreeCopy,
) -> Result<Vec<Wanted>> {
    let mut c = git(repo);
    c.args(["ls-tree", "-r", "-z", "--full-tree", commit])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let out = c.output().context("cannot run git ls-tree")?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        bail!(
            "git cannot list the files of {commit}: {}",
            err.lines().next().unwrap_or("").trim()
        );
    }
    Ok(out
        .stdout
        .split(|&b| b == 0)
        .filter(|e| !e.is_empty())
        .filter_map(|entry| wanted_entry(entry, sources_under, copy))
        .collect())
}

/// The blob to read for one `ls-tree` entry, if archsplit reads that file.
fn wanted_entry(entry: &[u8], sources_under: &str, copy: &mut TreeCopy) -> Option<Wanted> {
    // `<mode> SP <type> SP <object> TAB <path>`
    let tab = entry.iter().position(|&b| b == b'\t')?;
    let (head, path) = (&entry[..tab], &entry[tab + 1..]);
    let mut fields = head.split(|&b| b == b' ');
    let (Some(mode), Some(_kind), Some(blob)) = (fields.next(), fields.next(), fields.next())
    else {
        return None;
    };
    let cap = cap_of(path, sources_under)?;
    let shown = String::from_utf8_lossy(path).into_owned();
    let Some(rel) = safe_relative(path) else {
        copy.skipped
            .push(format!("{shown}: not a plain relative path"));
        return None;
    };
    match mode {
        b"100644" | b"100755" => {}
        b"120000" => {
            copy.skipped
                .push(format!("{shown}: a symbolic link, not followed"));
            return None;
        }
        // A submodule (160000) is another repository's code.
        _ => return None,
    }
    let blob = String::from_utf8_lossy(blob).into_owned();
    if blob.is_empty() || !blob.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    Some((rel, blob, cap))
}

/// Streams the `wanted` blobs through one `git cat-file --batch` into `dest`, where
/// `written` bytes were written already.
fn cat_blobs(
    repo: &Path,
    commit: &str,
    wanted: &[Wanted],
    (dest, written): (&Path, u64),
    copy: &mut TreeCopy,
) -> Result<()> {
    let mut c = git(repo);
    c.args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = c.spawn().context("cannot run git cat-file")?;
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        bail!("git cat-file has no pipes");
    };
    // The requests are written on another thread while the answers stream back, so that
    // neither pipe can fill up and block the other side.
    let requests: Vec<u8> = wanted
        .iter()
        .flat_map(|(_, blob, _)| blob.bytes().chain([b'\n']))
        .collect();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&requests);
    });
    let mut reader = std::io::BufReader::with_capacity(1 << 16, stdout);
    let result = stream_blobs(&mut reader, wanted, (dest, written), copy);
    drop(reader);
    if result.is_err() {
        let _ = child.kill();
    }
    let _ = writer.join();
    let status = child.wait().context("git cat-file")?;
    result?;
    if !status.success() {
        bail!("git cat-file could not read the blobs of {commit}");
    }
    Ok(())
}

/// Reads `cat-file --batch` answers for `wanted`, in order, writing each file under `dest`
/// (where `written` bytes were written already).
fn stream_blobs(
    reader: &mut impl BufRead,
    wanted: &[Wanted],
    (dest, mut written): (&Path, u64),
    copy: &mut TreeCopy,
) -> Result<()> {
    for (rel, blob, cap) in wanted {
        let shown = rel.display();
        let Some((is_blob, size)) = read_answer_header(reader, rel, blob, copy)? else {
            continue;
        };
        let keep = is_blob && size <= *cap && written + size <= TREE_BUDGET;
        let target = dest.join(rel);
        let contents = read_answer_body(reader, keep, size, rel)?;
        if !is_blob {
            continue;
        }
        if !keep && size <= *cap {
            copy.skipped.push(format!(
                "{shown}: not written, the revision's files pass {} bytes",
                crate::words::thousands(TREE_BUDGET)
            ));
            continue;
        }
        let Some(mut file) = create_new_file(&target, rel, copy)? else {
            continue;
        };
        if keep {
            file.write_all(&contents)
                .with_context(|| format!("{}: cannot write", target.display()))?;
            written += size;
        } else {
            // Over the cap: a sparse stand-in of the same size, refused by the reader.
            file.set_len(size)
                .with_context(|| format!("{}: cannot write", target.display()))?;
        }
        copy.files.push(TreeFile {
            path: rel.clone(),
            blob: blob.clone(),
            size,
        });
    }
    Ok(())
}

/// Whether the next answer is a blob, and its size; `None` (noted in `copy`) when the blob
/// is missing.
fn read_answer_header(
    reader: &mut impl BufRead,
    rel: &Path,
    blob: &str,
    copy: &mut TreeCopy,
) -> Result<Option<(bool, u64)>> {
    // `<object> SP blob SP <size> LF <contents> LF`, or `<object> SP missing LF`.
    let mut header = Vec::new();
    reader
        .by_ref()
        .take(512)
        .read_until(b'\n', &mut header)
        .context("reading git cat-file")?;
    let header = String::from_utf8_lossy(&header);
    let fields: Vec<&str> = header.split_whitespace().collect();
    match fields.as_slice() {
        [_, kind, size] => Ok(Some((
            *kind == "blob",
            size.parse::<u64>()
                .with_context(|| format!("git cat-file: bad answer `{}`", header.trim()))?,
        ))),
        [_, "missing"] => {
            copy.skipped
                .push(format!("{}: blob {blob} is missing", rel.display()));
            Ok(None)
        }
        _ => bail!("git cat-file: bad answer `{}`", header.trim()),
    }
}

/// The `size` bytes of an answer's contents (read when `keep`, skipped otherwise) and the
/// line feed after them.
fn read_answer_body(
    reader: &mut impl BufRead,
    keep: bool,
    size: u64,
    rel: &Path,
) -> Result<Vec<u8>> {
    let mut contents = Vec::new();
    if keep {
        contents.reserve_exact(size as usize);
        reader
            .by_ref()
            .take(size)
            .read_to_end(&mut contents)
            .context("reading git cat-file")?;
    } else {
        std::io::copy(&mut reader.by_ref().take(size), &mut std::io::sink())
            .context("reading git cat-file")?;
    }
    let mut lf = [0u8; 1];
    reader.read_exact(&mut lf).context("reading git cat-file")?;
    if (keep && contents.len() as u64 != size) || lf[0] != b'\n' {
        bail!("git cat-file: the blob of {} ended early", rel.display());
    }
    Ok(contents)
}

/// Creates `target` (and its directories) as a new file; `None` (noted in `copy`) when it
/// cannot be created.
fn create_new_file(
    target: &Path,
    rel: &Path,
    copy: &mut TreeCopy,
) -> Result<Option<std::fs::File>> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create", parent.display()))?;
    }
    // `create_new`: two entries that the file system takes for one name (case folding)
    // never overwrite each other.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target);
    match file {
        Ok(f) => Ok(Some(f)),
        Err(e) => {
            copy.skipped.push(format!("{}: {e}", rel.display()));
            Ok(None)
        }
    }
}

/// The top directory, whether the clone is shallow, and HEAD's commit id (two `rev-parse`
/// calls: the second fails, and `head` is `None`, in a repository without commits).
pub struct RepoState {
    pub top: PathBuf,
    pub shallow: bool,
    pub head: Option<String>,
}

pub fn repo_state(dir: &Path) -> Result<RepoState> {
    let mut c = git(dir);
    c.args(["rev-parse", "--show-toplevel", "--is-shallow-repository"]);
    let out = output(c, "find the repository")?;
    let top = PathBuf::from(out.lines().next().unwrap_or_default());
    let shallow = out.lines().nth(1).is_some_and(|l| l.trim() == "true");
    let mut c = git(dir);
    c.args(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
    let head = output(c, "read HEAD").ok().filter(|h| !h.is_empty());
    Ok(RepoState { top, shallow, head })
}

/// The committer time (seconds since the epoch) of HEAD, if there is a commit.
pub fn head_time(dir: &Path) -> Option<i64> {
    let mut c = git(dir);
    c.args([
        "log",
        "-1",
        "--no-show-signature",
        "--format=%ct",
        "HEAD",
        "--",
    ]);
    output(c, "read HEAD").ok()?.parse().ok()
}

/// The raw log of non-merge commits that changed something under `dir`, newest first, with
/// renames detected and paths relative to `dir`: per commit a record separator (0x1e), then
/// NUL-separated hash, author time, author name, author email (both after .mailmap), and the
/// `--name-status` entries. Without `mailmap` (the working tree's `.mailmap` is no regular
/// file: git would block on a FIFO) no mailmap is read and identities are as recorded.
pub fn log(dir: &Path, since: &str, max_commits: usize, mailmap: bool) -> Result<Vec<u8>> {
    let mut c = git(dir);
    c.args([
        "log",
        "--no-merges",
        "--no-show-signature",
        "--no-ext-diff",
        "--no-textconv",
        "--no-color",
        "-M",
        "--name-status",
        "-z",
        "--relative",
    ])
    .args(if mailmap {
        ["--use-mailmap", "--format=%x1e%H%x00%at%x00%aN%x00%aE"]
    } else {
        ["--no-use-mailmap", "--format=%x1e%H%x00%at%x00%an%x00%ae"]
    })
    // A bare date would mean that day at the current time of day: give midnight UTC, so the
    // same command reads the same commits at any hour, as seconds (git's date parser misreads
    // years past 2099 and would read every commit).
    .arg(format!(
        "--since=@{} +0000",
        crate::history::since_seconds(since).unwrap_or(0)
    ))
    .arg(format!("--max-count={max_commits}"))
    .args(["HEAD", "--", "."])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let out = c.output().context("cannot run git log")?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        bail!(
            "git cannot read the history: {}",
            err.lines().next().unwrap_or("").trim()
        );
    }
    Ok(out.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_of_read_files() {
        assert_eq!(cap_of(b"a/b.rs", ""), Some(crate::fsio::caps::SOURCE));
        assert_eq!(cap_of(b"a/b.rs", "a"), Some(crate::fsio::caps::SOURCE));
        assert_eq!(cap_of(b"ab/b.rs", "a"), None);
        assert_eq!(cap_of(b"b.rs", "a/"), None);
        assert_eq!(cap_of(b"Cargo.toml", "a"), Some(crate::fsio::caps::TEXT));
        assert_eq!(cap_of(b"x/Cargo.lock", ""), None);
        assert_eq!(safe_relative(b"a/b.rs"), Some(PathBuf::from("a/b.rs")));
        for bad in [
            &b"../a.rs"[..],
            b"a//b.rs",
            b"/a.rs",
            b"a/./b.rs",
            b".git/x.rs",
        ] {
            assert_eq!(safe_relative(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn copies_go_to_memory_with_room_else_to_the_temporary_directory() {
        let tmp = std::env::temp_dir();
        let memory = tempfile::tempdir().unwrap();
        let file = memory.path().join("a-file");
        std::fs::write(&file, b"x").unwrap();
        let mem = memory.path().to_str().unwrap();
        let missing = memory.path().join("missing");
        let (missing, file) = (missing.to_str().unwrap(), file.to_str().unwrap());
        assert_eq!(copy_places(&[mem], 0), [PathBuf::from(mem), tmp.clone()]);
        // No room, no directory, or nothing there: the temporary directory alone.
        for (memory, room) in [(&[mem][..], u64::MAX), (&[missing, file], 0), (&[], 0)] {
            assert_eq!(copy_places(memory, room), std::slice::from_ref(&tmp));
        }
        assert!(free_bytes(memory.path()).is_some_and(|f| f > 0));
    }

    #[test]
    fn a_private_copy_is_made_and_removed_afterwards() {
        let repo = tempfile::tempdir().unwrap();
        let git = |args: &[&str]| {
            let out = Command::new("git")
                .arg("-C")
                .arg(repo.path())
                .args(["-c", "user.name=t", "-c", "user.email=t@t", "-c"])
                .args(["commit.gpgsign=false"])
                .args(args)
                .output()
                .unwrap();
            assert!(out.status.success(), "{out:?}");
        };
        git(&["init", "-q"]);
        std::fs::create_dir(repo.path().join("src")).unwrap();
        std::fs::write(repo.path().join("src/lib.rs"), b"pub fn f() {}\n").unwrap();
        std::fs::write(repo.path().join("src/a.rs"), b"pub fn a() {}\n").unwrap();
        git(&["add", "-A"]);
        git(&["commit", "-qm", "one"]);
        // One file changed in the working tree, one left as committed (taken from there),
        // one removed: the copy holds the commit's bytes of each, in tree order.
        std::fs::write(repo.path().join("src/lib.rs"), b"pub fn g() {}\n").unwrap();
        std::fs::remove_file(repo.path().join("src/a.rs")).unwrap();
        std::fs::write(repo.path().join("Cargo.toml"), b"[package]\n").unwrap();
        git(&["add", "Cargo.toml"]);
        git(&["commit", "-qm", "two"]);
        let (dir, copy) = read_tree_private(repo.path(), "HEAD", "").unwrap();
        let path = dir.path().to_path_buf();
        assert_eq!(
            std::fs::read(path.join("src/lib.rs")).unwrap(),
            b"pub fn f() {}\n"
        );
        assert_eq!(
            std::fs::read(path.join("src/a.rs")).unwrap(),
            b"pub fn a() {}\n"
        );
        assert_eq!(
            std::fs::read(path.join("Cargo.toml")).unwrap(),
            b"[package]\n"
        );
        let files: Vec<&Path> = copy.files.iter().map(|f| f.path.as_path()).collect();
        assert_eq!(
            files,
            ["Cargo.toml", "src/a.rs", "src/lib.rs"].map(Path::new)
        );
        assert_eq!(copy.files[0].blob, crate::hash::git_blob_id(b"[package]\n"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        drop(dir);
        assert!(!path.exists());
    }

    #[test]
    fn blobs_stream_into_files_and_oversized_ones_stand_in_sparse() {
        let dir = tempfile::tempdir().unwrap();
        let big = crate::fsio::caps::TEXT + 1;
        let mut answers = b"aa blob 5\nhello\nbb missing\n".to_vec();
        answers.extend(format!("cc blob {big}\n").as_bytes());
        answers.extend(std::iter::repeat_n(b'x', big as usize));
        answers.extend(b"\n");
        let wanted = vec![
            (PathBuf::from("a/b.rs"), "aa".to_string(), 10),
            (PathBuf::from("c.rs"), "bb".to_string(), 10),
            (PathBuf::from("Cargo.toml"), "cc".to_string(), big - 1),
        ];
        let mut copy = TreeCopy::default();
        stream_blobs(&mut answers.as_slice(), &wanted, (dir.path(), 0), &mut copy).unwrap();
        assert_eq!(std::fs::read(dir.path().join("a/b.rs")).unwrap(), b"hello");
        assert!(!dir.path().join("c.rs").exists());
        assert_eq!(copy.skipped, ["c.rs: blob bb is missing"]);
        let standin = dir.path().join("Cargo.toml");
        assert_eq!(std::fs::metadata(&standin).unwrap().len(), big);
        assert!(matches!(
            crate::fsio::read_capped(&standin, crate::fsio::caps::TEXT),
            Err(crate::fsio::ReadError::TooLarge { .. })
        ));
        let blobs: Vec<&str> = copy.files.iter().map(|f| f.blob.as_str()).collect();
        assert_eq!(blobs, ["aa", "cc"]);
        // A stream that ends inside a blob is an error, not a short file.
        let mut copy = TreeCopy::default();
        let short = b"aa blob 5\nhel".to_vec();
        let dir = tempfile::tempdir().unwrap();
        assert!(stream_blobs(
            &mut short.as_slice(),
            &wanted[..1],
            (dir.path(), 0),
            &mut copy
        )
        .is_err());
    }
}
