//! The result memo (`src/memo.rs`): after any change to what a result was computed from, a
//! run with a cache gives exactly what a run without one gives; with nothing changed, it
//! gives the earlier result without analyzing again.

use std::path::Path;
use std::process::Command;

use crate::support::{copy_dir, expect_code, testdata, write};

/// `archsplit ARGS` in `dir` with `cache` as the cache directory (or `--no-cache`), and
/// `--timings`: (stdout, stderr without the timings, whether the memo answered).
fn run(dir: &Path, cache: Option<&Path>, args: &[&str]) -> (Vec<u8>, String, bool) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_archsplit"));
    c.args(args)
        .arg("--timings")
        .current_dir(dir)
        .env_remove("CARGO");
    match cache {
        Some(d) => c.arg("--cache-dir").arg(d),
        None => c.arg("--no-cache"),
    };
    let o = c.output().expect("archsplit starts");
    expect_code(&o, 0);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let (said, timings) = err.split_once("archsplit timings:").unwrap_or((&err, ""));
    // The memo answered when no file was parsed and resolved.
    let from_memo = timings.contains("memo") && !timings.contains("resolve");
    (o.stdout, said.to_string(), from_memo)
}

/// Runs `args` with the cache and without: the outputs and what was said must be equal.
/// Returns whether the memo answered.
fn same_as_fresh(dir: &Path, cache: &Path, args: &[&str], what: &str) -> bool {
    let (cached, said_cached, from_memo) = run(dir, Some(cache), args);
    let (fresh, said_fresh, _) = run(dir, None, args);
    assert!(
        cached == fresh,
        "{what}: the cached run differs from a fresh one ({args:?})\n--- cached\n{}\n--- fresh\n{}",
        String::from_utf8_lossy(&cached),
        String::from_utf8_lossy(&fresh)
    );
    assert_eq!(said_cached, said_fresh, "{what}: stderr differs ({args:?})");
    from_memo
}

/// A change to the workspace, named.
type Change = Box<dyn Fn(&Path)>;

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(o.status.success(), "git {args:?}: {o:?}");
}

