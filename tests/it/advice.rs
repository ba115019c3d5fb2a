//! Recommendations, verdicts and findings on the verdict fixtures (made by
//! testdata/verdicts.py), rule overrides, and the `rules` and `explain` commands.

use serde_json::Value;

use crate::support::{archsplit, copy_dir, expect_code, stdout, testdata};

fn analyze_dir(dir: &std::path::Path, extra: &[&str]) -> Value {
    let mut args = vec!["analyze", ".", "--format", "json", "--no-history"];
    args.extend(extra);
    let out = archsplit(dir, dir, &args);
    expect_code(&out, 0);
    serde_json::from_str(&stdout(&out)).expect("JSON")
}

fn analyze(case: &str) -> Value {
    analyze_dir(&testdata().join(case), &[])
}

fn warnings(v: &Value) -> Vec<&Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "over-fragmentation" && f["severity"] != "note")
        .collect()
}

fn recommendations(v: &Value) -> Vec<&str> {
    v["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["recommendation"].as_str().unwrap())
        .collect()
}

/// The clusters holding modules of `krate`.
fn clusters_of<'a>(v: &'a Value, krate: &str) -> Vec<&'a Value> {
    v["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["crates"].as_array().unwrap().iter().any(|k| k == krate))
        .collect()
}

#[test]
fn tangled_code_stays_a_monolith_because_of_its_cycle() {
    let v = analyze("tangled-monolith");
    assert_eq!(v["summary"]["verdict"], "monolith");
    let reason = &v["summary"]["verdict_reasons"][0];
    assert_eq!(reason["rule"], "tightly-coupled-codebase");
    assert_eq!(
        reason["metric"], "largest_cycle_share",
        "the cycle is the reason"
    );
    assert!(
        v["summary"]["rationale"]
            .as_str()
            .unwrap()
            .contains("cycle ties 12"),
        "{}",
        v["summary"]["rationale"]
    );
    assert!(
        recommendations(&v).iter().all(|r| *r == "monolith"),
        "the whole tangle is not a service to extract: {:?}",
        recommendations(&v)
    );
    // 66 edges close it and no ten cuts take a module out of it: no step pretends to.
    assert!(v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["kind"] != "break-cycle"
            || a["effect"]["cycle_modules"]["after"].as_u64()
                < a["effect"]["cycle_modules"]["before"].as_u64()));
    assert!(warnings(&v).is_empty());
}

#[test]
fn clear_but_small_domains_make_a_modular_monolith_of_module_boundaries() {
    let v = analyze("modular-monolith");
    assert_eq!(v["summary"]["verdict"], "modular-monolith");
    assert_eq!(v["summary"]["kind"], "application");
    let domains: Vec<&Value> = v["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["metrics"]["loc"].as_u64().unwrap() > 100)
        .collect();
    assert_eq!(domains.len(), 7, "one cluster per domain");
    for c in v["clusters"].as_array().unwrap() {
        assert_eq!(c["recommendation"], "module", "verdict and rows agree");
    }
    for c in domains {
        let r = &c["reasons"][0];
        assert_eq!(r["rule"], "too-small-for-a-service");
        assert!(r["value"].as_f64().unwrap() < r["threshold"].as_f64().unwrap());
    }
    assert!(
        v["summary"]["rationale"]
            .as_str()
            .unwrap()
            .contains("too small"),
        "the verdict says why: {}",
        v["summary"]["rationale"]
    );
    assert!(warnings(&v).is_empty());
}

/// The verdict's number of microservice candidates is data: `min_microservices` of
/// `microservice-candidate`, shown as the threshold of the verdict's reason.
#[test]
fn the_verdict_reads_min_microservices_from_the_rule() {
    let v = analyze("healthy-split");
    let reason = &v["summary"]["verdict_reasons"][0];
    assert_eq!(reason["rule"], "microservice-candidate");
    assert_eq!(reason["metric"], "microservices");
    assert_eq!(reason["threshold"], 2.0);
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("archsplit.toml");
    std::fs::write(
        &config,
        "[rules.microservice-candidate.thresholds]\nmin_microservices = 4\n",
    )
    .unwrap();
    let v = analyze_dir(
        &testdata().join("healthy-split"),
        &["--config", config.to_str().unwrap()],
    );
    assert_eq!(v["summary"]["verdict"], "modular-monolith");
    assert_eq!(v["summary"]["verdict_reasons"][0]["threshold"], 4.0);
}

#[test]
fn healthy_crates_are_microservice_candidates_with_a_price() {
    let v = analyze("healthy-split");
    assert_eq!(v["summary"]["verdict"], "microservices");
    for krate in ["ledger", "catalog", "storefront"] {
        let cs = clusters_of(&v, krate);
        assert_eq!(cs.len(), 1, "{krate}: one cluster");
        assert_eq!(cs[0]["recommendation"], "microservice", "{krate}");
        let metrics: Vec<&str> = cs[0]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["metric"].as_str().unwrap())
            .collect();
        assert!(metrics.contains(&"state_or_io"), "{metrics:?}");
    }
    let storefront = clusters_of(&v, "storefront")[0];
    assert!(storefront["price"]["remote_calls"].as_u64().unwrap() > 0);
    assert!(
        storefront["price"]["crossing_types"]
            .as_array()
            .unwrap()
            .is_empty(),
        "only functions cross"
    );
    let extract: Vec<&Value> = v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "extract")
        .collect();
    assert_eq!(extract.len(), 3, "each candidate is a next step");
    assert!(
        warnings(&v).is_empty(),
        "quiet on a healthy split: {:?}",
        warnings(&v)
    );
}

