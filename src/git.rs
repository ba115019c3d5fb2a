//! Every use of `git`, read-only: the top directory, another revision for `check` (`git
//! archive` of the commit, unpacked by `tar` into a private directory, never touching the
//! user's checkout, index or stash), and the commit log for `history/`. The repository's own
//! programs are switched off: no hook, fsmonitor, pager, external diff, textconv filter or
//! signature program runs.

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

/// The commit where `base` and HEAD meet.
pub fn merge_base(repo: &Path, base: &str) -> Result<String> {
    let mut c = git(repo);
    c.args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{base}^{{commit}}"));
    let commit = output(c, &format!("find the revision `{base}`"))?;
    let mut c = git(repo);
    c.args(["merge-base", &commit, "HEAD"]);
    output(c, &format!("find the merge base of `{base}` and HEAD"))
}

/// Writes the tree of `commit` into `dest`.
pub fn export(repo: &Path, commit: &str, dest: &Path) -> Result<()> {
    let mut archive = git(repo);
    archive
        .args(["archive", "--format=tar", commit])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut archive = archive.spawn().context("cannot run git archive")?;
    let stdout = archive.stdout.take().context("git archive has no output")?;
    let tar = Command::new("tar")
        .args(["-x", "-f", "-", "-C"])
        .arg(dest)
        .stdin(stdout)
        .stderr(Stdio::piped())
        .output()
        .context("cannot run tar to unpack the base revision")?;
    let status = archive.wait()?;
    if !status.success() {
        bail!("git archive of {commit} failed");
    }
    if !tar.status.success() {
        bail!(
            "tar could not unpack the base revision: {}",
            String::from_utf8_lossy(&tar.stderr).trim()
        );
    }
    Ok(())
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
/// `--name-status` entries.
pub fn log(dir: &Path, since: &str, max_commits: usize) -> Result<Vec<u8>> {
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
        "--format=%x1e%H%x00%at%x00%aN%x00%aE",
    ])
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
