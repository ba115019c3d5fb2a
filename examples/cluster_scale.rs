//! Clustering cost on generated graphs: communities of 20 modules with dense inner edges
//! and sparse random outer ones, at several sizes. Prints `modules edges seconds` per size.
//!
//! usage: cargo run --release --example cluster_scale -- 25000 50000 100000

use std::time::Instant;

use archsplit::analysis::leiden::{leiden, WGraph};

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![25_000, 50_000, 100_000]
    } else {
        sizes
    };
    for n in sizes {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut rand = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut edges = Vec::new();
        for v in 0..n {
            let base = v - v % 20;
            for _ in 0..4 {
                let u = base + (rand() as usize % 20);
                if u < n && u != v {
                    edges.push((v, u, 1.0 + (rand() % 5) as f64));
                }
            }
            if rand() % 4 == 0 {
                edges.push((v, rand() as usize % n, 1.0));
            }
        }
        let g = WGraph::new(n, &edges);
        let start = Instant::now();
        let part = leiden(&g, 1.0, 7, 10);
        let secs = start.elapsed().as_secs_f64();
        let k = part.iter().max().map_or(0, |m| m + 1);
        println!("{n} {} {secs:.3} ({k} clusters)", edges.len());
    }
}