#[test]
fn a_small_function_with_io_is_a_nanoservice_and_a_pure_one_is_linked() {
    let v = analyze("hybrid-split");
    assert_eq!(v["summary"]["verdict"], "hybrid");
    let nano: Vec<&Value> = v["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["recommendation"] == "nanoservice")
        .collect();
    assert_eq!(nano.len(), 1);
    assert_eq!(nano[0]["modules"], serde_json::json!(["audit_log"]));
    assert_eq!(
        nano[0]["price"]["entry_points"],
        serde_json::json!(["audit_log::record"])
    );
    let metrics: Vec<&str> = nano[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["metric"].as_str().unwrap())
        .collect();
    for m in [
        "loc",
        "entry_points",
        "dependencies",
        "state",
        "client_clusters",
        "io",
        "remote_references",
    ] {
        assert!(metrics.contains(&m), "{m} in {metrics:?}");
    }
    // The 9-line pure function 36 references reach: the article's anti-pattern, not a service.
    let tax = clusters_of(&v, "tax-rate");
    assert_eq!(tax.len(), 1);
    assert_eq!(tax[0]["recommendation"], "library");
    let why = tax[0]["reasons"][0]["message"].as_str().unwrap();
    assert!(
        why.contains("pure code") && why.contains("36 times"),
        "{why}"
    );
    // A cycle inside a domain crate and one cluster, extracted whole: in the cycles table,
    // not a step (it stands in the way of nothing).
    assert!(v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["kind"] != "break-cycle"));
    assert!(!v["cycles"].as_array().unwrap().is_empty());
    assert!(
        warnings(&v).is_empty(),
        "a tiny crate used by three is not over-fragmentation"
    );
}

#[test]
fn a_library_is_linked_not_deployed() {
    let v = analyze("three-communities");
    assert_eq!(v["summary"]["kind"], "library");
    assert!(recommendations(&v).iter().all(|r| *r == "library"));
    let why = v["clusters"][0]["reasons"][0]["message"].as_str().unwrap();
    assert!(why.contains("part of a library"), "{why}");
}

