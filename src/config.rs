//! Resolved settings: built once from the command line; later stages read only this.

use std::path::PathBuf;

use crate::analysis::ClusterOptions;
use crate::cli::{AnalyzeArgs, CheckArgs, Command, GraphArgs, HistoryArgs, InputArgs};
use crate::report::check::CheckFormat;
use crate::report::text::{ColorChoice, Layout};
use crate::report::{AnalyzeFormat, GraphFormat, ViewOptions};

/// The format asked for, else the one the output file's extension names, else `default`.
fn format_for<F: Copy>(
    given: Option<F>,
    output: Option<&std::path::Path>,
    by_extension: &[(&str, F)],
    default: F,
) -> F {
    given
        .or_else(|| {
            let ext = output?.extension()?.to_str()?.to_ascii_lowercase();
            by_extension
                .iter()
                .find(|(e, _)| *e == ext)
                .map(|&(_, f)| f)
        })
        .unwrap_or(default)
}

/// What to analyze and how.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    pub include_tests: bool,
    pub no_cargo: bool,
    pub jobs: Option<usize>,
    pub progress: bool,
    /// Nothing on stderr but errors (`-q`).
    pub quiet: bool,
    /// `--config FILE`: the configuration to use instead of the one found from PATH upward.
    pub config: Option<PathBuf>,
    /// PATH is a temporary copy (the base revision of `check`): the cache keeps its parsed
    /// files (keyed by content) but nothing keyed by its path.
    pub transient: bool,
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

/// What `analyze` does besides reading its input.
#[derive(Debug, Clone)]
pub struct Analyze {
    pub format: AnalyzeFormat,
    pub output: Option<PathBuf>,
    pub layout: Layout,
    pub cluster: ClusterOptions,
    pub rules_dir: Option<PathBuf>,
    pub history: History,
}

/// What `check` compares with, what fails it and what it writes.
#[derive(Debug, Clone)]
pub struct Check {
    pub base: Option<String>,
    pub baseline: Option<PathBuf>,
    pub fail_on: Option<crate::check::FailOn>,
    pub format: CheckFormat,
    pub output: Option<PathBuf>,
    pub layout: Layout,
    /// Further reports of the same run, each to its file.
    pub also: Vec<(CheckFormat, PathBuf)>,
    pub rules_dir: Option<PathBuf>,
}

/// The command to run, with its resolved settings.
#[derive(Debug, Clone)]
pub enum Config {
    Analyze {
        input: Input,
        settings: Analyze,
    },
    Rules {
        rules_dir: Option<PathBuf>,
        layout: Layout,
    },
    Completions {
        shell: clap_complete::Shell,
    },
    Man {
        command: Option<String>,
    },
    Check {
        input: Input,
        settings: Check,
    },
    Baseline {
        input: Input,
        output: Option<PathBuf>,
        rules_dir: Option<PathBuf>,
    },
    Explain {
        rule: String,
        rules_dir: Option<PathBuf>,
        layout: Layout,
    },
    Graph {
        input: Input,
        format: GraphFormat,
        output: Option<PathBuf>,
        view: ViewOptions,
    },
}

impl Config {
    /// The command of `cli` with its settings resolved.
    pub fn from_cli(cli: crate::cli::Cli) -> Config {
        let color: ColorChoice = cli.color.into();
        match cli.command {
            Command::Analyze(a) => Config::analyze(a, color),
            Command::Rules(a) => Config::Rules {
                rules_dir: a.rules,
                layout: Layout::detect(color, false, false),
            },
            Command::Completions(a) => Config::Completions { shell: a.shell },
            Command::Man(a) => Config::Man { command: a.command },
            Command::Check(a) => Config::check(a, color),
            Command::Baseline(a) => Config::Baseline {
                input: Input::from_args(a.input),
                output: a.output,
                rules_dir: a.rules,
            },
            Command::Explain(a) => Config::Explain {
                rule: a.rule,
                rules_dir: a.rules,
                layout: Layout::detect(color, false, false),
            },
            Command::Graph(a) => Config::graph(a),
        }
    }