#[test]
fn analyze_memo_answers_only_while_nothing_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    let cache = tmp.path().join("cache");
    std::fs::create_dir_all(&cache).unwrap();
    copy_dir(&testdata().join("crate-family"), &ws);
    let json: &[&str] = &["analyze", ".", "--format", "json"];
    let text: &[&str] = &["analyze", ".", "--no-history"];

    assert!(!same_as_fresh(&ws, &cache, json, "first run"));
    assert!(same_as_fresh(&ws, &cache, json, "unchanged"));
    // Another format is another result.
    assert!(!same_as_fresh(&ws, &cache, text, "text, first run"));
    assert!(same_as_fresh(&ws, &cache, text, "text, unchanged"));

    // Each change is seen; once seen, the new result is what the memo gives.
    let changes: Vec<(&str, Change)> = vec![
        (
            "a module's text",
            Box::new(|ws: &Path| {
                let p = ws.join("engine/src/runtime.rs");
                let t = std::fs::read_to_string(&p).unwrap();
                std::fs::write(
                    &p,
                    t + "\npub fn more() -> engine_core::Config { todo!() }\n",
                )
                .unwrap();
            }),
        ),
        (
            "one byte of a comment, same length",
            Box::new(|ws: &Path| {
                let p = ws.join("engine/src/lib.rs");
                let t = std::fs::read_to_string(&p).unwrap();
                std::fs::write(&p, t.replacen("users", "userz", 1)).unwrap();
            }),
        ),
        (
            "an orphan file",
            Box::new(|ws: &Path| write(ws, "engine/src/stray.rs", "pub fn stray() {}\n")),
        ),
        (
            "a declared module without its file",
            Box::new(|ws: &Path| {
                let p = ws.join("engine/src/lib.rs");
                let t = std::fs::read_to_string(&p).unwrap();
                std::fs::write(
                    &p,
                    t.replace("pub mod runtime;", "pub mod runtime;\npub mod later;"),
                )
                .unwrap();
            }),
        ),
        (
            "the missing file appears",
            Box::new(|ws: &Path| write(ws, "engine/src/later.rs", "pub use crate::runtime::*;\n")),
        ),
        (
            "the file moves to mod.rs",
            Box::new(|ws: &Path| {
                std::fs::remove_file(ws.join("engine/src/later.rs")).unwrap();
                write(ws, "engine/src/later/mod.rs", "pub fn now() {}\n");
            }),
        ),
        (
            "a manifest",
            Box::new(|ws: &Path| {
                let p = ws.join("engine-json/Cargo.toml");
                let t = std::fs::read_to_string(&p).unwrap();
                std::fs::write(&p, t.replace("[package]", "[package]\npublish = false")).unwrap();
            }),
        ),
        (
            "the configuration",
            Box::new(|ws: &Path| write(ws, "archsplit.toml", "exclude = [\"engine-json\"]\n")),
        ),
        (
            "a crate added",
            Box::new(|ws: &Path| {
                let p = ws.join("Cargo.toml");
                let t = std::fs::read_to_string(&p).unwrap();
                std::fs::write(&p, t.replace("members = [", "members = [\"extra\", ")).unwrap();
                write(
                    ws,
                    "extra/Cargo.toml",
                    "[package]\nname = \"extra\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
                );
                write(ws, "extra/src/lib.rs", "pub fn extra() {}\n");
            }),
        ),
    ];
    for (what, change) in &changes {
        change(&ws);
        for args in [json, text] {
            assert!(
                !same_as_fresh(&ws, &cache, args, what),
                "{what}: the memo answered"
            );
            assert!(
                same_as_fresh(&ws, &cache, args, what),
                "{what}: not memoized"
            );
        }
    }

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A module file that cannot be read: never memoized (it has no key to check).
        let p = ws.join("engine/src/runtime.rs");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&p).is_err() {
            assert!(!same_as_fresh(&ws, &cache, json, "unreadable"));
            assert!(!same_as_fresh(&ws, &cache, json, "unreadable, again"));
        }
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        same_as_fresh(&ws, &cache, json, "readable again");

        // A link leading out of the tree: never memoized.
        let outside = tmp.path().join("outside.rs");
        std::fs::write(&outside, "pub fn o() {}\n").unwrap();
        std::os::unix::fs::symlink(&outside, ws.join("engine/src/linked.rs")).unwrap();
        assert!(!same_as_fresh(&ws, &cache, json, "link out"));
        assert!(!same_as_fresh(&ws, &cache, json, "link out, again"));
        std::fs::remove_file(ws.join("engine/src/linked.rs")).unwrap();
    }

    // History: a new commit is a new result.
    let hist: &[&str] = &["analyze", ".", "--format", "json"];
    git(&ws, &["init", "-q"]);
    git(&ws, &["add", "-A"]);
    git(&ws, &["commit", "-qm", "one"]);
    assert!(!same_as_fresh(&ws, &cache, hist, "a repository now"));
    assert!(same_as_fresh(&ws, &cache, hist, "a repository, unchanged"));
    write(
        &ws,
        "engine/src/later/mod.rs",
        "pub fn now() {}\npub fn then() {}\n",
    );
    git(&ws, &["commit", "-qam", "two"]);
    assert!(!same_as_fresh(&ws, &cache, hist, "a new commit"));
    assert!(same_as_fresh(&ws, &cache, hist, "a new commit, unchanged"));
}

#[test]
fn the_working_tree_snapshot_is_memoized_for_baseline_and_check() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    let cache = tmp.path().join("cache");
    std::fs::create_dir_all(&cache).unwrap();
    copy_dir(&testdata().join("crate-family"), &ws);
    let baseline: &[&str] = &["baseline", "."];
    let check: &[&str] = &["check", ".", "--format", "json"];
    assert!(!same_as_fresh(&ws, &cache, baseline, "first run"));
    // `check` computes the same snapshot: the memo `baseline` left answers it.
    assert!(same_as_fresh(&ws, &cache, check, "check after baseline"));
    assert!(same_as_fresh(&ws, &cache, baseline, "unchanged"));
    let p = ws.join("engine/src/lib.rs");
    let t = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        t.replace("pub mod runtime;", "pub mod runtime;\nmod gone;"),
    )
    .unwrap();
    assert!(!same_as_fresh(&ws, &cache, check, "changed"));
    assert!(same_as_fresh(
        &ws,
        &cache,
        baseline,
        "changed, then unchanged"
    ));
}
