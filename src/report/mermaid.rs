//! Mermaid flowchart: at module level a subgraph per crate target, at crate level one node
//! per package; edges labelled with their weight. A diagram past what Mermaid renders with
//! its default configuration is refused with a hint, not printed.

use anyhow::{bail, Result};

use super::view::{Level, View};
use crate::model::ModuleGraph;

/// Mermaid's default `maxEdges`: a flowchart with more edges is not drawn ("Too many edges").
pub const MAX_EDGES: usize = 500;
/// Mermaid's default `maxTextSize`: a longer diagram text is not drawn ("Maximum text size in
/// diagram exceeded").
pub const MAX_TEXT: usize = 50_000;

/// A Mermaid label in double quotes, with the characters Mermaid treats specially escaped.
fn label(s: &str) -> String {
    let escaped = s
        .replace('&', "#amp;")
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;");
    format!("\"{escaped}\"")
}

/// The diagram of `view`, or an error when Mermaid would refuse to draw it.
pub fn render(g: &ModuleGraph, view: &View) -> Result<String> {
    let hint = if view.focus.is_empty() {
        "try `--level crate` or `--focus NAME`"
    } else {
        "try `--level crate`, a smaller `--depth` or a narrower `--focus`"
    };
    if view.edges.len() > MAX_EDGES {
        bail!(
            "{} edges is past what Mermaid renders (limit {MAX_EDGES}); {hint}",
            crate::words::thousands(view.edges.len() as u64)
        );
    }
    let mut s = String::from("flowchart LR\n");
    // Nodes keep their index in the whole graph, so a node's id is the same in every view.
    let id = |i: usize| match view.level {
        Level::Module => format!("m{}", view.nodes[i].index),
        Level::Crate => format!("c{}", view.nodes[i].index),
    };
    match view.level {
        Level::Module => {
            for (ci, c) in g.crates.iter().enumerate() {
                let members: Vec<usize> = (0..view.nodes.len())
                    .filter(|&i| g.modules[view.nodes[i].index].krate == ci)
                    .collect();
                if members.is_empty() {
                    continue;
                }
                s.push_str(&format!("  subgraph c{ci}[{}]\n", label(&c.prefix)));
                for i in members {
                    s.push_str(&format!("    {}[{}]\n", id(i), label(&view.nodes[i].name)));
                }
                s.push_str("  end\n");
            }
        }
        Level::Crate => {
            for i in 0..view.nodes.len() {
                s.push_str(&format!("  {}[{}]\n", id(i), label(&view.nodes[i].name)));
            }
        }
    }
    for e in &view.edges {
        s.push_str(&format!(
            "  {} -->|{}| {}\n",
            id(e.from),
            e.weight,
            id(e.to)
        ));
    }
    let focused: Vec<String> = (0..view.nodes.len())
        .filter(|&i| view.nodes[i].focus)
        .map(id)
        .collect();
    if !focused.is_empty() {
        s.push_str("  classDef focus stroke-width:3px\n");
        s.push_str(&format!("  class {} focus\n", focused.join(",")));
    }
    // Mermaid measures the text as JavaScript does, in UTF-16 units.
    let length = s.encode_utf16().count();
    if length > MAX_TEXT {
        bail!(
            "the diagram is {} characters, past what Mermaid renders (limit {}); {hint}",
            crate::words::thousands(length as u64),
            crate::words::thousands(MAX_TEXT as u64)
        );
    }
    Ok(s)
}
