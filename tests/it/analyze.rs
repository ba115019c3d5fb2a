//! `archsplit analyze` on fixtures with a known answer: the clusters, the cycle constraint,
//! the shared kernel, and the names CI scripts read.

use serde_json::Value;

use crate::support::{archsplit, expect_code, stdout, testdata};

fn analyze(case: &str, extra: &[&str]) -> Value {
    let dir = testdata().join(case);
    let mut args = vec!["analyze", ".", "--format", "json", "--no-history"];
    args.extend(extra);
    let out = archsplit(&dir, &dir, &args);
    expect_code(&out, 0);
    serde_json::from_str(&stdout(&out)).expect("analyze prints JSON")
}

/// Module path → cluster id (None for the kernel).
fn clusters(v: &Value) -> std::collections::BTreeMap<String, Option<u64>> {
    v["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["path"].as_str().unwrap().to_string(),
                m["cluster"].as_u64(),
            )
        })
        .collect()
}

#[test]
fn three_communities_joined_by_thin_edges_are_three_clusters() {
    let v = analyze("three-communities", &[]);
    let c = clusters(&v);
    assert_eq!(v["summary"]["clusters"], 3);
    for group in ["billing", "catalog", "shipping"] {
        let ids: std::collections::BTreeSet<_> = c
            .iter()
            .filter(|(p, _)| p.starts_with(&format!("three_communities::{group}")))
            .map(|(_, id)| *id)
            .collect();
        assert_eq!(ids.len(), 1, "{group} is split: {ids:?}");
    }
    assert_ne!(
        c["three_communities::billing::tax"],
        c["three_communities::catalog::stock"]
    );
    assert_ne!(
        c["three_communities::catalog::stock"],
        c["three_communities::shipping::route"]
    );
    assert!(v["summary"]["modularity"].as_f64().unwrap() > 0.5);
    assert!(
        v["summary"]["mojofm_vs_crates"].as_f64().unwrap() < 100.0,
        "one crate, three clusters"
    );
}

#[test]
fn modules_of_one_cycle_share_a_cluster() {
    let v = analyze("cycle-across-groups", &[]);
    let c = clusters(&v);
    assert_eq!(
        c["cycle_across_groups::auth::session"],
        c["cycle_across_groups::orders::checkout"]
    );
    assert_eq!(
        c["cycle_across_groups::orders::cart"],
        c["cycle_across_groups::orders::refund"]
    );
    assert_ne!(
        c["cycle_across_groups::auth::login"],
        c["cycle_across_groups::orders::cart"]
    );
    let cycles = v["cycles"].as_array().unwrap();
    assert_eq!(cycles.len(), 1);
    assert_eq!(
        cycles[0]["members"],
        serde_json::json!([
            "cycle_across_groups::auth::session",
            "cycle_across_groups::orders::checkout"
        ])
    );
    assert_eq!(cycles[0]["closing_edges"].as_array().unwrap().len(), 1);
    // Whatever the granularity, the cycle is never cut.
    for r in ["0.01", "1", "50"] {
        let c = clusters(&analyze("cycle-across-groups", &["--resolution", r]));
        assert_eq!(
            c["cycle_across_groups::auth::session"], c["cycle_across_groups::orders::checkout"],
            "resolution {r}"
        );
    }
}

#[test]
fn a_module_everything_uses_is_the_shared_kernel() {
    let v = analyze("hub", &[]);
    let c = clusters(&v);
    assert_eq!(c["hub::util"], None, "the hub is kept out of the clusters");
    assert_eq!(v["kernel"][0]["module"], "hub::util");
    assert_eq!(v["kernel"][0]["users"], 6);
    assert_ne!(c["hub::alpha::a1"], c["hub::beta::b1"]);
    assert_eq!(c["hub::alpha::a1"], c["hub::alpha::a3"]);
    // Without a kernel the hub joins a cluster.
    let all = clusters(&analyze("hub", &["--kernel-share", "1"]));
    assert!(all["hub::util"].is_some());
}

#[test]
fn clusters_flag_reaches_the_asked_count() {
    let v = analyze("three-communities", &["--clusters", "1"]);
    assert_eq!(v["summary"]["clusters"], 1);
    assert_eq!(v["summary"]["clustering"]["criterion"], "clusters");
}