#[test]
fn tiny_chatty_crates_are_over_fragmentation() {
    let v = analyze("over-fragmented");
    let w = warnings(&v);
    assert!(!w.is_empty());
    let named: std::collections::BTreeSet<&str> = w
        .iter()
        .flat_map(|f| {
            f["subjects"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
        })
        .collect();
    // Every tiny, unpublished link of the chain is named with the crate that uses it;
    // `order-format` talks to its one user (a three-line binary) too little to say.
    for c in [
        "order-id",
        "order-line",
        "order-total",
        "order-tax",
        "order-discount",
    ] {
        assert!(named.contains(c), "{c} is named in a finding: {named:?}");
    }
    for f in &w {
        assert_eq!(f["fingerprint"].as_str().unwrap().len(), 16);
        let into = f["into"].as_str().expect("the crate to merge into");
        assert!(f["subjects"].as_array().unwrap().iter().any(|s| s == into));
        assert!(f["message"]
            .as_str()
            .unwrap()
            .contains(&format!("into `{into}`")));
        assert!(f["location"]["file"]
            .as_str()
            .unwrap()
            .ends_with("Cargo.toml"));
    }
    // The fingerprints do not change from run to run.
    assert_eq!(analyze("over-fragmented")["findings"], v["findings"]);
}

#[test]
fn archsplit_toml_overrides_rules_and_rejects_mistakes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ws");
    copy_dir(&testdata().join("over-fragmented"), &dir);
    std::fs::write(
        dir.join("archsplit.toml"),
        "[rules.over-fragmentation]\nseverity = \"error\"\n",
    )
    .unwrap();
    let v = analyze_dir(&dir, &[]);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["severity"] == "error"));

    std::fs::write(
        dir.join("archsplit.toml"),
        "[rules.over-fragmentation]\nenabled = false\n",
    )
    .unwrap();
    assert!(analyze_dir(&dir, &[])["findings"]
        .as_array()
        .unwrap()
        .is_empty());

    std::fs::write(
        dir.join("archsplit.toml"),
        "[rules.over-fragmentation]\n\nseverity = \"loud\"\n",
    )
    .unwrap();
    let out = archsplit(&dir, &dir, &["analyze", "."]);
    expect_code(&out, 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("archsplit.toml:3:"), "{err}");

    // The same settings from the root Cargo.toml.
    std::fs::remove_file(dir.join("archsplit.toml")).unwrap();
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("{manifest}\n[workspace.metadata.archsplit.rules.over-fragmentation]\nseverity = \"error\"\n"),
    )
    .unwrap();
    let v = analyze_dir(&dir, &[]);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["severity"] == "error"));
}

#[test]
fn rules_dir_replaces_shipped_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let shipped = std::fs::read_to_string(testdata().join("../rules/small-codebase.toml")).unwrap();
    std::fs::write(
        tmp.path().join("small.toml"),
        shipped.replace("min_loc = 5000", "min_loc = 100000"),
    )
    .unwrap();
    let v = analyze_dir(
        &testdata().join("healthy-split"),
        &["--rules", tmp.path().to_str().unwrap()],
    );
    assert_eq!(v["summary"]["verdict"], "monolith");
    assert_eq!(v["summary"]["verdict_reasons"][0]["threshold"], 100000.0);
    std::fs::write(
        tmp.path().join("bad.toml"),
        "id = \"small-codebase\"\nbogus = 1\n",
    )
    .unwrap();
    let out = archsplit(
        tmp.path(),
        tmp.path(),
        &["rules", "--rules", tmp.path().to_str().unwrap()],
    );
    expect_code(&out, 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.toml:"));
}

#[test]
fn rules_lists_and_explain_quotes_the_article() {
    let tmp = tempfile::tempdir().unwrap();
    let out = archsplit(tmp.path(), tmp.path(), &["rules"]);
    expect_code(&out, 0);
    let text = stdout(&out);
    for id in [
        "over-fragmentation",
        "microservice-candidate",
        "nanoservice-candidate",
        "small-codebase",
    ] {
        assert!(text.contains(id), "{id} listed");
    }
    let out = archsplit(tmp.path(), tmp.path(), &["explain", "over-fragmentation"]);
    expect_code(&out, 0);
    let text = stdout(&out);
    assert!(text.contains(
        "Avoid nanoservices if its use complicates the system that it's meant to simplify."
    ));
    assert!(text.contains("tiny_crate_loc = 300"));
    let out = archsplit(tmp.path(), tmp.path(), &["explain", "no-such-rule"]);
    expect_code(&out, 2);
}

