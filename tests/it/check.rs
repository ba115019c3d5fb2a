//! `archsplit check` on scripted git repositories: a healthy workspace, a neutral commit, a
//! commit that splits code into tiny chatty crates; exit codes, baselines and every format.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{archsplit, copy_dir, expect_code, stdout, testdata};

fn git(dir: &Path, args: &[&str]) {
    crate::support::git_as(dir, "Test", "2024-01-01T12:00:00+00:00", args);
}

/// A repository with the healthy split committed, then a neutral commit; returns its path.
fn healthy_repo(tmp: &Path) -> PathBuf {
    let repo = tmp.join("repo");
    copy_dir(&testdata().join("healthy-split"), &repo);
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "healthy split"]);
    std::fs::write(repo.join("README.md"), "Nothing structural changes here.\n").unwrap();
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "docs"]);
    repo
}

/// Adds the over-fragmented chain of tiny crates to the workspace and commits it.
fn over_fragment(repo: &Path) {
    let src = testdata().join("over-fragmented");
    let mut members = Vec::new();
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        if e.path().is_dir() {
            copy_dir(&e.path(), &repo.join(e.file_name()));
            members.push(format!("\"{}\"", e.file_name().to_string_lossy()));
        }
    }
    members.sort();
    let manifest = std::fs::read_to_string(repo.join("Cargo.toml")).unwrap();
    let manifest = manifest.replace(
        "members = [",
        &format!("members = [{}, ", members.join(", ")),
    );
    std::fs::write(repo.join("Cargo.toml"), manifest).unwrap();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-qm", "split orders into tiny crates"]);
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(out)).expect("JSON")
}

#[test]
fn a_neutral_commit_passes() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    let out = archsplit(
        &repo,
        tmp.path(),
        &[
            "check",
            "--base",
            "HEAD~1",
            "--fail-on",
            "warning",
            "--format",
            "json",
        ],
    );
    expect_code(&out, 0);
    let v = json(&out);
    assert_eq!(v["summary"]["new_findings"], 0);
    assert_eq!(v["changes"]["crates_added"], serde_json::json!([]));
    assert_eq!(v["before"]["crates"], v["after"]["crates"]);
}

#[test]
fn an_over_fragmenting_commit_fails_when_asked_and_only_then() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    over_fragment(&repo);
    let status_before = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(&repo)
        .output()
        .unwrap();

    let out = archsplit(
        &repo,
        tmp.path(),
        &[
            "check",
            "--base",
            "HEAD~1",
            "--fail-on",
            "warning",
            "--format",
            "json",
        ],
    );
    expect_code(&out, 1);
    let v = json(&out);
    assert_eq!(v["summary"]["failed"], true);
    assert_eq!(v["after"]["crates"], 11);
    assert_eq!(v["before"]["crates"], 4);
    assert!(v["after"]["icp"].as_f64().unwrap() > v["before"]["icp"].as_f64().unwrap());
    let new: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "new")
        .collect();
    assert!(new.iter().any(|f| f["rule"] == "over-fragmentation"
        && f["message"]
            .as_str()
            .unwrap()
            .contains("this change splits")));
    assert!(new.iter().all(|f| f["rule"] == "over-fragmentation"));

    // By default only errors fail the build: the warning is reported, the exit code is 0.
    let out = archsplit(&repo, tmp.path(), &["check", "--base", "HEAD~1"]);
    expect_code(&out, 0);
    assert!(stdout(&out).contains("warning[over-fragmentation]"));

    // The user's checkout, index and stash are untouched.
    let status_after = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(&repo)
        .output()
        .unwrap();
    assert_eq!(status_before.stdout, status_after.stdout);
    let stash = Command::new("git")
        .args(["stash", "list"])
        .current_dir(&repo)
        .output()
        .unwrap();
    assert!(stash.stdout.is_empty());
    let worktrees = Command::new("git")
        .args(["worktree", "list"])
        .current_dir(&repo)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&worktrees.stdout).lines().count(),
        1
    );
}

