//! The parse stage under hostile input: nesting without brackets, exponential macros, files
//! too large to parse, damaged data tables, deep module trees and unreadable modules. Each
//! input is built here, in a temporary directory, and run under [`run_limited`]'s limits.

use std::path::Path;

use archsplit::parse::nesting::{self, Verdict};
use serde_json::Value;

use super::{codes, crate_with, ended_cleanly, json, run_limited};

/// Constructs syn (or archsplit after it) recurses on: (head, opening part, closing part,
/// tail); both parts are repeated, so brackets balance and the file lexes. With a closing
/// part, the tail is `innermost|rest`.
const DEEP: &[(&str, &str, &str, &str)] = &[
    ("type T = ", "&", "", "u8;"),
    ("type T = ", "Option<", ">", "u8|;"),
    ("fn f() { ", "!", "", "x; }"),
    ("fn f() { ", "a = ", "", "x; }"),
    ("fn f() { ", "*", "", "x; }"),
    ("type T = ", "*const ", "", "u8;"),
    ("fn f() { ", "|| ", "", "x; }"),
    ("fn f() { ", "|a| ", "", "x; }"),
    ("fn f() { ", "-", "", "x; }"),
    ("fn f() { ", "&mut ", "", "x; }"),
    ("type T = ", "&'a mut ", "", "u8;"),
    ("type T = ", "*mut ", "", "u8;"),
    ("type T = ", "Box<dyn A<", ">>", "u8|;"),
    ("type T = ", "impl Fn() -> ", "", "u8;"),
    ("type T = ", "fn() -> ", "", "u8;"),
    ("type T = ", "<T as A<", ">>::B", "u8|;"),
    ("fn f() { ", ".. ", "", "x; }"),
    ("fn f() { ", "return ", "", "x; }"),
    ("fn f() { ", "break ", "", "x; }"),
    ("fn f() { ", "a += ", "", "x; }"),
    ("fn f() { if ", "let a = ", "", "x {} }"),
    ("fn f() { let ", "a @ ", "", "x = 1; }"),
    ("fn f() { let ", "&", "", "x = 1; }"),
    ("fn f() { ", "if ", " {}", "x| }"),
    ("fn f() { a = ", "{} = ", "", "x; }"),
    ("fn f() { x", "?", "", "; }"),
    ("fn f() { x", " + x", "", "; }"),
    ("fn f() { x", ".f()", "", "; }"),
    ("fn f() { if a {} ", "else if a {} ", "", "}"),
    ("fn f() { ", "(", ")", "x|; }"),
    ("fn f() { ", "[", "]", "x|; }"),
    ("fn f() { ", "{", "}", "x| }"),
    ("", "mod a { ", "}", "|"),
    ("", "#[cfg(test)] mod a { ", "}", "fn t() {}|"),
    ("fn f() { ", "Some(", ")", "x|; }"),
    ("fn f() { ", "f::<Vec<", ">>", "u8|(); }"),
];

/// The brief's crashing inputs, at the sizes that crashed (exit 134, no output).
const REPORTED: &[(&str, &str, &str, usize)] = &[
    ("type T = ", "&", "u8;", 172_954),
    ("type T = ", "Option<", "u8", 72_626),
    ("fn f() { ", "!", "x; }", 404_251),
    ("fn f() { ", "a = ", "x; }", 284_347),
    ("fn f() { ", "*", "x; }", 1_000_000),
    ("type T = ", "*const ", "u8;", 300_000),
    ("fn f() { ", "|| ", "x; }", 300_000),
];

fn source(head: &str, part: &str, tail: &str, n: usize) -> String {
    balanced(head, part, "", tail, n)
}

fn balanced(head: &str, open: &str, close: &str, tail: &str, n: usize) -> String {
    let mut s = String::with_capacity(head.len() + (open.len() + close.len()) * n + 64);
    s.push_str("pub fn before() {}\n");
    s.push_str(head);
    for _ in 0..n {
        s.push_str(open);
    }
    match tail.split_once('|') {
        Some((inner, rest)) if !close.is_empty() => {
            s.push_str(inner);
            for _ in 0..n {
                s.push_str(close);
            }
            s.push_str(rest);
        }
        _ => s.push_str(tail),
    }
    s
}

