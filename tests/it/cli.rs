//! The command line as a user meets it: exit codes, error lines, output files, formats.

use crate::support::{archsplit, expect_code, stdout, testdata};

#[test]
fn missing_path_is_one_line_and_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = archsplit(tmp.path(), tmp.path(), &["graph", "no/such/dir"]);
    expect_code(&out, 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no/such/dir"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn directory_without_rust_code_is_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "no code here").unwrap();
    let out = archsplit(tmp.path(), tmp.path(), &["graph", "."]);
    expect_code(&out, 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no Rust code"), "{err}");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let tmp = tempfile::tempdir().unwrap();
    expect_code(
        &archsplit(tmp.path(), tmp.path(), &["graph", "--format", "xml"]),
        2,
    );
    expect_code(&archsplit(tmp.path(), tmp.path(), &["frobnicate"]), 2);
    let help = archsplit(tmp.path(), tmp.path(), &["graph", "--help"]);
    expect_code(&help, 0);
    assert!(stdout(&help).contains("--format"));
}

/// Every misuse is refused before any work, in one line that says what is wrong and where to
/// read more (exit 2).
#[test]
fn misuse_is_refused_in_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = testdata().join("sizes");
    let ws = ws.to_str().unwrap();
    for (args, says) in [
        (
            vec!["analyze", ws, "--since", "2024-02-30"],
            "not a date of the calendar",
        ),
        (vec!["analyze", ws, "--since", "yesterday"], "YYYY-MM-DD"),
        (vec!["analyze", ws, "--resolution", "1e308"], "at most 1000"),
        (vec!["analyze", ws, "--resolution", "-1"], "above 0"),
        (vec!["analyze", ws, "--resolution", "NaN"], "above 0"),
        (
            vec!["analyze", ws, "--kernel-share", "-0.5"],
            "between 0 and 1",
        ),
        (vec!["graph", ws, "-j", "0"], "at least 1"),
        (
            vec!["graph", ws, "--cache-dir", "x", "--no-cache"],
            "cannot be used with",
        ),
        (vec!["graph", ws, "--cache-dir", ""], "empty path"),
        (vec!["graph", ws, "--exclude", ""], "names no path"),
        (vec!["graph", ws, "--exclude", "."], "names no path"),
        (vec!["graph", ws, "--exclude", ".."], "leaves PATH"),
        (vec!["graph", ws, "--exclude", "a/../../b"], "leaves PATH"),
        (vec!["graph", ws, "--exclude", "/etc"], "absolute"),
        (vec!["graph", ws, "--format", "xml"], "possible values"),
        (vec!["graph", ws, "--bogus"], "unexpected argument"),
        (vec!["frobnicate"], "unrecognized subcommand"),
    ] {
        let out = archsplit(tmp.path(), tmp.path(), &args);
        expect_code(&out, 2);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("archsplit: error: "), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?} should say {says:?}: {err}");
        assert!(
            err.contains("--help"),
            "{args:?}: no pointer to the help: {err}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

/// `--no-cache` wins over a cache directory set in the environment (as CI sets it), and far
/// more threads than cores run as one per core with the same output.
#[test]
fn no_cache_overrides_the_environment_and_jobs_are_capped() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = testdata().join("sizes");
    let ws = ws.to_str().unwrap();
    let plain = archsplit(tmp.path(), tmp.path(), &["graph", ws, "--no-cache"]);
    expect_code(&plain, 0);
    let many = archsplit(
        tmp.path(),
        tmp.path(),
        &["graph", ws, "--no-cache", "-j", "10000"],
    );
    expect_code(&many, 0);
    assert_eq!(plain.stdout, many.stdout);
}

/// A `--since` past 2099 reads no commit (git's own date parser would read them all).
#[test]
fn since_far_in_the_future_reads_no_commit() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    crate::support::copy_dir(&testdata().join("sizes"), &repo);
    crate::support::git_as(&repo, "Ann", "2024-03-01T10:00:00Z", &["init", "-q"]);
    crate::support::git_as(&repo, "Ann", "2024-03-01T10:00:00Z", &["add", "."]);
    crate::support::git_as(
        &repo,
        "Ann",
        "2024-03-01T10:00:00Z",
        &["commit", "-qm", "one"],
    );
    for (since, commits) in [("2100-01-01", 0), ("2024-01-01", 1)] {
        let out = archsplit(
            &repo,
            tmp.path(),
            &["analyze", ".", "--format", "json", "--since", since],
        );
        expect_code(&out, 0);
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let history = &json["summary"]["history"];
        assert_eq!(
            history["commits_read"], commits,
            "--since {since}: {history}"
        );
    }
}