#[test]
fn configuration_corrects_roles_and_declares_layers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ws");
    copy_dir(&testdata().join("roles"), &dir);
    std::fs::write(
        dir.join("archsplit.toml"),
        "layers = [[\"core\"], [\"shop-plugin-*\"], [\"shop\"]]\n\n[roles]\nshop-facade = [\"tooling\"]\n",
    )
    .unwrap();
    let v = analyze_dir(&dir, &[]);
    let facade = v["crates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "shop-facade")
        .unwrap();
    assert_eq!(
        facade["roles"],
        serde_json::json!([{"role": "tooling", "evidence": "set in the configuration"}])
    );
    assert_eq!(facade["product"], false);
    assert_eq!(v["layers"]["source"], "declared");
    assert_eq!(
        v["layers"]["levels"],
        serde_json::json!([
            ["core"],
            ["shop-plugin-audit", "shop-plugin-protocol"],
            ["shop"]
        ])
    );
    // A typo names the line.
    std::fs::write(
        dir.join("archsplit.toml"),
        "\n[roles]\nshop = [\"servce\"]\n",
    )
    .unwrap();
    let out = archsplit(&dir, &dir, &["analyze", ".", "--no-history"]);
    expect_code(&out, 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("archsplit.toml:3") && err.contains("unknown role `servce`"),
        "{err}"
    );
    std::fs::write(
        dir.join("archsplit.toml"),
        "[roles]\nno-such = [\"library\"]\n",
    )
    .unwrap();
    let out = archsplit(&dir, &dir, &["analyze", ".", "--no-history"]);
    expect_code(&out, 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no package of the workspace"));
}

/// A cluster whose statics another cluster uses stays in the monolith, naming the state
/// (`shared-state`); the same workspace without the shared static keeps its candidate.
#[test]
fn a_cluster_whose_state_others_use_stays_together() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ws");
    copy_dir(&testdata().join("healthy-split"), &dir);
    let catalog = |v: &Value| -> Value { clusters_of(v, "catalog")[0].clone() };
    let before = analyze_dir(&dir, &[]);
    let rules_of = |c: &Value| -> Vec<String> {
        c["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!rules_of(&catalog(&before)).contains(&"shared-state".to_string()));

    let api = dir.join("catalog/src/catalog_core/catalog_api.rs");
    let mut text = std::fs::read_to_string(&api).unwrap();
    text.push_str(
        "\npub static PRICE_CACHE: std::sync::Mutex<Vec<u64>> = std::sync::Mutex::new(Vec::new());\n",
    );
    std::fs::write(&api, text).unwrap();
    let user = dir.join("storefront/src/storefront_core/storefront_api.rs");
    let mut text = std::fs::read_to_string(&user).unwrap();
    text.push_str(
        "\npub fn cached_prices() -> usize {\n    catalog::catalog_core::catalog_api::PRICE_CACHE.lock().map(|v| v.len()).unwrap_or(0)\n}\n",
    );
    std::fs::write(&user, text).unwrap();
    let after = analyze_dir(&dir, &[]);
    let c = catalog(&after);
    assert!(
        rules_of(&c).contains(&"shared-state".to_string()),
        "{}",
        c["reasons"]
    );
    assert!(
        c["reasons"].to_string().contains("PRICE_CACHE"),
        "{}",
        c["reasons"]
    );
    assert_ne!(c["recommendation"], "microservice");
}

#[test]
fn a_cycle_across_clusters_with_no_recommended_split_is_no_step() {
    // An application whose cycle runs through the kernel across two clusters, but no
    // extraction or move runs through it: the clusters alone are the tool's own grouping.
    let v = analyze("cycle-steps");
    let steps: Vec<&Value> = v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "break-cycle")
        .collect();
    assert!(steps.is_empty(), "{steps:?}");
    // The table still lists all three cycles, and the table report says why none is a step.
    assert_eq!(v["cycles"].as_array().unwrap().len(), 3);
    let dir = testdata().join("cycle-steps");
    let out = archsplit(&dir, &dir, &["analyze", ".", "--no-history"]);
    expect_code(&out, 0);
    let text = stdout(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("None of the 3 module cycles in the cycles table stands in the way of a split this report recommends"),
        "{text}"
    );
}

#[test]
fn a_god_module_is_a_finding_and_one_with_child_modules_says_it_is_split_already() {
    let v = analyze("god-module");
    let kinds: Vec<&Value> = v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["kind"])
        .collect();
    assert!(kinds.iter().all(|k| *k != "split"), "{kinds:?}");
    let message = |subject: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "god-module" && f["subjects"][0] == subject)
            .map(|f| f["message"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert!(
        message("god_module::catalog").contains("already has 1 child module of its own"),
        "{}",
        message("god_module::catalog")
    );
    assert!(
        message("god_module::editor").contains("not a next step"),
        "{}",
        message("god_module::editor")
    );
}
