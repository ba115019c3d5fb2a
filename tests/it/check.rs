//! `archsplit check` on scripted git repositories: a healthy workspace, a neutral commit, a
//! commit that splits code into tiny chatty crates; exit codes, baselines and every format.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{archsplit, copy_dir, expect_code, stdout, testdata, write};

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

/// `check` against the previous commit, failing on warnings, as JSON.
const CHECK_BASE_JSON: &[&str] = &[
    "check",
    "--base",
    "HEAD~1",
    "--fail-on",
    "warning",
    "--format",
    "json",
];

fn json(out: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(out)).expect("JSON")
}

#[test]
fn a_neutral_commit_passes() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    let out = archsplit(&repo, tmp.path(), CHECK_BASE_JSON);
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

    let out = archsplit(&repo, tmp.path(), CHECK_BASE_JSON);
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
        && f["into"] == "order-line"
        && f["message"]
            .as_str()
            .unwrap()
            .starts_with("this change adds the crate `order-id`")));
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
    assert!(err.contains("git fetch origin no-such-branch"), "{err}");

    // A shallow clone without the base: the hint says how to get it.
    let clone = tmp.path().join("shallow");
    let url = format!("file://{}", repo.display());
    let out = Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(&clone)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = archsplit(&clone, tmp.path(), &["check", "--base", "origin/release"]);
    expect_code(&out, 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("shallow clone")
            && err.contains("git fetch origin release")
            && err.contains("fetch-depth: 0"),
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

/// The crate-family fixture as it was before a change: `base` edits it, then it is committed,
/// then the whole fixture is restored and committed as the change.
fn family_change(tmp: &Path, base: impl Fn(&Path)) -> PathBuf {
    let repo = tmp.join("repo");
    copy_dir(&testdata().join("crate-family"), &repo);
    base(&repo);
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "base"]);
    for e in std::fs::read_dir(&repo).unwrap() {
        let e = e.unwrap();
        if e.file_name() == ".git" {
            continue;
        }
        if e.path().is_dir() {
            std::fs::remove_dir_all(e.path()).unwrap();
        } else {
            std::fs::remove_file(e.path()).unwrap();
        }
    }
    copy_dir(&testdata().join("crate-family"), &repo);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "change"]);
    repo
}

fn new_findings(repo: &Path, tmp: &Path) -> Vec<Value> {
    let out = archsplit(repo, tmp, CHECK_BASE_JSON);
    let v = json(&out);
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "new")
        .cloned()
        .collect()
}

