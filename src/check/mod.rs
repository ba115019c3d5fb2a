//! `archsplit check`: what a change did to the structure, the findings it introduced, and
//! whether to fail the build. The base revision's files are written from their blobs as
//! stored (`git::read_tree`: no filter, attribute or other program) into a private directory
//! and analyzed exactly like the working tree.

pub mod baseline;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::model::ModuleGraph;
use crate::rules::{Advice, Finding};
use crate::workspace::Workspace;

pub use crate::rules::FailOn;

/// Structural figures of one revision; fragmentation is read from the crates as they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub crates: usize,
    pub modules: usize,
    pub loc: u64,
    /// Mean lines of code per crate.
    pub mean_crate_loc: f64,
    /// References between different crates.
    pub cut_weight: u64,
    /// Share of all references that cross a crate boundary.
    pub icp: f64,
    pub clusters: usize,
    /// The revision's verdict; `None` (written `none`) for a revision with no Rust code at
    /// PATH.
    #[serde(with = "verdict_or_none")]
    pub verdict: Option<crate::rules::Verdict>,
}

/// What archsplit keeps of one revision's analysis.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    pub figures: Figures,
    pub packages: BTreeMap<String, u64>,
    pub modules: BTreeSet<String>,
    pub findings: Vec<Finding>,
    /// References between packages.
    #[serde(with = "edge_list")]
    pub crate_edges: BTreeMap<(String, String), u64>,
}

/// A verdict as its word, `none` for no verdict.
mod verdict_or_none {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::rules::Verdict;

    pub fn serialize<S: Serializer>(v: &Option<Verdict>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => v.serialize(s),
            None => "none".serialize(s),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Verdict>, D::Error> {
        let word = String::deserialize(d)?;
        if word == "none" {
            return Ok(None);
        }
        Verdict::deserialize(serde::de::value::StrDeserializer::<D::Error>::new(&word)).map(Some)
    }
}

impl Figures {
    /// The verdict as reports write it.
    pub fn verdict_word(&self) -> &'static str {
        self.verdict.map_or("none", |v| v.as_str())
    }
}

/// `crate_edges` stored as a list of `[[from, to], weight]`: JSON keys are strings only.
mod edge_list {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    type Edges = BTreeMap<(String, String), u64>;

    pub fn serialize<S: Serializer>(m: &Edges, s: S) -> Result<S::Ok, S::Error> {
        m.iter().collect::<Vec<_>>().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Edges, D::Error> {
        Ok(Vec::<((String, String), u64)>::deserialize(d)?
            .into_iter()
            .collect())
    }
}

impl Snapshot {
    pub fn new(ws: &Workspace, g: &ModuleGraph, a: &Analysis, advice: &Advice) -> Snapshot {
        let pkg = |m: usize| g.crates[g.modules[m].krate].package.clone();
        let mut packages: BTreeMap<String, u64> =
            ws.packages.iter().map(|p| (p.name.clone(), 0)).collect();
        for (i, m) in g.modules.iter().enumerate() {
            *packages.entry(pkg(i)).or_insert(0) += m.facts.loc as u64;
        }
        let mut crate_edges = BTreeMap::new();
        let (mut total, mut cut) = (0u64, 0u64);
        for e in &g.edges {
            total += e.weight as u64;
            let (x, y) = (pkg(e.from), pkg(e.to));
            if x != y {
                cut += e.weight as u64;
                *crate_edges.entry((x, y)).or_insert(0) += e.weight as u64;
            }
        }
        let loc: u64 = packages.values().sum();
        let crates = packages.len();
        Snapshot {
            figures: Figures {
                crates,
                modules: g.modules.len(),
                loc,
                mean_crate_loc: round1(loc as f64 / crates.max(1) as f64),
                cut_weight: cut,
                icp: crate::analysis::metrics::round4(if total > 0 {
                    cut as f64 / total as f64
                } else {
                    0.0
                }),
                clusters: a.clustering.k,
                verdict: Some(advice.verdict.verdict),
            },
            packages,
            modules: g.modules.iter().map(|m| m.path.clone()).collect(),
            findings: advice.findings.clone(),
            crate_edges,
        }
    }

    /// A revision with no Rust code yet.
    pub fn empty() -> Snapshot {
        Snapshot {
            figures: Figures {
                crates: 0,
                modules: 0,
                loc: 0,
                mean_crate_loc: 0.0,
                cut_weight: 0,
                icp: 0.0,
                clusters: 0,
                verdict: None,
            },
            packages: BTreeMap::new(),
            modules: BTreeSet::new(),
            findings: Vec::new(),
            crate_edges: BTreeMap::new(),
        }
    }
}

/// The cache key of a base revision's snapshot: the commit and everything that shapes its
/// analysis (where PATH is in the repository, excluded paths, tests, the rules in force and
/// the configuration's text), with archsplit's version and the snapshot's format.
pub fn snapshot_key(
    commit: &str,
    repo_prefix: &str,
    exclude: &[String],
    include_tests: bool,
    rules: &crate::rules::RuleSet,
    config_text: &str,
) -> String {
    let mut h = crate::hash::Fnv64::new();
    h.field(env!("CARGO_PKG_VERSION").as_bytes())
        .field(&[SNAPSHOT_FORMAT, u8::from(include_tests)])
        .field(commit.as_bytes())
        .field(repo_prefix.as_bytes())
        .field(format!("{exclude:?}").as_bytes())
        .field(format!("{rules:?}").as_bytes())
        .field(config_text.as_bytes());
    format!("base-{:016x}.snapshot", h.finish())
}

/// Bumped when `Snapshot` changes shape.
const SNAPSHOT_FORMAT: u8 = 1;

impl Snapshot {
    /// The snapshot stored under `key` in the cache directory, if it is there and whole.
    pub fn load(dir: &std::path::Path, key: &str) -> Option<Snapshot> {
        let bytes = crate::fsio::read_capped(&dir.join(key), crate::fsio::caps::BASELINE).ok()?;
        // JSON, not postcard: findings leave out empty optional fields, which only a
        // self-describing format reads back.
        serde_json::from_slice(crate::cache::unseal(&bytes)?).ok()
    }

