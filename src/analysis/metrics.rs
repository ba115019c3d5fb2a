//! Coupling metrics of a group of modules (one module, a crate, a cluster).
//!
//! - `ca`, `ce`: afferent and efferent coupling, counted in modules outside the group that
//!   depend on it / that it depends on (JDepend's reading of Martin's metrics, with modules
//!   as the units).
//! - `instability` I = Ce / (Ca + Ce), 0 when the group touches nothing.
//! - `abstractness` A = traits / (traits + structs + enums + unions): the Rust adaptation of
//!   "abstract classes over all classes". Traits are the abstract types; type aliases and
//!   functions are not counted either way. 0 when the group defines no type.
//! - `distance` D = |A + I − 1|, the distance from Martin's main sequence.
//! - `fan_in`, `fan_out`: the weight (number of references) entering and leaving the group.
//! - `cohesion`: internal reference weight over all reference weight touching the group.
//! - `conductance`: weight crossing the boundary over the smaller of the two sides' volumes
//!   (sum of weighted degrees); low is a clean cut.

use serde::Serialize;

use crate::model::ModuleGraph;
use crate::parse::ItemKind;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Metrics {
    pub modules: usize,
    pub loc: u64,
    pub ca: usize,
    pub ce: usize,
    pub instability: f64,
    pub abstractness: f64,
    pub distance: f64,
    pub fan_in: u64,
    pub fan_out: u64,
    pub internal_weight: u64,
    pub cohesion: f64,
    pub conductance: f64,
}

/// How many modules use each module (edges are one per pair of modules).
pub fn users(g: &ModuleGraph) -> Vec<usize> {
    let mut users = vec![0usize; g.modules.len()];
    for e in &g.edges {
        users[e.to] += 1;
    }
    users
}

/// Weighted degree of every module (in plus out).
pub fn volumes(g: &ModuleGraph) -> Vec<u64> {
    let mut vol = vec![0u64; g.modules.len()];
    for e in &g.edges {
        vol[e.from] += e.weight as u64;
        vol[e.to] += e.weight as u64;
    }
    vol
}

/// Metrics of every group at once: `label[m]` is the group of module m (`0..k`), `None`
/// for a module in no group. One pass over the edges.
pub fn by_label(g: &ModuleGraph, label: &[Option<usize>], k: usize) -> Vec<Metrics> {
    let vol = volumes(g);
    let total: u64 = vol.iter().sum();
    let mut out = vec![Metrics::default(); k];
    let mut traits = vec![0usize; k];
    let mut types = vec![0usize; k];
    let mut vol_in = vec![0u64; k];
    for (i, module) in g.modules.iter().enumerate() {
        let Some(c) = label[i] else { continue };
        out[c].modules += 1;
        out[c].loc += module.facts.loc as u64;
        vol_in[c] += vol[i];
        for it in &module.facts.items {
            match it.kind {
                ItemKind::Trait => traits[c] += 1,
                ItemKind::Struct | ItemKind::Enum | ItemKind::Union => types[c] += 1,
                _ => {}
            }
        }
    }
    let mut users: Vec<(usize, usize)> = Vec::new();
    let mut used: Vec<(usize, usize)> = Vec::new();
    for e in &g.edges {
        let w = e.weight as u64;
        let (a, b) = (label[e.from], label[e.to]);
        if a.is_some() && a == b {
            out[a.unwrap_or_default()].internal_weight += w;
            continue;
        }
        if let Some(b) = b {
            out[b].fan_in += w;
            users.push((b, e.from));
        }
        if let Some(a) = a {
            out[a].fan_out += w;
            used.push((a, e.to));
        }
    }
    for (pairs, is_users) in [(&mut users, true), (&mut used, false)] {
        pairs.sort_unstable();
        pairs.dedup();
        for &(c, _) in pairs.iter() {
            if is_users {
                out[c].ca += 1;
            } else {
                out[c].ce += 1;
            }
        }
    }
    for c in 0..k {
        let m = &mut out[c];
        m.instability = ratio(m.ce as f64, (m.ca + m.ce) as f64);
        m.abstractness = ratio(traits[c] as f64, (traits[c] + types[c]) as f64);
        m.distance = (m.abstractness + m.instability - 1.0).abs();
        let boundary = m.fan_in + m.fan_out;
        m.cohesion = ratio(
            m.internal_weight as f64,
            (m.internal_weight + boundary) as f64,
        );
        m.conductance = ratio(boundary as f64, vol_in[c].min(total - vol_in[c]) as f64);
        round_all(m);
    }
    out
}

/// Metrics of each module on its own.
pub fn per_module(g: &ModuleGraph) -> Vec<Metrics> {
    let label: Vec<Option<usize>> = (0..g.modules.len()).map(Some).collect();
    by_label(g, &label, g.modules.len())
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

pub use crate::words::round4;

fn round_all(m: &mut Metrics) {
    for x in [
        &mut m.instability,
        &mut m.abstractness,
        &mut m.distance,
        &mut m.cohesion,
        &mut m.conductance,
    ] {
        *x = round4(*x);
    }
}