#[test]
fn a_change_that_splits_crates_nobody_uses_apart_names_them_and_the_crate_to_merge_into() {
    let tmp = tempfile::tempdir().unwrap();
    // Before: io, net and fmt were modules of `engine`. Split out, io and net are named;
    // fmt, which `engine` shows whole as its `fmt` module, is a component and stays quiet.
    let repo = family_change(tmp.path(), |repo| {
        for c in ["engine-fmt", "engine-io", "engine-net"] {
            std::fs::remove_dir_all(repo.join(c)).unwrap();
        }
        let ws = std::fs::read_to_string(repo.join("Cargo.toml")).unwrap();
        write(
            repo,
            "Cargo.toml",
            &ws.replace(", \"engine-fmt\"", "")
                .replace(", \"engine-io\"", "")
                .replace(", \"engine-net\"", ""),
        );
        let m = std::fs::read_to_string(repo.join("engine/Cargo.toml")).unwrap();
        let m: String = m
            .lines()
            .filter(|l| {
                ["engine-fmt", "engine-io", "engine-net"]
                    .iter()
                    .all(|c| !l.contains(c))
            })
            .map(|l| format!("{l}\n"))
            .collect();
        write(
            repo,
            "engine/Cargo.toml",
            &m.replace("default = [\"io\", \"net\"]\n", ""),
        );
        write(
            repo,
            "engine/src/lib.rs",
            "//! engine\n\npub mod runtime;\n\npub use engine_core::Config;\npub use engine_macros::Event;\n\npub fn serve(c: &Config) -> usize {\n    c.buffer\n}\n",
        );
        write(
            repo,
            "engine/src/runtime.rs",
            "//! runtime\n\npub fn drive() {}\n",
        );
    });
    let new = new_findings(&repo, tmp.path());
    let named: Vec<(&str, &str)> = new
        .iter()
        .filter(|f| f["rule"] == "over-fragmentation")
        .map(|f| {
            let msg = f["message"].as_str().unwrap();
            let into = f["into"].as_str().unwrap();
            assert!(msg.starts_with("this change adds the crate `"), "{msg}");
            assert!(
                msg.contains("re-exports") && msg.contains("only used together"),
                "{msg}"
            );
            assert!(msg.ends_with(&format!("into `{into}`")), "{msg}");
            let x = f["subjects"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
                .find(|s| *s != into)
                .unwrap();
            (x, into)
        })
        .collect();
    assert_eq!(named, [("engine-io", "engine"), ("engine-net", "engine")]);
}

#[test]
fn a_change_that_adds_a_proc_macro_and_a_feature_gated_crate_stays_quiet() {
    let tmp = tempfile::tempdir().unwrap();
    // Before: no derive macro and no json encoder.
    let repo = family_change(tmp.path(), |repo| {
        for c in ["engine-macros", "engine-json"] {
            std::fs::remove_dir_all(repo.join(c)).unwrap();
        }
        let ws = std::fs::read_to_string(repo.join("Cargo.toml")).unwrap();
        write(
            repo,
            "Cargo.toml",
            &ws.replace(", \"engine-json\"", "")
                .replace(", \"engine-macros\"", ""),
        );
        let m = std::fs::read_to_string(repo.join("engine/Cargo.toml")).unwrap();
        let m: String = m
            .lines()
            .filter(|l| !l.contains("engine-macros") && !l.contains("json"))
            .map(|l| format!("{l}\n"))
            .collect();
        write(repo, "engine/Cargo.toml", &m);
        let lib = std::fs::read_to_string(repo.join("engine/src/lib.rs")).unwrap();
        write(
            repo,
            "engine/src/lib.rs",
            &lib.replace("pub use engine_macros::Event;\n", ""),
        );
    });
    let new = new_findings(&repo, tmp.path());
    assert!(
        new.iter().all(|f| f["rule"] != "over-fragmentation"),
        "a proc-macro and an optional, feature-gated crate are units of their own: {new:?}"
    );
}

/// Every finding kind can be accepted: a baseline written on the change's tree covers the
/// findings `check --base` reports on it, including those about crates the change adds.
#[test]
fn a_baseline_covers_change_level_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    over_fragment(&repo);
    let bl = tmp.path().join("bl.txt");
    let out = archsplit(
        &repo,
        tmp.path(),
        &["baseline", ".", "-o", bl.to_str().unwrap()],
    );
    expect_code(&out, 0);
    let mut args = CHECK_BASE_JSON.to_vec();
    args.extend(["--baseline", bl.to_str().unwrap()]);
    let out = archsplit(&repo, tmp.path(), &args);
    let v = json(&out);
    expect_code(&out, 0);
    assert_eq!(v["summary"]["new_findings"], 0, "{}", v["findings"]);
}