    /// Keeps the snapshot under `key` (sealed with a checksum); a failure only costs the
    /// next run the work.
    pub fn store(&self, dir: &std::path::Path, key: &str) {
        if let Ok(bytes) = serde_json::to_vec(self) {
            crate::cache::write_sealed(dir, key, &bytes);
        }
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// What the change did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Changes {
    pub crates_added: Vec<String>,
    pub crates_removed: Vec<String>,
    pub modules_added: Vec<String>,
    pub modules_removed: Vec<String>,
}

/// Whether a finding counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Introduced by the change (or, without `--base`, present and not in the baseline).
    New,
    /// Present in the base revision too.
    Existing,
    /// Accepted in the baseline file.
    Baselined,
    /// Accepted with a reason by a `[[suppress]]` entry of the configuration.
    Suppressed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckedFinding {
    #[serde(flatten)]
    pub finding: Finding,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaseInfo {
    pub reference: String,
    pub commit: String,
}

/// The outcome of a check.
#[derive(Debug, Clone)]
pub struct CheckResult {
    pub base: Option<BaseInfo>,
    pub before: Option<Snapshot>,
    pub after: Snapshot,
    pub changes: Option<Changes>,
    pub findings: Vec<CheckedFinding>,
    pub stale: Vec<baseline::Entry>,
    pub fail_on: FailOn,
    pub failed: bool,
    /// PATH relative to the repository's top directory (`""` at the top), for locations.
    pub repo_prefix: String,
}

impl CheckResult {
    pub fn counted(&self) -> impl Iterator<Item = &CheckedFinding> {
        self.findings.iter().filter(|f| f.status == Status::New)
    }
}

fn diff<T: Ord + Clone>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> Vec<T> {
    b.difference(a).cloned().collect()
}

/// The crate an `over-fragmentation` finding asks to merge: its subject that is not `into`.
fn merged_crate(f: &Finding) -> Option<&str> {
    let into = f.into.as_deref()?;
    f.subjects.iter().map(String::as_str).find(|s| *s != into)
}

/// Findings of the same model as `analyze`, read on the working tree: a crate this change
/// adds whose boundary has the signals of crates maintainers merged back is named with its
/// evidence; the message says the change added it.
fn mark_added(findings: &mut [Finding], changes: &Changes) {
    for f in findings.iter_mut() {
        if !f.is(crate::rules::RuleId::OverFragmentation) {
            continue;
        }
        let Some(x) = merged_crate(f) else { continue };
        if changes.crates_added.iter().any(|c| c == x) {
            f.message = format!("this change adds the crate `{x}`: {}", f.message);
        }
    }
}

/// Compares the working tree with the base revision and the baseline.
pub fn evaluate(
    base: Option<(BaseInfo, Snapshot)>,
    mut after: Snapshot,
    baseline: Option<&baseline::Baseline>,
    fail_on: FailOn,
    repo_prefix: String,
) -> CheckResult {
    let (base_info, before) = match base {
        Some((i, s)) => (Some(i), Some(s)),
        None => (None, None),
    };
    let changes = before.as_ref().map(|b| {
        let (pa, pb): (BTreeSet<String>, BTreeSet<String>) = (
            b.packages.keys().cloned().collect(),
            after.packages.keys().cloned().collect(),
        );
        Changes {
            crates_added: diff(&pa, &pb),
            crates_removed: diff(&pb, &pa),
            modules_added: diff(&b.modules, &after.modules),
            modules_removed: diff(&after.modules, &b.modules),
        }
    });
    if let Some(c) = &changes {
        mark_added(&mut after.findings, c);
    }
    let before_fps: BTreeSet<&str> = before
        .as_ref()
        .map(|b| b.findings.iter().map(|f| f.fingerprint.as_str()).collect())
        .unwrap_or_default();
    let findings: Vec<CheckedFinding> = after
        .findings
        .iter()
        .map(|f| {
            let status = if f.suppressed.is_some() {
                Status::Suppressed
            } else if baseline.is_some_and(|bl| bl.contains(&f.fingerprint)) {
                Status::Baselined
            } else if before_fps.contains(f.fingerprint.as_str()) {
                Status::Existing
            } else {
                Status::New
            };
            CheckedFinding {
                finding: f.clone(),
                status,
            }
        })
        .collect();
    let current: BTreeSet<&str> = after
        .findings
        .iter()
        .map(|f| f.fingerprint.as_str())
        .collect();
    let stale = baseline.map(|bl| bl.stale(&current)).unwrap_or_default();
    let failed = findings
        .iter()
        .any(|f| f.status == Status::New && fail_on.fails(f.finding.severity));
    CheckResult {
        base: base_info,
        before,
        after,
        changes,
        findings,
        stale,
        fail_on,
        failed,
        repo_prefix,
    }
}
