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

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

pub use finding::{FailOn, Finding, Severity};
pub use recommend::{ClusterAdvice, Recommendation, Verdict, VerdictAdvice};

/// What the rules make of an analysis.
#[derive(Debug, Clone)]
pub struct Advice {
    /// One per cluster, in cluster order.
    pub clusters: Vec<ClusterAdvice>,
    pub verdict: VerdictAdvice,
    pub findings: Vec<Finding>,
    /// The next steps, ranked (at most `actions::MAX_ACTIONS`).
    pub actions: Vec<actions::Action>,
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
    let actions = actions::actions(ws, g, a, &clusters, &findings);
    let layers = layers::layers(ws, g, &rules.layers);
    Advice {
        clusters,
        verdict,
        findings,
        actions,
        layers,
        ownership,
    }
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
    set.suppress = cfg.suppressions(&set)?;
    Ok(set)
}

/// The default rules, one file each, as shipped in `rules/`.
pub const DEFAULT_RULES: &[(&str, &str)] = &[
    (
        "change-crossing.toml",
        include_str!("../../rules/change-crossing.toml"),
    ),
    (
        "chatty-boundary.toml",
        include_str!("../../rules/chatty-boundary.toml"),
    ),
    (
        "cyclic-services.toml",
        include_str!("../../rules/cyclic-services.toml"),
    ),
    (
        "existing-process.toml",
        include_str!("../../rules/existing-process.toml"),
    ),
    (
        "god-module.toml",
        include_str!("../../rules/god-module.toml"),
    ),
    (
        "duplicated-code.toml",
        include_str!("../../rules/duplicated-code.toml"),
    ),
    (
        "hidden-coupling.toml",
        include_str!("../../rules/hidden-coupling.toml"),
    ),
    (
        "linked-library.toml",
        include_str!("../../rules/linked-library.toml"),
    ),
    (
        "microservice-candidate.toml",
        include_str!("../../rules/microservice-candidate.toml"),
    ),
    (
        "nanoservice-candidate.toml",
        include_str!("../../rules/nanoservice-candidate.toml"),
    ),
    (
        "over-fragmentation.toml",
        include_str!("../../rules/over-fragmentation.toml"),
    ),
    (
        "separate-team.toml",
        include_str!("../../rules/separate-team.toml"),
    ),
    (
        "shared-state.toml",
        include_str!("../../rules/shared-state.toml"),
    ),
    (
        "small-codebase.toml",
        include_str!("../../rules/small-codebase.toml"),
    ),
    (
        "tightly-coupled-codebase.toml",
        include_str!("../../rules/tightly-coupled-codebase.toml"),
    ),
    (
        "too-small-for-a-service.toml",
        include_str!("../../rules/too-small-for-a-service.toml"),
    ),
];

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

/// The threshold names each rule's implementation reads; anything else is rejected.
pub fn known_thresholds(id: &str) -> Option<&'static [&'static str]> {
    Some(match id {
        "microservice-candidate" => &[
            "min_loc",
            "min_cohesion",
            "max_code_share",
            "max_entry_points",
            "max_crossing_types",
        ],
        "linked-library" => &["min_type_share"],
        "existing-process" => &["max_remote_calls", "max_crossing_types"],
        "nanoservice-candidate" => &[
            "max_loc",
            "max_entry_points",
            "max_dependencies",
            "min_client_clusters",
            "max_remote_references",
        ],
        "too-small-for-a-service" => &["min_loc"],
        "chatty-boundary" => &["min_cohesion"],
        "cyclic-services" => &["min_cycle_references"],
        "shared-state" => &["min_shared_items"],
        "small-codebase" => &["min_loc"],
        "tightly-coupled-codebase" => &["min_modularity", "max_largest_cycle_share"],
        "over-fragmentation" => &[
            "tiny_crate_loc",
            "min_cross_references",
            "min_cross_ratio",
            "min_reexport_share",
            "extension_min_ratio",
            "extension_max_size_share",
            "extension_min_users",
        ],
        "duplicated-code" => &["min_loc"],
        "hidden-coupling" => &["min_shared_commits", "min_degree"],
        "god-module" => &[
            "min_loc",
            "min_fan_in",
            "min_fan_out",
            "min_crate_share",
            "min_crate_modules",
            "max_crate_cohesion",
        ],
        "change-crossing" => &["max_crossing_share", "min_changes"],
        "separate-team" => &["min_own_team_share", "min_changes"],
        _ => return None,
    })
}

