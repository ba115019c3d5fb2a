//! Stage timings for `--timings`: each stage records how long it took; the report goes to
//! stderr, never into the output.

use std::sync::Mutex;
use std::time::{Duration, Instant};

static STAGES: Mutex<Vec<(&'static str, Duration)>> = Mutex::new(Vec::new());

/// Runs `f` and records its duration under `name` (repeated names add up).
pub fn time<T>(name: &'static str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let d = start.elapsed();
    if let Ok(mut s) = STAGES.lock() {
        match s.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += d,
            None => s.push((name, d)),
        }
    }
    out
}

/// One line per stage, in the order they first ran, and the total.
pub fn report() -> String {
    let stages = STAGES.lock().map(|s| s.clone()).unwrap_or_default();
    let total: Duration = stages.iter().map(|(_, d)| *d).sum();
    let mut out = String::from("archsplit timings:\n");
    for (name, d) in &stages {
        out.push_str(&format!(
            "  {name:<12} {:>9.1} ms\n",
            d.as_secs_f64() * 1000.0
        ));
    }
    out.push_str(&format!(
        "  {:<12} {:>9.1} ms\n",
        "total",
        total.as_secs_f64() * 1000.0
    ));
    out
}
