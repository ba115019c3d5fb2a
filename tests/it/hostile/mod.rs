//! Hostile input: pathological files built in a temporary directory, each of which must end
//! in a diagnostic or a clear error — never a crash, a hang, a blown memory, a program run or
//! a write outside the cache. Each run is a child process held by the operating system to an
//! address-space limit and a CPU-time limit ([`run_limited`]); no test measures speed.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod input;
mod io;
mod parse;

/// Address space a run may take: the worker stacks are reserved (not committed) address
/// space, so this is well above what a run uses and far below what a blow-up reaches.
pub const MEMORY_LIMIT: u64 = 3 << 30;
/// CPU seconds a run may take (the OS ends it with SIGXCPU past this).
pub const CPU_LIMIT: u64 = 60;
/// A run that has used no CPU for this long is hung (a FIFO, a lock): it is killed and the
/// test fails. This detects hangs; it is not a speed bound.
const HANG: Duration = Duration::from_secs(300);

/// `archsplit ARGS` in `cwd` under the limits above, with a private cache directory, no
/// inherited `CARGO`, and `ARCHSPLIT_PWNED_DIR` at `marks`. Panics on a hang.
pub fn run_limited(cwd: &Path, marks: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_archsplit"));
    cmd.args(args)
        .current_dir(cwd)
        .env("ARCHSPLIT_CACHE_DIR", marks.join("cache"))
        .env_remove("CARGO")
        .env("ARCHSPLIT_PWNED_DIR", marks)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    crate::support::limit(
        &mut cmd,
        vec![
            (libc::RLIMIT_AS, MEMORY_LIMIT),
            (libc::RLIMIT_CPU, CPU_LIMIT),
            (libc::RLIMIT_CORE, 0),
        ],
    );
    let mut child = cmd.spawn().expect("archsplit starts");
    // Read both pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("archsplit {args:?} hung (killed after {HANG:?})");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    }
}

/// Panics unless the run ended on its own with exit code 0, 1 or 2 (no signal: no stack
/// overflow, no abort, no memory or CPU limit hit).
pub fn ended_cleanly(o: &Output, what: &str) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    assert!(
        o.status.signal().is_none(),
        "{what}: killed by signal {:?} (stack overflow, abort, or a memory/CPU limit); stderr:\n{}",
        o.status.signal(),
        tail(&o.stderr)
    );
    let code = o.status.code().unwrap();
    assert!(
        (0..=2).contains(&code),
        "{what}: exit code {code}; stderr:\n{}",
        tail(&o.stderr)
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{what}: panicked:\n{}",
        tail(&o.stderr)
    );
    code
}

fn tail(b: &[u8]) -> String {
    let s = String::from_utf8_lossy(b);
    let start = s.len().saturating_sub(2000);
    s[s.floor_char_boundary_compat(start)..].to_string()
}

trait FloorCompat {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorCompat for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        while i > 0 && !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

/// A one-crate workspace in `dir` whose `src/lib.rs` is `lib` (plus `extra` files).
pub fn crate_with(dir: &Path, lib: &str, extra: &[(&str, &[u8])]) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"hostile\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    for (rel, bytes) in extra {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

/// The JSON of `graph --format json` (panics unless it is JSON).
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}); stderr:\n{}",
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

/// The diagnostic codes in a `graph`/`analyze` JSON output.
pub fn codes(v: &serde_json::Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|d| d["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