#[test]
fn json_keeps_the_names_ci_scripts_read() {
    let v = analyze("renamed-crates", &[]);
    assert_eq!(v["schema_version"], 2);
    for key in [
        "modularity",
        "turbo_mq",
        "icp",
        "structural_modularity",
        "ifn",
        "ned",
        "cut_weight",
        "mojofm_vs_crates",
        "ari_vs_crates",
        "clusters",
    ] {
        assert!(v["summary"][key].is_number(), "summary.{key}");
    }
    let m = &v["modules"][0];
    assert!(m.get("cluster").is_some() && m["metrics"]["instability"].is_number());
    let cl = &v["clusters"][0];
    assert!(
        cl["id"].is_number() && cl["modules"].is_array() && cl["metrics"]["cohesion"].is_number()
    );
    assert!(v["cycles"].is_array() && v["kernel"].is_array());
    // Every module's cluster id names a cluster.
    let ids: Vec<u64> = v["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_u64().unwrap())
        .collect();
    for (_, id) in clusters(&v) {
        if let Some(id) = id {
            assert!(ids.contains(&id));
        }
    }
}

#[test]
fn table_is_the_default_and_is_readable() {
    let dir = testdata().join("three-communities");
    let out = archsplit(&dir, &dir, &["analyze"]);
    expect_code(&out, 0);
    let text = stdout(&out);
    assert!(text.starts_with("Summary\n"));
    assert!(text.contains("\nClusters\n"));
    assert!(text.contains("three_communities::catalog"));
}

#[test]
fn well_split_domains_are_recovered_with_tests_and_tooling_left_out() {
    let v = analyze("well-split", &[]);
    let c = clusters(&v);
    assert_eq!(v["summary"]["clusters"], 3);
    assert_eq!(v["summary"]["mojofm_vs_crates"], 100.0);
    // Each domain crate is one cluster, its root of a few lines included (billing's root
    // re-exports a catalog type: one reference does not pull it into catalog's cluster).
    for krate in ["billing", "catalog", "shipping"] {
        let ids: std::collections::BTreeSet<_> = c
            .iter()
            .filter(|(p, _)| *p == krate || p.starts_with(&format!("{krate}::")))
            .map(|(_, id)| *id)
            .collect();
        assert_eq!(ids.len(), 1, "{krate} is split: {ids:?}");
        assert!(ids.iter().all(Option::is_some), "{krate} is clustered");
    }
    for cl in v["clusters"].as_array().unwrap() {
        assert!(cl["modules"].as_array().unwrap().len() > 1, "{cl}");
        assert!(cl["metrics"]["loc"].as_u64().unwrap() > 0);
        assert_eq!(cl["standalone"], false);
    }
    // The xtask and the tests crate are left out of the clusters, listed with why.
    assert_eq!(
        v["excluded"],
        serde_json::json!([
            {"module": "integration_tests", "crate": "integration-tests", "reason": "outside-product",
             "role": "test-support", "evidence": "its name has `tests`"},
            {"module": "xtask", "crate": "xtask", "reason": "outside-product", "role": "tooling",
             "evidence": "it lives under `xtask/`; no product crate depends on it"},
        ])
    );
    let status = |p: &str| {
        v["modules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["path"] == p)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status("xtask"), "excluded");
    assert_eq!(status("billing"), "clustered");
    assert_eq!(v["summary"]["clustering"]["scope"], "product");
    assert_eq!(v["summary"]["clustering"]["excluded_modules"], 2);
    // Left out, the tests and tooling no longer make the catalog's types the kernel.
    assert_eq!(v["kernel"], serde_json::json!([]));

    // --include-tests clusters them again.
    let all = analyze("well-split", &["--include-tests"]);
    assert_eq!(all["summary"]["clustering"]["scope"], "all");
    assert_eq!(all["excluded"], serde_json::json!([]));
    let c = clusters(&all);
    assert!(c["xtask"].is_some() && c["integration_tests"].is_some());
    // ... and, using the catalog from everywhere, they make its price and product types the
    // shared kernel, as before the product was told apart.
    let kernel: Vec<&str> = all["kernel"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["module"].as_str().unwrap())
        .collect();
    assert_eq!(kernel, ["catalog::price", "catalog::product"]);
}

#[test]
fn no_cluster_is_empty_and_a_single_module_stands_only_alone() {
    for case in [
        "cycle-across-groups",
        "god-module",
        "healthy-split",
        "hub",
        "hybrid-split",
        "modular-monolith",
        "over-fragmented",
        "reexports",
        "renamed-crates",
        "roles",
        "sizes",
        "three-communities",
        "well-split",
    ] {
        for r in [None, Some("0.05"), Some("1"), Some("8"), Some("50")] {
            let extra: Vec<&str> = r.map_or(vec![], |r| vec!["--resolution", r]);
            let v = analyze(case, &extra);
            for cl in v["clusters"].as_array().unwrap() {
                assert!(
                    cl["metrics"]["loc"].as_u64().unwrap() > 0,
                    "{case} {r:?}: cluster {} has no code",
                    cl["id"]
                );
                let ms = cl["modules"].as_array().unwrap();
                // A crate of one module is a unit its authors chose; it may stand as a cluster.
                let crate_root = !ms[0].as_str().unwrap().contains("::");
                if ms.len() == 1 && !crate_root {
                    assert_eq!(
                        cl["standalone"], true,
                        "{case} {r:?}: cluster {} is a connected singleton",
                        cl["id"]
                    );
                }
            }
            // The modules of a cycle share a cluster.
            let c = clusters(&v);
            for cy in v["cycles"].as_array().unwrap() {
                let ids: std::collections::BTreeSet<_> = cy["members"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| c[m.as_str().unwrap()])
                    .collect();
                assert_eq!(ids.len(), 1, "{case} {r:?}: a cycle is cut");
            }
        }
    }
}

/// The text report of `analyze` on a directory.
fn text(dir: &std::path::Path, extra: &[&str]) -> String {
    let mut args = vec!["analyze", ".", "--no-history", "--no-cache"];
    args.extend(extra);
    let out = archsplit(dir, dir, &args);
    expect_code(&out, 0);
    stdout(&out)
}

/// The crate names of the crates table, in the order shown.
fn crates_table(text: &str) -> Vec<String> {
    let table = text.split("\nCrates\n").nth(1).unwrap();
    table
        .lines()
        .skip(3)
        .take_while(|l| l.starts_with('│'))
        .filter_map(|l| l.trim_start_matches('│').split('┆').next())
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

#[test]
fn a_cut_crates_table_shows_the_largest_crates_first_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let mut members = Vec::new();
    // 27 crates; c00 is the smallest, c26 the largest: name order is size order reversed.
    for i in 0..27 {
        let name = format!("c{i:02}");
        let body: String = (0..=i).map(|k| format!("pub fn f{k}() {{}}\n")).collect();
        crate::support::write(
            root,
            &format!("{name}/Cargo.toml"),
            &format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
        );
        crate::support::write(root, &format!("{name}/src/lib.rs"), &body);
        members.push(format!("\"{name}\""));
    }
    crate::support::write(
        root,
        "Cargo.toml",
        &format!("[workspace]\nmembers = [{}]\n", members.join(", ")),
    );
    let short = text(root, &[]);
    let shown = crates_table(&short);
    let largest: Vec<String> = (2..27).rev().map(|i| format!("c{i:02}")).collect();
    assert_eq!(shown, largest, "{short}");
    assert!(
        short.contains("... 2 smaller crates not shown: the 25 largest by lines of code are listed, largest first"),
        "{short}"
    );
    let all = text(root, &["--all"]);
    let every: Vec<String> = (0..27).map(|i| format!("c{i:02}")).collect();
    assert_eq!(crates_table(&all), every, "--all keeps name order");
    assert!(!all.contains("not shown"));
}

#[test]
fn agreement_with_one_crate_is_not_a_figure_in_the_text() {
    let dir = testdata().join("three-communities");
    let t = text(&dir, &[]);
    assert!(t.contains("agreement with crates ┆ n/a: one crate"), "{t}");
    assert!(!t.contains("MoJoFM"), "{t}");
    // The JSON keeps its fields (numbers), documented as meaningless here.
    let v = analyze("three-communities", &[]);
    assert!(v["summary"]["mojofm_vs_crates"].is_number());
    assert!(v["summary"]["ari_vs_crates"].is_number());
    // Several crates: the figures.
    let t = text(&testdata().join("well-split"), &[]);
    assert!(t.contains("MoJoFM "), "{t}");
}

#[test]
fn diagnostics_are_listed_in_the_text_report() {
    let dir = testdata().join("broken");
    let t = text(&dir, &[]);
    let d = t
        .split("\nDiagnostics (")
        .nth(1)
        .expect("a Diagnostics section");
    assert!(d.starts_with("4 problems about the input"), "{d}");
    assert!(d.contains("  parse-error (error): 2\n"), "{d}");
    assert!(
        d.contains("    src/lib.rs:4: file not found for module `missing`"),
        "{d}"
    );
    assert!(
        d.contains("    src/orphan.rs: no module declaration reaches this file"),
        "{d}"
    );
    assert!(!t.contains("see --format json"), "{t}");
}

#[test]
fn a_kind_of_diagnostic_shows_its_first_few_and_all_of_them_with_all() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    crate::support::write(
        root,
        "Cargo.toml",
        "[package]\nname = \"orphans\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    crate::support::write(root, "src/lib.rs", "pub fn f() {}\n");
    for i in 0..5 {
        crate::support::write(root, &format!("src/o{i}.rs"), "pub fn g() {}\n");
    }
    let short = text(root, &[]);
    assert!(short.contains("  orphan-file (warning): 5\n"), "{short}");
    assert!(short.contains("    src/o2.rs: "), "{short}");
    assert!(!short.contains("    src/o3.rs: "), "{short}");
    assert!(
        short.contains("    ... 2 more (--all shows every one"),
        "{short}"
    );
    let all = text(root, &["--all"]);
    assert!(all.contains("    src/o4.rs: "), "{all}");
    assert!(!all.contains("more (--all"), "{all}");
}
