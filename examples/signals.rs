//! Which signals should weigh the clustering? Runs the analysis of a git repository once per
//! combination of `--signals` and prints, for each, the clusters, the static modularity of the
//! result, the share of commits that would cross a cluster boundary — out of sample: the
//! history that weighs the clustering is the older two thirds, the crossing is counted on the
//! newer third — and MoJoFM against two
//! reference decompositions the authors chose: the crates, and the top-level modules of each
//! crate (`krate::a::...` → `krate::a`), which in a single-crate repository are its parts.
//!
//! usage: cargo run --release --example signals -- PATH [--since YYYY-MM-DD]

use std::collections::BTreeMap;
use std::path::PathBuf;

use archsplit::analysis::{analyze, compare::mojofm, ClusterOptions};
use archsplit::config::Input;
use archsplit::history::signals::{clustering_weights, Signal};
use archsplit::history::{self, HistoryAnalysis, HistoryOptions};

fn main() -> anyhow::Result<()> {
    // syn's parser is recursive: parse on threads with stacks as large as archsplit's own.
    rayon::ThreadPoolBuilder::new()
        .stack_size(512 << 20)
        .build()?
        .install(run)
}

fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = PathBuf::from(args.first().map(String::as_str).unwrap_or("."));
    let since = args
        .iter()
        .position(|a| a == "--since")
        .and_then(|i| args.get(i + 1).cloned());
    let input = Input::uncached(path.clone());
    let (_ws, g) = archsplit::build_graph(&input)?;
    let opts = HistoryOptions {
        since,
        ..HistoryOptions::default()
    };
    let h = history::map(history::read(&path, &opts, None), &g, &opts);
    println!(
        "{}: {} modules, history {} ({} commits, {} authors, {} to {})",
        path.display(),
        g.modules.len(),
        format!("{:?}", h.info.status).to_lowercase(),
        h.info.commits,
        h.info.authors,
        h.info.first.as_deref().unwrap_or("?"),
        h.info.last.as_deref().unwrap_or("?")
    );
    // Out of sample: the clusters are found with the older two thirds of the history and
    // judged on the newer third, so that history is not credited for fitting itself.
    let mut by_time = h.commits.clone();
    by_time.sort_by_key(|c| c.time);
    let cut = by_time.len() * 2 / 3;
    let (older, newer) = by_time.split_at(cut);
    let train = history::History {
        commits: older.to_vec(),
        ..h.clone()
    };
    let newer = newer.to_vec();
    let ha = HistoryAnalysis::new(train, &g, false);

    // Reference decompositions, the kernel left as its own group by the comparison, the
    // modules left out of the clustering left out of it.
    let index = |keys: Vec<String>| -> Vec<usize> {
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        keys.into_iter()
            .map(|k| {
                let n = ids.len();
                *ids.entry(k).or_insert(n)
            })
            .collect()
    };
    let crates = index(
        g.modules
            .iter()
            .map(|m| g.crates[m.krate].package.clone())
            .collect(),
    );
    let parts = index(
        g.modules
            .iter()
            .map(|m| m.path.split("::").take(2).collect::<Vec<_>>().join("::"))
            .collect(),
    );

    println!(
        "clusters from the {} older commits; crossing counted on the {} newer ones",
        cut,
        newer.len()
    );
    println!(
        "signals                   clusters  modularity  crossing  MoJoFM/crates  MoJoFM/parts"
    );
    let sets: [&[Signal]; 5] = [
        &[Signal::Static],
        &[Signal::Static, Signal::History],
        &[Signal::Static, Signal::Authors],
        &[Signal::Static, Signal::History, Signal::Authors],
        &[Signal::History],
    ];
    for set in sets {
        let (weights, used) = clustering_weights(&g, Some(&ha.coupling), set);
        let opts = ClusterOptions {
            weights: weights.map(std::sync::Arc::new),
            signals: used.clone(),
            ..ClusterOptions::default()
        };
        let a = analyze(&g, &opts);
        let k = a.clustering.k;
        let assign: Vec<usize> = a
            .clustering
            .assignment
            .iter()
            .map(|c| c.unwrap_or(k))
            .collect();
        // Modules left out of the clustering are left out of the comparisons.
        let left_out = a.clustering.excluded_mask();
        let keep = |v: &[usize]| -> Vec<usize> {
            v.iter()
                .zip(&left_out)
                .filter(|(_, &out)| !out)
                .map(|(&x, _)| x)
                .collect()
        };
        // Share of the newer commits that change modules in more than one cluster.
        let crossing = newer
            .iter()
            .filter(|c| {
                let mut cl: Vec<usize> = c
                    .modules
                    .iter()
                    .filter_map(|&m| a.clustering.assignment[m])
                    .collect();
                cl.sort_unstable();
                cl.dedup();
                cl.len() > 1
            })
            .count() as f64
            / newer.len().max(1) as f64;
        let name = used
            .iter()
            .map(|s| format!("{s:?}").to_lowercase())
            .collect::<Vec<_>>()
            .join(",");
        println!(
            "{name:<25} {k:>8}  {:>10.3}  {:>7.1}%  {:>13.1}  {:>12.1}",
            a.quality.modularity,
            crossing * 100.0,
            mojofm(&keep(&assign), &keep(&crates)),
            mojofm(&keep(&assign), &keep(&parts))
        );
    }
    Ok(())
}
