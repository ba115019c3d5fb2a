//! Command-line types (clap). No I/O here; `config.rs` turns these into a `Config`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Mirrors of the stages' enums as the command line spells them (`clap::ValueEnum`), so
/// that no stage depends on clap; `From` turns each into the stage's own.
macro_rules! value_enum {
    ($(#[$doc:meta])* $name:ident => $target:path { $($(#[$vdoc:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl From<$name> for $target {
            fn from(v: $name) -> Self {
                match v {
                    $($name::$variant => <$target>::$variant),+
                }
            }
        }
    };
}

value_enum!(
    /// `--fail-on`.
    FailOn => crate::rules::FailOn { Error, Warning, Never }
);
value_enum!(
    /// `check --format`.
    CheckFormat => crate::report::check::CheckFormat { Human, Json, Sarif, Github, Markdown }
);
value_enum!(
    /// `graph --format`.
    GraphFormat => crate::report::GraphFormat { Json, Dot, Mermaid }
);
value_enum!(
    /// `analyze --format`.
    AnalyzeFormat => crate::report::AnalyzeFormat {
        /// Readable tables for a terminal.
        Table,
        /// The versioned JSON document (schema/archsplit.schema.json), for scripts and CI.
        Json,
        /// One self-contained HTML page: graph, DSM and cluster cards (use with `-o`).
        Html,
    }
);
value_enum!(
    /// `--signals`.
    Signal => crate::history::signals::Signal {
        /// References between modules (use, type, call, path, impl, macro).
        Static,
        /// Change coupling: commits that changed both modules.
        History,
        /// Contributor coupling: the authors both modules share.
        Authors,
    }
);
value_enum!(
    /// `graph --level`.
    Level => crate::report::Level {
        /// One node per package, edges summing the references between their modules.
        Crate,
        /// One node per module (the default).
        Module,
    }
);

/// Finds where a Rust workspace could be split into services, and warns when a split
/// would over-fragment it.
#[derive(Debug, Parser)]
#[command(name = "archsplit", version, about, long_about = None, bin_name = "archsplit")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colour the verdict, severities and recommendations: auto (a terminal without
    /// NO_COLOR), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

impl From<ColorArg> for crate::report::text::ColorChoice {
    fn from(c: ColorArg) -> Self {
        match c {
            ColorArg::Auto => Self::Auto,
            ColorArg::Always => Self::Always,
            ColorArg::Never => Self::Never,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Verdict, candidate services with their reasons and price, findings, metrics and cycles.
    Analyze(AnalyzeArgs),
    /// Write the current findings to a baseline file, to accept them as they are.
    Baseline(BaselineArgs),
    /// For CI: report what a change did to the structure and fail on the findings it introduced.
    Check(CheckArgs),
    /// Explain one rule: the article passage it encodes, its thresholds and help.
    Explain(ExplainArgs),
    /// Print the module dependency graph of a workspace (JSON, DOT or Mermaid).
    Graph(GraphArgs),
    /// List the rules with their ids and titles.
    Rules(RulesArgs),
    /// Print a shell completion script (e.g. `archsplit completions bash > /etc/bash_completion.d/archsplit`).
    Completions(CompletionsArgs),
    /// Print the man page (roff) of archsplit or of one command:
    /// `archsplit man > archsplit.1`, `archsplit man analyze > archsplit-analyze.1`.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (default: archsplit's own).
    pub command: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Read rules from DIR (`*.toml`, one rule each) over the shipped ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. `over-fragmentation`.
    pub rule: String,
    /// Read rules from DIR (`*.toml`, one rule each) over the shipped ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
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
    /// Number of threads (default: one per core; more than the cores is taken as one per core).
    #[arg(short = 'j', long, value_name = "N", value_parser = at_least_one)]
    pub jobs: Option<usize>,
    /// Print nothing but the report and errors (no progress bar, no notes).
    #[arg(short, long)]
    pub quiet: bool,
    /// Print how long each stage took to standard error.
    #[arg(long)]
    pub timings: bool,
    /// Keep the cache in DIR [default: $ARCHSPLIT_CACHE_DIR, else the user's cache
    /// directory; never inside PATH].
    #[arg(long, value_name = "DIR", value_parser = non_empty_path)]
    pub cache_dir: Option<PathBuf>,
    /// Parse every file, and neither read nor write the cache.
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
    /// Use this configuration (an archsplit.toml, or a Cargo.toml with
    /// [workspace.metadata.archsplit]) instead of the one found from PATH upward.
    #[arg(long, value_name = "FILE", value_parser = non_empty_path)]
    pub config: Option<PathBuf>,
    /// Leave out a path (relative to PATH; `*` matches within one component). Repeatable;
    /// adds to `exclude` in archsplit.toml.
    #[arg(long, value_name = "PATTERN", value_parser = exclude_pattern)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format [default: from the extension of `-o` (.dot, .gv, .mmd), else json].
    #[arg(long, value_enum)]
    pub format: Option<GraphFormat>,
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// One node per module, or one per crate (package) with the references between them.
    #[arg(long, value_enum, default_value_t = Level::Module)]
    pub level: Level,
    /// Keep only the neighbourhood of NAME, a crate (package) name or a module path; may be
    /// given several times.
    #[arg(long, value_name = "NAME")]
    pub focus: Vec<String>,
    /// Hops kept around the focus, along dependencies in either direction.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "focus")]
    pub depth: u32,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format [default: from the extension of `-o` (.html, .json), else table].
    #[arg(long, value_enum)]
    pub format: Option<AnalyzeFormat>,
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Show every row of every table (by default long tables stop after 25 rows).
    #[arg(long)]
    pub all: bool,
    /// Leiden resolution: higher gives more, smaller clusters (default: the finest of a sweep
    /// whose modularity is within 5% of the best).
    #[arg(long, value_name = "GAMMA", conflicts_with = "clusters", allow_negative_numbers = true, value_parser = resolution)]
    pub resolution: Option<f64>,
    /// Aim for N clusters (the resolution is searched for it).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub clusters: Option<u64>,
    /// Read rules from DIR (`*.toml`, one rule each) over the shipped ones; `archsplit.toml`
    /// at PATH still applies on top.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Share of all modules that must use a module for it to join the shared kernel.
    #[arg(long, value_name = "SHARE", allow_negative_numbers = true, default_value_t = crate::analysis::cluster::DEFAULT_KERNEL_SHARE, value_parser = share)]
    pub kernel_share: f64,
    #[command(flatten)]
    pub history: HistoryArgs,
}

/// How the repository's history is read and used.
#[derive(Debug, Args)]
#[command(next_help_heading = "History")]
pub struct HistoryArgs {
    /// What weighs the clustering graph, comma-separated: `static` (references), `history`
    /// (commits that change both modules), `authors` (the people both modules share)
    /// [default: static]. History needs at least 10 commits to weigh in.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "SIGNALS")]
    pub signals: Vec<Signal>,
    /// Read commits from this date on (YYYY-MM-DD) [default: two years before HEAD's commit].
    #[arg(long, value_name = "DATE", value_parser = crate::history::parse_since)]
    pub since: Option<String>,
    /// Read at most N commits, newest first.
    #[arg(long, value_name = "N", default_value_t = crate::history::DEFAULT_MAX_COMMITS, value_parser = at_least_one)]
    pub max_commits: usize,
    /// Leave out commits that change more than N modules (mass reformatting, renames).
    #[arg(long, value_name = "N", default_value_t = crate::history::DEFAULT_MAX_COMMIT_MODULES, value_parser = at_least_one)]
    pub max_commit_modules: usize,
    /// Do not read the history: static coupling only, no volatility or ownership.
    #[arg(long, conflicts_with_all = ["signals", "since", "show_authors"])]
    pub no_history: bool,
    /// Name the authors in the output (by default only counts and shares appear).
    #[arg(long)]
    pub show_authors: bool,
}

fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("`{s}` is not a whole number of at least 1")),
    }
}