#[test]
fn output_file_receives_the_report_and_stdout_stays_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("graph.mmd");
    let dir = testdata().join("modtree");
    let out = archsplit(
        &dir,
        tmp.path(),
        &[
            "graph",
            ".",
            "--format",
            "mermaid",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    expect_code(&out, 0);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.is_empty(),
        "no progress bar when stderr is not a terminal"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("flowchart LR\n"));
    assert!(text.contains("[\"modtree::a::b\"]"));
    assert!(text.contains("-->|"));
}

#[test]
fn runs_as_a_cargo_subcommand() {
    let dir = testdata().join("modtree");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cargo-archsplit"))
        .args(["archsplit", "graph", "."])
        .current_dir(&dir)
        .env("ARCHSPLIT_CACHE_DIR", crate::support::cache_dir())
        .output()
        .unwrap();
    expect_code(&out, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["schema_version"], 2);
    // Help and errors name the command as the user typed it.
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_cargo-archsplit"))
        .args(["archsplit", "--help"])
        .output()
        .unwrap();
    expect_code(&help, 0);
    assert!(stdout(&help).contains("Usage: cargo archsplit [OPTIONS] <COMMAND>"));
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_cargo-archsplit"))
        .args(["archsplit", "graph", "--bogus"])
        .output()
        .unwrap();
    expect_code(&bad, 2);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("see `cargo archsplit graph --help`"));
}

/// Completion scripts for every shell clap knows, and man pages, from the clap definitions.
#[test]
fn completions_and_man_pages() {
    let tmp = tempfile::tempdir().unwrap();
    for (shell, mark) in [
        ("bash", "complete -F _archsplit"),
        ("zsh", "#compdef archsplit"),
        ("fish", "complete -c archsplit"),
        ("elvish", "archsplit"),
        ("powershell", "archsplit"),
    ] {
        let out = archsplit(tmp.path(), tmp.path(), &["completions", shell]);
        expect_code(&out, 0);
        let text = stdout(&out);
        assert!(text.contains(mark), "{shell}");
        assert!(
            text.contains("resolution"),
            "{shell}: options of the commands"
        );
    }
    let out = archsplit(tmp.path(), tmp.path(), &["man"]);
    expect_code(&out, 0);
    assert!(stdout(&out).contains(".TH archsplit 1"));
    let out = archsplit(tmp.path(), tmp.path(), &["man", "analyze"]);
    expect_code(&out, 0);
    assert!(stdout(&out).contains(".TH archsplit-analyze 1"));
    assert!(stdout(&out).contains("resolution"));
    expect_code(&archsplit(tmp.path(), tmp.path(), &["man", "nope"]), 2);
}

/// `-q` leaves stderr empty on a run that would print a note (no history to weigh the
/// clustering with), and the report is unchanged.
#[test]
fn quiet_prints_only_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = testdata().join("sizes");
    let ws = ws.to_str().unwrap();
    let args = ["analyze", ws, "--signals", "history", "--format", "json"];
    let loud = archsplit(tmp.path(), tmp.path(), &args);
    expect_code(&loud, 0);
    assert!(
        !loud.stderr.is_empty(),
        "the note this test relies on is gone"
    );
    let mut q = args.to_vec();
    q.push("-q");
    let quiet = archsplit(tmp.path(), tmp.path(), &q);
    expect_code(&quiet, 0);
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), "");
    assert_eq!(loud.stdout, quiet.stdout);
}

#[test]
fn broken_input_is_reported_and_the_rest_is_analyzed() {
    let dir = testdata().join("broken");
    let out = archsplit(&dir, &dir, &["graph", "."]);
    expect_code(&out, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    for code in ["parse-error", "missing-module", "orphan-file"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    for d in json["diagnostics"].as_array().unwrap() {
        assert!(
            d["file"].as_str().unwrap().starts_with("src/"),
            "relative file: {d}"
        );
    }
    // The modules around the broken ones are still there, with their edges.
    let deps = json["dependencies"].as_array().unwrap();
    assert!(deps
        .iter()
        .any(|d| d["from"] == "broken::good" && d["to"] == "broken::uses_broken"));
}

#[test]
fn cached_runs_print_the_same_bytes_and_survive_a_corrupt_cache() {
    let cache = tempfile::tempdir().unwrap();
    let dir = testdata().join("broken");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "analyze",
            ".",
            "--format",
            "json",
            "--cache-dir",
            cache.path().to_str().unwrap(),
        ];
        args.extend(extra);
        let out = archsplit(&dir, &dir, &args);
        expect_code(&out, 0);
        stdout(&out)
    };
    let uncached = archsplit(
        &dir,
        &dir,
        &["analyze", ".", "--format", "json", "--no-cache"],
    );
    expect_code(&uncached, 0);
    let cold = stdout(&uncached);
    assert_eq!(run(&[]), cold, "first run, filling the cache");
    assert_eq!(run(&[]), cold, "warm run");
    // Corrupt every entry: they are ignored and rewritten.
    let mut n = 0;
    for e in walk(cache.path()) {
        std::fs::write(&e, b"not a cache entry").unwrap();
        n += 1;
    }
    assert!(n > 0, "the cache was filled");
    assert_eq!(run(&[]), cold, "after corruption");
    assert_eq!(run(&[]), cold, "rewritten");
}

