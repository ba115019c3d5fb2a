//! The benchmark's floor: read every file archsplit analyzes in a workspace and
//! `syn::parse_file` it, on one thread. Prints `seconds bytes files`.
//!
//! usage: cargo run --release --example parse_floor -- PATH

use std::collections::BTreeSet;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: parse_floor PATH"))?;
    let input = archsplit::config::Input::uncached(path.into());
    // The files the analysis reads: every file some module tree reaches.
    let (_ws, g) = archsplit::build_graph(&input)?;
    let files: BTreeSet<_> = g
        .modules
        .iter()
        .flat_map(|m| m.files.iter().cloned())
        .collect();
    let start = Instant::now();
    let mut bytes = 0usize;
    for f in &files {
        let text = std::fs::read(f)?;
        bytes += text.len();
        let text = String::from_utf8_lossy(&text);
        let _ = std::hint::black_box(syn::parse_file(&text));
    }
    println!(
        "{:.4} {} {}",
        start.elapsed().as_secs_f64(),
        bytes,
        files.len()
    );
    Ok(())
}
