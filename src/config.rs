//! Resolved settings: built once from the command line; later stages read only this.

use std::path::PathBuf;

use crate::analysis::ClusterOptions;
use crate::cli::{Command, InputArgs};
use crate::report::{AnalyzeFormat, GraphFormat, ViewOptions};

/// What to analyze and how.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    pub include_tests: bool,
    pub no_cargo: bool,
    pub jobs: Option<usize>,
    pub progress: bool,
    pub exclude: Vec<String>,
    pub timings: bool,
    pub cache_dir: Option<PathBuf>,
    pub no_cache: bool,
}

/// Whether and how the history is read, and what weighs the clustering.
#[derive(Debug, Clone)]
pub struct History {
    pub read: bool,
    pub signals: Vec<crate::history::signals::Signal>,
    pub options: crate::history::HistoryOptions,
}

/// The command to run, with its resolved settings.
#[derive(Debug, Clone)]
pub enum Config {
    Analyze {
        input: Input,
        format: AnalyzeFormat,
        output: Option<PathBuf>,
        cluster: ClusterOptions,
        rules_dir: Option<PathBuf>,
        history: History,
    },
    Rules {
        rules_dir: Option<PathBuf>,
    },
    Check {
        input: Input,
        base: Option<String>,
        baseline: Option<PathBuf>,
        fail_on: Option<crate::check::FailOn>,
        format: crate::report::check::CheckFormat,
        output: Option<PathBuf>,
        rules_dir: Option<PathBuf>,
    },
    Baseline {
        input: Input,
        output: Option<PathBuf>,
        rules_dir: Option<PathBuf>,
    },
    Explain {
        rule: String,
        rules_dir: Option<PathBuf>,
    },
    Graph {
        input: Input,
        format: GraphFormat,
        output: Option<PathBuf>,
        view: ViewOptions,
    },
}

impl Config {
    pub fn from_cli(cmd: Command) -> Config {
        match cmd {
            Command::Analyze(a) => Config::Analyze {
                cluster: ClusterOptions {
                    resolution: a.resolution,
                    clusters: a.clusters.map(|n| n as usize),
                    kernel_share: a.kernel_share,
                    // Tests, tooling and the rest outside the product are clustered only
                    // when asked for.
                    include_non_product: a.input.include_tests,
                    ..ClusterOptions::default()
                },
                input: Input::from_args(a.input),
                format: a.format,
                output: a.output,
                rules_dir: a.rules,
                history: History {
                    read: !a.history.no_history,
                    signals: if a.history.signals.is_empty() {
                        crate::history::signals::DEFAULT_SIGNALS.to_vec()
                    } else {
                        a.history.signals
                    },
                    options: crate::history::HistoryOptions {
                        since: a.history.since,
                        max_commits: a.history.max_commits,
                        max_commit_modules: a.history.max_commit_modules,
                        show_authors: a.history.show_authors,
                    },
                },
            },
            Command::Rules(a) => Config::Rules { rules_dir: a.rules },
            Command::Check(a) => Config::Check {
                input: Input::from_args(a.input),
                base: a.base,
                baseline: a.baseline,
                fail_on: a.fail_on,
                format: a.format,
                output: a.output,
                rules_dir: a.rules,
            },
            Command::Baseline(a) => Config::Baseline {
                input: Input::from_args(a.input),
                output: a.output,
                rules_dir: a.rules,
            },
            Command::Explain(a) => Config::Explain {
                rule: a.rule,
                rules_dir: a.rules,
            },
            Command::Graph(a) => Config::Graph {
                input: Input::from_args(a.input),
                format: a.format,
                output: a.output,
                view: ViewOptions {
                    level: a.level,
                    focus: a.focus,
                    depth: a.depth,
                },
            },
        }
    }

    /// Whether `--timings` was given.
    pub fn timings(&self) -> bool {
        match self {
            Config::Analyze { input, .. }
            | Config::Graph { input, .. }
            | Config::Check { input, .. }
            | Config::Baseline { input, .. } => input.timings,
            Config::Rules { .. } | Config::Explain { .. } => false,
        }
    }

    /// Parsing threads asked for, if any.
    pub fn jobs(&self) -> Option<usize> {
        match self {
            Config::Analyze { input, .. }
            | Config::Graph { input, .. }
            | Config::Check { input, .. }
            | Config::Baseline { input, .. } => input.jobs,
            Config::Rules { .. } | Config::Explain { .. } => None,
        }
    }
}

impl Input {
    /// `path` with every option at its default, quiet and without the cache: for tools
    /// built on the library (the benchmarks' examples).
    pub fn uncached(path: PathBuf) -> Input {
        Input {
            path,
            include_tests: false,
            no_cargo: false,
            jobs: None,
            progress: false,
            exclude: Vec::new(),
            timings: false,
            cache_dir: None,
            no_cache: true,
        }
    }

    fn from_args(a: InputArgs) -> Input {
        use std::io::IsTerminal;
        Input {
            path: a.path,
            include_tests: a.include_tests,
            no_cargo: a.no_cargo,
            jobs: a.jobs.filter(|&j| j > 0),
            progress: !a.quiet && std::io::stderr().is_terminal(),
            exclude: a.exclude,
            timings: a.timings,
            // The variable is read here, not by clap, so that `--no-cache` still works where
            // CI sets it.
            cache_dir: a.cache_dir.or_else(|| {
                std::env::var_os("ARCHSPLIT_CACHE_DIR")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            }),
            no_cache: a.no_cache,
        }
    }
}
