//! Stage 6: reports. The only code that writes results; it never decides anything.

mod analyze_json;
pub mod check;
mod dot;
mod html;
mod json;
mod mermaid;
mod rules;
mod table;
pub mod text;

use std::io::Write;

use anyhow::Result;

pub use json::GraphJson;

use crate::model::ModuleGraph;
use crate::workspace::Workspace;

/// Output formats of `archsplit graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    Json,
    Dot,
    Mermaid,
}

/// Output formats of `archsplit analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnalyzeFormat {
    /// Readable tables for a terminal.
    Table,
    /// The versioned JSON document (schema/archsplit.schema.json), for scripts and CI.
    Json,
    /// One self-contained HTML page: graph, DSM and cluster cards (use with `-o`).
    Html,
}

/// The analysis in `format`; `layout` shapes the table report.
pub fn write_analysis(
    out: &mut dyn Write,
    (format, layout): (AnalyzeFormat, text::Layout),
    ws: &Workspace,
    g: &ModuleGraph,
    a: &crate::analysis::Analysis,
    advice: &crate::rules::Advice,
    h: &crate::history::HistoryAnalysis,
) -> Result<()> {
    match format {
        AnalyzeFormat::Json => analyze_json::write(out, ws, g, a, advice, h),
        AnalyzeFormat::Table => table::write(out, layout, ws, g, a, advice, h),
        AnalyzeFormat::Html => html::write(out, ws, g, a, advice, h),
    }
}

pub use rules::{write_explain, write_rules};

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
