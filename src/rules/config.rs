//! `archsplit.toml` (or `[workspace.metadata.archsplit]` / `[package.metadata.archsplit]` in
//! the root Cargo.toml): rule overrides, read as data. Unknown keys and bad values are
//! rejected with the file and line.
//!
//! ```toml
//! [rules.over-fragmentation]
//! severity = "error"
//!
//! [rules.nanoservice-candidate]
//! enabled = false
//!
//! [rules.microservice-candidate.thresholds]
//! min_loc = 2000
//!
//! # what a crate is, when archsplit's reading is wrong (see README, "Crate roles")
//! [roles]
//! my-codegen = ["tooling"]
//!
//! # for `archsplit check`
//! fail-on = "warning"
//! exclude = ["vendor", "crates/*/generated"]
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Result};
use serde::Deserialize;

use super::{known_thresholds, RuleSet, Severity};

/// The settings of `archsplit.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub rules: BTreeMap<String, RuleOverride>,
    /// What fails `archsplit check` (the `--fail-on` flag overrides it).
    #[serde(rename = "fail-on")]
    pub fail_on: Option<crate::check::FailOn>,
    /// Paths (relative to PATH, `*` matches within one component) left out of the analysis.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Package name → its roles, replacing what archsplit read.
    #[serde(default)]
    pub roles: BTreeMap<String, Vec<String>>,
    /// The intended layers of the product crates, lowest first: each a list of crate names
    /// (`*` matches any run of characters).
    #[serde(default)]
    pub layers: Vec<Vec<String>>,
}

/// A configuration with the file it came from and its text, for messages.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: ConfigFile,
    pub file: String,
    pub text: String,
}

/// The configuration for an analysis of `path` (a directory, or a file in one); empty when
/// there is none or the path does not exist (discovery reports that).
pub fn load_for(path: &Path) -> Result<Loaded> {
    let Ok(canon) = path.canonicalize() else {
        return Ok(Loaded::default());
    };
    let dir = if canon.is_file() {
        canon.parent().map(Path::to_path_buf).unwrap_or(canon)
    } else {
        canon
    };
    Ok(match load(&dir)? {
        Some((config, file, text)) => Loaded { config, file, text },
        None => Loaded::default(),
    })
}

/// Changes to one rule.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleOverride {
    pub severity: Option<Severity>,
    pub enabled: Option<bool>,
    #[serde(default)]
    pub thresholds: BTreeMap<String, f64>,
}

#[derive(Deserialize)]
struct Manifest {
    workspace: Option<Section>,
    package: Option<Section>,
}

#[derive(Deserialize)]
struct Section {
    metadata: Option<Metadata>,
}

#[derive(Deserialize)]
struct Metadata {
    archsplit: Option<ConfigFile>,
}

/// `FILE:LINE:COLUMN: message` for a TOML error.
pub fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> String {
    let (line, col) = e
        .span()
        .map(|s| crate::workspace::line_col(text, s.start))
        .unwrap_or((0, 0));
    format!("{file}:{line}:{col}: {}", e.message().trim())
}

/// The line where `key` first appears as a key (`key =` or `[... key ...]`), or 0.
pub fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.starts_with(&format!("{key} "))
                || t.starts_with(&format!("{key}="))
                || (t.starts_with('[') && t.contains(key))
        })
        .map_or(0, |i| i + 1)
}

/// The configuration found at `root`: `archsplit.toml`, else the root Cargo.toml's
/// metadata. `None` when there is none. Returns the file it came from, for messages.
///
/// Both files are the repository's, read through `fsio::read_text_capped`: an
/// `archsplit.toml` that cannot be read (not a regular file, over the cap, not UTF-8) is a
/// warning and no configuration; a Cargo.toml that cannot be read has no settings here
/// (discovery reports it). What is read and malformed is an error naming the line.
pub fn load(root: &Path) -> Result<Option<(ConfigFile, String, String)>> {
    let own = root.join("archsplit.toml");
    let text = match crate::fsio::read_text_capped(&own, crate::fsio::caps::TEXT) {
        Ok(text) => Some(text),
        Err(e) if e.is_not_found() => None,
        Err(e) => {
            crate::diag::say(
                "warning",
                format!("archsplit.toml: {e}; its settings are not read"),
            );
            return Ok(None);
        }
    };
    if let Some(text) = text {
        let name = "archsplit.toml".to_string();
        let cfg: ConfigFile = toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("{}", toml_error(&name, &text, &e)))?;
        return Ok(Some((cfg, name, text)));
    }
    let manifest = root.join("Cargo.toml");
    let Ok(text) = crate::fsio::read_text_capped(&manifest, crate::fsio::caps::TEXT) else {
        return Ok(None);
    };
    // A malformed manifest is reported by discovery; here it just has no settings.
    let Ok(value) = toml::from_str::<toml::Table>(&text) else {
        return Ok(None);
    };
    let has = |k: &str| {
        value
            .get(k)
            .and_then(|v| v.get("metadata"))
            .and_then(|m| m.get("archsplit"))
            .is_some()
    };
    if !has("workspace") && !has("package") {
        return Ok(None);
    }
    let name = "Cargo.toml".to_string();
    let m: Manifest =
        toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}", toml_error(&name, &text, &e)))?;
    let cfg = m
        .workspace
        .and_then(|w| w.metadata)
        .and_then(|m| m.archsplit)
        .or_else(|| m.package.and_then(|p| p.metadata).and_then(|m| m.archsplit));
    Ok(cfg.map(|c| (c, name, text)))
}

