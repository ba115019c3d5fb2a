//! Graphviz DOT: at module level one cluster per crate target, modules as boxes; at crate
//! level one box per package. Edges (parallel ones merged) are labelled with their weight
//! and thickened by it.

use std::io::Write;

use anyhow::Result;

use super::view::{Level, View};
use crate::model::ModuleGraph;
use crate::words;

/// Above this many edges the weights become `xlabel`s, placed after the layout. With
/// `label`, dot ranks an extra node per edge: `just`'s graph (145 nodes, 914 labelled edges)
/// took 176 s, a generated one of that size failed after 12 s (`trouble in init_rank`), and
/// with `xlabel`s the generated one lays out in 0.8 s. Up to 300 labelled edges on that many
/// nodes lay out in well under a second.
pub const LABEL_LIMIT: usize = 300;

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

/// The DOT graph of `view`: header, nodes (grouped by crate target at module level), edges.
pub fn write(out: &mut dyn Write, g: &ModuleGraph, view: &View) -> Result<()> {
    let big = view.edges.len() > LABEL_LIMIT;
    if big && view.level == Level::Module {
        writeln!(
            out,
            "// {} modules, {} edges: for an overview try `--level crate` or `--focus NAME`",
            view.nodes.len(),
            view.edges.len()
        )?;
    }
    writeln!(out, "digraph archsplit {{")?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(
        out,
        "  node [shape=box, fontname=\"Helvetica\", fontsize=10];"
    )?;
    writeln!(out, "  edge [color=\"#555555\", fontsize=8];")?;
    match view.level {
        Level::Module => write_module_nodes(out, g, view)?,
        Level::Crate => write_crate_nodes(out, view)?,
    }
    write_edges(out, view, if big { "xlabel" } else { "label" })?;
    writeln!(out, "}}")?;
    Ok(())
}

/// The extra attribute of a focused node: a thicker outline.
fn focus_attr(focus: bool) -> &'static str {
    if focus {
        ", penwidth=2.5"
    } else {
        ""
    }
}

/// One subgraph per crate target with modules in the view, its modules as boxes.
fn write_module_nodes(out: &mut dyn Write, g: &ModuleGraph, view: &View) -> Result<()> {
    for (ci, c) in g.crates.iter().enumerate() {
        let members: Vec<_> = view
            .nodes
            .iter()
            .filter(|n| g.modules[n.index].krate == ci)
            .collect();
        if members.is_empty() {
            continue;
        }
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
        for n in members {
            writeln!(
                out,
                "    {} [label={}{}];",
                quote(&n.name),
                quote(&format!("{}\n{} loc", n.name, n.loc)),
                focus_attr(n.focus)
            )?;
        }
        writeln!(out, "  }}")?;
    }
    Ok(())
}

/// One box per package, labelled with its module count and lines.
fn write_crate_nodes(out: &mut dyn Write, view: &View) -> Result<()> {
    for n in &view.nodes {
        writeln!(
            out,
            "  {} [label={}{}];",
            quote(&n.name),
            quote(&format!(
                "{}\n{} {}, {} loc",
                n.name,
                n.modules,
                if n.modules == 1 { "module" } else { "modules" },
                n.loc
            )),
            focus_attr(n.focus)
        )?;
    }
    Ok(())
}

/// The edges, their weight as `label` (`label` or `xlabel`) and thickened by it.
fn write_edges(out: &mut dyn Write, view: &View, label: &str) -> Result<()> {
    for e in &view.edges {
        let pen = 1.0 + (e.weight as f64).ln();
        // A crate edge says how many module dependencies it merges.
        let tooltip = match view.level {
            Level::Crate => format!(
                ", tooltip=\"{} in {}\"",
                words::count(e.weight, "reference", "references"),
                words::count(
                    u64::from(e.edges),
                    "module dependency",
                    "module dependencies"
                )
            ),
            Level::Module => String::new(),
        };
        writeln!(
            out,
            "  {} -> {} [{label}=\"{}\", penwidth={:.1}{tooltip}];",
            quote(&view.nodes[e.from].name),
            quote(&view.nodes[e.to].name),
            e.weight,
            pen
        )?;
    }
    Ok(())
}
