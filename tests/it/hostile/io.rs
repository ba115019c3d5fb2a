//! Hostile files around the sources: the repository's git attributes and filters, special
//! files where archsplit reads configuration, baselines, rules and its cache, and a damaged
//! cache. Each must end in a diagnostic or a clear error, never in a program run, a hang, a
//! blown memory or a different result.

use std::path::Path;

use crate::support::{archsplit, copy_dir, expect_code, git_as, marks_left, stdout, testdata};

fn git(dir: &Path, args: &[&str]) {
    git_as(dir, "Test", "2024-01-01T12:00:00+00:00", args);
}

/// The healthy split with `.gitattributes` that put every file of the base revision through
/// filters, textconv and `export-subst`, committed twice; the filters are configured in the
/// repository's `.git/config` afterwards and leave a mark in `marks` when they run.
fn repo_with_filters(tmp: &Path, marks: &Path) -> std::path::PathBuf {
    let repo = tmp.join("repo");
    copy_dir(&testdata().join("healthy-split"), &repo);
    std::fs::write(
        repo.join(".gitattributes"),
        "*.rs filter=x diff=x export-subst\nCargo.toml filter=y diff=x\n",
    )
    .unwrap();
    // Raw, the declaration is inside a comment; `export-subst` would expand `%n` to a line
    // break and declare a module the working tree does not have.
    let lib = repo.join("catalog/src/lib.rs");
    let mut text = std::fs::read_to_string(&lib).unwrap();
    text.push_str("// $Format:%n pub mod subst;$\n");
    std::fs::write(&lib, text).unwrap();
    std::fs::write(repo.join("catalog/src/subst.rs"), "pub fn s() {}\n").unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "healthy split"]);
    std::fs::write(repo.join("README.md"), "Nothing structural.\n").unwrap();
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "docs"]);
    let m = marks.display();
    for (key, value) in [
        ("filter.x.smudge", format!("touch {m}/smudge-ran; cat")),
        ("filter.x.clean", format!("touch {m}/clean-ran; cat")),
        ("filter.y.process", format!("touch {m}/process-ran")),
        ("diff.x.textconv", format!("touch {m}/textconv-ran; cat")),
    ] {
        git(&repo, &["config", key, &value]);
    }
    repo
}

#[test]
fn check_base_reads_blobs_raw_and_runs_no_filter() {
    let tmp = tempfile::tempdir().unwrap();
    let marks = tmp.path().join("marks");
    std::fs::create_dir(&marks).unwrap();
    let repo = repo_with_filters(tmp.path(), &marks);

    // Control: `git archive`, which `check` used before, does run the planted filters here
    // (the process filter, which fails its handshake, stops it at the first Cargo.toml).
    let control = std::process::Command::new("git")
        .args(["archive", "--format=tar", "-o"])
        .arg(tmp.path().join("control.tar"))
        .arg("HEAD~1")
        .current_dir(&repo)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    let live = marks_left(&marks);
    eprintln!("control: git archive left {live:?} ({:?})", control.status);
    assert!(!live.is_empty(), "the planted filters are live");
    for f in live {
        std::fs::remove_file(marks.join(f)).unwrap();
    }

    let out = archsplit(
        &repo,
        &marks,
        &["check", "--base", "HEAD~1", "--format", "json"],
    );
    expect_code(&out, 0);
    assert_eq!(marks_left(&marks), Vec::<String>::new(), "a filter ran");
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    // The base is the working tree's files one commit earlier, read as stored: the same
    // figures, no module from an expanded `$Format:$`.
    assert_eq!(v["before"], v["after"], "{v}");
    assert_eq!(v["before"]["crates"], 4);
}
