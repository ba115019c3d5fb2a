//! `archsplit rules` and `archsplit explain RULE`.

use std::io::Write;

use anyhow::Result;
use comfy_table::Cell;

use super::text::{severity_color, Layout};
use crate::rules::{Rule, RuleKind, RuleSet};

fn kind(k: RuleKind) -> &'static str {
    match k {
        RuleKind::Recommendation => "recommendation",
        RuleKind::Verdict => "verdict",
        RuleKind::Finding => "finding",
    }
}

pub fn write_rules(out: &mut dyn Write, l: Layout, rules: &RuleSet) -> Result<()> {
    let mut t = l.table(&["id", "kind", "severity", "title"]);
    for r in rules.iter() {
        let id = if r.enabled {
            r.id.clone()
        } else {
            format!("{} (disabled)", r.id)
        };
        t.add_row(vec![
            Cell::new(id),
            Cell::new(kind(r.kind)),
            l.cell(r.severity.as_str(), severity_color(r.severity)),
            Cell::new(&r.title),
        ]);
    }
    write!(out, "{}", l.show(&t))?;
    writeln!(
        out,
        "archsplit explain RULE shows a rule's passage, thresholds and help."
    )?;
    Ok(())
}

pub fn write_explain(out: &mut dyn Write, l: Layout, r: &Rule) -> Result<()> {
    writeln!(out, "{} — {}", r.id, r.title)?;
    writeln!(
        out,
        "kind: {}, severity: {}{}",
        kind(r.kind),
        r.severity.as_str(),
        if r.enabled { "" } else { " (disabled)" }
    )?;
    writeln!(out, "\nFrom {}:", r.source)?;
    write!(
        out,
        "{}",
        l.wrap("  \"", "   ", &format!("{}\"", r.passage))
    )?;
    writeln!(out, "\nReads: {}", r.metrics.join(", "))?;
    if !r.thresholds.is_empty() {
        writeln!(
            out,
            "\nThresholds (override in archsplit.toml under [rules.{}.thresholds]):",
            r.id
        )?;
        for (k, v) in &r.thresholds {
            writeln!(out, "  {k} = {v}")?;
        }
    }
    // The help is written with its own line breaks (lists, examples): kept as written.
    writeln!(out, "\n{}", r.help.trim())?;
    Ok(())
}
