//! archsplit: reads a Rust workspace, builds its module dependency graph and reports on it.
//!
//! The stages, in the order they run:
//! 1. [`workspace`] finds packages, targets and root files (the only stage that asks cargo);
//! 2. [`parse`] turns each file into facts, in parallel, without keeping syntax trees;
//! 3. [`model`] builds module trees, resolves names and weighs the dependency edges;
//! 4. [`report`] prints the result.

pub mod analysis;
pub mod check;
pub mod cli;
pub mod config;
pub mod diag;
pub mod model;
pub mod parse;
pub mod report;
pub mod rules;
pub mod workspace;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Parser;

use config::{Config, Input};
use model::ModuleGraph;
use workspace::Workspace;

/// Stack of each worker thread. Syntax trees of deeply nested code are built and dropped
/// recursively; a generous stack (address space, committed only when used) keeps
/// pathological input from overflowing it.
const WORKER_STACK: usize = 512 * 1024 * 1024;

/// Exit code for usage and input errors.
pub const EXIT_ERROR: u8 = 2;

/// The whole program: arguments in, exit code out. The one place errors are printed.
pub fn main_with_args(mut args: Vec<OsString>) -> ExitCode {
    // `cargo archsplit graph` runs `cargo-archsplit archsplit graph`.
    if args.get(1).is_some_and(|a| a == "archsplit") {
        args.remove(1);
    }
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_ERROR } else { 0 });
        }
    };
    let config = Config::from_cli(cli.command);
    match run(&config) {
        Ok(code) => ExitCode::from(code),
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

/// Runs a command on a pool of worker threads with large stacks.
pub fn run(config: &Config) -> Result<u8> {
    let mut pool = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("archsplit-{i}"));
    if let Some(j) = config.jobs() {
        pool = pool.num_threads(j);
    }
    let pool = pool.build().context("cannot start worker threads")?;
    pool.install(|| run_on_pool(config))
}

fn run_on_pool(config: &Config) -> Result<u8> {
    match config {
        Config::Analyze {
            input,
            format,
            output,
            cluster,
            rules_dir,
        } => {
            let cfg = rules::config::load_for(&input.path)?;
            let rules = rules::load(&cfg, rules_dir.as_deref())?;
            let (ws, g) = build_graph(&with_excludes(input, &cfg))?;
            let a = analysis::analyze(&g, cluster);
            let advice = rules::advise(&ws, &g, &a, &rules);
            write_output(output.as_deref(), |out| {
                report::write_analysis(out, *format, &ws, &g, &a, &advice)
            })?;
            Ok(0)
        }
        Config::Check {
            input,
            base,
            baseline,
            fail_on,
            format,
            output,
            rules_dir,
        } => {
            let cfg = rules::config::load_for(&input.path)?;
            let rules = rules::load(&cfg, rules_dir.as_deref())?;
            let input = with_excludes(input, &cfg);
            let baseline = baseline
                .as_deref()
                .map(check::baseline::Baseline::read)
                .transpose()?;
            let fail_on = fail_on
                .or(cfg.config.fail_on)
                .unwrap_or(check::FailOn::Error);
            let (ws, g) = build_graph(&input)?;
            let after = snapshot(&ws, &g, &rules);
            let repo = base
                .as_ref()
                .map(|_| check::git::toplevel(&ws.root))
                .transpose()?;
            let repo_prefix = match &repo {
                Some(top) => ws
                    .root
                    .strip_prefix(top.canonicalize()?)
                    .map(workspace::rel_path_str)
                    .unwrap_or_default(),
                None => check::git::toplevel(&ws.root)
                    .ok()
                    .and_then(|top| top.canonicalize().ok())
                    .and_then(|top| ws.root.strip_prefix(top).ok().map(workspace::rel_path_str))
                    .unwrap_or_default(),
            };
            let before = match (base, repo) {
                (Some(reference), Some(top)) => {
                    let commit = check::git::merge_base(&top, reference)?;
                    let tmp = tempfile::tempdir()
                        .context("cannot create a directory for the base revision")?;
                    check::git::export(&top, &commit, tmp.path())?;
                    let base_input = config::Input {
                        path: tmp.path().join(&repo_prefix),
                        progress: false,
                        ..input.clone()
                    };
                    let snap = match build_graph(&base_input) {
                        Ok((bws, bg)) => snapshot(&bws, &bg, &rules),
                        // The base had no Rust code here yet: everything is new.
                        Err(_) => check::Snapshot::empty(),
                    };
                    Some((
                        check::BaseInfo {
                            reference: reference.clone(),
                            commit,
                        },
                        snap,
                    ))
                }
                _ => None,
            };
            let result = check::evaluate(
                before,
                after,
                baseline.as_ref(),
                fail_on,
                &rules,
                repo_prefix,
            );
            write_output(output.as_deref(), |out| {
                report::check::write(out, *format, &result, &rules)
            })?;
            Ok(if result.failed { 1 } else { 0 })
        }
        Config::Baseline {
            input,
            output,
            rules_dir,
        } => {
            let cfg = rules::config::load_for(&input.path)?;
            let rules = rules::load(&cfg, rules_dir.as_deref())?;
            let (ws, g) = build_graph(&with_excludes(input, &cfg))?;
            let snap = snapshot(&ws, &g, &rules);
            write_output(output.as_deref(), |out| {
                out.write_all(check::baseline::render(&snap.findings).as_bytes())?;
                Ok(())
            })?;
            Ok(0)
        }
        Config::Rules { rules_dir } => {
            let rules = rules::load_without_config(rules_dir.as_deref())?;
            write_output(None, |out| report::write_rules(out, &rules))?;
            Ok(0)
        }
        Config::Explain { rule, rules_dir } => {
            let rules = rules::load_without_config(rules_dir.as_deref())?;
            let Some(r) = rules.rules.get(rule) else {
                bail!(
                    "no rule `{rule}` (known: {})",
                    rules.rules.keys().cloned().collect::<Vec<_>>().join(", ")
                );
            };
            write_output(None, |out| report::write_explain(out, r))?;
            Ok(0)
        }
        Config::Graph {
            input,
            format,
            output,
        } => {
            let (ws, g) = build_graph(input)?;
            write_output(output.as_deref(), |out| {
                report::write_graph(out, *format, &ws, &g)
            })?;
            Ok(0)
        }
    }
}

