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
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use serde::Deserialize;

use super::{RuleId, RuleSet, Severity};

/// The settings of `archsplit.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub rules: BTreeMap<String, RuleOverride>,
    /// What fails `archsplit check` (the `--fail-on` flag overrides it).
    #[serde(rename = "fail-on")]
    pub fail_on: Option<super::FailOn>,
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
    /// Findings accepted with a reason, one entry each.
    #[serde(default)]
    pub suppress: Vec<Suppression>,
}

/// `[[suppress]]`: one finding (by fingerprint), or a rule's findings about one subject,
/// accepted with a reason.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    /// The finding's fingerprint (as `check` and the baseline print it).
    pub fingerprint: Option<String>,
    /// Only findings of this rule.
    pub rule: Option<String>,
    /// Only findings about this crate or module (one of their subjects).
    pub subject: Option<String>,
    /// Why: shown beside the finding in every report. Required.
    pub reason: String,
}

impl Suppression {
    /// Whether it covers `f`.
    pub fn matches(&self, f: &super::Finding) -> bool {
        self.fingerprint
            .as_deref()
            .is_none_or(|fp| fp.eq_ignore_ascii_case(&f.fingerprint))
            && self.rule.as_deref().is_none_or(|r| r == f.rule)
            && self
                .subject
                .as_deref()
                .is_none_or(|s| f.subjects.iter().any(|x| x == s))
    }
}

/// A configuration with the file it came from and its text, for messages.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: ConfigFile,
    pub file: String,
    pub text: String,
    /// The directory its paths (`exclude`) are relative to; `None` for none found.
    pub dir: Option<PathBuf>,
}

/// How many directories above PATH the configuration is looked for, at most.
const MAX_UPWARD: usize = 32;

/// The configuration for an analysis of `path` (a directory, or a file in one): the file
/// named with `--config`, else the nearest `archsplit.toml` (or Cargo.toml with
/// `[workspace.metadata.archsplit]` / `[package.metadata.archsplit]`) from PATH upward to
/// the workspace root (the first directory whose Cargo.toml has `[workspace]`) or the top of
/// the repository. Empty when there is none or the path does not exist (discovery reports
/// that).
pub fn load_for(path: &Path, explicit: Option<&Path>) -> Result<Loaded> {
    if let Some(file) = explicit {
        return load_named(file);
    }
    let Ok(canon) = path.canonicalize() else {
        return Ok(Loaded::default());
    };
    let start = if canon.is_file() {
        canon.parent().map(Path::to_path_buf).unwrap_or(canon)
    } else {
        canon
    };
    let mut dir = start.clone();
    for _ in 0..MAX_UPWARD {
        if let Some((config, file, text)) = load(&dir)? {
            let file = if dir == start {
                file
            } else {
                dir.join(&file).display().to_string()
            };
            return Ok(Loaded {
                config,
                file,
                text,
                dir: Some(dir),
            });
        }
        if is_boundary(&dir) {
            break;
        }
        match dir.parent() {
            Some(p) => dir = p.to_path_buf(),
            None => break,
        }
    }
    Ok(Loaded::default())
}

/// Whether the search for a configuration stops at `dir`: a workspace root or the top of a
/// repository.
fn is_boundary(dir: &Path) -> bool {
    if std::fs::symlink_metadata(dir.join(".git")).is_ok() {
        return true;
    }
    crate::fsio::read_text_capped(&dir.join("Cargo.toml"), crate::fsio::caps::TEXT)
        .ok()
        .and_then(|t| toml::from_str::<toml::Table>(&t).ok())
        .is_some_and(|t| t.contains_key("workspace"))
}

/// The configuration in the file the user named (`--config FILE`): an `archsplit.toml`, or
/// a Cargo.toml with archsplit's metadata. Any problem with it is an error.
fn load_named(file: &Path) -> Result<Loaded> {
    let shown = file.display().to_string();
    let text = crate::fsio::read_text_capped(file, crate::fsio::caps::TEXT)
        .map_err(|e| anyhow::anyhow!("{shown}: cannot read the configuration: {e}"))?;
    let config = if file.file_name().is_some_and(|n| n == "Cargo.toml") {
        let m: Manifest = toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("{}", toml_error(&shown, &text, &e)))?;
        m.workspace
            .and_then(|w| w.metadata)
            .and_then(|m| m.archsplit)
            .or_else(|| m.package.and_then(|p| p.metadata).and_then(|m| m.archsplit))
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "{shown}: no [workspace.metadata.archsplit] or [package.metadata.archsplit] table"
                )
            })?
    } else {
        toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}", toml_error(&shown, &text, &e)))?
    };
    let dir = file
        .canonicalize()
        .ok()
        .and_then(|f| f.parent().map(Path::to_path_buf));
    Ok(Loaded {
        config,
        file: shown,
        text,
        dir,
    })
}

impl Loaded {
    /// The `exclude` patterns relative to the analyzed root `root`: as written when the
    /// configuration sits there; those under `root` re-rooted when it sits above; those
    /// elsewhere dropped.
    pub fn excludes_for(&self, root: &Path) -> Vec<String> {
        let Some(dir) = &self.dir else {
            return self.config.exclude.clone();
        };
        let Ok(rel) = root.strip_prefix(dir) else {
            return self.config.exclude.clone();
        };
        let down: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if down.is_empty() {
            return self.config.exclude.clone();
        }
        self.config
            .exclude
            .iter()
            .filter_map(|pat| {
                let parts: Vec<&str> = pat
                    .trim_matches('/')
                    .split('/')
                    .filter(|c| !c.is_empty() && *c != ".")
                    .collect();
                let leads = parts.len() > down.len()
                    && parts
                        .iter()
                        .zip(&down)
                        .all(|(p, d)| crate::workspace::wildcard_match(p, d));
                leads.then(|| parts[down.len()..].join("/"))
            })
            .collect()
    }

