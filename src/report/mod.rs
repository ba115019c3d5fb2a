//! Stage 6: reports. The only code that writes results; it never decides anything.

mod dot;
mod json;
mod mermaid;

use std::io::Write;

use anyhow::Result;

pub use json::GraphJson;

use crate::model::ModuleGraph;
use crate::workspace::Workspace;

/// Output formats of `archsplit graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    Json,
    Dot,
    Mermaid,
}

pub fn write_graph(
    out: &mut dyn Write,
    format: GraphFormat,
    ws: &Workspace,
    g: &ModuleGraph,
) -> Result<()> {
    match format {
        GraphFormat::Json => json::write(out, ws, g),
        GraphFormat::Dot => dot::write(out, ws, g),
        GraphFormat::Mermaid => mermaid::write(out, ws, g),
    }
}
