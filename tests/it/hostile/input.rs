//! Special files and broken manifests: a manifest is read only if it is a regular file within
//! a cap (cargo is not even asked otherwise), and a broken one is a diagnostic while its
//! package is still read from the conventional layout — with and without `--no-cargo`.

use std::path::Path;

use super::{codes, ended_cleanly, json, run_limited};

/// A package `dir` with `src/lib.rs` declaring `m`, whose manifest is `manifest` (bytes).
fn package(dir: &Path, manifest: &[u8]) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "pub mod m;\npub fn f() { m::g() }\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/m.rs"), "pub fn g() {}\n").unwrap();
}

fn manifest_of(name: &str) -> String {
    format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n")
}

/// `graph --format json` of `dir` both ways (cargo asked, manifests read directly); each run
/// ends cleanly with exit 0, and both give the same modules.
fn graph_both_ways(dir: &Path, marks: &Path) -> Vec<serde_json::Value> {
    let path = dir.to_str().unwrap();
    let runs: Vec<serde_json::Value> = [vec![], vec!["--no-cargo"]]
        .into_iter()
        .map(|extra| {
            let mut args = vec!["graph", path, "--format", "json"];
            args.extend(extra);
            let o = run_limited(dir, marks, &args);
            let code = ended_cleanly(&o, &format!("{args:?}"));
            assert_eq!(code, 0, "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
            json(&o)
        })
        .collect();
    let modules = |v: &serde_json::Value| -> Vec<String> {
        v["modules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        modules(&runs[0]),
        modules(&runs[1]),
        "cargo and --no-cargo disagree"
    );
    runs
}

#[test]
fn broken_manifests_are_diagnostics_and_the_package_is_still_read() {
    for (what, bytes) in [
        ("garbage", &b"\xff\xfe garbage [[[ = \"\n\x01\x02"[..]),
        ("empty", &b""[..]),
        (
            "NUL in a string",
            &b"[package]\nname = \"a\x00b\"\nversion = \"0.1.0\"\n"[..],
        ),
        (
            "name = 5",
            &b"[package]\nname = 5\nversion = \"0.1.0\"\n"[..],
        ),
        ("package = 5", &b"package = 5\n"[..]),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("shop");
        package(&dir, bytes);
        for v in graph_both_ways(&dir, tmp.path()) {
            assert!(
                codes(&v).iter().any(|c| c == "manifest-error"),
                "{what}: no manifest-error: {:?}",
                v["diagnostics"]
            );
            assert_eq!(v["summary"]["modules"], 2, "{what}: {}", v["modules"]);
            assert!(
                v["dependencies"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d["to"] == "shop::m"),
                "{what}: the package's graph is there"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn special_file_manifests_neither_hang_nor_fill_memory() {
    for special in ["fifo", "/dev/zero", "/dev/urandom"] {
        // The workspace's own manifest, and a member's.
        for member in [false, true] {
            let tmp = tempfile::tempdir().unwrap();
            let root = tmp.path().join("ws");
            let dir = if member { root.join("a") } else { root.clone() };
            package(&dir, manifest_of("a").as_bytes());
            if member {
                std::fs::write(
                    root.join("Cargo.toml"),
                    "[workspace]\nmembers = [\"a\"]\nresolver = \"2\"\n",
                )
                .unwrap();
            }
            let m = dir.join("Cargo.toml");
            std::fs::remove_file(&m).unwrap();
            if special == "fifo" {
                let c = std::ffi::CString::new(m.to_str().unwrap()).unwrap();
                // SAFETY: a valid NUL-terminated path.
                assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
            } else {
                std::os::unix::fs::symlink(special, &m).unwrap();
            }
            for v in graph_both_ways(&root, tmp.path()) {
                let diags = v["diagnostics"].to_string();
                assert!(
                    diags.contains("manifest-error") && diags.contains("not a regular file"),
                    "{special} (member: {member}): {diags}"
                );
                assert_eq!(v["summary"]["modules"], 2, "{special} (member: {member})");
            }
        }
    }
}

#[test]
fn members_outside_the_tree_and_odd_names_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("ws");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        "[workspace]\nmembers = [\"a\", \"../outside\", \"odd\"]\nresolver = \"2\"\n",
    )
    .unwrap();
    package(&root.join("a"), manifest_of("a").as_bytes());
    package(
        &tmp.path().join("outside"),
        manifest_of("outside").as_bytes(),
    );
    package(
        &root.join("odd"),
        b"[package]\nname = \"<script>\\\"x\\nb\"\nversion = \"0.1.0\"\n",
    );
    let path = root.to_str().unwrap();
    for extra in [None, Some("--no-cargo")] {
        let mut args = vec!["graph", path, "--format", "json"];
        args.extend(extra);
        let o = run_limited(&root, tmp.path(), &args);
        assert_eq!(ended_cleanly(&o, "outside"), 0);
        let v = json(&o);
        let diags = v["diagnostics"].to_string();
        assert!(
            codes(&v).iter().any(|c| c == "member-outside") && diags.contains("outside"),
            "{extra:?}: {diags}"
        );
        assert!(
            codes(&v).iter().any(|c| c == "invalid-package-name"),
            "{extra:?}: {diags}"
        );
        let crates = v["crates"].to_string();
        assert!(!crates.contains("\"outside\""), "{extra:?}: {crates}");
    }
}

/// cargo makes path dependencies inside the workspace directory members; reading the
/// manifests directly must find the same packages (nushell's `nu-glob`, `nu-path`).
#[test]
fn implicit_path_dependency_members_are_found_without_cargo() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("ws");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        "[workspace]\nmembers = [\"app\"]\nresolver = \"2\"\n\n\
         [workspace.dependencies]\ncore = { path = \"crates/core\" }\n",
    )
    .unwrap();
    let mut app = manifest_of("app");
    app.push_str(
        "\n[dependencies]\nutil = { path = \"../crates/util\" }\ncore = { workspace = true }\n",
    );
    package(&root.join("app"), app.as_bytes());
    let mut util = manifest_of("util");
    util.push_str("\n[dependencies]\nleaf = { path = \"../leaf\" }\n");
    package(&root.join("crates/util"), util.as_bytes());
    package(&root.join("crates/core"), manifest_of("core").as_bytes());
    package(&root.join("crates/leaf"), manifest_of("leaf").as_bytes());
    for v in graph_both_ways(&root, tmp.path()) {
        assert_eq!(v["summary"]["modules"], 8, "{}", v["modules"]);
    }
}
