//! Stage 5: the rules. Heuristics are data (`rules/*.toml`, embedded in the binary and
//! overridable); this module loads and validates them, and `recommend.rs`,
//! `fragmentation.rs` turn the analysis into recommendations, a verdict and findings.

pub mod actions;
pub mod boundary;
pub mod config;
pub mod duplication;
pub mod finding;
pub mod fragmentation;
pub mod god;
pub mod history;
pub mod layers;
pub mod recommend;
pub mod registry;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

pub use finding::{FailOn, Finding, Severity};
pub use recommend::{ClusterAdvice, Recommendation, Verdict, VerdictAdvice};
pub use registry::{RuleId, Thresholds};

/// What the rules make of an analysis.
#[derive(Debug, Clone)]
pub struct Advice {
    /// One per cluster, in cluster order.
    pub clusters: Vec<ClusterAdvice>,
    pub verdict: VerdictAdvice,
    pub findings: Vec<Finding>,
    /// The next steps, ranked (at most `actions::MAX_ACTIONS`, `MAX_PER_KIND` of a kind).
    pub actions: Vec<actions::Action>,
    /// The steps left out for those caps, ranked: the table report names them, `--all`
    /// shows them; the JSON holds `actions` only.
    pub capped_actions: Vec<actions::Action>,
    /// The layering of the product crates and the dependencies against it.
    pub layers: layers::Layers,
    /// Per cluster, who changes it and how often its changes reach other clusters; `None`
    /// without history.
    pub ownership: Option<Vec<crate::history::coupling::Ownership>>,
}

/// Applies the rules to an analysis.
pub fn advise(
    ws: &crate::workspace::Workspace,
    g: &crate::model::ModuleGraph,
    a: &crate::analysis::Analysis,
    rules: &RuleSet,
    history: Option<&crate::history::HistoryAnalysis>,
) -> Advice {
    let history = history.filter(|h| h.history.available());
    let ownership = history.map(|h| {
        crate::history::coupling::ownership(
            &h.history,
            &a.clustering.assignment,
            a.clustering.k,
            h.show_authors,
        )
    });
    let units = recommend::Units::new(ws, g);
    let prices = recommend::prices(g, a, &units);
    let mut clusters = recommend::recommend(ws, g, a, rules, &prices, &units, ownership.as_deref());
    let verdict = recommend::verdict(ws, g, a, rules, &mut clusters, &units);
    let mut findings = fragmentation::findings(ws, g, a, rules);
    findings.extend(god::findings(ws, g, rules));
    findings.extend(duplication::findings(ws, g, rules));
    if let Some(h) = history {
        findings.extend(self::history::findings(ws, g, a, h, rules));
    }
    for f in &mut findings {
        f.suppressed = rules
            .suppress
            .iter()
            .find(|s| s.matches(f))
            .map(|s| s.reason.trim().to_string());
    }
    let steps = actions::actions(ws, g, a, rules, &clusters, &findings);
    let layers = layers::layers(ws, g, &rules.layers);
    Advice {
        clusters,
        verdict,
        findings,
        actions: steps.kept,
        capped_actions: steps.capped,
        layers,
        ownership,
    }
}

/// The packages of the product targets (`product`: `ModuleGraph::product_targets`), sorted.
pub(crate) fn product_packages<'g>(
    g: &'g crate::model::ModuleGraph,
    product: &[bool],
) -> std::collections::BTreeSet<&'g str> {
    g.crates
        .iter()
        .zip(product)
        .filter(|(_, p)| **p)
        .map(|(c, _)| c.package.as_str())
        .collect()
}

/// The shipped rules, with `--rules DIR` over them (for `archsplit rules` and `explain`).
pub fn load_without_config(rules_dir: Option<&Path>) -> Result<RuleSet> {
    let mut set = RuleSet::defaults();
    if let Some(dir) = rules_dir {
        set.load_dir(dir)?;
    }
    Ok(set)
}

/// The rules in force for an analysis: the defaults, then `--rules DIR`, then the
/// repository's configuration (`archsplit.toml` or `[workspace.metadata.archsplit]`).
pub fn load(cfg: &config::Loaded, rules_dir: Option<&Path>) -> Result<RuleSet> {
    let mut set = load_without_config(rules_dir)?;
    config::apply(&mut set, &cfg.config, &cfg.file, &cfg.text)?;
    set.layers = cfg.config.layers.clone();
    set.suppress = cfg.suppressions()?;
    Ok(set)
}

