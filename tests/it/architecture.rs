//! The code map and the pipeline hold: every source file is in ARCHITECTURE.md's code map,
//! and each stage imports only earlier stages and the shared vocabulary, never the command
//! line.

use std::path::{Path, PathBuf};

/// The stages in pipeline order (the folders of `src/`).
const STAGES: &[&str] = &[
    "workspace",
    "parse",
    "model",
    "history",
    "analysis",
    "rules",
    "check",
    "report",
];

/// Modules any stage may use: words, diagnostics, safe reading, hashing, the cache, timings
/// and the git runner.
const SHARED: &[&str] = &["diag", "fsio", "words", "hash", "cache", "timings", "git"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `crate::NAME` paths in code (comments left out).
fn crate_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
            rest = after;
        }
    }
    out
}

#[test]
fn stages_import_only_earlier_stages_and_shared_modules() {
    let mut bad = Vec::new();
    for (rank, stage) in STAGES.iter().enumerate() {
        let mut files = Vec::new();
        rust_files(&src().join(stage), &mut files);
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            // Unit tests may build whatever they need.
            let code = text
                .split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap_or(&text);
            for name in crate_paths(code) {
                let ok = match STAGES.iter().position(|s| *s == name) {
                    Some(r) => r <= rank,
                    None => SHARED.contains(&name.as_str()),
                };
                if !ok {
                    bad.push(format!(
                        "{}: crate::{name}",
                        f.strip_prefix(src()).unwrap().display()
                    ));
                }
            }
        }
    }
    bad.sort();
    bad.dedup();
    assert!(
        bad.is_empty(),
        "imports against the pipeline (a stage may use earlier stages and {SHARED:?}):\n{}",
        bad.join("\n")
    );
}

#[test]
fn every_source_file_is_in_the_code_map() {
    let map =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md"))
            .unwrap();
    // The bullet of each folder: from "- `src/DIR/`" to the next top-level bullet.
    let bullet = |dir: &str| -> Option<&str> {
        let start = map.find(&format!("- `src/{dir}/`"))?;
        let rest = &map[start + 2..];
        let end = rest
            .find("\n- ")
            .or_else(|| rest.find("\n\n"))
            .unwrap_or(rest.len());
        Some(&rest[..end])
    };
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut missing = Vec::new();
    for f in files {
        let rel = f.strip_prefix(src()).unwrap();
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        let named = map.contains(&format!("`src/{rel_s}`"));
        let in_bullet = match rel.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(dir) => {
                let dir = dir.to_string_lossy().replace('\\', "/");
                let name = rel.file_name().unwrap().to_string_lossy();
                bullet(&dir).is_some_and(|b| name == "mod.rs" || b.contains(&format!("`{name}`")))
            }
            None => false,
        };
        if !named && !in_bullet {
            missing.push(rel_s);
        }
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "not in ARCHITECTURE.md's code map:\n{}",
        missing.join("\n")
    );
}
