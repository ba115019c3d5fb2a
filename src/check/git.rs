//! Reading another revision of the repository without touching the user's checkout, index
//! or stash: `git archive` of the commit, unpacked by `tar` into a private directory. No
//! hook runs (archive runs none, and hooks are switched off), no filter driver runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// `git` with the repository's own programs switched off.
fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C")
        .arg(dir)
        .args([
            "-c",
            "core.hooksPath=/dev/null",
            "-c",
            "core.fsmonitor=false",
        ])
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