#[test]
fn concurrent_runs_share_one_cache_safely() {
    let cache = tempfile::tempdir().unwrap();
    let dirs = ["broken", "three-communities", "hub", "renamed-crates"];
    let args = |dir: &str| {
        let d = testdata().join(dir);
        (
            d,
            vec![
                "analyze".to_string(),
                ".".into(),
                "--format".into(),
                "json".into(),
                "--no-history".into(),
                "--cache-dir".into(),
                cache.path().to_string_lossy().into_owned(),
            ],
        )
    };
    let expected: Vec<Vec<u8>> = dirs
        .iter()
        .map(|d| {
            let (dir, _) = args(d);
            archsplit(
                &dir,
                &dir,
                &[
                    "analyze",
                    ".",
                    "--format",
                    "json",
                    "--no-history",
                    "--no-cache",
                ],
            )
            .stdout
        })
        .collect();
    // Three rounds of all four workspaces at once, writing the same pack.
    for _ in 0..3 {
        let children: Vec<_> = dirs
            .iter()
            .map(|d| {
                let (dir, a) = args(d);
                std::process::Command::new(env!("CARGO_BIN_EXE_archsplit"))
                    .args(&a)
                    .current_dir(&dir)
                    .env_remove("CARGO")
                    .stdout(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for (child, want) in children.into_iter().zip(&expected) {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success());
            assert_eq!(&out.stdout, want);
        }
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// `-o FILE` picks the format its extension names when `--format` is not given; an explicit
/// `--format` wins.
#[test]
fn output_extension_picks_the_format() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = testdata().join("sizes");
    let ws = ws.to_str().unwrap();
    for (args, file, starts) in [
        (vec!["analyze", ws], "r.html", "<!DOCTYPE html>"),
        (vec!["analyze", ws], "r.json", "{"),
        (vec!["analyze", ws, "--format", "json"], "r.html", "{"),
        (vec!["graph", ws], "g.dot", "digraph"),
        (vec!["graph", ws], "g.mmd", "flowchart"),
    ] {
        let out_path = tmp.path().join(file);
        let mut args = args.clone();
        args.extend(["-o", out_path.to_str().unwrap()]);
        let out = archsplit(tmp.path(), tmp.path(), &args);
        expect_code(&out, 0);
        let text = std::fs::read_to_string(&out_path).unwrap();
        assert!(
            text.trim_start().starts_with(starts),
            "{args:?}: {}",
            &text[..text.len().min(80)]
        );
    }
}

/// Colour only where asked: `--color always` paints the verdict and recommendations,
/// `never` and NO_COLOR (with auto) leave plain text; piped output is plain by default.
#[test]
fn colour_follows_the_flag_and_no_color() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = testdata().join("three-communities");
    let ws = ws.to_str().unwrap();
    let esc = |o: &std::process::Output| o.stdout.contains(&0x1b);
    let always = archsplit(
        tmp.path(),
        tmp.path(),
        &["analyze", ws, "--color", "always"],
    );
    expect_code(&always, 0);
    assert!(esc(&always), "--color always");
    assert!(stdout(&always).contains("Verdict: \x1b[1;"));
    for args in [vec!["analyze", ws], vec!["analyze", ws, "--color", "never"]] {
        let out = archsplit(tmp.path(), tmp.path(), &args);
        assert!(!esc(&out), "{args:?}");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_archsplit"))
        .args(["rules", "--color", "auto"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!esc(&out));
}

/// `COLUMNS` sets the width of tables and wrapped text alike; `--all` shows every row.
#[test]
fn width_and_all_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = testdata().join("three-communities");
    let ws = ws.to_str().unwrap();
    for cols in [60usize, 80, 140] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_archsplit"))
            .args(["analyze", ws, "--no-history"])
            .env("COLUMNS", cols.to_string())
            .env("ARCHSPLIT_CACHE_DIR", crate::support::cache_dir())
            .output()
            .unwrap();
        expect_code(&out, 0);
        let text = stdout(&out);
        let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest <= cols, "COLUMNS={cols}: a line of {widest}");
        // No name is broken across lines: every module path of the wide report is whole
        // in the narrow one (tables too narrow for their words become records).
        let wide = std::process::Command::new(env!("CARGO_BIN_EXE_archsplit"))
            .args(["analyze", ws, "--no-history"])
            .env("COLUMNS", "200")
            .env("ARCHSPLIT_CACHE_DIR", crate::support::cache_dir())
            .output()
            .unwrap();
        for word in stdout(&wide).split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
            if word.matches("::").count() >= 2 && !word.ends_with(':') {
                assert!(
                    text.contains(word),
                    "COLUMNS={cols}: `{word}` broken or lost"
                );
            }
        }
    }
    // The sizes fixture has more crates than a table shows by default? Use the row cap of
    // the crates table on a generated workspace of 30 crates.
    let root = tmp.path().join("many");
    let mut members = Vec::new();
    for i in 0..30 {
        let name = format!("c{i:02}");
        crate::support::write(
            &root,
            &format!("{name}/Cargo.toml"),
            &format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
        );
        crate::support::write(&root, &format!("{name}/src/lib.rs"), "pub fn f() {}\n");
        members.push(format!("\"{name}\""));
    }
    crate::support::write(
        &root,
        "Cargo.toml",
        &format!("[workspace]\nmembers = [{}]\n", members.join(", ")),
    );
    let r = root.to_str().unwrap();
    let short = stdout(&archsplit(
        tmp.path(),
        tmp.path(),
        &["analyze", r, "--no-history"],
    ));
    assert!(
        short.contains("... 5 smaller crates not shown: the 25 largest by lines of code"),
        "{short}"
    );
    let all = stdout(&archsplit(
        tmp.path(),
        tmp.path(),
        &["analyze", r, "--no-history", "--all"],
    ));
    assert!(all.contains("│ c29"), "{all}");
    assert!(!all.contains("not shown"));
}

