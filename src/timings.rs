//! Stage timings for `--timings`: each stage records how long it took; the report goes to
//! stderr, never into the output.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Each stage's name and time, in the order they first ran.
static STAGES: Mutex<Vec<(&'static str, Duration)>> = Mutex::new(Vec::new());
/// The first start and the last end of any stage: stages that run at the same time
/// (discovery and the parse-ahead) overlap, so the total is this span, not their sum.
static SPAN: Mutex<Option<(Instant, Instant)>> = Mutex::new(None);

/// Runs `f` and records its duration under `name` (repeated names add up).
pub fn time<T>(name: &'static str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let end = Instant::now();
    let d = end - start;
    if let Ok(mut s) = STAGES.lock() {
        match s.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += d,
            None => s.push((name, d)),
        }
    }
    if let Ok(mut span) = SPAN.lock() {
        *span = Some(match *span {
            Some((a, b)) => (a.min(start), b.max(end)),
            None => (start, end),
        });
    }
    out
}

/// One line per stage, in the order they first ran, and the wall-clock total.
pub fn report() -> String {
    let stages = STAGES.lock().map(|s| s.clone()).unwrap_or_default();
    let total = SPAN
        .lock()
        .ok()
        .and_then(|s| *s)
        .map_or(Duration::ZERO, |(a, b)| b - a);
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
