//! Command-line types (clap). No I/O here; `config.rs` turns these into a `Config`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::report::GraphFormat;

/// Finds where a Rust workspace could be split into services, and warns when a split
/// would over-fragment it.
#[derive(Debug, Parser)]
#[command(name = "archsplit", version, about, long_about = None, bin_name = "archsplit")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the module dependency graph of a workspace (JSON, DOT or Mermaid).
    Graph(GraphArgs),
}

/// Options every command shares: what to analyze and how.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Workspace root, package, directory of packages, directory of .rs files, or one file.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Also analyze tests, benches, examples and `#[cfg(test)]` code.
    #[arg(long)]
    pub include_tests: bool,
    /// Read Cargo.toml files directly instead of asking `cargo metadata`.
    #[arg(long)]
    pub no_cargo: bool,
    /// Number of threads for parsing (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress bar.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Json)]
    pub format: GraphFormat,
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