    /// The suppressions, checked: each has a reason, names a finding, and a rule archsplit
    /// knows; a mistake is an error naming the line.
    pub fn suppressions(&self) -> Result<Vec<Suppression>> {
        let (file, text) = (&self.file, &self.text);
        for s in &self.config.suppress {
            // The line of the entry's fingerprint or subject value, else its header.
            let line = s
                .fingerprint
                .as_deref()
                .or(s.subject.as_deref())
                .and_then(|k| {
                    let quoted = format!("\"{k}\"");
                    text.lines()
                        .position(|l| l.contains(&quoted))
                        .map(|i| i + 1)
                })
                .unwrap_or_else(|| line_of(text, "suppress"));
            if s.reason.trim().is_empty() {
                bail!("{file}:{line}: a [[suppress]] entry needs a `reason`");
            }
            if s.fingerprint.is_none() && s.subject.is_none() {
                bail!(
                    "{file}:{line}: a [[suppress]] entry names a `fingerprint` or a `subject` (with a `rule`, to be exact); to turn a rule off, use `[rules.ID] enabled = false`"
                );
            }
            if let Some(fp) = &s.fingerprint {
                if fp.len() != 16 || !fp.bytes().all(|b| b.is_ascii_hexdigit()) {
                    bail!("{file}:{line}: `{fp}` is not a fingerprint (16 hex digits)");
                }
            }
            if let Some(r) = &s.rule {
                if RuleId::parse(r).is_none() {
                    bail!("{file}:{line}: unknown rule `{r}` (see `archsplit rules`)");
                }
            }
        }
        Ok(self.config.suppress.clone())
    }
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
    for (name, o) in &cfg.rules {
        let Some(id) = RuleId::parse(name) else {
            bail!(
                "{file}:{}: unknown rule `{name}` (see `archsplit rules`)",
                line_of(text, name)
            );
        };
        super::check_thresholds(id, &o.thresholds, file, text)?;
        let current = set.thresholds;
        set.thresholds
            .set(id, &current, &o.thresholds)
            .map_err(|e| anyhow::anyhow!("{file}:{}: {e}", line_of(text, name)))?;
        let rule = set.get_mut(id);
        if let Some(s) = o.severity {
            rule.severity = s;
        }
        if let Some(e) = o.enabled {
            rule.enabled = e;
        }
        for (t, value) in &o.thresholds {
            rule.thresholds.insert(t.clone(), *value);
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
        assert_eq!(set.get(RuleId::OverFragmentation).severity, Severity::Error);
        assert!(!set.enabled(RuleId::NanoserviceCandidate));
        assert_eq!(set.thresholds.microservice_candidate.min_loc, 2000.0);
        assert_eq!(
            set.get(RuleId::MicroserviceCandidate).thresholds["min_loc"],
            2000.0
        );
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

    /// The example in the README's "Configuration" section parses and applies as written.
    #[test]
    fn the_readme_example_is_a_valid_configuration() {
        let readme = include_str!("../../README.md");
        let section = &readme[readme.find("## Configuration").unwrap()..];
        let start = section.find("```toml\n").unwrap() + "```toml\n".len();
        let text = &section[start..start + section[start..].find("```").unwrap()];
        apply_text(text).unwrap();
        let cfg: ConfigFile = toml::from_str(text).unwrap();
        assert_eq!(cfg.fail_on, Some(crate::rules::FailOn::Warning));
        assert_eq!(cfg.exclude.len(), 2);
        assert_eq!(cfg.roles["my-codegen"], vec!["tooling".to_string()]);
        assert_eq!(cfg.suppress.len(), 2);
        let loaded = Loaded {
            config: cfg,
            file: "archsplit.toml".into(),
            text: text.into(),
            dir: None,
        };
        assert_eq!(loaded.suppressions().unwrap().len(), 2);
    }

    #[test]
    fn suppressions_need_a_reason_and_a_target() {
        let check = |text: &str| {
            let cfg: ConfigFile = toml::from_str(text).unwrap();
            Loaded {
                config: cfg,
                file: "archsplit.toml".into(),
                text: text.into(),
                dir: None,
            }
            .suppressions()
            .map_err(|e| e.to_string())
        };
        assert!(check("[[suppress]]\nsubject = \"a\"\nreason = \"why\"\n").is_ok());
        assert!(check("[[suppress]]\nsubject = \"a\"\nreason = \" \"\n")
            .unwrap_err()
            .contains("needs a `reason`"));
        assert!(
            check("[[suppress]]\nrule = \"god-module\"\nreason = \"x\"\n")
                .unwrap_err()
                .contains("`fingerprint` or a `subject`")
        );
        assert!(
            check("[[suppress]]\nfingerprint = \"xyz\"\nreason = \"x\"\n")
                .unwrap_err()
                .contains("not a fingerprint")
        );
        assert!(
            check("[[suppress]]\nsubject = \"a\"\nrule = \"nope\"\nreason = \"x\"\n")
                .unwrap_err()
                .contains("unknown rule")
        );
    }

    #[test]
    fn excludes_are_re_rooted_below_the_configuration() {
        let loaded = Loaded {
            config: ConfigFile {
                exclude: vec![
                    "crates/app/gen".into(),
                    "crates/*/vendor".into(),
                    "other/x".into(),
                ],
                ..Default::default()
            },
            dir: Some(PathBuf::from("/ws")),
            ..Default::default()
        };
        assert_eq!(
            loaded.excludes_for(Path::new("/ws/crates/app")),
            vec!["gen".to_string(), "vendor".to_string()]
        );
        assert_eq!(loaded.excludes_for(Path::new("/ws")).len(), 3);
    }
}