/// Diagnostics of `file` with `code`, as (severity, line).
fn diags(v: &Value, file: &str, code: &str) -> Vec<(String, u64)> {
    v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["file"] == file && d["code"] == code)
        .map(|d| {
            (
                d["severity"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn module_paths(v: &Value) -> Vec<String> {
    v["modules"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["path"].as_str().map(str::to_owned))
        .collect()
}

/// A crate whose lib.rs declares `fine` (which uses `deep0`…) and `deepN` for each file.
fn crate_of(dir: &Path, files: &[String]) {
    let mut lib = String::from("pub mod fine;\n");
    let mut extra: Vec<(String, Vec<u8>)> = vec![(
        "src/fine.rs".into(),
        b"pub fn g() { crate::deep0::before() }\n".to_vec(),
    )];
    for (i, text) in files.iter().enumerate() {
        lib.push_str(&format!("pub mod deep{i};\n"));
        extra.push((format!("src/deep{i}.rs"), text.clone().into_bytes()));
    }
    let extra: Vec<(&str, &[u8])> = extra
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    crate_with(dir, &lib, &extra);
}

fn graph(tmp: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["graph", "repo", "--format", "json", "--no-cargo", "-j", "2"];
    args.extend_from_slice(extra);
    run_limited(tmp, tmp, &args)
}

#[test]
fn reported_crashes_are_nesting_diagnostics() {
    let tmp = tempfile::tempdir().unwrap();
    let files: Vec<String> = REPORTED
        .iter()
        .map(|&(h, p, t, n)| source(h, p, t, n))
        .collect();
    crate_of(&tmp.path().join("repo"), &files);
    let o = graph(tmp.path(), &[]);
    assert_eq!(ended_cleanly(&o, "reported deep inputs"), 0);
    let v = json(&o);
    for (i, &(_, part, _, n)) in REPORTED.iter().enumerate() {
        let d = diags(&v, &format!("src/deep{i}.rs"), "nesting-too-deep");
        assert_eq!(d, [("error".into(), 2)], "{part:?} × {n}");
    }
    // The rest of the analysis went on: `fine` and the module list are there.
    assert!(module_paths(&v).contains(&"hostile::fine".to_string()));
}

#[test]
fn every_recursive_construct_is_guarded_and_the_deepest_admitted_input_parses() {
    // For each construct: the most repetitions the guard admits, and one more than it
    // refuses. The admitted ones must parse on the worker stack (this is a debug build, whose
    // frames are the largest), the refused ones must be a diagnostic.
    let mut admitted = Vec::new();
    let mut refused = Vec::new();
    for &(h, p, c, t) in DEEP {
        let fits = |n: usize| {
            matches!(
                nesting::scan(&balanced(h, p, c, t, n)),
                Verdict::Fine { .. }
            )
        };
        let (mut lo, mut hi) = (1usize, 2usize);
        assert!(fits(lo), "{p:?}");
        while fits(hi) {
            lo = hi;
            hi *= 2;
            assert!(hi < 1 << 24, "{p:?} is never refused");
        }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if fits(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        admitted.push(balanced(h, p, c, t, lo));
        refused.push(balanced(h, p, c, t, hi));
    }
    for (what, files, refuse) in [("admitted", &admitted, false), ("refused", &refused, true)] {
        let tmp = tempfile::tempdir().unwrap();
        crate_of(&tmp.path().join("repo"), files);
        let o = graph(tmp.path(), &[]);
        assert_eq!(ended_cleanly(&o, what), 0);
        let v = json(&o);
        for (i, &(_, p, _, _)) in DEEP.iter().enumerate() {
            let errors: Vec<_> = diags(&v, &format!("src/deep{i}.rs"), "nesting-too-deep")
                .into_iter()
                .filter(|(s, _)| s == "error")
                .collect();
            assert_eq!(!errors.is_empty(), refuse, "{what} {p:?}: {errors:?}");
            if !refuse {
                // Parsed in full, not stopped early by a syntax error.
                let broken = diags(&v, &format!("src/deep{i}.rs"), "parse-error");
                assert!(broken.is_empty(), "{p:?} does not parse: {broken:?}");
            }
        }
    }
}

#[test]
fn exponential_macro_expansion_stops_at_a_budget() {
    // m0 invokes m1 ten times, m1 invokes m2 ten times, ...: 10^9 expansions if followed.
    let mut lib = String::from("pub mod fine;\n");
    for k in 0..9 {
        lib.push_str(&format!("macro_rules! m{k} {{ () => {{"));
        for _ in 0..10 {
            lib.push_str(&format!(" m{}!();", k + 1));
        }
        lib.push_str(" }; }\n");
    }
    lib.push_str("macro_rules! m9 { () => { pub fn leaf() {} }; }\n");
    lib.push_str("m0!();\n");
    let line = lib.lines().count() as u64;
    lib.push_str("pub mod other;\n");
    let tmp = tempfile::tempdir().unwrap();
    // Another file of the crate still has its own (argument-less) macro expanded.
    crate_with(
        &tmp.path().join("repo"),
        &lib,
        &[
            ("src/fine.rs", b"pub fn g() {}\n"),
            (
                "src/other.rs",
                b"macro_rules! decl { () => { pub mod declared; }; }\ndecl!();\n",
            ),
            ("src/other/declared.rs", b"pub fn d() {}\n"),
        ],
    );
    let o = graph(tmp.path(), &[]);
    assert_eq!(ended_cleanly(&o, "exponential macros"), 0);
    let v = json(&o);
    assert_eq!(
        diags(&v, "src/lib.rs", "macro-expansion-limit"),
        [("warning".into(), line)]
    );
    let modules = module_paths(&v);
    assert!(modules.contains(&"hostile::fine".to_string()));
    assert!(modules.contains(&"hostile::other::declared".to_string()));
}

#[test]
fn one_files_cost_is_capped_and_big_data_tables_still_parse() {
    // Two 15 MB single-line expressions (each took 2.9 GB and 12 s), parsed side by side:
    // their chains are past the nesting guard.
    let expr = |name: &str| {
        let mut s = format!("pub fn {name}() -> u32 {{ a");
        s.push_str(&"+a".repeat(7_500_000));
        s.push_str(" }\n");
        s
    };
    // Two flat files of 1.4M tokens (a list nests nothing): past the token cap.
    let flat = |name: &str| {
        let mut s = format!("pub fn {name}() {{ g(");
        s.push_str(&"a, ".repeat(700_000));
        s.push_str(") }\n");
        s
    };
    // A 3 MB literal table is blanked before the count, and the code after it is read.
    let mut table = String::from("pub static T: &[(u32, u32)] = &[\n");
    for k in 0..150_000 {
        table.push_str(&format!("    ({k}, {}),\n", k * 7));
    }
    table.push_str("];\npub fn after() { crate::fine::g() }\n");
    let tmp = tempfile::tempdir().unwrap();
    crate_with(
        &tmp.path().join("repo"),
        "pub mod fine;\npub mod big0;\npub mod big1;\npub mod flat0;\npub mod flat1;\npub mod table;\n",
        &[
            ("src/fine.rs", b"pub fn g() {}\n"),
            ("src/big0.rs", expr("a").as_bytes()),
            ("src/big1.rs", expr("b").as_bytes()),
            ("src/flat0.rs", flat("c").as_bytes()),
            ("src/flat1.rs", flat("d").as_bytes()),
            ("src/table.rs", table.as_bytes()),
        ],
    );
    let o = graph(tmp.path(), &[]);
    assert_eq!(ended_cleanly(&o, "15 MB expressions"), 0);
    let v = json(&o);
    for f in ["src/big0.rs", "src/big1.rs"] {
        assert_eq!(
            diags(&v, f, "nesting-too-deep"),
            [("error".into(), 1)],
            "{f}"
        );
    }
    for f in ["src/flat0.rs", "src/flat1.rs"] {
        assert_eq!(
            diags(&v, f, "file-too-large"),
            [("warning".into(), 0)],
            "{f}"
        );
    }
    assert!(diags(&v, "src/table.rs", "file-too-large").is_empty());
    let edge = v["dependencies"].as_array().unwrap().iter().any(|e| {
        e["from"].as_str() == Some("hostile::table") && e["to"].as_str() == Some("hostile::fine")
    });
    assert!(edge, "the code after the table is analyzed");
}

#[test]
fn a_missing_comma_in_a_data_table_is_a_parse_error_where_it_is() {
    let mut text = String::from("pub const T: &[u8] = &[\n");
    for k in 0..2000 {
        // Line 1002, column 7: `1 1` without a comma between.
        text.push_str(if k == 1000 {
            "    1 1,\n"
        } else {
            "    1, 1,\n"
        });
    }
    text.push_str("];\n");
    let tmp = tempfile::tempdir().unwrap();
    crate_with(
        &tmp.path().join("repo"),
        "pub mod table;\n",
        &[("src/table.rs", text.as_bytes())],
    );
    let o = graph(tmp.path(), &[]);
    assert_eq!(ended_cleanly(&o, "table with a missing comma"), 0);
    let v = json(&o);
    let d: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "parse-error")
        .collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["file"], "src/table.rs");
    assert_eq!(
        (d[0]["line"].as_u64(), d[0]["column"].as_u64()),
        (Some(1002), Some(7))
    );
}

/// `src/lib.rs: pub mod a;`, `src/a.rs: pub mod a;`, `src/a/a.rs: ...`, `depth` files deep.
fn nested_mods(dir: &Path, depth: usize) {
    let mut extra: Vec<(String, Vec<u8>)> = Vec::new();
    let mut rel = String::from("src");
    for k in 1..=depth {
        let body = if k < depth {
            "pub mod a;\n"
        } else {
            "pub fn leaf() {}\n"
        };
        extra.push((format!("{rel}/a.rs"), body.as_bytes().to_vec()));
        rel.push_str("/a");
    }
    let extra: Vec<(&str, &[u8])> = extra
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    crate_with(dir, "pub mod a;\n", &extra);
}

#[test]
fn deep_module_trees_are_not_cycles() {
    let tmp = tempfile::tempdir().unwrap();
    nested_mods(&tmp.path().join("repo"), 130);
    let o = graph(tmp.path(), &[]);
    assert_eq!(ended_cleanly(&o, "130 nested modules"), 0);
    let v = json(&o);
    let c = codes(&v);
    assert!(
        !c.iter().any(|c| c == "module-cycle" || c == "orphan-file"),
        "{c:?}"
    );
    let deepest = format!("hostile{}", "::a".repeat(130));
    assert!(module_paths(&v).contains(&deepest));

    // Past the limit: a clear diagnostic, not a cycle, and no orphans below it.
    let tmp = tempfile::tempdir().unwrap();
    nested_mods(&tmp.path().join("repo"), 300);
    let o = graph(tmp.path(), &[]);
    assert_eq!(ended_cleanly(&o, "300 nested modules"), 0);
    let c = codes(&json(&o));
    assert_eq!(c, ["module-too-deep"], "{c:?}");

    // A real cycle through `#[path]` is still one.
    let tmp = tempfile::tempdir().unwrap();
    crate_with(
        &tmp.path().join("repo"),
        "pub mod a;\n",
        &[("src/a.rs", b"#[path = \"lib.rs\"]\npub mod again;\n")],
    );
    let o = graph(tmp.path(), &[]);
    assert_eq!(ended_cleanly(&o, "a #[path] cycle"), 0);
    assert!(codes(&json(&o)).iter().any(|c| c == "module-cycle"));
}

#[test]
fn unreadable_module_directories_and_files_are_not_missing() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    crate_with(
        &repo,
        "pub mod a;\npub mod b;\n",
        &[
            ("src/a/mod.rs", b"pub fn f() {}\n"),
            ("src/b.rs", b"pub fn g() {}\n"),
        ],
    );
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    mode(&repo.join("src/a"), 0o000).unwrap();
    mode(&repo.join("src/b.rs"), 0o000).unwrap();
    // Root reads through permission bits: the check runs as `nobody` then, which needs to
    // reach the directory and the binary.
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        for p in [tmp.path(), repo.as_path(), &repo.join("src")] {
            mode(p, 0o755).unwrap();
        }
        for f in ["Cargo.toml", "src/lib.rs"] {
            mode(&repo.join(f), 0o644).unwrap();
        }
    }
    let o = if root {
        run_as_nobody(tmp.path())
    } else {
        Some(graph(tmp.path(), &["--no-cache"]))
    };
    // Let the temporary directory be removed.
    mode(&repo.join("src/a"), 0o755).unwrap();
    let Some(o) = o else {
        eprintln!("note: cannot run as nobody; the unreadable-module check was skipped");
        return;
    };
    assert_eq!(ended_cleanly(&o, "unreadable modules"), 0);
    let v = json(&o);
    let a = diags(&v, "src/lib.rs", "unreadable-file");
    assert_eq!(a, [("error".into(), 1)], "{:?}", v["diagnostics"]);
    let msg = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "unreadable-file" && d["file"] == "src/lib.rs")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("Permission denied"), "{msg}");
    assert_eq!(diags(&v, "src/b.rs", "unreadable-file").len(), 1);
    assert!(!codes(&v).iter().any(|c| c == "missing-module"));
}

