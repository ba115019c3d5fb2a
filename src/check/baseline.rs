//! Baseline files: findings a team has accepted, one line each, sorted by fingerprint, so
//! that a change to the baseline reads well in code review.
//!
//! ```text
//! # archsplit baseline 1: accepted findings (fingerprint, rule, subjects)
//! 3f1c0a9e5d2b7781 over-fragmentation order-id order-line
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::Serialize;

use crate::rules::Finding;

pub const HEADER: &str = "# archsplit baseline 1: accepted findings (fingerprint, rule, subjects)";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub fingerprint: String,
    /// The rest of the line: rule and subjects, for people.
    pub description: String,
}

#[derive(Debug, Clone, Default)]
pub struct Baseline {
    entries: BTreeMap<String, Entry>,
}

impl Baseline {
    pub fn read(path: &Path) -> Result<Baseline> {
        let text = crate::fsio::read_text_capped(path, crate::fsio::caps::BASELINE)
            .with_context(|| format!("{}: cannot read baseline", path.display()))?;
        Baseline::parse(&text, &path.display().to_string())
    }

    pub fn parse(text: &str, file: &str) -> Result<Baseline> {
        let mut entries = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (fp, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            if fp.len() != 16 || !fp.bytes().all(|b| b.is_ascii_hexdigit()) {
                bail!(
                    "{file}:{}: `{fp}` is not a fingerprint (16 hex digits)",
                    i + 1
                );
            }
            entries.insert(
                fp.to_ascii_lowercase(),
                Entry {
                    fingerprint: fp.to_ascii_lowercase(),
                    description: rest.trim().to_string(),
                },
            );
        }
        Ok(Baseline { entries })
    }

    pub fn contains(&self, fp: &str) -> bool {
        self.entries.contains_key(fp)
    }

    /// Entries that match no current finding.
    pub fn stale(&self, current: &std::collections::BTreeSet<&str>) -> Vec<Entry> {
        self.entries
            .values()
            .filter(|e| !current.contains(e.fingerprint.as_str()))
            .cloned()
            .collect()
    }
}

/// The baseline text for `findings`: sorted, one line each.
pub fn render(findings: &[Finding]) -> String {
    // Findings the configuration suppresses are accepted there, with their reason.
    let mut lines: Vec<String> = findings
        .iter()
        .filter(|f| f.suppressed.is_none())
        .map(|f| format!("{} {} {}", f.fingerprint, f.rule, f.subjects.join(" ")))
        .collect();
    lines.sort();
    lines.dedup();
    let mut out = String::from(HEADER);
    out.push('\n');
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    #[test]
    fn round_trip_and_stale_entries() {
        let f = Finding::new(
            crate::rules::RuleId::OverFragmentation,
            "tiny-crate",
            Severity::Warning,
            vec!["b".into(), "a".into()],
            "m".into(),
            None,
        );
        let text = render(std::slice::from_ref(&f));
        assert!(text.ends_with(&format!("{} over-fragmentation a b\n", f.fingerprint)));
        let bl = Baseline::parse(&format!("{text}0123456789abcdef gone x\n"), "b.txt").unwrap();
        assert!(bl.contains(&f.fingerprint));
        let current = [f.fingerprint.as_str()].into_iter().collect();
        assert_eq!(bl.stale(&current).len(), 1);
        let e = Baseline::parse("# c\n\nnot-a-fingerprint x\n", "b.txt")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("b.txt:3:"), "{e}");
    }
}
