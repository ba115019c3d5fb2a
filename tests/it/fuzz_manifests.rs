//! Fuzzing manifest discovery: the Cargo.toml files of the fixtures are mutated — bytes
//! flipped, cut, ranges duplicated, TOML fragments and deep nesting inserted — and read by
//! `archsplit::workspace::discover` without cargo (the reader that sees every byte). Every
//! case must end without a panic, give diagnostics that name files of the workspace, and
//! still find the package's sources where the conventional layout has them.
//!
//! `cargo test` runs a short run; `ARCHSPLIT_FUZZ_CASES=20000 cargo test --release --test it
//! fuzz_manifests -- --nocapture` a long one (`ARCHSPLIT_FUZZ_SEED` picks another sequence).

use std::path::Path;

use archsplit::workspace::{discover, DiscoverOptions};

/// TOML fragments a mutation inserts: structure, quoting, odd values and deep nesting.
const FRAGMENTS: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "\"",
    "'",
    "=",
    "{",
    "}",
    "\n",
    "\0",
    "\\",
    "#",
    ",",
    "\u{feff}",
    "[package]\n",
    "[workspace]\n",
    "[lib]\n",
    "[[bin]]\n",
    "[dependencies]\n",
    "name = 5\n",
    "name = \"\"\n",
    "name = \"a\\nb\"\n",
    "members = [\"*\", \"../..\", \"/\"]\n",
    "path = \"../../../../../..\"\n",
    "path = \"/dev/zero\"\n",
    "edition = 2021\n",
    "x = { workspace = true }\n",
    "[target.'cfg(unix)'.dependencies]\n",
    "exclude = [\"\"]\n",
    "version = \"0.1.0\"\n",
];

fn rng(seed: u64) -> impl FnMut() -> u64 {
    let mut x = seed;
    move || {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// The seed manifests: every Cargo.toml of the fixtures.
fn seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut stack = vec![crate::support::testdata()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == "Cargo.toml") {
                out.push(std::fs::read(&p).unwrap());
            }
        }
    }
    out.sort();
    out
}

fn mutate(seed: &[u8], next: &mut impl FnMut() -> u64) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + next() % 6 {
        let at = |n: u64, len: usize| (n % (len as u64 + 1)) as usize;
        match next() % 6 {
            0 if !b.is_empty() => {
                let i = at(next(), b.len() - 1);
                b[i] ^= 1 << (next() % 8);
            }
            1 => b.truncate(at(next(), b.len())),
            2 if !b.is_empty() => {
                let i = at(next(), b.len());
                let j = (i + at(next(), 64)).min(b.len());
                let piece = b[i..j].to_vec();
                let k = at(next(), b.len());
                b.splice(k..k, piece);
            }
            3 => {
                let f = FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize];
                let k = at(next(), b.len());
                b.splice(k..k, f.bytes());
            }
            4 => {
                // Deep nesting: arrays or inline tables thousands deep.
                let n = 1 + (next() % 5000) as usize;
                let (open, close) = if next() % 2 == 0 {
                    ("[", "]")
                } else {
                    ("{a=", "}")
                };
                let deep = format!("\ndeep = {}1{}\n", open.repeat(n), close.repeat(n));
                b.extend(deep.bytes());
            }
            _ => {
                let k = at(next(), b.len());
                b.insert(k, (next() % 256) as u8);
            }
        }
    }
    b
}

fn run(seed: u64, cases: u64) {
    let seeds = seeds();
    assert!(seeds.len() > 10, "fixtures' manifests found");
    let mut next = rng(seed);
    let tmp = tempfile::tempdir().unwrap();
    for case in 0..cases {
        let dir = tmp.path().join(format!("c{case}"));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(
            dir.join("src/lib.rs"),
            "pub mod m;\npub fn f() { m::g() }\n",
        )
        .unwrap();
        std::fs::write(dir.join("src/m.rs"), "pub fn g() {}\n").unwrap();
        let manifest = mutate(&seeds[(next() % seeds.len() as u64) as usize], &mut next);
        std::fs::write(dir.join("Cargo.toml"), &manifest).unwrap();
        let what = format!(
            "seed {seed} case {case}: {:?}",
            String::from_utf8_lossy(&manifest)
        );
        let opts = DiscoverOptions {
            no_cargo: true,
            ..DiscoverOptions::default()
        };
        let d = dir.clone();
        let ws = std::thread::Builder::new()
            .stack_size(archsplit::WORKER_STACK)
            .spawn(move || discover(&d, &opts).map_err(|e| e.to_string()))
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{what}: discovery panicked"));
        let ws = ws.unwrap_or_else(|e| panic!("{what}: {e}"));
        for diag in &ws.diagnostics {
            assert!(
                diag.file == "."
                    || dir.join(&diag.file).exists()
                    || Path::new(&diag.file).is_absolute(),
                "{what}: diagnostic names {:?}",
                diag.file
            );
        }
        // The package's sources are found whatever its manifest says, unless the manifest
        // names a workspace (whose members then are what counts) or other target paths.
        let text = String::from_utf8_lossy(&manifest);
        if !text.contains("workspace") && !text.contains("path") && !text.contains("[lib") {
            assert!(
                ws.packages
                    .iter()
                    .any(|p| p.dir == dir.canonicalize().unwrap()),
                "{what}: the package was lost: {:?}",
                ws.diagnostics
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn manifest_discovery() {
    let seed = std::env::var("ARCHSPLIT_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x7011_5EED);
    let cases = std::env::var("ARCHSPLIT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    run(seed, cases);
}