/// The rules in force, by id.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    pub rules: BTreeMap<String, Rule>,
    /// The layers the configuration declares, lowest first (crate name patterns); empty to
    /// infer them from the crate graph.
    pub layers: Vec<Vec<String>>,
    /// Findings the configuration accepts, with their reasons.
    pub suppress: Vec<config::Suppression>,
}

impl RuleSet {
    /// The rules shipped with archsplit.
    pub fn defaults() -> RuleSet {
        let mut rules = BTreeMap::new();
        for (file, text) in DEFAULT_RULES {
            let r = parse_rule(text, file).expect("the shipped rules are valid");
            rules.insert(r.id.clone(), r);
        }
        RuleSet {
            rules,
            layers: Vec::new(),
            suppress: Vec::new(),
        }
    }

    /// Replaces rules by the `*.toml` files of `dir` (matched by id). The user named the
    /// directory, so a `*.toml` entry that cannot be read — not a regular file (a FIFO, a
    /// device, a directory, a symlink to one), over the size cap, not UTF-8 — is an error
    /// naming it; other entries are not looked at.
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
            let r = parse_rule(&text, &f.display().to_string())?;
            self.rules.insert(r.id.clone(), r);
        }
        Ok(())
    }

    pub fn get(&self, id: &str) -> &Rule {
        self.rules
            .get(id)
            .unwrap_or_else(|| panic!("rule `{id}` is registered"))
    }

    pub fn enabled(&self, id: &str) -> bool {
        self.rules.get(id).is_some_and(|r| r.enabled)
    }

    /// A threshold of a rule; the shipped value when an override left it out.
    pub fn threshold(&self, id: &str, name: &str) -> f64 {
        self.rules
            .get(id)
            .and_then(|r| r.thresholds.get(name).copied())
            .or_else(|| {
                DEFAULT_RULES
                    .iter()
                    .filter_map(|(f, t)| parse_rule(t, f).ok())
                    .find(|r| r.id == id)
                    .and_then(|r| r.thresholds.get(name).copied())
            })
            .unwrap_or_else(|| panic!("threshold `{name}` of `{id}` is known"))
    }
}

/// Parses and validates one rule file; errors name the file and line.
pub fn parse_rule(text: &str, file: &str) -> Result<Rule> {
    let rule: Rule = toml::from_str(text)
        .map_err(|e| anyhow::anyhow!("{}", config::toml_error(file, text, &e)))?;
    let Some(known) = known_thresholds(&rule.id) else {
        let line = config::line_of(text, "id");
        bail!(
            "{file}:{line}: unknown rule id `{}` (known: {})",
            rule.id,
            DEFAULT_RULES
                .iter()
                .map(|(f, _)| f.trim_end_matches(".toml"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    };
    for (name, value) in &rule.thresholds {
        if !known.contains(&name.as_str()) {
            bail!(
                "{file}:{}: rule `{}` has no threshold `{name}` (it reads: {})",
                config::line_of(text, name),
                rule.id,
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
    Ok(rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rules_load_and_name_their_thresholds() {
        let set = RuleSet::defaults();
        assert_eq!(set.rules.len(), DEFAULT_RULES.len());
        for (id, r) in &set.rules {
            let known = known_thresholds(id).unwrap();
            for t in known {
                assert!(r.thresholds.contains_key(*t), "{id} ships {t}");
            }
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
        for r in RuleSet::defaults().rules.values() {
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
        let text = RuleSet::defaults().get("chatty-boundary").clone();
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
}