/// The `[roles]` corrections of a configuration, checked against the roles archsplit knows
/// and the packages of the workspace: a typo is an error naming the line.
pub fn role_overrides(
    cfg: &Loaded,
    packages: &[&str],
) -> Result<BTreeMap<String, Vec<crate::model::roles::Role>>> {
    use crate::model::roles::Role;
    let (file, text) = (&cfg.file, &cfg.text);
    let mut out = BTreeMap::new();
    for (pkg, names) in &cfg.config.roles {
        if !packages.contains(&pkg.as_str()) {
            bail!(
                "{file}:{}: [roles] names `{pkg}`, which is no package of the workspace",
                line_of(text, pkg)
            );
        }
        let mut roles = Vec::new();
        for n in names {
            let Some(r) = Role::parse(n) else {
                let known: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                bail!(
                    "{file}:{}: unknown role `{n}` for `{pkg}` (known: {})",
                    line_of(text, pkg),
                    known.join(", ")
                );
            };
            roles.push(r);
        }
        out.insert(pkg.clone(), roles);
    }
    Ok(out)
}

/// Applies the overrides of a configuration to `set`.
pub fn apply(set: &mut RuleSet, cfg: &ConfigFile, file: &str, text: &str) -> Result<()> {
    for (id, o) in &cfg.rules {
        let Some(rule) = set.rules.get_mut(id) else {
            bail!(
                "{file}:{}: unknown rule `{id}` (see `archsplit rules`)",
                line_of(text, id)
            );
        };
        if let Some(s) = o.severity {
            rule.severity = s;
        }
        if let Some(e) = o.enabled {
            rule.enabled = e;
        }
        let known = known_thresholds(id).unwrap_or(&[]);
        for (name, value) in &o.thresholds {
            if !known.contains(&name.as_str()) {
                bail!(
                    "{file}:{}: rule `{id}` has no threshold `{name}` (it reads: {})",
                    line_of(text, name),
                    known.join(", ")
                );
            }
            if !value.is_finite() || *value < 0.0 {
                bail!(
                    "{file}:{}: threshold `{name}` must be a number ≥ 0",
                    line_of(text, name)
                );
            }
            rule.thresholds.insert(name.clone(), *value);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply_text(text: &str) -> Result<RuleSet> {
        let cfg: ConfigFile = toml::from_str(text)
            .map_err(|e| anyhow::anyhow!("{}", toml_error("archsplit.toml", text, &e)))?;
        let mut set = RuleSet::defaults();
        apply(&mut set, &cfg, "archsplit.toml", text)?;
        Ok(set)
    }

    #[test]
    fn overrides_change_severity_thresholds_and_switches() {
        let set = apply_text(
            "[rules.over-fragmentation]\nseverity = \"error\"\n[rules.nanoservice-candidate]\nenabled = false\n[rules.microservice-candidate.thresholds]\nmin_loc = 2000\n",
        )
        .unwrap();
        assert_eq!(set.get("over-fragmentation").severity, Severity::Error);
        assert!(!set.enabled("nanoservice-candidate"));
        assert_eq!(set.threshold("microservice-candidate", "min_loc"), 2000.0);
    }

    #[test]
    fn mistakes_name_the_line() {
        let e = apply_text("\n[rules.no-such-rule]\nenabled = true\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "archsplit.toml:2: unknown rule `no-such-rule` (see `archsplit rules`)"
        );
        let e = apply_text("[rules.chatty-boundary]\nseverity = \"loud\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("archsplit.toml:2:"), "{e}");
        let e = apply_text("[rules.chatty-boundary]\nenable = true\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("archsplit.toml:2:") && e.contains("enable"),
            "{e}"
        );
        let e = apply_text("[rules.chatty-boundary.thresholds]\nmin_cohesoin = 0.2\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("archsplit.toml:2:") && e.contains("min_cohesion"),
            "{e}"
        );
        let e = apply_text("[rules.chatty-boundary.thresholds]\nmin_cohesion = -1\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("archsplit.toml:2:"), "{e}");
    }
}
