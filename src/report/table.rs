//! The human report of `archsplit analyze`: comfy-table tables for a terminal.

use std::io::Write;

use anyhow::Result;

use crate::analysis::Analysis;
use crate::model::ModuleGraph;
use crate::workspace::Workspace;

pub fn write(_out: &mut dyn Write, _ws: &Workspace, _g: &ModuleGraph, _a: &Analysis) -> Result<()> {
    Ok(())
}