/// The largest `--resolution`: far past the point where every module is its own cluster
/// (the sweep's finest is 4), and small enough that its figures stay finite.
pub const MAX_RESOLUTION: f64 = 1000.0;

fn resolution(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 && x <= MAX_RESOLUTION => Ok(x),
        _ => Err(format!(
            "`{s}` is not a resolution above 0 and at most {MAX_RESOLUTION}"
        )),
    }
}

fn non_empty_path(s: &str) -> Result<PathBuf, String> {
    if s.trim().is_empty() {
        Err("an empty path names no directory".to_string())
    } else {
        Ok(PathBuf::from(s))
    }
}

/// An `--exclude` pattern: a path relative to PATH that names something inside it.
fn exclude_pattern(s: &str) -> Result<String, String> {
    let parts: Vec<&str> = s
        .split(['/', '\\'])
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    if parts.is_empty() {
        Err(format!(
            "`{s}` names no path (it would leave out everything or nothing)"
        ))
    } else if s.starts_with('/') || s.starts_with('\\') || s.get(1..2) == Some(":") {
        Err(format!("`{s}` is absolute; give a path relative to PATH"))
    } else if parts.contains(&"..") {
        Err(format!("`{s}` leaves PATH (`..`); give a path inside it"))
    } else {
        Ok(s.to_string())
    }
}

fn share(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) && x > 0.0 => Ok(x),
        _ => Err(format!("`{s}` is not a share between 0 and 1")),
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Compare with the merge base of REF and HEAD; only findings the change introduced count.
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,
    /// Findings whose fingerprint is in FILE (see `archsplit baseline`) do not count.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Exit with 1 when a counted finding is at least this severe [default: error, or
    /// `fail-on` in archsplit.toml].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,
    /// Output format [default: from the extension of `-o` (.json, .sarif, .md), else human].
    #[arg(long, value_enum)]
    pub format: Option<CheckFormat>,
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write SARIF 2.1.0 to FILE (in the same run as the main output).
    #[arg(long, value_name = "FILE")]
    pub sarif: Option<PathBuf>,
    /// Also write the Markdown summary to FILE (e.g. "$GITHUB_STEP_SUMMARY"; appended to when
    /// FILE is that file).
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
    /// Also write the check JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Read rules from DIR (`*.toml`, one rule each) over the shipped ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the baseline to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Read rules from DIR (`*.toml`, one rule each) over the shipped ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}
