//! What weighs the clustering graph (`--signals`): the static references, the change
//! coupling from history, the authors modules share, or a sum of them.
//!
//! Every pair of modules that has a static dependency (either direction) or changed together
//! at least `MIN_SHARED` times is a candidate. Each chosen signal gives a pair a value —
//! static: the reference weight both ways; history: the commits that changed both; authors:
//! the Jaccard similarity of their authors — scaled so that every chosen signal adds up to
//! the same total over all pairs: each has the same say whatever its unit and however many
//! pairs it touches. A pair's weight is the sum over the chosen signals. Cycles and the shared
//! kernel still come from the static graph. A history of fewer than `MIN_COMMITS` commits is
//! too thin to weigh in: the static graph is used alone.

use std::collections::BTreeMap;

use serde::Serialize;

use super::coupling::{shared_authors, Coupling};
use crate::model::ModuleGraph;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Signal {
    /// References between modules (use, type, call, path, impl, macro).
    Static,
    /// Change coupling: commits that changed both modules.
    History,
    /// Contributor coupling: the authors both modules share.
    Authors,
}

/// Two modules (a < b) and the weight of the pair in the clustering graph.
pub type WeightedPair = (usize, usize, f64);

/// The signals used when `--signals` is not given: the static graph alone. Measured with
/// `examples/signals.rs` (README, "History"): on the one repository with history at hand,
/// clusters weighed by its older two thirds did not make its newer third cross fewer
/// boundaries, and agreed less with the authors' own decomposition (MoJoFM 39 → 30); the
/// corpus families, published crates without history, cannot show otherwise. Static clusters
/// also stay the same for the same code whatever the history window holds. History still
/// feeds volatility, ownership, `hidden-coupling`, `change-crossing` and `separate-team`.
pub const DEFAULT_SIGNALS: &[Signal] = &[Signal::Static];
/// Commits needed before history and authors weigh the clustering.
pub const MIN_COMMITS: usize = 10;

/// The weighted pairs for `signals`, and the signals that were actually used: `None` (the
/// static graph as it is) when only `static` is asked for or no history is available.
pub fn clustering_weights(
    g: &ModuleGraph,
    coupling: Option<&Coupling>,
    signals: &[Signal],
) -> (Option<Vec<WeightedPair>>, Vec<Signal>) {
    let mut chosen: Vec<Signal> = signals.to_vec();
    chosen.sort();
    chosen.dedup();
    let Some(c) = coupling.filter(|c| c.commits >= MIN_COMMITS) else {
        return (None, vec![Signal::Static]);
    };
    if chosen == [Signal::Static] || chosen.is_empty() {
        return (None, vec![Signal::Static]);
    }
    // Candidate pairs (a < b) with [static, history, authors] values.
    let mut pairs: BTreeMap<(usize, usize), [f64; 3]> = BTreeMap::new();
    for e in &g.edges {
        if e.from != e.to {
            let key = (e.from.min(e.to), e.from.max(e.to));
            pairs.entry(key).or_default()[0] += e.weight as f64;
        }
    }
    for p in &c.pairs {
        pairs.entry((p.a, p.b)).or_default()[1] += p.shared as f64;
    }
    if chosen.contains(&Signal::Authors) {
        for (&(a, b), v) in pairs.iter_mut() {
            v[2] = shared_authors(&c.authors_of[a], &c.authors_of[b]);
        }
    }
    let mut total = [0.0f64; 3];
    for v in pairs.values() {
        for i in 0..3 {
            total[i] += v[i];
        }
    }
    let on = |s: Signal| chosen.contains(&s);
    let index = [Signal::Static, Signal::History, Signal::Authors];
    let weights = pairs
        .into_iter()
        .filter_map(|((a, b), v)| {
            let w: f64 = (0..3)
                .filter(|&i| on(index[i]) && total[i] > 0.0)
                .map(|i| v[i] / total[i])
                .sum();
            (w > 0.0).then_some((a, b, w))
        })
        .collect();
    (Some(weights), chosen)
}
