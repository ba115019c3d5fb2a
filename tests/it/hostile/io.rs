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

/// Makes a FIFO at `p`.
fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

/// The kinds of special file a hostile path can be: a FIFO (an open would block), and a
/// symlink to `/dev/zero` (a read never ends).
fn plant(p: &Path, fifo: bool) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    if fifo {
        mkfifo(p);
    } else {
        std::os::unix::fs::symlink("/dev/zero", p).unwrap();
    }
}

const SPECIAL: [(bool, &str); 2] = [(true, "a FIFO"), (false, "-> /dev/zero")];

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A one-crate repository with a commit (for history).
fn committed_crate(dir: &Path) {
    super::crate_with(
        dir,
        "pub mod a;\npub fn f() { a::g() }\n",
        &[("src/a.rs", b"pub fn g() {}\n")],
    );
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", "one"]);
}

#[test]
fn a_mailmap_that_is_no_regular_file_is_not_read_by_anyone() {
    for (fifo, what) in SPECIAL {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("repo");
        committed_crate(&repo);
        plant(&repo.join(".mailmap"), fifo);
        if !fifo {
            // Committed, as a hostile repository would ship it.
            git(&repo, &["add", "-A"]);
            git(&repo, &["commit", "-qm", "mailmap"]);
        }
        let o = super::run_limited(
            tmp.path(),
            tmp.path(),
            &["analyze", "repo", "--format", "json"],
        );
        assert_eq!(super::ended_cleanly(&o, what), 0, "{what}: {}", stderr(&o));
        let v = super::json(&o);
        assert_eq!(v["summary"]["history"]["status"], "read", "{what}: {v}");
        assert!(
            stderr(&o).contains(".mailmap: not a regular file"),
            "{what}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn cache_files_that_are_no_regular_files_are_replaced_not_read() {
    for (fifo, what) in SPECIAL {
        for file in ["facts.pack", "history.bin"] {
            let tmp = tempfile::tempdir().unwrap();
            let repo = tmp.path().join("repo");
            committed_crate(&repo);
            let args = ["analyze", "repo", "--format", "json"];
            let cold = super::run_limited(
                tmp.path(),
                tmp.path(),
                &[&args[..], &["--no-cache"]].concat(),
            );
            assert_eq!(super::ended_cleanly(&cold, "cold"), 0);
            // `run_limited` keeps the cache in `<marks>/cache`.
            let planted = tmp.path().join("cache").join(file);
            plant(&planted, fifo);
            let o = super::run_limited(tmp.path(), tmp.path(), &args);
            assert_eq!(
                super::ended_cleanly(&o, what),
                0,
                "{file} {what}: {}",
                stderr(&o)
            );
            assert_eq!(
                o.stdout, cold.stdout,
                "{file} {what}: same output as without a cache"
            );
            assert!(
                std::fs::symlink_metadata(&planted).unwrap().is_file(),
                "{file} {what}: replaced by a healthy file"
            );
        }
    }
}

#[test]
fn rules_baselines_named_by_the_user_that_cannot_be_read_are_one_line_errors() {
    for (fifo, what) in SPECIAL {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("repo");
        super::crate_with(&repo, "pub fn f() {}\n", &[]);
        let rules = tmp.path().join("rules");
        plant(&rules.join("chatty-boundary.toml"), fifo);
        let base = tmp.path().join("baseline.txt");
        plant(&base, fifo);
        for args in [
            vec!["analyze", "repo", "--rules", "rules", "--no-history"],
            vec!["rules", "--rules", "rules"],
            vec!["check", "repo", "--baseline", "baseline.txt"],
        ] {
            let o = super::run_limited(tmp.path(), tmp.path(), &args);
            let code = super::ended_cleanly(&o, what);
            let err = stderr(&o);
            assert_eq!(code, 2, "{args:?} {what}: {err}");
            assert_eq!(err.lines().count(), 1, "{args:?} {what}: one line: {err}");
            assert!(
                err.starts_with("archsplit: error: ") && err.contains("not a regular file"),
                "{args:?} {what}: {err}"
            );
        }
    }
}

#[test]
fn an_archsplit_toml_that_is_no_regular_file_is_a_warning() {
    for (fifo, what) in SPECIAL {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("repo");
        super::crate_with(&repo, "pub fn f() {}\n", &[]);
        let plain = super::run_limited(tmp.path(), tmp.path(), &["graph", "repo"]);
        plant(&repo.join("archsplit.toml"), fifo);
        let o = super::run_limited(tmp.path(), tmp.path(), &["graph", "repo"]);
        assert_eq!(super::ended_cleanly(&o, what), 0, "{what}: {}", stderr(&o));
        assert_eq!(o.stdout, plain.stdout, "{what}");
        assert!(
            stderr(&o).contains("warning: archsplit.toml: not a regular file"),
            "{what}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_cache_dir_that_is_a_file_or_a_fifo_is_a_clear_error() {
    for fifo in [true, false] {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("repo");
        super::crate_with(&repo, "pub fn f() {}\n", &[]);
        let place = tmp.path().join("place");
        if fifo {
            mkfifo(&place);
        } else {
            std::fs::write(&place, "a file").unwrap();
        }
        for args in [
            vec!["graph", "repo", "--cache-dir", "place"],
            vec!["analyze", "repo", "--cache-dir", "place"],
        ] {
            let o = super::run_limited(tmp.path(), tmp.path(), &args);
            let err = stderr(&o);
            assert_eq!(super::ended_cleanly(&o, "cache dir"), 2, "{err}");
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(
                err.contains("place") && err.contains("not a directory"),
                "{err}"
            );
        }
    }
}

/// `archsplit ARGS` in `cwd` with the default cache location under `xdg`.
fn with_xdg(cwd: &Path, xdg: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_archsplit"))
        .args(args)
        .current_dir(cwd)
        .env_remove("CARGO")
        .env_remove("ARCHSPLIT_CACHE_DIR")
        .env("XDG_CACHE_HOME", xdg)
        .output()
        .unwrap()
}

#[test]
fn the_default_cache_never_follows_a_symlink_it_did_not_make() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    super::crate_with(&repo, "pub fn f() {}\n", &[]);
    let xdg = tmp.path().join("xdg");
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let cold = with_xdg(tmp.path(), &xdg, &["graph", "repo", "--no-cache"]);
    expect_code(&cold, 0);
    let first = with_xdg(tmp.path(), &xdg, &["graph", "repo"]);
    expect_code(&first, 0);
    let root = xdg.join("archsplit");
    let name = marks_left(&root)
        .into_iter()
        .find(|n| n.starts_with("repo-"))
        .expect("the workspace's cache directory");
    // The workspace's directory, then archsplit's own, replaced by symlinks elsewhere.
    for planted in [root.join(&name), root.clone()] {
        std::fs::rename(&planted, tmp.path().join("moved")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &planted).unwrap();
        let o = with_xdg(tmp.path(), &xdg, &["graph", "repo"]);
        expect_code(&o, 0);
        assert_eq!(o.stdout, cold.stdout);
        assert!(
            stderr(&o).contains("is a symbolic link; running without the cache"),
            "{}",
            stderr(&o)
        );
        assert_eq!(
            marks_left(&elsewhere),
            Vec::<String>::new(),
            "wrote through a symlink"
        );
        std::fs::remove_file(&planted).unwrap();
        std::fs::rename(tmp.path().join("moved"), &planted).unwrap();
    }
    // Without any home directory there is no cache, and nothing is said.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_archsplit"))
        .args(["graph", "repo"])
        .current_dir(tmp.path())
        .env_remove("CARGO")
        .env_remove("ARCHSPLIT_CACHE_DIR")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("HOME")
        .output()
        .unwrap();
    expect_code(&o, 0);
    assert_eq!(o.stdout, cold.stdout);
    assert_eq!(stderr(&o), "");
}

/// Damaged versions of `healthy`: single bytes changed at many offsets (every one of the
/// first 64: magic, checksum, lengths, the first key; then spread over the rest), zeroed
/// ranges, truncations and trailing garbage.
fn damaged_versions(healthy: &[u8]) -> Vec<(String, Vec<u8>)> {
    let n = healthy.len();
    let mut out = Vec::new();
    let mut offsets: Vec<usize> = (0..n.min(64)).collect();
    let step = (n / 100).max(1);
    offsets.extend((64..n).step_by(step));
    offsets.push(n - 1);
    for (j, &i) in offsets.iter().enumerate() {
        let mut b = healthy.to_vec();
        b[i] ^= if j % 2 == 0 { 0x01 } else { 0xff };
        out.push((format!("byte {i} changed"), b));
    }
    for k in 0..12 {
        let start = k * n / 12;
        let len = [1, 7, 64, 500][k % 4].min(n - start);
        let mut b = healthy.to_vec();
        b[start..start + len].fill(0);
        if b != healthy {
            out.push((format!("{len} bytes zeroed at {start}"), b));
        }
    }
    for cut in [0, 7, 8, 23, 24, 25, n / 3, n / 2, n - 17, n - 1] {
        out.push((format!("truncated to {cut}"), healthy[..cut].to_vec()));
    }
    let mut b = healthy.to_vec();
    b.extend(b"trailing");
    out.push(("trailing bytes".into(), b));
    out
}

#[test]
fn a_damaged_pack_never_changes_the_output_and_is_rewritten_healthy() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let dir = testdata().join("three-communities");
    let run_with = |extra: &[&str]| {
        let mut args = vec!["graph", ".", "--format", "json", "--no-cargo"];
        args.extend(extra);
        let o = archsplit(&dir, tmp.path(), &args);
        expect_code(&o, 0);
        o.stdout
    };
    let cold = run_with(&["--no-cache"]);
    let run =
        |extra: &[&str]| run_with(&[&["--cache-dir", cache.to_str().unwrap()], extra].concat());
    assert_eq!(run(&[]), cold, "filling the cache");
    let pack = cache.join("facts.pack");
    let healthy = std::fs::read(&pack).unwrap();
    assert!(healthy.len() > 200, "a real pack: {} bytes", healthy.len());
    let versions = damaged_versions(&healthy);
    assert!(versions.len() > 150);
    for (what, bytes) in versions {
        std::fs::write(&pack, &bytes).unwrap();
        assert!(run(&[]) == cold, "{what}: the output changed");
        assert!(
            std::fs::read(&pack).unwrap() == healthy,
            "{what}: the pack was not rewritten healthy"
        );
    }
    // A warm run on the healthy pack writes nothing.
    let before = std::fs::metadata(&pack).unwrap().modified().unwrap();
    assert_eq!(run(&[]), cold);
    assert_eq!(
        std::fs::metadata(&pack).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn temporary_files_left_by_killed_writes_are_removed_when_stale() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    super::crate_with(&repo, "pub fn f() {}\n", &[]);
    let cache = tmp.path().join("cache");
    std::fs::create_dir(&cache).unwrap();
    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let old = cache.join(".archsplit-tmpKILLED");
    let young = cache.join(".archsplit-tmpLIVE");
    let theirs = cache.join(".tmpNOTOURS");
    for p in [&old, &young, &theirs] {
        std::fs::write(p, "partial").unwrap();
    }
    for p in [&old, &theirs] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
    }
    let o = super::run_limited(tmp.path(), tmp.path(), &["graph", "repo"]);
    assert_eq!(super::ended_cleanly(&o, "stale temps"), 0);
    assert!(!old.exists(), "a stale temporary file stays");
    assert!(young.exists(), "a live write's file was removed");
    // In a directory the user chose, only archsplit's own temporary files are touched.
    assert!(theirs.exists());
}

#[test]
fn check_base_shares_the_working_trees_cache_by_content() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    committed_crate(&repo);
    std::fs::write(repo.join("README.md"), "Nothing structural.\n").unwrap();
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "docs"]);
    let xdg = tmp.path().join("xdg");
    expect_code(&with_xdg(&repo, &xdg, &["graph", "."]), 0);
    let root = xdg.join("archsplit");
    let name = marks_left(&root)
        .into_iter()
        .find(|n| n.starts_with("repo-"))
        .expect("the workspace's cache directory");
    let pack = root.join(name).join("facts.pack");
    let inode = std::fs::metadata(&pack).unwrap().ino();
    // The base's files are the working tree's bytes: all found in the working tree's pack,
    // nothing parsed, so the pack is not even rewritten.
    let o = with_xdg(
        &repo,
        &xdg,
        &["check", "--base", "HEAD~1", "--format", "json"],
    );
    expect_code(&o, 0);
    assert_eq!(
        std::fs::metadata(&pack).unwrap().ino(),
        inode,
        "the pack was rewritten"
    );
    assert_eq!(
        marks_left(&root).len(),
        2,
        "one workspace directory and the tag"
    );
}