/// What a rule decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// A reason for a cluster's recommendation.
    Recommendation,
    /// A reason for the codebase's verdict.
    Verdict,
    /// A finding: something to fix, with a severity and a fingerprint.
    Finding,
}

/// One heuristic, as written in its TOML file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub kind: RuleKind,
    pub severity: Severity,
    /// Where the heuristic comes from (the article, or a named source).
    pub source: String,
    /// The passage of the source it encodes, quoted.
    pub passage: String,
    /// The metrics it reads.
    pub metrics: Vec<String>,
    pub help: String,
    #[serde(default)]
    pub thresholds: BTreeMap<String, f64>,
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

/// The rules in force, one per `RuleId`.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    /// In `RuleId::ALL` order: `rules[id as usize]` is the rule `id` (built so, never
    /// reordered, only replaced in place).
    rules: Vec<Rule>,
    /// The thresholds in force, typed; kept in step with `rules` by every change.
    pub thresholds: Thresholds,
    /// The shipped thresholds: what a rule file of `--rules DIR` leaves out.
    shipped: Thresholds,
    /// The layers the configuration declares, lowest first (crate name patterns); empty to
    /// infer them from the crate graph.
    pub layers: Vec<Vec<String>>,
    /// Findings the configuration accepts, with their reasons.
    pub suppress: Vec<config::Suppression>,
}

impl RuleSet {
    /// The rules shipped with archsplit. They are embedded and checked by the tests
    /// (`shipped_rules_load_and_name_their_thresholds`): a shipped rule that does not parse
    /// is a bug in the build, never a user's mistake.
    pub fn defaults() -> RuleSet {
        let mut rules = Vec::with_capacity(RuleId::ALL.len());
        let mut thresholds = Thresholds::default();
        for &id in RuleId::ALL {
            let (file, text) = id.shipped();
            let (_, r) = parse_rule_id(text, file).expect("the shipped rules are valid");
            let zero = Thresholds::default();
            thresholds
                .set(id, &zero, &r.thresholds)
                .expect("the shipped rules name every threshold they read");
            rules.push(r);
        }
        RuleSet {
            rules,
            thresholds,
            shipped: thresholds,
            layers: Vec::new(),
            suppress: Vec::new(),
        }
    }

    /// Replaces rules by the `*.toml` files of `dir` (matched by id). The user named the
    /// directory, so a `*.toml` entry that cannot be read — not a regular file (a FIFO, a
    /// device, a directory, a symlink to one), over the size cap, not UTF-8 — is an error
    /// naming it; other entries are not looked at. A threshold the file leaves out keeps its
    /// shipped value.
    pub fn load_dir(&mut self, dir: &Path) -> Result<()> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .with_context(|| format!("{}: cannot read rules directory", dir.display()))?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for f in files {
            let text = crate::fsio::read_text_capped(&f, crate::fsio::caps::TEXT)
                .with_context(|| format!("{}: cannot read rule", f.display()))?;
            let (id, r) = parse_rule_id(&text, &f.display().to_string())?;
            let shipped = self.shipped;
            self.thresholds
                .set(id, &shipped, &r.thresholds)
                .map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?;
            self.rules[id as usize] = r;
        }
        Ok(())
    }

    /// Every rule, in the order of their ids.
    pub fn iter(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter()
    }

    pub fn get(&self, id: RuleId) -> &Rule {
        &self.rules[id as usize]
    }

    pub fn get_mut(&mut self, id: RuleId) -> &mut Rule {
        &mut self.rules[id as usize]
    }

    pub fn enabled(&self, id: RuleId) -> bool {
        self.get(id).enabled
    }

    pub fn severity(&self, id: RuleId) -> Severity {
        self.get(id).severity
    }
}

/// Parses and validates one rule file; errors name the file and line.
pub fn parse_rule(text: &str, file: &str) -> Result<Rule> {
    parse_rule_id(text, file).map(|(_, r)| r)
}

