//! Fuzzing the parse stage: seed sources (`testdata/fuzz-seeds/`, and a few of archsplit's
//! own files) are mutated — bytes flipped, cut, ranges duplicated, moved or deleted, runs of
//! nesting tokens inserted, deep constructs appended — and parsed with
//! `archsplit::parse::parse_source`, the stage's per-file entry point. Every case must end
//! without a panic (an `internal-error` diagnostic), a crash or a hang, give diagnostics whose
//! lines exist in the input, and give the same facts when parsed again on another thread.
//!
//! A short run is part of `cargo test`. A long one:
//!
//! ```text
//! ARCHSPLIT_FUZZ_CASES=100000 cargo test --release --test it fuzz:: -- --nocapture
//! ```
//!
//! `ARCHSPLIT_FUZZ_SEED` picks another sequence of cases; a failure names its seed and case
//! number, and `ARCHSPLIT_FUZZ_FIRST` starts a run at that case to replay it. The cases run
//! in a child process under a CPU-time and an address-space limit (a stack overflow or a
//! runaway case ends that process, not the test runner); no bound is on wall-clock time.

use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};

use arbitrary::{Arbitrary, Unstructured};

use archsplit::parse::{parse_source, FileFacts, ModFacts, ParseOptions};

const SEEDS: &[(&str, &str)] = &[
    ("items", include_str!("../../testdata/fuzz-seeds/items.rs")),
    ("exprs", include_str!("../../testdata/fuzz-seeds/exprs.rs")),
    (
        "macros",
        include_str!("../../testdata/fuzz-seeds/macros.rs"),
    ),
    ("table", include_str!("../../testdata/fuzz-seeds/table.rs")),
    (
        "tests_and_text",
        include_str!("../../testdata/fuzz-seeds/tests_and_text.rs"),
    ),
    // Real code of this repository, as it is at build time.
    ("uses", include_str!("../../src/parse/uses.rs")),
    ("cfg", include_str!("../../src/parse/cfg.rs")),
    ("diag", include_str!("../../src/diag.rs")),
];

/// Runs of tokens that nest, and complete deep items: (head, repeated, closing, tail); the
/// closing part is repeated as often as the opening one, so brackets balance.
const NEST: &[(&str, &str, &str, &str)] = &[
    ("", "&", "", ""),
    ("", "(", "", ""),
    ("", "{", "", ""),
    ("", "Option<", "", ""),
    ("", "!", "", ""),
    ("", "a = ", "", ""),
    ("", "|| ", "", ""),
    ("", "-", "", ""),
    ("", "return ", "", ""),
    ("", "<T as ", "", ""),
    ("", "?", "", ""),
    ("", " + x", "", ""),
    ("", "else if a {} ", "", ""),
    ("\nfn deep() { ", "&", "", "x; }\n"),
    ("\nfn deep() { ", "!", "", "x; }\n"),
    ("\nfn deep() { ", "a = ", "", "x; }\n"),
    ("\nfn deep() { ", "|a| ", "", "x; }\n"),
    ("\nfn deep() { ", "..", "", "x; }\n"),
    ("\ntype Deep = ", "*const ", "", "u8;\n"),
    ("\ntype Deep = ", "Option<", ">", ";\n"),
    ("\ntype Deep = ", "fn() -> ", "", "u8;\n"),
    ("\nfn deep() { x", ".f()", "", "; }\n"),
    ("\nfn deep() { x", "?", "", "; }\n"),
    ("\nfn deep() { ", "(", ")", "; }\n"),
    ("\nfn deep() { ", "[", "]", "; }\n"),
    ("\nmod deep { ", "mod a { ", "}", "}\n"),
];

#[derive(Debug, Arbitrary)]
enum Mutation {
    Flip {
        at: u32,
        byte: u8,
    },
    Truncate {
        at: u32,
    },
    Duplicate {
        from: u32,
        len: u16,
        to: u32,
    },
    Delete {
        at: u32,
        len: u16,
    },
    Splice {
        seed: u8,
        from: u32,
        len: u16,
        to: u32,
    },
    Nest {
        at: u32,
        kind: u8,
        depth: u16,
    },
}

#[derive(Debug)]
struct Case {
    seed: u8,
    include_tests: bool,
    mutations: Vec<Mutation>,
}

impl<'a> Arbitrary<'a> for Case {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        // A few mutations each: dozens would leave little of the seed to parse.
        let n = u.int_in_range(1..=4)?;
        Ok(Case {
            seed: u.arbitrary()?,
            include_tests: u.arbitrary()?,
            mutations: (0..n)
                .map(|_| u.arbitrary())
                .collect::<arbitrary::Result<_>>()?,
        })
    }
}

