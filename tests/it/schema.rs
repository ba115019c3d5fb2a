//! Every fixture's `graph` and `analyze` JSON validates against the checked-in JSON Schema
//! (schema/archsplit.schema.json), and the schema does reject what breaks it.

use serde_json::Value;

use crate::support::{archsplit, expect_code, stdout, testdata};

pub fn validator() -> jsonschema::Validator {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/archsplit.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

pub fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(5)
        .collect()
}

#[test]
fn every_fixture_validates_against_the_schema() {
    let v = validator();
    let mut cases: Vec<_> = std::fs::read_dir(testdata())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.path())
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for dir in &cases {
        for cmd in ["graph", "analyze"] {
            let out = archsplit(dir, dir, &[cmd, ".", "--format", "json"]);
            expect_code(&out, 0);
            let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
            let errs = errors(&v, &doc);
            if !errs.is_empty() {
                failures.push(format!("{} {cmd}: {}", dir.display(), errs.join("; ")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_schema_rejects_broken_documents() {
    let v = validator();
    let dir = testdata().join("over-fragmented");
    let out = archsplit(&dir, &dir, &["analyze", ".", "--format", "json"]);
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(errors(&v, &doc).is_empty());
    let mut bad = doc.clone();
    bad["summary"]["verdict"] = "maybe".into();
    assert!(!errors(&v, &bad).is_empty(), "unknown verdict");
    let mut bad = doc.clone();
    bad["findings"][0]["fingerprint"] = "xyz".into();
    assert!(!errors(&v, &bad).is_empty(), "bad fingerprint");
    let mut bad = doc;
    bad["modules"][0].as_object_mut().unwrap().remove("cluster");
    assert!(!errors(&v, &bad).is_empty(), "missing cluster");
}
