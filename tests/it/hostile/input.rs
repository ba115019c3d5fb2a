//! Special files and broken manifests: read only if regular and within a cap; a broken
//! manifest is a diagnostic, and the package is still read from its conventional layout.

use super::{codes, crate_with, ended_cleanly, json, run_limited};

#[test]
fn cargo_toml_that_is_a_symlink_to_dev_zero_is_refused_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    crate_with(&repo, "pub fn f() {}\n", &[]);
    std::fs::remove_file(repo.join("Cargo.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", repo.join("Cargo.toml")).unwrap();
    let o = run_limited(
        tmp.path(),
        tmp.path(),
        &["graph", "repo", "--format", "json", "--no-cargo"],
    );
    let code = ended_cleanly(&o, "Cargo.toml -> /dev/zero");
    assert!(code == 0 || code == 2, "exit {code}");
    if code == 0 {
        let _ = codes(&json(&o));
    }
}
