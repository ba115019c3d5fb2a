//! Golden files: each folder of testdata/ is a fixture workspace; `testdata/<case>.graph.json`
//! and `.graph.dot` hold what `archsplit graph` prints for it. A golden file is a claim: read
//! each edge against the fixture before blessing. Re-bless with `ARCHSPLIT_BLESS=1 cargo test`.

use std::path::Path;

use crate::support::{archsplit, expect_code, marks_left, stdout, testdata};

/// Fixtures whose `archsplit analyze` output is golden too, as JSON and as the table.
const ANALYZED: &[&str] = &[
    "copied-files",
    "coupled-library",
    "crate-family",
    "cycle-across-groups",
    "cycle-steps",
    "god-module",
    "hub",
    "macro-library",
    "reexports",
    "renamed-crates",
    "roles",
    "sizes",
    "three-communities",
    "well-split",
];

/// Extra runs of a fixture with more flags: (case, variant name, flags).
const VARIANTS: &[(&str, &str, &[&str])] = &[
    ("cfg-test", "include-tests", &["--include-tests"]),
    // One node per package, edges summing the module references between them.
    ("hybrid-split", "crate", &["--level", "crate"]),
    // The module `ledger_api`, the modules it uses and those that use it.
    (
        "hybrid-split",
        "focus",
        &["--focus", "ledger::ledger_core::ledger_api"],
    ),
];

fn cases() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(testdata())
        .expect("testdata exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // Sources the fuzz test mutates, not a workspace.
        .filter(|name| name != "fuzz-seeds")
        .collect();
    v.sort();
    v
}

/// Compares `actual` with the golden file, or writes it when blessing. Returns a mismatch.
pub fn check(golden: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("ARCHSPLIT_BLESS").is_some() {
        std::fs::write(golden, actual).expect("write golden file");
        return None;
    }
    let expected = std::fs::read_to_string(golden).unwrap_or_default();
    if expected == actual {
        return None;
    }
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(expected.lines().count().min(actual.lines().count()));
    Some(format!(
        "{} differs at line {}:\n  expected: {}\n  actual:   {}",
        golden.display(),
        line + 1,
        expected.lines().nth(line).unwrap_or("<end>"),
        actual.lines().nth(line).unwrap_or("<end>")
    ))
}

#[test]
fn golden_graphs_match_and_no_planted_program_runs() {
    let marks = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let cases = cases();
    assert!(
        cases.len() >= 14,
        "expected the fixture workspaces in testdata/"
    );
    for case in &cases {
        let dir = testdata().join(case);
        let mut runs: Vec<(String, Vec<&str>)> = vec![(format!("{case}.graph"), vec![])];
        for (c, name, flags) in VARIANTS {
            if c == case {
                runs.push((format!("{case}.{name}.graph"), flags.to_vec()));
            }
        }
        for (stem, flags) in runs {
            for (format, ext) in [("json", "json"), ("dot", "dot")] {
                // Started inside the fixture, where a careless tool would pick up its
                // .cargo/config.toml and rust-toolchain.toml.
                let mut args = vec!["graph", ".", "--format", format];
                args.extend(&flags);
                let out = archsplit(&dir, marks.path(), &args);
                expect_code(&out, 0);
                let text = stdout(&out);
                if let Some(f) = check(&testdata().join(format!("{stem}.{ext}")), &text) {
                    failures.push(f);
                }
                if format == "json" {
                    // Discovery without cargo gives the same graph.
                    let mut no_cargo = args.clone();
                    no_cargo.push("--no-cargo");
                    let out2 = archsplit(&dir, marks.path(), &no_cargo);
                    expect_code(&out2, 0);
                    if stdout(&out2) != text {
                        failures.push(format!(
                            "{case}: --no-cargo output differs from cargo metadata discovery"
                        ));
                    }
                    // One thread or several: the same bytes.
                    let mut one = args.clone();
                    one.extend(["-j", "1"]);
                    if stdout(&archsplit(&dir, marks.path(), &one)) != text {
                        failures.push(format!("{case}: output differs with -j 1"));
                    }
                }
            }
        }
    }
    assert_eq!(
        marks_left(marks.path()),
        Vec::<String>::new(),
        "a program planted in a fixture ran"
    );
    assert!(
        failures.is_empty(),
        "{}\n(re-bless with ARCHSPLIT_BLESS=1 after checking)",
        failures.join("\n")
    );
}

#[test]
fn golden_analyses_match() {
    let marks = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for case in ANALYZED {
        let dir = testdata().join(case);
        for (format, ext) in [("json", "json"), ("table", "txt")] {
            let out = archsplit(
                &dir,
                marks.path(),
                &["analyze", ".", "--format", format, "--no-history"],
            );
            expect_code(&out, 0);
            let text = stdout(&out);
            if let Some(f) = check(&testdata().join(format!("{case}.analyze.{ext}")), &text) {
                failures.push(f);
            }
            if format == "json" {
                let one = archsplit(
                    &dir,
                    marks.path(),
                    &[
                        "analyze",
                        ".",
                        "--format",
                        format,
                        "-j",
                        "1",
                        "--no-history",
                    ],
                );
                if stdout(&one) != text {
                    failures.push(format!("{case}: analyze output differs with -j 1"));
                }
            }
        }
    }
    assert_eq!(
        marks_left(marks.path()),
        Vec::<String>::new(),
        "a program planted in a fixture ran"
    );
    assert!(
        failures.is_empty(),
        "{}\n(re-bless with ARCHSPLIT_BLESS=1 after checking)",
        failures.join("\n")
    );
}