/// Inputs stay below this size: large enough for every nesting limit, small enough to be quick.
const MAX_INPUT: usize = 512 * 1024;

impl Case {
    fn input(&self) -> Vec<u8> {
        let mut b = SEEDS[self.seed as usize % SEEDS.len()]
            .1
            .as_bytes()
            .to_vec();
        for m in &self.mutations {
            let pos = |at: u32, len: usize| at as usize % (len + 1);
            match *m {
                Mutation::Flip { at, byte } => {
                    if !b.is_empty() {
                        let i = at as usize % b.len();
                        b[i] = byte;
                    }
                }
                Mutation::Truncate { at } => b.truncate(pos(at, b.len())),
                Mutation::Duplicate { from, len, to } => {
                    let from = pos(from, b.len());
                    let end = (from + len as usize % 512).min(b.len());
                    let piece = b[from..end].to_vec();
                    let to = pos(to, b.len());
                    b.splice(to..to, piece);
                }
                Mutation::Delete { at, len } => {
                    let at = pos(at, b.len());
                    let end = (at + len as usize % 512).min(b.len());
                    b.drain(at..end);
                }
                Mutation::Splice {
                    seed,
                    from,
                    len,
                    to,
                } => {
                    let other = SEEDS[seed as usize % SEEDS.len()].1.as_bytes();
                    let from = pos(from, other.len());
                    let end = (from + len as usize % 512).min(other.len());
                    let to = pos(to, b.len());
                    b.splice(to..to, other[from..end].iter().copied());
                }
                Mutation::Nest { at, kind, depth } => {
                    let (head, part, close, tail) = NEST[kind as usize % NEST.len()];
                    // Around the limits (up to twice the deepest nesting admitted; chain
                    // links, a sixty-fourth of a level each, as far as theirs), and now and
                    // then far past them, deeper than any stack would hold unguarded.
                    let chain = matches!(part, "?" | " + x" | ".f()" | "else if a {} ");
                    let n = match (chain, depth % 4) {
                        (true, _) => depth as usize * 2,
                        (false, 0 | 1) => depth as usize / 2,
                        (false, _) => depth as usize % 2_200,
                    };
                    let mut run = String::from(head);
                    for _ in 0..n {
                        run.push_str(part);
                    }
                    for _ in 0..n {
                        run.push_str(close);
                    }
                    run.push_str(tail);
                    if b.len() + run.len() <= MAX_INPUT {
                        // A complete item goes where items are (at the end), a bare run
                        // anywhere.
                        let to = if head.is_empty() {
                            pos(at, b.len())
                        } else {
                            b.len()
                        };
                        b.splice(to..to, run.bytes());
                    }
                }
            }
            b.truncate(MAX_INPUT);
        }
        b
    }
}

