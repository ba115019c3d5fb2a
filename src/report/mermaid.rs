//! Mermaid flowchart: a subgraph per crate target, edges labelled with their weight.

use std::io::Write;

use anyhow::Result;

use crate::model::ModuleGraph;
use crate::workspace::Workspace;

/// A Mermaid label in double quotes, with the characters Mermaid treats specially escaped.
fn label(s: &str) -> String {
    let escaped = s
        .replace('&', "#amp;")
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;");
    format!("\"{escaped}\"")
}

pub fn write(out: &mut dyn Write, _ws: &Workspace, g: &ModuleGraph) -> Result<()> {
    writeln!(out, "flowchart LR")?;
    for (ci, c) in g.crates.iter().enumerate() {
        writeln!(out, "  subgraph c{ci}[{}]", label(&c.prefix))?;
        for (mi, m) in g.modules.iter().enumerate().filter(|(_, m)| m.krate == ci) {
            writeln!(out, "    m{mi}[{}]", label(&m.path))?;
        }
        writeln!(out, "  end")?;
    }
    for e in &g.edges {
        writeln!(out, "  m{} -->|{}| m{}", e.from, e.weight, e.to)?;
    }
    Ok(())
}