/// `parse_rule`, with the rule's id.
fn parse_rule_id(text: &str, file: &str) -> Result<(RuleId, Rule)> {
    let rule: Rule = toml::from_str(text)
        .map_err(|e| anyhow::anyhow!("{}", config::toml_error(file, text, &e)))?;
    let Some(id) = RuleId::parse(&rule.id) else {
        let line = config::line_of(text, "id");
        bail!(
            "{file}:{line}: unknown rule id `{}` (known: {})",
            rule.id,
            RuleId::ALL
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    };
    check_thresholds(id, &rule.thresholds, file, text)?;
    Ok((id, rule))
}

/// Every threshold is one `id` reads and a number ≥ 0; errors name the file and line.
pub(crate) fn check_thresholds(
    id: RuleId,
    thresholds: &BTreeMap<String, f64>,
    file: &str,
    text: &str,
) -> Result<()> {
    let known = id.threshold_names();
    for (name, value) in thresholds {
        if !known.contains(&name.as_str()) {
            bail!(
                "{file}:{}: rule `{id}` has no threshold `{name}` (it reads: {})",
                config::line_of(text, name),
                known.join(", ")
            );
        }
        if !value.is_finite() || *value < 0.0 {
            bail!(
                "{file}:{}: threshold `{name}` must be a number ≥ 0",
                config::line_of(text, name)
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rules_load_and_name_their_thresholds() {
        let set = RuleSet::defaults();
        assert_eq!(set.iter().count(), RuleId::ALL.len());
        for &id in RuleId::ALL {
            let r = set.get(id);
            assert_eq!(r.id, id.as_str());
            for t in id.threshold_names() {
                assert!(r.thresholds.contains_key(*t), "{id} ships {t}");
            }
            assert_eq!(r.thresholds.len(), id.threshold_names().len());
            assert!(!r.passage.is_empty() && !r.help.is_empty());
        }
    }

    #[test]
    fn passages_are_quoted_from_the_article() {
        // The article the rules quote, kept with them (rules/source/).
        let text = include_str!("../../rules/source/microservices-vs-nanoservices.txt");
        // Markdown links `[text](#)` read as their text; whitespace is normalized.
        let plain = text.replace("](#)", "").replace('[', "");
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let plain = norm(&plain);
        for r in RuleSet::defaults().iter() {
            assert!(
                plain.contains(&norm(&r.passage)),
                "rule {} quotes: {}",
                r.id,
                r.passage
            );
        }
    }

    #[test]
    fn bad_rule_files_name_file_and_line() {
        let e = parse_rule("id = \"chatty-boundary\"\ntitle = 1\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.toml:2:"), "{e}");
        let text = RuleSet::defaults().get(RuleId::ChattyBoundary).clone();
        let mut s = toml::to_string(&text).unwrap();
        s.push_str("\n[extra]\n");
        let e = parse_rule(&s, "y.toml").unwrap_err().to_string();
        assert!(e.contains("y.toml:") && e.contains("extra"), "{e}");
        let s = toml::to_string(&text)
            .unwrap()
            .replace("min_cohesion", "min_cohesoin");
        let e = parse_rule(&s, "z.toml").unwrap_err().to_string();
        assert!(e.contains("no threshold `min_cohesoin`"), "{e}");
    }

    #[test]
    fn a_rules_dir_file_replaces_by_id_and_keeps_the_shipped_thresholds_it_leaves_out() {
        let shipped = RuleSet::defaults();
        let mut rule = shipped.get(RuleId::MicroserviceCandidate).clone();
        rule.thresholds = BTreeMap::from([("min_loc".to_string(), 50.0)]);
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("m.toml"), toml::to_string(&rule).unwrap()).unwrap();
        let mut set = RuleSet::defaults();
        set.load_dir(tmp.path()).unwrap();
        let t = set.thresholds.microservice_candidate;
        assert_eq!(t.min_loc, 50.0);
        assert_eq!(
            t.min_microservices,
            shipped.thresholds.microservice_candidate.min_microservices
        );
        assert_eq!(set.get(RuleId::MicroserviceCandidate).thresholds.len(), 1);

        let text = toml::to_string(&rule)
            .unwrap()
            .replace("min_loc", "min_lines");
        std::fs::write(tmp.path().join("m.toml"), text).unwrap();
        let e = RuleSet::defaults()
            .load_dir(tmp.path())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("m.toml:") && e.contains("no threshold `min_lines`"),
            "{e}"
        );
    }
}