/// SplitMix64: a fixed, portable sequence of bytes for each case.
fn case_bytes(seed: u64, case: u64, n: usize) -> Vec<u8> {
    let mut x = seed ^ case.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::with_capacity(n + 8);
    while out.len() < n {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        out.extend_from_slice(&(z ^ (z >> 31)).to_le_bytes());
    }
    out.truncate(n);
    out
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Parses on a thread with the workers' stack, as archsplit does.
fn parse_on_worker(input: Vec<u8>, opts: ParseOptions) -> FileFacts {
    std::thread::Builder::new()
        .stack_size(archsplit::WORKER_STACK)
        .spawn(move || parse_source(input, "fuzz.rs", opts))
        .expect("a worker thread")
        .join()
        .expect("parse_source does not panic")
}

/// Every line a module's facts name lies within the input.
fn check_lines(m: &ModFacts, lines: u32, what: &str) {
    assert!(
        m.first_line <= lines + 1 && m.last_line <= lines + 1,
        "{what}: module lines"
    );
    for u in &m.uses {
        assert!(u.line <= lines + 1, "{what}: use at line {}", u.line);
    }
    for c in m.children.iter().chain(&m.excluded_children) {
        assert!(c.line <= lines + 1, "{what}: mod at line {}", c.line);
        if let Some(body) = &c.inline {
            check_lines(body, lines, what);
        }
    }
}

/// Runs one case; returns the diagnostic codes it gave (for the summary).
fn run_case(seed: u64, i: u64) -> Vec<String> {
    let bytes = case_bytes(seed, i, 512);
    let mut u = Unstructured::new(&bytes);
    let Ok(case) = Case::arbitrary(&mut u) else {
        return vec!["(no case)".into()];
    };
    let input = case.input();
    let what = format!("seed {seed} case {i} ({case:?})");
    let lines = input.iter().filter(|&&c| c == b'\n').count() as u32 + 1;
    let opts = ParseOptions {
        include_tests: case.include_tests,
    };
    let a = parse_on_worker(input.clone(), opts);
    let b = parse_on_worker(input, opts);
    for d in &a.diagnostics {
        assert_ne!(d.code, "internal-error", "{what}: {}", d.message);
        assert_eq!(d.file, "fuzz.rs", "{what}");
        assert!(d.line <= lines, "{what}: {d:?} past line {lines}");
    }
    check_lines(&a.root, lines, &what);
    assert_eq!(
        format!("{a:?}"),
        format!("{b:?}"),
        "{what}: not deterministic"
    );
    a.diagnostics.iter().map(|d| d.code.to_string()).collect()
}

/// The child's side: runs the cases, printing each number before it starts.
fn run_cases() {
    let seed = env_u64("ARCHSPLIT_FUZZ_SEED", 0x5EED_A2C5);
    let first = env_u64("ARCHSPLIT_FUZZ_FIRST", 0);
    let cases = env_u64("ARCHSPLIT_FUZZ_CASES", 300);
    // How often each diagnostic came up: a run that never reaches the parser's error paths
    // or its limits would pass without testing them.
    let mut seen: std::collections::BTreeMap<String, u64> = Default::default();
    for i in first..first + cases {
        println!("fuzz case {i}");
        let mut codes = run_case(seed, i);
        codes.sort();
        codes.dedup();
        if codes.is_empty() {
            codes.push("(clean)".into());
        }
        for c in codes {
            *seen.entry(c).or_default() += 1;
        }
    }
    eprintln!("fuzz: {cases} cases from seed {seed}; cases per diagnostic: {seen:?}");
    println!("fuzz done");
}

#[test]
fn seeds_parse_cleanly() {
    for (name, text) in SEEDS {
        let facts = parse_on_worker(text.as_bytes().to_vec(), ParseOptions::default());
        let codes: Vec<&str> = facts.diagnostics.iter().map(|d| &*d.code).collect();
        assert!(codes.is_empty(), "{name}: {codes:?}");
    }
}

#[test]
fn parse_stage() {
    if std::env::var_os("ARCHSPLIT_FUZZ_CHILD").is_some() {
        run_cases();
        return;
    }
    let cases = env_u64("ARCHSPLIT_FUZZ_CASES", 300);
    // CPU time, not wall-clock time: a case that loops forever runs into it.
    let cpu = 120 + cases / 4;
    let mut cmd = Command::new(std::env::current_exe().expect("the test binary"));
    cmd.args([
        "fuzz::parse_stage",
        "--exact",
        "--nocapture",
        "--test-threads",
        "1",
    ])
    .env("ARCHSPLIT_FUZZ_CHILD", "1")
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    crate::support::limit(
        &mut cmd,
        vec![
            (libc::RLIMIT_CPU, cpu),
            (libc::RLIMIT_AS, 6u64 << 30),
            (libc::RLIMIT_CORE, 0),
        ],
    );
    let mut child = cmd.spawn().expect("the fuzz child starts");
    let mut err = child.stderr.take().expect("stderr");
    let stderr = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut err, &mut s);
        s
    });
    let mut last = String::from("(none)");
    let mut done = false;
    for line in BufReader::new(child.stdout.take().expect("stdout")).lines() {
        let Ok(line) = line else { break };
        if line == "fuzz done" {
            done = true;
        } else if line.starts_with("fuzz case ") {
            last = line;
        }
    }
    let status = child.wait().expect("the fuzz child ends");
    let stderr = stderr.join().unwrap_or_default();
    if let Some(summary) = stderr.lines().find(|l| l.starts_with("fuzz: ")) {
        eprintln!("{summary}");
    }
    let tail: String = {
        let chars: Vec<char> = stderr.chars().collect();
        chars[chars.len().saturating_sub(3000)..].iter().collect()
    };
    assert!(
        status.success() && done,
        "fuzzing failed at {last} (status {status:?}, signal {:?}); replay with \
         ARCHSPLIT_FUZZ_FIRST set to that case and ARCHSPLIT_FUZZ_CASES=1:\n{tail}",
        status.signal()
    );
}