    /// `analyze`: the clustering options, the format (else the output's extension), the
    /// layout, the rules and the history settings.
    fn analyze(a: AnalyzeArgs, color: ColorChoice) -> Config {
        let cluster = ClusterOptions {
            resolution: a.resolution,
            clusters: a.clusters.map(|n| n as usize),
            kernel_share: a.kernel_share,
            // Tests, tooling and the rest outside the product are clustered only
            // when asked for.
            include_non_product: a.input.include_tests,
            ..ClusterOptions::default()
        };
        Config::Analyze {
            input: Input::from_args(a.input),
            settings: Analyze {
                cluster,
                format: format_for(
                    a.format.map(Into::into),
                    a.output.as_deref(),
                    &[
                        ("html", AnalyzeFormat::Html),
                        ("htm", AnalyzeFormat::Html),
                        ("json", AnalyzeFormat::Json),
                    ],
                    AnalyzeFormat::Table,
                ),
                layout: Layout::detect(color, a.all, a.output.is_some()),
                output: a.output,
                rules_dir: a.rules,
                history: History::from_args(a.history),
            },
        }
    }

    /// `check`: what to compare with, what fails, the format (else the output's extension),
    /// and the further reports (`--sarif`, `--markdown`, `--json`).
    fn check(a: CheckArgs, color: ColorChoice) -> Config {
        Config::Check {
            input: Input::from_args(a.input),
            settings: Check {
                base: a.base,
                baseline: a.baseline,
                fail_on: a.fail_on.map(Into::into),
                format: format_for(
                    a.format.map(Into::into),
                    a.output.as_deref(),
                    &[
                        ("json", CheckFormat::Json),
                        ("sarif", CheckFormat::Sarif),
                        ("md", CheckFormat::Markdown),
                    ],
                    CheckFormat::Human,
                ),
                layout: Layout::detect(color, false, a.output.is_some()),
                output: a.output,
                also: [
                    (CheckFormat::Sarif, a.sarif),
                    (CheckFormat::Markdown, a.markdown),
                    (CheckFormat::Json, a.json),
                ]
                .into_iter()
                .filter_map(|(f, p)| Some((f, p?)))
                .collect(),
                rules_dir: a.rules,
            },
        }
    }

    /// `graph`: the format (else the output's extension) and the view.
    fn graph(a: GraphArgs) -> Config {
        Config::Graph {
            input: Input::from_args(a.input),
            format: format_for(
                a.format.map(Into::into),
                a.output.as_deref(),
                &[
                    ("json", GraphFormat::Json),
                    ("dot", GraphFormat::Dot),
                    ("gv", GraphFormat::Dot),
                    ("mmd", GraphFormat::Mermaid),
                    ("mermaid", GraphFormat::Mermaid),
                ],
                GraphFormat::Json,
            ),
            output: a.output,
            view: ViewOptions {
                level: a.level.into(),
                focus: a.focus,
                depth: a.depth,
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
            Config::Rules { .. }
            | Config::Explain { .. }
            | Config::Completions { .. }
            | Config::Man { .. } => false,
        }
    }

    /// Whether `-q` was given.
    pub fn quiet(&self) -> bool {
        match self {
            Config::Analyze { input, .. }
            | Config::Graph { input, .. }
            | Config::Check { input, .. }
            | Config::Baseline { input, .. } => input.quiet,
            _ => false,
        }
    }

    /// Parsing threads asked for, if any.
    pub fn jobs(&self) -> Option<usize> {
        match self {
            Config::Analyze { input, .. }
            | Config::Graph { input, .. }
            | Config::Check { input, .. }
            | Config::Baseline { input, .. } => input.jobs,
            Config::Rules { .. }
            | Config::Explain { .. }
            | Config::Completions { .. }
            | Config::Man { .. } => None,
        }
    }
}

impl History {
    /// Whether to read the history, the signals (the default ones when none are given) and
    /// the reading options.
    fn from_args(h: HistoryArgs) -> History {
        History {
            read: !h.no_history,
            signals: if h.signals.is_empty() {
                crate::history::signals::DEFAULT_SIGNALS.to_vec()
            } else {
                h.signals.into_iter().map(Into::into).collect()
            },
            options: crate::history::HistoryOptions {
                since: h.since,
                max_commits: h.max_commits,
                max_commit_modules: h.max_commit_modules,
                show_authors: h.show_authors,
            },
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
            quiet: true,
            transient: false,
            config: None,
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
            quiet: a.quiet,
            transient: false,
            config: a.config,
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
