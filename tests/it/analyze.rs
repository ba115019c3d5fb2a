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
    assert!(text.contains("Clusters (candidate services)"));
    assert!(text.contains("three_communities::catalog"));
}
