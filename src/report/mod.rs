//! Stage 6: reports. The only code that writes results; it never decides anything.

mod analyze_json;
pub mod check;
mod dot;
mod html;
mod html_data;
mod json;
mod mermaid;
mod rules;
mod table;
pub mod text;
mod view;

use std::io::Write;

use anyhow::Result;

pub use json::GraphJson;
pub use view::{Level, ViewOptions};

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

/// The output of `archsplit graph` for the view `opts` asks for, whole: nothing is written
/// when the view or the format refuses (an unknown `--focus` name, a diagram too big for
/// Mermaid).
pub fn render_graph(
    format: GraphFormat,
    ws: &Workspace,
    g: &ModuleGraph,
    opts: &ViewOptions,
) -> Result<Vec<u8>> {
    let view = view::View::new(ws, g, opts)?;
    let mut out = Vec::new();
    match format {
        GraphFormat::Json => {
            json::write(&mut out, ws, g, (!opts.is_whole_graph()).then_some(&view))?
        }
        GraphFormat::Dot => dot::write(&mut out, g, &view)?,
        GraphFormat::Mermaid => out = mermaid::render(g, &view)?.into_bytes(),
    }
    Ok(out)
}