/// `graph` as user `nobody` (when the test runs as root), under the same limits.
fn run_as_nobody(cwd: &Path) -> Option<std::process::Output> {
    use std::os::unix::process::CommandExt;
    let probe = std::process::Command::new("true")
        .uid(65534)
        .gid(65534)
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        return None;
    }
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_archsplit"));
    cmd.args([
        "graph",
        "repo",
        "--format",
        "json",
        "--no-cargo",
        "--no-cache",
    ])
    .current_dir(cwd)
    .env_remove("CARGO")
    .uid(65534)
    .gid(65534);
    crate::support::limit(
        &mut cmd,
        vec![
            (libc::RLIMIT_AS, super::MEMORY_LIMIT),
            (libc::RLIMIT_CPU, super::CPU_LIMIT),
        ],
    );
    cmd.output().ok()
}

#[test]
fn a_long_broken_stretch_is_skipped_in_one_pass() {
    // 100k attributes before a syntax error: recovery retried from every token, each retry
    // parsing the attributes left (the old binary did not finish in two minutes).
    let mut text = "#[a] ".repeat(100_000);
    text.push_str("1 2 3\npub fn after() { crate::fine::g() }\n");
    let tmp = tempfile::tempdir().unwrap();
    crate_with(
        &tmp.path().join("repo"),
        "pub mod fine;\npub mod broken;\n",
        &[
            ("src/fine.rs", b"pub fn g() {}\n"),
            ("src/broken.rs", text.as_bytes()),
        ],
    );
    let o = graph(tmp.path(), &[]);
    assert_eq!(ended_cleanly(&o, "100k attributes before an error"), 0);
    let v = json(&o);
    assert_eq!(diags(&v, "src/broken.rs", "parse-error").len(), 1);
    let edge = v["dependencies"].as_array().unwrap().iter().any(|e| {
        e["from"].as_str() == Some("hostile::broken") && e["to"].as_str() == Some("hostile::fine")
    });
    assert!(edge, "the item after the broken stretch is analyzed");
}
