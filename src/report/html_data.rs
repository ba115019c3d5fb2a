//! The data the HTML report embeds: a compact form of the analysis document, holding only
//! what the page shows. Module paths are written once (`paths`) and referred to by index;
//! module fields are columns; dependencies are one flat array of integers; nothing is
//! pretty-printed. `report.js` decodes it back into the shape of the analysis document.
//! On a workspace of 1,308 modules and 15,000 dependencies the page went from 8.5 MB (the
//! whole document, pretty-printed) to well under 2 MB.
//!
//! Layout (`format` 1):
//! - `paths[i]`: the path of module `i`, in the document's module order;
//! - `modules`: columns over the modules: `crate` (index into `crates`), `cluster` (id or
//!   null), `status` (0 clustered, 1 kernel, 2 excluded), `file`, `line`, `loc`,
//!   `public_items`, `items` (counts in the order of `item_kinds`, trailing zeros dropped),
//!   `state` (`[module, [[name, kind], ...]]` for the modules that have any) and, when
//!   history was read, `history` (`changes`, `volatility`, `authors`, `main_author_share`);
//! - `deps`: per dependency `from, to, weight, mask`, then one count per bit of `mask`, bit
//!   `b` standing for `dep_kinds[b]`;
//! - `clusters` without their module lists (the modules carry their cluster), `kernel` as
//!   `[module, users]`, `cycles` as lists of modules;
//! - `change_coupling` and `diagnostics` only as far as the page lists them (20 and 500;
//!   `summary.diagnostics` has the total); the other fields as the document has them.

use std::collections::{BTreeSet, HashMap};

use serde_json::{json, Map, Value};

/// The pairs that change together the page lists.
const CHANGE_COUPLING_SHOWN: usize = 20;
/// The diagnostics the page lists (it says how many more there are).
const DIAGNOSTICS_SHOWN: usize = 500;

/// `keys` of `v` (an object), those present only.
fn pick(v: &Value, keys: &[&str]) -> Value {
    let mut m = Map::new();
    for k in keys {
        if let Some(x) = v.get(*k) {
            m.insert((*k).to_string(), x.clone());
        }
    }
    Value::Object(m)
}