#[test]
fn many_first_runs_at_once_create_one_default_cache_safely() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ws");
    copy_dir(&testdata().join("three-communities"), &dir);
    let xdg = tmp.path().join("xdg");
    let cold = with_xdg(&dir, &xdg, &["graph", ".", "--no-cargo", "--no-cache"]);
    expect_code(&cold, 0);
    // Every run finds no cache directory yet: they race to create it, tag it and write
    // the pack.
    let children: Vec<_> = (0..24)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_archsplit"))
                .args(["graph", ".", "--no-cargo"])
                .current_dir(&dir)
                .env_remove("CARGO")
                .env_remove("ARCHSPLIT_CACHE_DIR")
                .env("XDG_CACHE_HOME", &xdg)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let o = child.wait_with_output().unwrap();
        expect_code(&o, 0);
        assert_eq!(o.stdout, cold.stdout);
        assert_eq!(stderr(&o), "");
    }
    let root = xdg.join("archsplit");
    let entries = marks_left(&root);
    assert_eq!(entries.len(), 2, "{entries:?}");
    let ws = root.join(entries.iter().find(|n| n.starts_with("ws-")).unwrap());
    assert_eq!(marks_left(&ws), ["facts.pack"], "no temporary file left");
    // The pack the last writer left is whole: a warm run finds everything and writes nothing.
    let inode = std::fs::metadata(ws.join("facts.pack")).unwrap().ino();
    let warm = with_xdg(&dir, &xdg, &["graph", ".", "--no-cargo"]);
    assert_eq!(warm.stdout, cold.stdout);
    assert_eq!(
        std::fs::metadata(ws.join("facts.pack")).unwrap().ino(),
        inode
    );
}