/// One `check` run writes every report CI needs: annotations on stdout, SARIF, the check
/// JSON, and the Markdown summary appended to GitHub's step summary file.
#[test]
fn one_run_writes_every_report() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    over_fragment(&repo);
    let (sarif, md, js) = (
        tmp.path().join("a.sarif"),
        tmp.path().join("summary.md"),
        tmp.path().join("c.json"),
    );
    std::fs::write(&md, "# earlier step\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_archsplit"))
        .args([
            "check",
            "--base",
            "HEAD~1",
            "--fail-on",
            "warning",
            "--format",
            "github",
        ])
        .args(["--sarif", sarif.to_str().unwrap()])
        .args(["--markdown", md.to_str().unwrap()])
        .args(["--json", js.to_str().unwrap()])
        .current_dir(&repo)
        .env("ARCHSPLIT_CACHE_DIR", crate::support::cache_dir())
        .env("GITHUB_STEP_SUMMARY", &md)
        .env_remove("CARGO")
        .output()
        .unwrap();
    expect_code(&out, 1);
    assert!(stdout(&out).contains("::warning"), "{}", stdout(&out));
    let s: Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(s["version"], "2.1.0");
    let j: Value = serde_json::from_str(&std::fs::read_to_string(&js).unwrap()).unwrap();
    assert_eq!(j["summary"]["failed"], true);
    let summary = std::fs::read_to_string(&md).unwrap();
    assert!(
        summary.starts_with("# earlier step\n"),
        "appended, not replaced"
    );
    assert!(summary.contains("over-fragmentation"), "{summary}");
}

/// The GitHub Action's step script (`action/check.sh`, what action.yml runs) on a pull
/// request checked out shallowly, as `actions/checkout` does by default: it fetches the base
/// itself, runs one check, leaves the SARIF and the summary, records the exit code as an
/// output and does not fail the step (so that the SARIF upload runs).
#[test]
fn the_action_script_runs_one_check_on_a_shallow_pull_request() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    git(&repo, &["checkout", "-q", "-b", "feature"]);
    over_fragment(&repo);
    let clone = tmp.path().join("clone");
    let url = format!("file://{}", repo.display());
    let out = Command::new("git")
        .args(["clone", "-q", "--depth", "1", "--branch", "feature", &url])
        .arg(&clone)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (summary, outputs, runner) = (
        tmp.path().join("summary.md"),
        tmp.path().join("outputs.txt"),
        tmp.path().join("runner"),
    );
    std::fs::create_dir(&runner).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("action/check.sh");
    let out = Command::new("bash")
        .arg(&script)
        .current_dir(&clone)
        .env("ARCHSPLIT", env!("CARGO_BIN_EXE_archsplit"))
        .env("ARCHSPLIT_CACHE_DIR", crate::support::cache_dir())
        .env("GITHUB_BASE_REF", "main")
        .env("INPUT_FAIL_ON", "warning")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_OUTPUT", &outputs)
        .env("RUNNER_TEMP", &runner)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env_remove("CARGO")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the step must not fail: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("fetching origin/main"), "{stdout}");
    assert!(stdout.contains("::warning"), "{stdout}");
    let outputs = std::fs::read_to_string(&outputs).unwrap();
    assert!(outputs.contains("exit-code=1\n"), "{outputs}");
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(runner.join("archsplit.sarif")).unwrap())
            .unwrap();
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    assert!(std::fs::read_to_string(&summary)
        .unwrap()
        .contains("over-fragmentation"));
    // The action runs this script and ends with its recorded exit code, uploading the SARIF
    // whatever the result.
    let action =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml")).unwrap();
    assert!(action.contains("action/check.sh"));
    assert!(action.contains("if: always() && inputs.upload-sarif == 'true'"));
    assert!(action.contains("exit \"${{ steps.check.outputs.exit-code }}\""));
}

/// `check --base` keeps nothing about its temporary copy of the base in the cache: a second
/// run adds no entry (cargo's answer for the copy is keyed by its path and would pile up).
#[test]
fn the_base_copy_leaves_no_entry_in_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    let cache = tmp.path().join("cache");
    let entries = || std::fs::read_dir(&cache).map_or(0, |rd| rd.count());
    let run = || {
        let out = archsplit(
            &repo,
            tmp.path(),
            &[
                "check",
                "--base",
                "HEAD~1",
                "--cache-dir",
                cache.to_str().unwrap(),
            ],
        );
        expect_code(&out, 0);
    };
    run();
    let after_one = entries();
    run();
    run();
    assert_eq!(entries(), after_one);
}