/// The input with the configuration's excluded paths added to the command line's.
fn with_excludes(input: &Input, cfg: &rules::config::Loaded) -> Input {
    let mut input = input.clone();
    for e in &cfg.config.exclude {
        if !input.exclude.contains(e) {
            input.exclude.push(e.clone());
        }
    }
    input
}

/// Stages 4 and 5 with default clustering, kept as a snapshot for `check` and `baseline`.
fn snapshot(ws: &Workspace, g: &ModuleGraph, rules: &rules::RuleSet) -> check::Snapshot {
    let a = analysis::analyze(g, &analysis::ClusterOptions::default());
    let advice = rules::advise(ws, g, &a, rules);
    check::Snapshot::new(ws, g, &a, &advice)
}

/// Stages 1–3: discovery, parsing and the module graph.
pub fn build_graph(input: &Input) -> Result<(Workspace, ModuleGraph)> {
    let ws = workspace::discover(
        &input.path,
        &workspace::DiscoverOptions {
            include_tests: input.include_tests,
            no_cargo: input.no_cargo,
            exclude: input.exclude.clone(),
        },
    )?;
    if ws.packages.is_empty() {
        bail!("{}: no Rust code found", input.path.display());
    }
    let bar = input.progress.then(|| {
        let pb = indicatif::ProgressBar::with_draw_target(
            Some(0),
            indicatif::ProgressDrawTarget::stderr(),
        );
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} parsing {pos}/{len} files {wide_bar}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        pb
    });
    let progress = |done: u64, total: u64| {
        if let Some(pb) = &bar {
            pb.set_length(total.max(done));
            pb.set_position(done);
        }
    };
    let g = model::build(
        &ws,
        parse::ParseOptions {
            include_tests: input.include_tests,
        },
        &progress,
    );
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    if g.files_parsed == 0 {
        bail!("{}: no Rust code found", input.path.display());
    }
    Ok((ws, g))
}

/// Writes to FILE, or to standard output.
fn write_output(
    path: Option<&std::path::Path>,
    f: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match path {
        Some(p) => {
            let file = std::fs::File::create(p)
                .with_context(|| format!("{}: cannot create output file", p.display()))?;
            let mut w = std::io::BufWriter::new(file);
            f(&mut w)?;
            w.flush()
                .with_context(|| format!("{}: cannot write output file", p.display()))?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            f(&mut w)?;
            w.flush().context("cannot write to standard output")?;
        }
    }
    Ok(())
}
