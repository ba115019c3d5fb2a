//! Graphviz DOT: one cluster per crate target, modules as boxes, edges labelled and
//! thickened by weight.

use std::io::Write;

use anyhow::Result;

use crate::model::ModuleGraph;
use crate::workspace::Workspace;

/// A DOT string literal.
pub fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

pub fn write(out: &mut dyn Write, _ws: &Workspace, g: &ModuleGraph) -> Result<()> {
    writeln!(out, "digraph archsplit {{")?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(
        out,
        "  node [shape=box, fontname=\"Helvetica\", fontsize=10];"
    )?;
    writeln!(out, "  edge [color=\"#555555\", fontsize=8];")?;
    for (ci, c) in g.crates.iter().enumerate() {
        writeln!(
            out,
            "  subgraph {} {{",
            quote(&format!("cluster_{}", c.prefix))
        )?;
        writeln!(
            out,
            "    label={};",
            quote(&format!("{} ({} {})", c.package, c.kind.as_str(), c.target))
        )?;
        for m in g.modules.iter().filter(|m| m.krate == ci) {
            writeln!(
                out,
                "    {} [label={}];",
                quote(&m.path),
                quote(&format!("{}\n{} loc", m.path, m.facts.loc))
            )?;
        }
        writeln!(out, "  }}")?;
    }
    for e in &g.edges {
        let pen = 1.0 + (e.weight as f64).ln();
        writeln!(
            out,
            "  {} -> {} [label=\"{}\", penwidth={:.1}];",
            quote(&g.modules[e.from].path),
            quote(&g.modules[e.to].path),
            e.weight,
            pen
        )?;
    }
    writeln!(out, "}}")?;
    Ok(())
}