#[test]
fn a_baseline_accepts_findings_and_reports_stale_entries() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    over_fragment(&repo);
    let baseline = tmp.path().join("archsplit.baseline");
    let out = archsplit(
        &repo,
        tmp.path(),
        &["baseline", ".", "-o", baseline.to_str().unwrap()],
    );
    expect_code(&out, 0);
    let text = std::fs::read_to_string(&baseline).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(!lines.is_empty());
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "a baseline is sorted");

    let bl = baseline.to_str().unwrap();
    let out = archsplit(
        &repo,
        tmp.path(),
        &[
            "check",
            "--baseline",
            bl,
            "--fail-on",
            "warning",
            "--format",
            "json",
        ],
    );
    expect_code(&out, 0);
    assert_eq!(json(&out)["summary"]["new_findings"], 0);

    std::fs::write(
        &baseline,
        format!("{text}0123456789abcdef over-fragmentation gone\n"),
    )
    .unwrap();
    let out = archsplit(
        &repo,
        tmp.path(),
        &["check", "--baseline", bl, "--format", "json"],
    );
    let v = json(&out);
    assert_eq!(v["stale_baseline"][0]["fingerprint"], "0123456789abcdef");

    std::fs::write(&baseline, "nonsense\n").unwrap();
    let out = archsplit(&repo, tmp.path(), &["check", "--baseline", bl]);
    expect_code(&out, 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains(":1:"));
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    over_fragment(&repo);
    let out = archsplit(
        &repo,
        tmp.path(),
        &["check", "--base", "HEAD~1", "--format", "sarif"],
    );
    expect_code(&out, 0);
    let doc = json(&out);
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-2.1.0.json");
    let mut schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    // The rtm.5 text has a typo in the `language` patterns (a stray `]`) that the
    // metaschema's `format: regex` rejects; the later errata reads as below. archsplit
    // writes no `language`, so this changes nothing the test checks.
    fn fix(v: &mut Value, n: &mut usize) {
        match v {
            Value::String(s) if s == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" => {
                *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
                *n += 1;
            }
            Value::Object(m) => m.values_mut().for_each(|x| fix(x, n)),
            Value::Array(a) => a.iter_mut().for_each(|x| fix(x, n)),
            _ => {}
        }
    }
    let mut fixed = 0;
    fix(&mut schema, &mut fixed);
    assert!(fixed >= 1);
    let v = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let errors: Vec<String> = v
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .take(5)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "archsplit");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules
        .iter()
        .any(|r| r["id"] == "over-fragmentation" && r["help"]["text"].is_string()));
    for r in run["results"].as_array().unwrap() {
        assert!(r["partialFingerprints"]["archsplit/v1"].is_string());
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(
            uri.ends_with("Cargo.toml") && !uri.starts_with('/'),
            "{uri}"
        );
        assert!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                >= 1
        );
    }
}

#[test]
fn github_annotations_and_markdown_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    over_fragment(&repo);
    let out = archsplit(
        &repo,
        tmp.path(),
        &["check", "--base", "HEAD~1", "--format", "github"],
    );
    expect_code(&out, 0);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.iter().all(|l| l.starts_with("::")),
        "only workflow commands: {text}"
    );
    assert!(lines.iter().any(|l| l.starts_with("::warning file=")
        && l.contains(",line=1,title=archsplit over-fragmentation::")));
    assert!(lines
        .last()
        .unwrap()
        .starts_with("::notice title=archsplit::"));
    assert!(lines.iter().all(|l| !l.contains('\r')));

    let out = archsplit(
        &repo,
        tmp.path(),
        &["check", "--base", "HEAD~1", "--format", "markdown"],
    );
    let md = stdout(&out);
    assert!(md.starts_with("## "));
    assert!(md.contains("| crates | 4 | 11 |"));
    assert!(md.contains("```mermaid\nflowchart LR"));
    assert!(md.contains("c_order_id"));
}

#[test]
fn a_bad_base_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    let out = archsplit(&repo, tmp.path(), &["check", "--base", "no-such-branch"]);
    expect_code(&out, 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no-such-branch") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn excluded_paths_are_left_out() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    over_fragment(&repo);
    // From the command line ...
    let out = archsplit(
        &repo,
        tmp.path(),
        &[
            "check",
            "--exclude",
            "order-*",
            "--fail-on",
            "warning",
            "--format",
            "json",
        ],
    );
    expect_code(&out, 0);
    assert_eq!(json(&out)["after"]["crates"], 4);
    // ... and from archsplit.toml, with its fail-on.
    std::fs::write(
        repo.join("archsplit.toml"),
        "fail-on = \"warning\"\nexclude = [\"order-app\"]\n",
    )
    .unwrap();
    let out = archsplit(&repo, tmp.path(), &["check", "--format", "json"]);
    expect_code(&out, 1);
    let v = json(&out);
    assert_eq!(v["after"]["crates"], 10);
    assert_eq!(v["summary"]["fail_on"], "warning");
    // The flag overrides the file.
    let out = archsplit(&repo, tmp.path(), &["check", "--fail-on", "never"]);
    expect_code(&out, 0);
    std::fs::write(repo.join("archsplit.toml"), "fail-on = \"sometimes\"\n").unwrap();
    let out = archsplit(&repo, tmp.path(), &["check"]);
    expect_code(&out, 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("archsplit.toml:1:"));
}
