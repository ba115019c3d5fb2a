//! archsplit: reads a Rust workspace, builds its module dependency graph, clusters it into
//! candidate services and advises where (not) to split.
//!
//! The stages, in the order they run:
//! 1. [`workspace`] finds packages, targets and root files (the only stage that asks cargo);
//! 2. [`parse`] turns each file into facts, in parallel, without keeping syntax trees;
//! 3. [`model`] builds module trees, resolves names and weighs the dependency edges;
//! 4. [`analysis`] measures: metrics, cycles, the shared kernel, clusters, quality figures;
//! 5. [`rules`] advises: recommendations, the verdict, findings; [`check`] compares revisions;
//! 6. [`report`] prints the result.
//!
//! `commands.rs` runs these stages for each command; this file holds the entry point.

/// Parsing allocates and frees millions of small objects; mimalloc keeps that cheap and
/// scales across threads.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod analysis;
pub mod cache;
pub mod check;
pub mod cli;
mod commands;
pub mod config;
pub mod diag;
pub mod fsio;
pub mod git;
pub mod hash;
pub mod history;
pub mod memo;
pub mod model;
pub mod parse;
pub mod report;
pub mod rules;
pub mod timings;
pub mod words;
pub mod workspace;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use config::{Config, Input};
use model::ModuleGraph;
use workspace::Workspace;

/// Stack of each worker thread, where every file is parsed. syn builds and drops syntax
/// trees recursively, and `parse::nesting` admits at most `MAX_NESTING` (1024) levels; the
/// costliest level measured (`Option<`) takes 7.4 kB in release builds and 51 kB in debug
/// builds (the tests'), so the deepest admitted input needs ~52 MB there: 128 MiB leaves
/// room for the reference walk and everything around. It is address space, committed only
/// when touched; two workers and two capped files (`MAX_TOKENS`) fit in the 3 GiB the
/// hostile tests allow, where 512 MiB stacks took a third of it.
pub const WORKER_STACK: usize = 128 * 1024 * 1024;

