//! Never run code from the analyzed repository, never write into it. The fixtures plant
//! programs that leave a mark in `ARCHSPLIT_PWNED_DIR` if anything starts them.

use std::process::Command;

use crate::support::{archsplit, copy_dir, expect_code, marks_left, snapshot, stdout, testdata};

#[test]
fn planted_toolchain_wrappers_and_build_scripts_never_run() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    copy_dir(&testdata().join("malicious-config"), &repo);
    // rustup only honours an absolute toolchain path: make the trap live in this copy.
    let toolchain = repo.join("evil/toolchain");
    std::fs::write(
        repo.join("rust-toolchain.toml"),
        format!("[toolchain]\npath = \"{}\"\n", toolchain.display()),
    )
    .unwrap();
    let marks = tmp.path().join("marks");
    std::fs::create_dir(&marks).unwrap();

    // Control: a plain `cargo` started in the repository does fall into the trap where cargo
    // is rustup's proxy, which shows the fixture is live on this machine.
    let control = Command::new("cargo")
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .current_dir(&repo)
        .env_remove("CARGO")
        .env_remove("RUSTUP_TOOLCHAIN")
        .env("ARCHSPLIT_PWNED_DIR", &marks)
        .output();
    let live = !marks_left(&marks).is_empty();
    eprintln!(
        "control: cargo in the repository {} the planted toolchain",
        if live { "ran" } else { "did not run" }
    );
    let _ = control;
    for f in marks_left(&marks) {
        std::fs::remove_file(marks.join(f)).unwrap();
    }

    // The default cache goes to the user's cache directory, nowhere in the analyzed tree:
    // not even through a `target` symlink that points elsewhere.
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, repo.join("target")).unwrap();
    let xdg = tmp.path().join("xdg");
    let before = snapshot(&repo);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_archsplit"))
        .args(["graph", "."])
        .current_dir(&repo)
        .env_remove("CARGO")
        .env_remove("ARCHSPLIT_CACHE_DIR")
        .env("XDG_CACHE_HOME", &xdg)
        .env("ARCHSPLIT_PWNED_DIR", &marks)
        .output()
        .unwrap();
    expect_code(&out, 0);
    assert_eq!(
        marks_left(&elsewhere),
        Vec::<String>::new(),
        "wrote through target/"
    );
    let root = xdg.join("archsplit");
    let tag = std::fs::read_to_string(root.join("CACHEDIR.TAG")).unwrap();
    assert!(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55"));
    let dirs: Vec<String> = marks_left(&root)
        .into_iter()
        .filter(|n| n != "CACHEDIR.TAG")
        .collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    assert!(dirs[0].starts_with("repo-"), "{dirs:?}");
    assert!(root.join(&dirs[0]).join("facts.pack").is_file());
    for (cwd, path) in [
        (&repo, ".".to_string()),
        (&tmp.path().to_path_buf(), repo.display().to_string()),
    ] {
        let out = archsplit(cwd, &marks, &["graph", &path, "--format", "json"]);
        expect_code(&out, 0);
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let deps = json["dependencies"].as_array().unwrap();
        assert!(
            deps.iter()
                .any(|d| d["from"] == "malicious::service" && d["to"] == "malicious::model"),
            "the analysis still ran: {deps:?}"
        );
    }
    assert_eq!(
        marks_left(&marks),
        Vec::<String>::new(),
        "a planted program ran"
    );
    assert_eq!(
        snapshot(&repo),
        before,
        "archsplit wrote into the analyzed tree"
    );
}

#[test]
fn toolchain_that_is_not_installed_neither_fails_nor_installs() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    copy_dir(&testdata().join("missing-toolchain"), &repo);
    let before = snapshot(&repo);
    let out = archsplit(&repo, tmp.path(), &["graph"]);
    expect_code(&out, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["summary"]["modules"], 3);
    assert_eq!(
        snapshot(&repo),
        before,
        "archsplit wrote into the analyzed tree (a Cargo.lock?)"
    );
}