fn array(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

/// The index of `p` (a module path) in `index`, or null for an unknown path.
fn module_ref(index: &HashMap<&str, usize>, p: &Value) -> Value {
    p.as_str()
        .and_then(|p| index.get(p))
        .map_or(Value::Null, |&i| json!(i))
}

/// The sorted keys of the objects `field` of `rows` (item kinds, dependency kinds).
fn sorted_keys(rows: &[Value], field: &str) -> Vec<String> {
    rows.iter()
        .filter_map(|r| r[field].as_object())
        .flat_map(|o| o.keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The item counts of each module in the order of `item_kinds`, trailing zeros dropped.
fn item_counts(modules: &[Value], item_kinds: &[String]) -> Vec<Value> {
    modules
        .iter()
        .map(|m| {
            let mut counts: Vec<u64> = item_kinds
                .iter()
                .map(|k| m["items"][k].as_u64().unwrap_or(0))
                .collect();
            while counts.last() == Some(&0) {
                counts.pop();
            }
            json!(counts)
        })
        .collect()
}

/// `[module, [[name, kind], ...]]` for the modules that have any state.
fn state_column(modules: &[Value]) -> Vec<Value> {
    modules
        .iter()
        .enumerate()
        .filter(|(_, m)| !array(&m["state"]).is_empty())
        .map(|(i, m)| {
            let s: Vec<Value> = array(&m["state"])
                .iter()
                .map(|x| json!([x["name"], x["kind"]]))
                .collect();
            json!([i, s])
        })
        .collect()
}

/// The module columns (see the layout above), history ones only when history was read.
fn module_columns(doc: &Value, modules: &[Value], item_kinds: &[String]) -> Map<String, Value> {
    let crate_index: HashMap<&str, usize> = array(&doc["crates"])
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c["name"].as_str().map(|n| (n, i)))
        .collect();
    let column = |key: &str| -> Value { modules.iter().map(|m| m[key].clone()).collect() };
    let mut columns = Map::new();
    columns.insert(
        "crate".into(),
        modules
            .iter()
            .map(|m| {
                m["crate"]
                    .as_str()
                    .and_then(|c| crate_index.get(c))
                    .map_or(Value::Null, |&i| json!(i))
            })
            .collect(),
    );
    columns.insert("cluster".into(), column("cluster"));
    columns.insert(
        "status".into(),
        modules
            .iter()
            .map(|m| match m["status"].as_str() {
                Some("kernel") => json!(1),
                Some("excluded") => json!(2),
                _ => json!(0),
            })
            .collect(),
    );
    for key in ["file", "line", "loc", "public_items"] {
        columns.insert(key.into(), column(key));
    }
    columns.insert(
        "items".into(),
        Value::Array(item_counts(modules, item_kinds)),
    );
    columns.insert("state".into(), Value::Array(state_column(modules)));
    if doc["summary"]["history"]["status"] == "read" {
        let mut h = Map::new();
        for key in ["changes", "volatility", "authors", "main_author_share"] {
            h.insert(key.into(), column(key));
        }
        columns.insert("history".into(), Value::Object(h));
    }
    columns
}

/// The dependencies as one flat array: `from, to, weight, mask`, then a count per bit.
fn flat_dependencies(
    deps: &[Value],
    dep_kinds: &[String],
    index: &HashMap<&str, usize>,
) -> Vec<Value> {
    let mut flat: Vec<Value> = Vec::with_capacity(deps.len() * 5);
    for d in deps {
        let (Value::Number(from), Value::Number(to)) =
            (module_ref(index, &d["from"]), module_ref(index, &d["to"]))
        else {
            continue;
        };
        let mut mask = 0u64;
        let mut counts = Vec::new();
        for (b, k) in dep_kinds.iter().enumerate() {
            if let Some(n) = d["kinds"][k].as_u64() {
                mask |= 1 << b;
                counts.push(json!(n));
            }
        }
        flat.push(Value::Number(from));
        flat.push(Value::Number(to));
        flat.push(d["weight"].clone());
        flat.push(json!(mask));
        flat.extend(counts);
    }
    flat
}

/// The summary fields the page shows.
fn compact_summary(s: &Value) -> Value {
    let mut v = pick(
        s,
        &[
            "verdict",
            "rationale",
            "kind",
            "crates",
            "modules",
            "loc",
            "generated_loc",
            "dependencies",
            "clusters",
            "kernel_modules",
            "cycles",
            "modularity",
            "mojofm_vs_crates",
            "history",
            "diagnostics",
        ],
    );
    v["clustering"] = pick(&s["clustering"], &["algorithm", "resolution"]);
    v
}

/// The clusters without their module lists, with the metrics the page shows.
fn compact_clusters(doc: &Value) -> Vec<Value> {
    array(&doc["clusters"])
        .iter()
        .map(|c| {
            let mut v = pick(
                c,
                &["id", "name", "crates", "recommendation", "reasons", "price"],
            );
            v["metrics"] = pick(
                &c["metrics"],
                &[
                    "modules",
                    "loc",
                    "cohesion",
                    "conductance",
                    "instability",
                    "fan_in",
                    "fan_out",
                    "ca",
                    "ce",
                ],
            );
            v["ownership"] = c["ownership"].clone();
            v
        })
        .collect()
}

/// The compact data of the analysis document `doc` (as `analyze --format json` prints it).
pub fn compact(doc: &Value) -> Value {
    let modules = array(&doc["modules"]);
    let paths: Vec<&str> = modules
        .iter()
        .map(|m| m["path"].as_str().unwrap_or(""))
        .collect();
    let index: HashMap<&str, usize> = paths.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let idx = |p: &Value| module_ref(&index, p);
    let item_kinds = sorted_keys(modules, "items");
    let columns = module_columns(doc, modules, &item_kinds);
    let deps = array(&doc["dependencies"]);
    let dep_kinds = sorted_keys(deps, "kinds");
    let flat = flat_dependencies(deps, &dep_kinds, &index);
    let list = |key: &str, keys: &[&str], limit: usize| -> Value {
        array(&doc[key])
            .iter()
            .take(limit)
            .map(|x| pick(x, keys))
            .collect()
    };
    json!({
        "format": 1,
        "schema_version": doc["schema_version"],
        "tool": doc["tool"],
        "summary": compact_summary(&doc["summary"]),
        "crates": list("crates", &["name", "roles", "product", "modules", "loc", "generated_loc"], usize::MAX),
        "paths": paths,
        "modules": columns,
        "item_kinds": item_kinds,
        "dep_kinds": dep_kinds,
        "deps": flat,
        "clusters": compact_clusters(doc),
        "kernel": array(&doc["kernel"]).iter().map(|k| json!([idx(&k["module"]), k["users"]])).collect::<Vec<_>>(),
        "cycles": array(&doc["cycles"]).iter().map(|c| array(&c["members"]).iter().map(&idx).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "findings": list("findings", &["rule", "severity", "message", "subjects", "location"], usize::MAX),
        "actions": doc["actions"],
        "change_coupling": list("change_coupling", &["a", "b", "shared", "degree", "static_dependency"], CHANGE_COUPLING_SHOWN),
        "diagnostics": array(&doc["diagnostics"]).iter().take(DIAGNOSTICS_SHOWN).cloned().collect::<Vec<_>>(),
    })
}