/// The configuration is found from PATH upward to the workspace root (a member's directory
/// uses the workspace's), `--config FILE` names one, and `[[suppress]]` accepts findings
/// with a reason that every report shows.
#[test]
fn configuration_upward_named_and_suppressions() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    copy_dir(&testdata().join("over-fragmented"), &ws);
    let all_subjects = |v: &Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "over-fragmentation")
            .flat_map(|f| f["subjects"].as_array().unwrap().clone())
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    // Without configuration: over-fragmentation warnings, and check passes (fail on error).
    let out = archsplit(&ws, tmp.path(), &["check", "--format", "json"]);
    expect_code(&out, 0);
    assert!(all_subjects(&json(&out)).contains(&"order-id".to_string()));

    write(
        &ws,
        "archsplit.toml",
        "fail-on = \"warning\"\n\n[[suppress]]\nrule = \"over-fragmentation\"\nsubject = \"order-id\"\nreason = \"published on its own next release\"\n",
    );
    let out = archsplit(&ws, tmp.path(), &["check", "--format", "json"]);
    expect_code(&out, 1);
    let v = json(&out);
    let sup: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "suppressed")
        .collect();
    assert!(!sup.is_empty(), "{}", v["findings"]);
    assert!(sup
        .iter()
        .all(|f| f["suppressed"] == "published on its own next release"
            && f["subjects"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s == "order-id")));
    // SARIF says so with the reason; a baseline leaves them out.
    let out = archsplit(&ws, tmp.path(), &["check", "--format", "sarif"]);
    let sarif = json(&out);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["suppressions"][0]["justification"] == "published on its own next release"));
    let bl = stdout(&archsplit(&ws, tmp.path(), &["baseline", "."]));
    assert!(
        !bl.lines()
            .any(|l| l.contains(" order-id ") || l.ends_with(" order-id")),
        "{bl}"
    );

    // From a member's directory, the workspace's configuration still applies.
    let member = ws.join("order-app");
    let out = archsplit(&member, tmp.path(), &["check", "--format", "json", "."]);
    let v = json(&out);
    assert_eq!(v["summary"]["fail_on"], "warning", "{}", v["summary"]);

    // `--config FILE` names another one; a missing one is one clear line, exit 2.
    let other = tmp.path().join("strict.toml");
    std::fs::write(&other, "fail-on = \"never\"\n").unwrap();
    let out = archsplit(
        &ws,
        tmp.path(),
        &[
            "check",
            "--format",
            "json",
            "--config",
            other.to_str().unwrap(),
        ],
    );
    expect_code(&out, 0);
    assert_eq!(json(&out)["summary"]["fail_on"], "never");
    let out = archsplit(&ws, tmp.path(), &["check", "--config", "no/such.toml"]);
    expect_code(&out, 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no/such.toml") && err.lines().count() == 1,
        "{err}"
    );

    // A suppression without a reason is an error naming the line.
    write(
        &ws,
        "archsplit.toml",
        "[[suppress]]\nsubject = \"order-id\"\nreason = \"\"\n",
    );
    let out = archsplit(&ws, tmp.path(), &["check"]);
    expect_code(&out, 2);
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("archsplit.toml:2: a [[suppress]] entry needs a `reason`"));
}