/// Every report of the fixtures speaks plainly: plurals agree with their numbers, no
/// `(s)` or `entr(y/ies)`, no `1 modules`.
#[test]
fn reports_have_right_plurals() {
    let tmp = tempfile::tempdir().unwrap();
    let nouns = [
        "modules",
        "crates",
        "commits",
        "lines",
        "references",
        "findings",
        "errors",
        "warnings",
        "notes",
        "clusters",
        "targets",
        "authors",
        "entries",
        "diagnostics",
        "edges",
    ];
    for case in [
        "three-communities",
        "crate-family",
        "over-fragmented",
        "sizes",
        "broken",
    ] {
        let ws = testdata().join(case);
        let ws = ws.to_str().unwrap();
        for args in [
            vec!["analyze", ws],
            vec!["check", ws, "--format", "human"],
            vec!["check", ws, "--format", "markdown"],
            vec!["check", ws, "--format", "github"],
            vec!["rules"],
        ] {
            let text = stdout(&archsplit(tmp.path(), tmp.path(), &args));
            assert!(!text.contains("(s)"), "{args:?}: (s) in\n{text}");
            assert!(!text.contains("entr(y"), "{args:?}");
            for noun in nouns {
                for pre in [" 1 ", "(1 ", "\n1 "] {
                    assert!(
                        !text.contains(&format!("{pre}{noun}")),
                        "{args:?}: `1 {noun}` in\n{text}"
                    );
                }
            }
        }
    }
}

/// cargo's answer is cached by the manifests *and* the files its target discovery looks at:
/// a `src/lib.rs` that becomes `src/main.rs`, or a new `src/bin/x.rs`, with the manifest
/// unchanged, is seen on the next run.
#[test]
fn cached_cargo_metadata_follows_the_target_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pkg");
    crate::support::write(
        &dir,
        "Cargo.toml",
        "[package]\nname = \"pkg\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    crate::support::write(&dir, "src/lib.rs", "pub fn f() {}\n");
    let cache = tmp.path().join("cache");
    let targets = || {
        let out = archsplit(
            &dir,
            tmp.path(),
            &[
                "graph",
                ".",
                "--format",
                "json",
                "--cache-dir",
                cache.to_str().unwrap(),
            ],
        );
        expect_code(&out, 0);
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let mut t: Vec<String> = v["modules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["path"].as_str().unwrap().to_string())
            .collect();
        t.sort();
        t
    };
    assert_eq!(targets(), vec!["pkg"]);
    std::fs::rename(dir.join("src/lib.rs"), dir.join("src/main.rs")).unwrap();
    crate::support::write(&dir, "src/bin/tool.rs", "fn main() {}\n");
    let now = targets();
    assert!(now.iter().any(|t| t == "tool"), "{now:?}");
    assert!(now.iter().any(|t| t.starts_with("pkg")), "{now:?}");
}
