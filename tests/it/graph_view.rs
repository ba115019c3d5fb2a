//! `archsplit graph` views: `--level crate`, `--focus NAME --depth N`, the unknown name, and
//! what Mermaid and Graphviz can draw. The goldens of `--level crate` and `--focus` as JSON
//! and DOT are variants in golden.rs.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::golden::check;
use crate::support::{archsplit, expect_code, stdout, testdata, write};

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    archsplit(dir, dir, args)
}

/// The module paths a JSON view lists.
fn modules(doc: &Value) -> BTreeSet<String> {
    doc["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["path"].as_str().unwrap().to_string())
        .collect()
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["graph", ".", "--format", "json"];
    all.extend(args);
    let o = run(dir, &all);
    expect_code(&o, 0);
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// One package of `n` modules, `m0` … `m{n-1}`, each calling every other one: n·(n−1) edges.
fn dense(dir: &Path, n: usize, name_len: usize) -> Vec<String> {
    write(
        dir,
        "Cargo.toml",
        "[package]\nname = \"dense\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    let names: Vec<String> = (0..n)
        .map(|i| {
            let stem = format!("m{i}_");
            format!("{stem}{}", "x".repeat(name_len.saturating_sub(stem.len())))
        })
        .collect();
    let lib: String = names.iter().map(|m| format!("pub mod {m};\n")).collect();
    write(dir, "src/lib.rs", &lib);
    for (i, m) in names.iter().enumerate() {
        let calls: String = if name_len > 40 {
            String::new()
        } else {
            names
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, o)| format!("    crate::{o}::f();\n"))
                .collect()
        };
        write(
            dir,
            &format!("src/{m}.rs"),
            &format!("pub fn f() {{}}\npub fn g() {{\n{calls}}}\n"),
        );
    }
    names
}

#[test]
fn mermaid_at_crate_level_matches_its_golden_file() {
    let dir = testdata().join("hybrid-split");
    let o = run(
        &dir,
        &["graph", ".", "--format", "mermaid", "--level", "crate"],
    );
    expect_code(&o, 0);
    let golden = testdata().join("hybrid-split.crate.graph.mmd");
    if let Some(f) = check(&golden, &stdout(&o)) {
        panic!("{f}\n(re-bless with ARCHSPLIT_BLESS=1 after checking)");
    }
}

#[test]
fn focus_keeps_the_neighbourhood_within_depth_hops_both_ways() {
    let dir = testdata().join("hybrid-split");
    let api = "ledger::ledger_core::ledger_api";
    // Depth 0: the module alone, no dependency.
    let d0 = json(&dir, &["--focus", api, "--depth", "0"]);
    assert_eq!(modules(&d0), BTreeSet::from([api.to_string()]));
    assert_eq!(d0["dependencies"].as_array().unwrap().len(), 0);
    assert_eq!(d0["view"]["level"], "module");
    assert_eq!(d0["view"]["depth"], 0);
    // Depth 1 (the default): what it uses and what uses it, both directions.
    let d1 = json(&dir, &["--focus", api]);
    let m1 = modules(&d1);
    assert!(m1.contains("ledger::ledger_core::ledger_logic"), "{m1:?}");
    assert!(
        m1.contains("storefront::storefront_core::storefront_api"),
        "a module using it is kept: {m1:?}"
    );
    assert!(!m1.contains("audit_log"), "two hops away: {m1:?}");
    assert_eq!(d1["view"]["depth"], 1);
    assert_eq!(d1["view"]["nodes"], m1.len());
    // Every dependency listed joins two modules of the view.
    for d in d1["dependencies"].as_array().unwrap() {
        assert!(m1.contains(d["from"].as_str().unwrap()) && m1.contains(d["to"].as_str().unwrap()));
    }
    // Depth 2 reaches further (ledger_store uses audit_log).
    let m2 = modules(&json(&dir, &["--focus", api, "--depth", "2"]));
    assert!(m2.is_superset(&m1) && m2.contains("audit_log"), "{m2:?}");
    // The same bytes from one thread.
    let a = run(&dir, &["graph", ".", "--focus", api, "--depth", "2"]);
    let b = run(
        &dir,
        &["graph", ".", "--focus", api, "--depth", "2", "-j", "1"],
    );
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn focus_on_a_crate_at_crate_level_keeps_its_neighbours() {
    let dir = testdata().join("hybrid-split");
    let doc = json(&dir, &["--level", "crate", "--focus", "ledger"]);
    let crates: BTreeSet<&str> = doc["crates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    // ledger uses audit-log and tax-rate; storefront uses ledger; catalog is two hops away.
    assert_eq!(
        crates,
        BTreeSet::from(["audit-log", "ledger", "storefront", "tax-rate"])
    );
    assert!(doc["modules"].as_array().unwrap().is_empty());
    assert_eq!(doc["view"]["level"], "crate");
    // A module path at crate level stands for its crate.
    let by_module = json(
        &dir,
        &[
            "--level",
            "crate",
            "--focus",
            "ledger::ledger_core::ledger_store",
        ],
    );
    assert_eq!(by_module["crates"], doc["crates"]);
    // The views validate against the schema.
    let v = crate::schema::validator();
    for d in [&doc, &by_module] {
        assert_eq!(crate::schema::errors(&v, d), Vec::<String>::new());
    }
    let whole = json(&dir, &[]);
    assert!(
        whole.get("view").is_none(),
        "no view key for the whole graph"
    );
}

#[test]
fn an_unknown_focus_is_one_line_naming_the_closest_names() {
    let dir = testdata().join("hybrid-split");
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("g.dot");
    let o = run(
        &dir,
        &[
            "graph",
            ".",
            "--format",
            "dot",
            "--focus",
            "ledger_stor",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    expect_code(&o, 2);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("`ledger_stor`") && err.contains("`ledger::ledger_core::ledger_store`"),
        "{err}"
    );
    assert!(!file.exists(), "no output file for a refused view");
    // --depth means nothing without --focus.
    let o = run(&dir, &["graph", ".", "--depth", "2"]);
    expect_code(&o, 2);
}

#[test]
fn mermaid_refuses_what_it_cannot_render_and_dot_stays_layable() {
    let work = tempfile::tempdir().unwrap();
    // 24 modules calling each other: 552 edges, past Mermaid's 500.
    let dir = work.path().join("dense");
    dense(&dir, 24, 0);
    let file = work.path().join("g.mmd");
    let o = run(
        &dir,
        &[
            "graph",
            ".",
            "--format",
            "mermaid",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    expect_code(&o, 2);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("552 edges is past what Mermaid renders (limit 500)")
            && err.contains("--level crate")
            && err.contains("--focus"),
        "{err}"
    );
    assert!(!file.exists(), "nothing written");
    // The crate level and a focus are small enough.
    let o = run(
        &dir,
        &["graph", ".", "--format", "mermaid", "--level", "crate"],
    );
    expect_code(&o, 0);
    let o = run(
        &dir,
        &[
            "graph",
            ".",
            "--format",
            "mermaid",
            "--focus",
            "dense::m3_",
            "--depth",
            "0",
        ],
    );
    expect_code(&o, 0);
    // A focus whose neighbourhood is still too big says how to narrow it.
    let o = run(
        &dir,
        &["graph", ".", "--format", "mermaid", "--focus", "dense::m3_"],
    );
    expect_code(&o, 2);
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("a smaller `--depth`"), "{err}");
    // DOT: past 300 edges the weights are xlabels (placed after layout) and a comment
    // suggests the overview.
    let o = run(&dir, &["graph", ".", "--format", "dot"]);
    expect_code(&o, 0);
    let dot = stdout(&o);
    assert!(
        dot.starts_with("// 25 modules, 552 edges: for an overview try `--level crate`"),
        "{}",
        &dot[..200]
    );
    assert!(dot.contains("[xlabel=\"") && !dot.contains("[label=\"1\""));

    // Few edges but long names: past Mermaid's 50,000 characters.
    let long = work.path().join("long");
    dense(&long, 320, 150);
    let o = run(&long, &["graph", ".", "--format", "mermaid"]);
    expect_code(&o, 2);
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("characters, past what Mermaid renders (limit 50,000)"),
        "{err}"
    );
}