/// The base revision's analysis is kept in the cache by commit and settings: a second
/// `check` does not read or analyze the base again and prints the same bytes; a damaged
/// snapshot is ignored and rebuilt.
#[test]
fn the_base_snapshot_is_cached_and_a_damaged_one_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    over_fragment(&repo);
    let cache = tmp.path().join("cache");
    let run = || {
        let mut args = CHECK_BASE_JSON.to_vec();
        args.extend(["--cache-dir", cache.to_str().unwrap(), "--timings"]);
        archsplit(&repo, tmp.path(), &args)
    };
    let cold = run();
    expect_code(&cold, 1);
    assert!(String::from_utf8_lossy(&cold.stderr).contains("base-read"));
    let warm = run();
    assert_eq!(warm.stdout, cold.stdout);
    assert!(
        !String::from_utf8_lossy(&warm.stderr).contains("base-read"),
        "the warm run read the base again"
    );
    let snaps: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".snapshot"))
        .collect();
    assert_eq!(snaps.len(), 1);
    let mut bytes = std::fs::read(&snaps[0]).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x04;
    std::fs::write(&snaps[0], &bytes).unwrap();
    let damaged = run();
    assert_eq!(damaged.stdout, cold.stdout);
    assert!(String::from_utf8_lossy(&damaged.stderr).contains("base-read"));
}

/// The check JSON validates against schema/check.schema.json, with and without a base, with
/// baselined, existing and suppressed findings; and the schema rejects what breaks it.
#[test]
fn check_json_validates_against_its_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/check.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let v = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors = |doc: &Value| -> Vec<String> {
        v.iter_errors(doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .take(5)
            .collect()
    };
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    over_fragment(&repo);
    write(
        &repo,
        "archsplit.toml",
        "[[suppress]]\nsubject = \"order-id\"\nreason = \"kept apart on purpose\"\n",
    );
    let bl = tmp.path().join("bl.txt");
    std::fs::write(&bl, "# archsplit baseline 1\n0123456789abcdef gone x\n").unwrap();
    let mut docs = Vec::new();
    for args in [
        CHECK_BASE_JSON.to_vec(),
        vec![
            "check",
            "--format",
            "json",
            "--baseline",
            bl.to_str().unwrap(),
        ],
        vec!["check", "--base", "HEAD", "--format", "json"],
    ] {
        let doc = json(&archsplit(&repo, tmp.path(), &args));
        let errs = errors(&doc);
        assert!(errs.is_empty(), "{args:?}: {errs:?}");
        docs.push(doc);
    }
    let statuses: std::collections::BTreeSet<String> = docs
        .iter()
        .flat_map(|d| d["findings"].as_array().unwrap().clone())
        .map(|f| f["status"].as_str().unwrap().to_string())
        .collect();
    assert!(
        statuses.contains("suppressed") && statuses.contains("new"),
        "{statuses:?}"
    );
    let mut bad = docs[0].clone();
    bad["summary"]["fail_on"] = "sometimes".into();
    assert!(!errors(&bad).is_empty());
    let mut bad = docs[0].clone();
    bad["findings"][0]["status"] = "ignored".into();
    assert!(!errors(&bad).is_empty());
    let mut bad = docs[0].clone();
    bad["extra"] = 1.into();
    assert!(!errors(&bad).is_empty());
}

/// The base's stages run beside the working tree's last ones (once the tree's facts are in
/// the shared parse cache): the same bytes on one thread or several, with a cache or none.
#[test]
fn a_cold_check_prints_the_same_bytes_on_any_thread_count_with_or_without_a_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = healthy_repo(tmp.path());
    over_fragment(&repo);
    let run = |name: &str, extra: &[&str]| {
        let cache = tmp.path().join(name);
        let mut args = CHECK_BASE_JSON.to_vec();
        if !extra.contains(&"--no-cache") {
            args.extend(["--cache-dir", cache.to_str().unwrap()]);
        }
        args.extend(extra);
        let out = archsplit(&repo, tmp.path(), &args);
        expect_code(&out, 1);
        out.stdout
    };
    let default = run("a", &[]);
    assert_eq!(run("b", &["-j", "1"]), default);
    assert_eq!(run("c", &["-j", "2"]), default);
    assert_eq!(run("d", &["--no-cache"]), default);
    assert_eq!(run("e", &["--no-cache", "-j", "1"]), default);
}