/// Exit code for usage and input errors.
pub const EXIT_ERROR: u8 = 2;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (the v3 header that
/// libmimalloc-sys 0.1.49 builds; the Rust bindings do not name it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the OS after 5 ms instead of 10: syntax trees are built
/// and dropped file after file, and a long delay keeps many of them resident, while no
/// delay at all makes every file fault its pages in again (measured: 0 ms was slower).
/// Transparent huge pages are off: with them every touched 2 MiB region stays resident,
/// which cost a fifth to a third of the peak memory (regex 64 → 50 MB, tokio 36 → 26 MB)
/// for no measurable speed.
fn tune_allocator() {
    // SAFETY: mi_option_set only stores an integer option; it may be called at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 5) };
    // mimalloc's own `allow_thp` option is read when it starts, before main, so setting it
    // here does nothing (measured); the kernel's per-process switch takes effect for every
    // page faulted in from here on.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// The whole program: arguments in, exit code out. The one place errors are printed.
pub fn main_with_args(mut args: Vec<OsString>) -> ExitCode {
    tune_allocator();
    // `cargo archsplit graph` runs `cargo-archsplit archsplit graph`; help and errors then
    // name the command as the user typed it.
    let name = if args.get(1).is_some_and(|a| a == "archsplit") {
        args.remove(1);
        "cargo archsplit"
    } else {
        "archsplit"
    };
    let command = <cli::Cli as clap::CommandFactory>::command().bin_name(name);
    let parsed = command
        .try_get_matches_from(&args)
        .and_then(|m| <cli::Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            eprintln!("{name}: error: {}", usage_error(&e, &args, name));
            return ExitCode::from(EXIT_ERROR);
        }
        Err(e) => {
            // --help and --version
            let _ = e.print();
            return ExitCode::from(0);
        }
    };
    let config = Config::from_cli(cli);
    diag::set_quiet(config.quiet());
    let result = run(&config);
    if config.timings() {
        eprint!("{}", timings::report());
    }
    match result {
        Ok(code) => ExitCode::from(code),
        // The reader went away (`archsplit analyze | head`): what it read is all it wanted.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::from(0)
        }
        Err(e) => {
            let mut msg = format!("{e}");
            for cause in e.chain().skip(1) {
                msg.push_str(&format!(": {cause}"));
            }
            eprintln!("archsplit: error: {msg}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// A usage error in one line: clap's message, its tip if it has one, and where to read more.
fn usage_error(e: &clap::Error, args: &[OsString], name: &str) -> String {
    let text = e.render().to_string();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines
        .next()
        .unwrap_or("invalid arguments")
        .trim_start_matches("error:")
        .trim();
    let mut msg = first.to_string();
    for l in lines {
        if l.starts_with("[possible values:") {
            msg.push_str(&format!(" {l}"));
        } else if let Some(tip) = l.strip_prefix("tip:") {
            msg.push_str(&format!("; {}", tip.trim()));
        }
    }
    // The subcommand the user named, if any, for the pointer to its help.
    let command = <cli::Cli as clap::CommandFactory>::command();
    let sub = args
        .iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find(|a| command.get_subcommands().any(|c| c.get_name() == *a));
    match sub {
        Some(sub) => format!("{msg} (see `{name} {sub} --help`)"),
        None => format!("{msg} (see `{name} --help`)"),
    }
}

/// Runs a command on a pool of worker threads with large stacks.
pub fn run(config: &Config) -> Result<u8> {
    // Where the cache is, settled once: a `--cache-dir` that is no directory is an error here.
    let mut config = config.clone();
    cache::settle(&mut config)?;
    let config = &config;
    let mut pool = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("archsplit-{i}"));
    if let Some(j) = config.jobs() {
        // More threads than cores only adds stacks and switching (`-j 10000` took minutes).
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        pool = pool.num_threads(j.clamp(1, cores));
    }
    let pool = pool.build().context("cannot start worker threads")?;
    pool.install(|| run_on_pool(config))
}

fn run_on_pool(config: &Config) -> Result<u8> {
    match config {
        Config::Analyze { input, settings } => commands::analyze(input, settings),
        Config::Check { input, settings } => commands::check(input, settings),
        Config::Baseline {
            input,
            output,
            rules_dir,
        } => commands::baseline(input, output.as_deref(), rules_dir.as_deref()),
        Config::Graph {
            input,
            format,
            output,
            view,
        } => commands::graph(input, *format, output.as_deref(), view),
        Config::Rules { rules_dir, layout } => commands::rules(rules_dir.as_deref(), *layout),
        Config::Completions { shell } => commands::completions(*shell),
        Config::Man { command } => commands::man(command.as_deref()),
        Config::Explain {
            rule,
            rules_dir,
            layout,
        } => commands::explain(rule, rules_dir.as_deref(), *layout),
    }
}

/// Where the cache lives (`cache::resolve`, once per run in `run`): `--cache-dir`, else one
/// directory per workspace in the user's cache directory, never in the analyzed tree;
/// `None` with `--no-cache` or without a place for it.
pub(crate) fn cache_dir(input: &Input) -> Option<std::path::PathBuf> {
    if input.no_cache {
        return None;
    }
    if let Some(d) = &input.cache_dir {
        return Some(d.clone());
    }
    cache::resolve(None, false, &input.path).ok().flatten()
}

/// Stages 1–3: discovery, parsing and the module graph, with the cache of `input`.
pub fn build_graph(input: &Input) -> Result<(Workspace, ModuleGraph)> {
    let cache = cache_dir(input).and_then(|d| parse::cache::Cache::open(&d));
    let built = build_graph_with(input, cache.as_ref());
    if let Some(c) = &cache {
        timings::time("cache-write", || c.flush());
    }
    built
}

/// Stages 1–3 with a parse cache the caller opened (and flushes): `check` reads the
/// working tree and the base through one, so the base finds what the tree just parsed.
pub fn build_graph_with(
    input: &Input,
    cache: Option<&parse::cache::Cache>,
) -> Result<(Workspace, ModuleGraph)> {
    let bar = parse_progress_bar(input);
    let progress = |done: u64, total: u64| {
        if let Some(pb) = &bar {
            pb.set_length(total.max(done));
            pb.set_position(done);
        }
    };
    let opts = parse::ParseOptions {
        include_tests: input.include_tests,
    };
    // Discovery (which may wait ~40 ms for cargo) and the parsing of every file under a
    // `src/` directory run at the same time; the module trees then take what was parsed.
    let root = input_dir(&input.path);
    let (ws, pre) = rayon::join(
        || {
            timings::time("discover", || {
                workspace::discover(&input.path, &discover_options(input))
            })
        },
        || {
            timings::time("parse-ahead", || match &root {
                Some(r) if r.is_dir() => {
                    model::parse_all(&model::likely_sources(r), r, opts, cache, &progress)
                }
                _ => Default::default(),
            })
        },
    );
    let ws = ws?;
    if ws.packages.is_empty() {
        bail!("{}: no Rust code found", input.path.display());
    }
    // Files were named relative to PATH's directory; discovery must agree, else start over.
    let pre = if root.as_deref() == Some(ws.root.as_path()) {
        pre
    } else {
        Default::default()
    };
    let g = model::build(&ws, opts, cache, pre, &progress);
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    if g.files_parsed == 0 {
        bail!("{}: no Rust code found", input.path.display());
    }
    Ok((ws, g))
}

/// The progress bar of the parsing (`None` when progress is off), saying whether it is
/// the base revision's.
fn parse_progress_bar(input: &Input) -> Option<indicatif::ProgressBar> {
    input.progress.then(|| {
        let pb = indicatif::ProgressBar::with_draw_target(
            Some(0),
            indicatif::ProgressDrawTarget::stderr(),
        );
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {prefix} {pos}/{len} files {wide_bar}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        pb.set_prefix(if input.transient {
            "parsing the base revision:"
        } else {
            "parsing:"
        });
        pb
    })
}

/// The directory `path` names (a file's directory for a manifest), canonical; `None` when
/// it does not exist.
fn input_dir(path: &std::path::Path) -> Option<std::path::PathBuf> {
    path.canonicalize().ok().map(|p| {
        if p.is_file() {
            p.parent().map(|d| d.to_path_buf()).unwrap_or(p)
        } else {
            p
        }
    })
}

/// Stage 1 alone: the workspace `input` names (the result memo checks it against its own).
pub(crate) fn discover(input: &Input) -> Result<Workspace> {
    workspace::discover(&input.path, &discover_options(input))
}

/// The discovery options of `input`.
fn discover_options(input: &Input) -> workspace::DiscoverOptions {
    workspace::DiscoverOptions {
        include_tests: input.include_tests,
        no_cargo: input.no_cargo,
        exclude: input.exclude.clone(),
        // cargo's answer is keyed by absolute paths: of no use for a temporary copy, which
        // would only leave an entry per run.
        cache_dir: cache_dir(input).filter(|_| !input.transient),
        reuse: input.transient,
    }
}

/// A labelled spinner on standard error for a stage without a count (`None` when progress
/// is off); cleared when dropped.
pub(crate) fn spinner(on: bool, label: &'static str) -> Option<SpinnerGuard> {
    on.then(|| {
        let pb =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        pb.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        pb.set_message(label);
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        SpinnerGuard(pb)
    })
}

/// Clears its spinner when the stage ends.
pub(crate) struct SpinnerGuard(indicatif::ProgressBar);

impl Drop for SpinnerGuard {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// Writes to FILE, or to standard output.
pub(crate) fn write_output(
    path: Option<&std::path::Path>,
    f: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match path {
        Some(p) => write_output_to(p, false, f)?,
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            f(&mut w)?;
            w.flush().context("cannot write to standard output")?;
        }
    }
    Ok(())
}

/// Writes a report to the file `p`, replacing it, or adding to its end with `append`.
pub(crate) fn write_output_to(
    p: &std::path::Path,
    append: bool,
    f: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .append(append)
        .truncate(!append)
        .open(p)
        .with_context(|| format!("{}: cannot create output file", p.display()))?;
    let mut w = std::io::BufWriter::new(file);
    f(&mut w)?;
    w.flush()
        .with_context(|| format!("{}: cannot write output file", p.display()))
}
