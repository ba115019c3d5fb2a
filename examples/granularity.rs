//! Which granularity should the default pick? Clusters each PATH at every resolution of the
//! sweep and prints, for each way of choosing among them, the resolution chosen, the clusters,
//! how many hold a single module, and MoJoFM against two decompositions the authors chose:
//! the crates, and each crate's top-level modules (`krate::a::...` → `krate::a`). Crates
//! favour coarse clusterings (a one-crate family is best matched by one cluster), top-level
//! modules favour fine ones; a criterion worth keeping does well on both, on every family.
//! Modules left out of the clustering (outside the product, without code) are left out of
//! both sides of every comparison.
//!
//! usage: cargo run --release --example granularity -- PATH...

use std::collections::BTreeMap;
use std::path::PathBuf;

use archsplit::analysis::cluster::{Placement, NEAR_OPTIMAL, SWEEP};
use archsplit::analysis::compare::{adjusted_rand, mojofm};
use archsplit::analysis::{analyze, ClusterOptions};
use archsplit::config::Input;

fn main() -> anyhow::Result<()> {
    // syn's parser is recursive: parse on threads with stacks as large as archsplit's own.
    rayon::ThreadPoolBuilder::new()
        .stack_size(512 << 20)
        .build()?
        .install(run)
}

/// One resolution of the sweep.
struct Point {
    gamma: f64,
    k: usize,
    singles: usize,
    modularity: f64,
    crates: f64,
    parts: f64,
    /// Cluster of each placed module (the kernel as one more), for stability.
    labels: Vec<usize>,
}

/// Dense ids for string keys, in first-seen order.
fn index(keys: impl Iterator<Item = String>) -> Vec<usize> {
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    keys.map(|k| {
        let n = ids.len();
        *ids.entry(k).or_insert(n)
    })
    .collect()
}

/// The finest point whose modularity is within `share` of the best.
fn finest_near_best(p: &[Point], share: f64) -> usize {
    let best = p.iter().map(|x| x.modularity).fold(f64::MIN, f64::max);
    (0..p.len())
        .rev()
        .find(|&i| p[i].modularity >= share * best - 1e-9)
        .unwrap_or(0)
}

fn run() -> anyhow::Result<()> {
    type Criterion = (&'static str, Box<dyn Fn(&[Point]) -> usize>);
    let criteria: Vec<Criterion> = vec![
        (
            "finest within 5% of best Q",
            Box::new(|p| finest_near_best(p, NEAR_OPTIMAL)),
        ),
        (
            "finest within 2% of best Q",
            Box::new(|p| finest_near_best(p, 0.98)),
        ),
        ("best Q", Box::new(|p| finest_near_best(p, 1.0 - 1e-12))),
        (
            "coarsest within 5% of best Q",
            Box::new(|p| {
                let best = p.iter().map(|x| x.modularity).fold(f64::MIN, f64::max);
                (0..p.len())
                    .find(|&i| p[i].modularity >= NEAR_OPTIMAL * best - 1e-9)
                    .unwrap_or(0)
            }),
        ),
        (
            "resolution 1",
            Box::new(|p| p.iter().position(|x| x.gamma == 1.0).unwrap_or(0)),
        ),
        (
            "most stable (ARI with neighbours)",
            Box::new(|p| {
                let ari = |i: usize, j: usize| adjusted_rand(&p[i].labels, &p[j].labels);
                (0..p.len())
                    .map(|i| {
                        let left = if i > 0 { ari(i - 1, i) } else { 0.0 };
                        let right = if i + 1 < p.len() { ari(i, i + 1) } else { 0.0 };
                        (left.min(right), i)
                    })
                    .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
                    .map_or(0, |x| x.1)
            }),
        ),
    ];
    let mut totals: Vec<Vec<(f64, f64, f64)>> = vec![Vec::new(); criteria.len()];
    for path in std::env::args().skip(1).map(PathBuf::from) {
        let (_ws, g) = archsplit::build_graph(&Input::uncached(path.clone()))?;
        let mut points = Vec::new();
        for &gamma in &SWEEP {
            let a = analyze(
                &g,
                &ClusterOptions {
                    resolution: Some(gamma),
                    ..ClusterOptions::default()
                },
            );
            let c = &a.clustering;
            let placed: Vec<usize> = (0..g.modules.len())
                .filter(|&m| !matches!(c.placement(m), Placement::Excluded(_)))
                .collect();
            let labels: Vec<usize> = placed
                .iter()
                .map(|&m| c.assignment[m].unwrap_or(c.k))
                .collect();
            let parts = index(placed.iter().map(|&m| {
                g.modules[m]
                    .path
                    .split("::")
                    .take(2)
                    .collect::<Vec<_>>()
                    .join("::")
            }));
            let mut size = vec![0usize; c.k];
            for x in c.assignment.iter().flatten() {
                size[*x] += 1;
            }
            points.push(Point {
                gamma,
                k: c.k,
                singles: size.iter().filter(|&&s| s == 1).count(),
                modularity: a.quality.modularity,
                crates: a.quality.mojofm_vs_crates,
                parts: if labels.is_empty() {
                    0.0
                } else {
                    mojofm(&labels, &parts)
                },
                labels,
            });
        }
        println!("{}", path.display());
        println!(
            "  {:<36} {:>6} {:>8} {:>7} {:>8} {:>8} {:>8}",
            "criterion", "γ", "clusters", "single", "Q", "MoJoFM/c", "MoJoFM/p"
        );
        for (i, (name, pick)) in criteria.iter().enumerate() {
            let p = &points[pick(&points)];
            println!(
                "  {name:<36} {:>6} {:>8} {:>7} {:>8.3} {:>8.1} {:>8.1}",
                p.gamma, p.k, p.singles, p.modularity, p.crates, p.parts
            );
            totals[i].push((p.crates, p.parts, p.singles as f64 / p.k.max(1) as f64));
        }
    }
    println!(
        "over all paths: mean (worst) MoJoFM vs crates, vs top-level modules; mean singleton share"
    );
    for (i, (name, _)) in criteria.iter().enumerate() {
        let t = &totals[i];
        let n = t.len().max(1) as f64;
        let mean = |f: fn(&(f64, f64, f64)) -> f64| t.iter().map(f).sum::<f64>() / n;
        let worst = |f: fn(&(f64, f64, f64)) -> f64| t.iter().map(f).fold(f64::MAX, f64::min);
        println!(
            "  {name:<36} {:>6.1} ({:>5.1})  {:>6.1} ({:>5.1})  {:>5.1}%",
            mean(|x| x.0),
            worst(|x| x.0),
            mean(|x| x.1),
            worst(|x| x.1),
            mean(|x| x.2) * 100.0
        );
    }
    Ok(())
}
