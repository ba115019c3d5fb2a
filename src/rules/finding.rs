//! Findings: what the rules report, with a severity and a fingerprint that stays the same
//! while the finding does (it hashes the rule, the kind of finding and its subjects, never
//! the numbers in the message).

use serde::{Deserialize, Serialize};

/// How much a finding matters; `--fail-on` compares against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// Which findings fail the build (exit code 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

impl FailOn {
    pub fn fails(self, s: Severity) -> bool {
        match self {
            FailOn::Error => s == Severity::Error,
            FailOn::Warning => s != Severity::Note,
            FailOn::Never => false,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Never => "never",
        }
    }
}

/// Where a finding points: a repository-relative file and a line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// Module paths or package names the finding is about, sorted.
    pub subjects: Vec<String>,
    pub fingerprint: String,
    pub location: Option<Location>,
    /// The crate to merge the subjects into, for findings that name one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub into: Option<String>,
    /// The reason of the `[[suppress]]` entry of the configuration that matches it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<String>,
}

impl Finding {
    /// A finding of `rule`; `kind` tells apart different findings of one rule on the same
    /// subjects (e.g. `tiny-crate`, `crate-cycle`).
    pub fn new(
        rule: super::RuleId,
        kind: &str,
        severity: Severity,
        mut subjects: Vec<String>,
        message: String,
        location: Option<Location>,
    ) -> Finding {
        subjects.sort();
        subjects.dedup();
        Finding {
            fingerprint: fingerprint(rule.as_str(), kind, &subjects),
            rule: rule.as_str().to_string(),
            severity,
            message,
            subjects,
            location,
            into: None,
            suppressed: None,
        }
    }

    /// Whether it is a finding of `rule`.
    pub fn is(&self, rule: super::RuleId) -> bool {
        self.rule == rule.as_str()
    }

    /// The same finding, naming the crate to merge its subjects into (not fingerprinted: the
    /// subjects already name it).
    pub fn with_into(mut self, into: &str) -> Finding {
        self.into = Some(into.to_string());
        self
    }
}

/// FNV-1a (64 bits) of the rule, kind and subjects, as 16 hex digits: stable across runs,
/// machines and archsplit versions.
pub fn fingerprint(rule: &str, kind: &str, subjects: &[String]) -> String {
    let mut h = crate::hash::Fnv64::new();
    h.field(rule.as_bytes()).field(kind.as_bytes());
    for s in subjects {
        h.field(s.as_bytes());
    }
    let h = h.finish();
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_message_and_subject_order() {
        let a = Finding::new(
            crate::rules::RuleId::GodModule,
            "k",
            Severity::Warning,
            vec!["b".into(), "a".into()],
            "x 1".into(),
            None,
        );
        let b = Finding::new(
            crate::rules::RuleId::GodModule,
            "k",
            Severity::Error,
            vec!["a".into(), "b".into()],
            "x 2".into(),
            None,
        );
        assert_eq!(a.fingerprint, b.fingerprint);
        assert_ne!(
            a.fingerprint,
            fingerprint("god-module", "other", &a.subjects)
        );
        assert_eq!(fingerprint("", "", &[]).len(), 16);
    }
}
