//! One function per command, each reading top to bottom as its pipeline: configuration,
//! discovery and parsing, analysis, rules, report. Returns the exit code.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Result};

use crate::analysis::{self, ClusterOptions};
use crate::check::{self, FailOn};
use crate::config::{self, Input};
use crate::history::{self, HistoryAnalysis};
use crate::parse::cache::Latch;
use crate::report::check::CheckFormat;
use crate::report::text::Layout;
use crate::report::{self, AnalyzeFormat, GraphFormat, ViewOptions};
use crate::rules::{self, config::Loaded, RuleSet};
use crate::{build_graph, discover, memo, timings, workspace, write_output};

/// The input with the configuration's excluded paths (re-rooted at PATH when the
/// configuration sits above it) added to the command line's.
fn with_excludes(input: &Input, cfg: &Loaded) -> Input {
    let mut input = input.clone();
    for e in cfg.excludes_for(&input_root(&input)) {
        if !input.exclude.contains(&e) {
            input.exclude.push(e);
        }
    }
    input
}

/// PATH's directory, canonical (PATH as given when it cannot be resolved).
fn input_root(input: &Input) -> std::path::PathBuf {
    input
        .path
        .canonicalize()
        .map(|p| {
            if p.is_file() {
                p.parent().map(Path::to_path_buf).unwrap_or(p)
            } else {
                p
            }
        })
        .unwrap_or_else(|_| input.path.clone())
}

/// Stages 1–3 for `input` with the configuration's excluded paths, and its `[roles]`
/// corrections applied to what archsplit read. A base revision (`check --base`) may lack a
/// package the configuration names; there it is no error.
fn build(
    input: &Input,
    cfg: &Loaded,
    base: bool,
) -> Result<(workspace::Workspace, crate::model::ModuleGraph)> {
    build_in(input, cfg, base, None)
}

/// [`build`] through a parse cache the caller holds (`None`: the input's own, opened and
/// flushed here).
fn build_in(
    input: &Input,
    cfg: &Loaded,
    base: bool,
    cache: Option<&crate::parse::cache::Cache>,
) -> Result<(workspace::Workspace, crate::model::ModuleGraph)> {
    let input = with_excludes(input, cfg);
    let (ws, mut g) = match cache {
        Some(c) => crate::build_graph_with(&input, Some(c))?,
        None => build_graph(&input)?,
    };
    if !cfg.config.roles.is_empty() {
        let mut names: Vec<&str> = ws.packages.iter().map(|p| p.name.as_str()).collect();
        if base {
            names.extend(cfg.config.roles.keys().map(String::as_str));
        }
        let overrides = rules::config::role_overrides(cfg, &names)?;
        crate::model::roles::apply_overrides(&mut g.roles, &overrides);
    }
    Ok((ws, g))
}

/// Stages 4 and 5 with default clustering (the crates outside the product clustered too
/// with `--include-tests`), kept as a snapshot for `check` and `baseline`.
fn snapshot(
    ws: &workspace::Workspace,
    g: &crate::model::ModuleGraph,
    rules: &RuleSet,
    include_tests: bool,
) -> check::Snapshot {
    let opts = ClusterOptions {
        include_non_product: include_tests,
        ..ClusterOptions::default()
    };
    let a = timings::time("analysis", || analysis::analyze(g, &opts));
    let advice = timings::time("rules", || rules::advise(ws, g, &a, rules, None));
    check::Snapshot::new(ws, g, &a, &advice)
}

pub fn analyze(input: &Input, settings: &config::Analyze) -> Result<u8> {
    let config::Analyze {
        format,
        output,
        layout,
        cluster,
        rules_dir,
        history,
    } = settings;
    let (format, output, layout, rules_dir) =
        (*format, output.as_deref(), *layout, rules_dir.as_deref());
    if format == AnalyzeFormat::Html && output.is_none() {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() {
            bail!("the HTML report is a page for a browser, not for a terminal: write it with `-o report.html`");
        }
    }
    let cfg = rules::config::load_for(&input.path, input.config.as_deref())?;
    let rules = rules::load(&cfg, rules_dir)?;
    let input = with_excludes(input, &cfg);
    // The finished report of an earlier run, when nothing it was computed from changed.
    let memo = memo_key("analyze", &input, &cfg, &rules, format!("{settings:?}"));
    if let Some((dir, key)) = &memo {
        let history_source = || {
            history
                .read
                .then(|| history::identity(&input.path, &history.options))
        };
        let hit = timings::time("memo", || {
            memo::load(
                dir,
                key,
                parse_options(&input),
                || discover(&input).ok(),
                history_source,
            )
        });
        if let Some(hit) = hit {
            for (kind, message) in &hit.notes {
                crate::diag::say(kind, message);
            }
            timings::time("report", || {
                write_output(output, |out| Ok(out.write_all(&hit.output)?))
            })?;
            return Ok(0);
        }
        crate::diag::record();
    }
    // The tree as it is before anything is read: a memo is kept only if it is the same after.
    let region = memo
        .as_ref()
        .and_then(|_| memo::region(&input_root(&input)));
    // git reads the log in its own process while the sources are parsed.
    let (built, raw) = std::thread::scope(|s| {
        let raw = history.read.then(|| {
            s.spawn(|| {
                history::read(
                    &input.path,
                    &history.options,
                    crate::cache_dir(&input).as_deref(),
                )
            })
        });
        let built = build(&input, &cfg, false);
        (built, raw.map(|r| r.join()))
    });
    let (ws, g) = built?;
    let opts = &history.options;
    // What the history was read from, for the memo (`None` inside: not known).
    let mut history_source = Some(None);
    let hist = timings::time("history", || {
        let h = match raw {
            Some(Ok(raw)) => {
                history_source = Some(Some(raw.identity.clone()));
                history::map(raw, &g, opts)
            }
            Some(Err(_)) => {
                history_source = None;
                history::History::unavailable("git log failed".into(), opts)
            }
            None => history::History::off(opts),
        };
        HistoryAnalysis::new(h, &g, opts.show_authors)
    });
    let cluster = weighed(cluster, &g, &hist, &history.signals);
    let spin = crate::spinner(
        input.progress,
        "analyzing: metrics, cycles, clusters, advice",
    );
    let a = timings::time("analysis", || analysis::analyze(&g, &cluster));
    let advice = timings::time("rules", || rules::advise(&ws, &g, &a, &rules, Some(&hist)));
    drop(spin);
    let report = timings::time("report", || {
        let mut report = Vec::new();
        report::write_analysis(&mut report, (format, layout), &ws, &g, &a, &advice, &hist)?;
        write_output(output, |out| Ok(out.write_all(&report)?))?;
        anyhow::Ok(report)
    })?;
    if let Some((dir, key)) = memo {
        let notes = crate::diag::take_recorded();
        let stamp = history_source.and_then(|h| memo::stamp(&ws, &g, h, region));
        if let Some(stamp) = stamp {
            timings::time("memo", || memo::store(&dir, &key, stamp, notes, report));
        }
    }
    Ok(0)
}

/// The parse options of `input`.
fn parse_options(input: &Input) -> crate::parse::ParseOptions {
    crate::parse::ParseOptions {
        include_tests: input.include_tests,
    }
}

/// Where the result memo of `command` on `input` would be kept (`memo.rs`): the cache
/// directory and the memo's name, from every setting that shapes the result — the input's
/// (PATH, excludes, `--include-tests`, `--no-cargo`), the configuration's text, the rules in
/// force and the command's own `settings`. `None` without a cache.
fn memo_key(
    command: &str,
    input: &Input,
    cfg: &Loaded,
    rules: &RuleSet,
    settings: String,
) -> Option<(std::path::PathBuf, String)> {
    let dir = crate::cache_dir(input)?;
    let shape = format!(
        "{:?}",
        (
            &input.path,
            input.include_tests,
            input.no_cargo,
            &input.exclude,
            &input.config,
            &cfg.file,
        )
    );
    let rules = format!("{rules:?}");
    let key = memo::key(
        command,
        &input_root(input),
        &[
            shape.as_bytes(),
            cfg.text.as_bytes(),
            rules.as_bytes(),
            settings.as_bytes(),
        ],
    )?;
    Some((dir, key))
}

/// The clustering options with the signals asked for and available: history's weights when
/// there is enough history, else static coupling alone (said in a note).
fn weighed(
    cluster: &ClusterOptions,
    g: &crate::model::ModuleGraph,
    hist: &HistoryAnalysis,
    signals: &[history::signals::Signal],
) -> ClusterOptions {
    let mut cluster = cluster.clone();
    let (weights, used) = history::signals::clustering_weights(
        g,
        hist.history.available().then_some(&hist.coupling),
        signals,
    );
    let mut asked = signals.to_vec();
    asked.sort();
    asked.dedup();
    if asked != used {
        let why = match &hist.history.info.reason {
            Some(r) => r.clone(),
            None => format!(
                "{} commits, fewer than {}",
                hist.history.info.commits,
                history::signals::MIN_COMMITS
            ),
        };
        crate::diag::say(
            "note",
            format!("no history to weigh the clustering ({why}); static coupling alone"),
        );
    }
    cluster.weights = weights.map(std::sync::Arc::new);
    cluster.signals = used;
    cluster
}

pub fn graph(
    input: &Input,
    format: GraphFormat,
    output: Option<&Path>,
    view: &ViewOptions,
) -> Result<u8> {
    let cfg = rules::config::load_for(&input.path, input.config.as_deref())?;
    let (ws, g) = build(input, &cfg, false)?;
    timings::time("report", || {
        // Rendered whole first: a refused view leaves no output file behind.
        let text = report::render_graph(format, &ws, &g, view)?;
        write_output(output, |out| Ok(out.write_all(&text)?))
    })?;
    Ok(0)
}

pub fn check(input: &Input, settings: &config::Check) -> Result<u8> {
    let (base, format, output, layout, also) = (
        settings.base.as_deref(),
        settings.format,
        settings.output.as_deref(),
        settings.layout,
        &settings.also,
    );
    let cfg = rules::config::load_for(&input.path, input.config.as_deref())?;
    let rules = rules::load(&cfg, settings.rules_dir.as_deref())?;
    let input = with_excludes(input, &cfg);
    let baseline = (settings.baseline.as_deref())
        .map(check::baseline::Baseline::read)
        .transpose()?;
    let fail_on = (settings.fail_on)
        .or(cfg.config.fail_on)
        .unwrap_or(FailOn::Error);

    let (top, repo_prefix) = repository(&input, base.is_some())?;
    let (after, before) = revisions(&input, &cfg, &rules, base, (&top, &repo_prefix))?;
    let result = check::evaluate(before, after, baseline.as_ref(), fail_on, repo_prefix);
    // One run, every report: the further files first, so that a failing main report (a
    // closed pipe) still leaves the SARIF and summary behind.
    for (f, path) in also {
        crate::write_output_to(
            path,
            *f == CheckFormat::Markdown && is_step_summary(path),
            |out| report::check::write(out, *f, layout, &result, &rules),
        )?;
    }
    write_output(output, |out| {
        report::check::write(out, format, layout, &result, &rules)
    })?;
    Ok(if result.failed { 1 } else { 0 })
}

/// The working tree's snapshot and, with `--base`, the base revision's: the base from the
/// cache when this merge base was analyzed with the same settings before, else read from
/// git while the working tree is parsed, both through one parse cache.
fn revisions(
    input: &Input,
    cfg: &Loaded,
    rules: &RuleSet,
    base: Option<&str>,
    (top, repo_prefix): (&Result<std::path::PathBuf>, &str),
) -> Result<(check::Snapshot, Option<(check::BaseInfo, check::Snapshot)>)> {
    let cache = crate::cache_dir(input);

    // The base: its snapshot from the cache when this commit was analyzed with the same
    // settings before; else its files are read from git while the working tree is parsed.
    let base_commit = match (base, top) {
        (Some(reference), Ok(top)) => Some((reference, crate::git::merge_base(top, reference)?)),
        _ => None,
    };
    let key = base_commit.as_ref().map(|(_, commit)| {
        check::snapshot_key(
            commit,
            repo_prefix,
            &input.exclude,
            input.include_tests,
            rules,
            &cfg.text,
        )
    });
    let cached = key
        .as_deref()
        .zip(cache.as_deref())
        .and_then(|(k, dir)| check::Snapshot::load(dir, k));
    // One parse cache for both revisions: the base finds every file the working tree has
    // unchanged among what was just parsed, and the pack is written once.
    let parse_cache = cache.as_deref().and_then(crate::parse::cache::Cache::open);
    // The base's own stages start once the working tree's facts are all in that cache
    // (before its name resolution, which leaves a core idle) or, without one, once the
    // working tree is done; its files are read from git meanwhile.
    let own_latch = Latch::default();
    let parsed = parse_cache.as_ref().map_or(&own_latch, |c| c.parsed());
    let tree_failed = AtomicBool::new(false);
    let base_snap: Mutex<Option<Result<check::Snapshot>>> = Mutex::new(None);
    let (shared, key_ref, slot) = (parse_cache.as_ref(), key.as_deref(), &base_snap);
    let after = rayon::scope(|pool| {
        std::thread::scope(|s| {
            let reader = match (&base_commit, top, &cached) {
                (Some((_, commit)), Ok(top), None) => Some(s.spawn(|| {
                    let copy = timings::time("base-read", || {
                        crate::git::read_tree_private(top, commit, repo_prefix)
                    });
                    parsed.wait();
                    let (tmp, copy) = match copy {
                        Ok(_) if tree_failed.load(Ordering::Relaxed) => return,
                        Ok(c) => c,
                        Err(e) => return store(slot, Err(e)),
                    };
                    // On the worker pool (big stacks), beside the working tree's last stages.
                    pool.spawn(move |_| {
                        let base = BaseCopy {
                            copy,
                            dir: tmp.path().join(repo_prefix),
                            key: key_ref,
                        };
                        let snap = base_snapshot(input, cfg, rules, base, shared);
                        drop(tmp);
                        store(slot, Ok(snap));
                    });
                })),
                _ => None,
            };
            let opened = OpenOnDrop(parsed);
            let after = tree_snapshot(input, cfg, rules, parse_cache.as_ref());
            tree_failed.store(after.is_err(), Ordering::Relaxed);
            drop(opened);
            // A reader that panicked leaves no snapshot: said below.
            let _ = reader.map(|r| r.join());
            after
        })
    });
    let after = after?;

    let before = match (base_commit, cached) {
        (Some((reference, commit)), cached) => {
            let snap = match cached {
                Some(snap) => snap,
                None => match base_snap.into_inner().ok().flatten() {
                    Some(snap) => snap?,
                    None => bail!("cannot read the base revision: its reader stopped"),
                },
            };
            let info = check::BaseInfo {
                reference: reference.to_string(),
                commit,
            };
            Some((info, snap))
        }
        _ => None,
    };

    if let Some(c) = &parse_cache {
        timings::time("cache-write", || c.flush());
    }
    Ok((after, before))
}

/// The working tree's snapshot (stages 1–5), from the result memo when nothing it was
/// computed from changed, else computed (through `parse_cache`, or the input's own) and kept
/// there. `input` has the configuration's excludes.
fn tree_snapshot(
    input: &Input,
    cfg: &Loaded,
    rules: &RuleSet,
    parse_cache: Option<&crate::parse::cache::Cache>,
) -> Result<check::Snapshot> {
    let memo = memo_key("snapshot", input, cfg, rules, String::new());
    if let Some((dir, key)) = &memo {
        let hit = timings::time("memo", || {
            memo::load(
                dir,
                key,
                parse_options(input),
                || discover(input).ok(),
                || None,
            )
        });
        if let Some(snap) = hit.and_then(|h| serde_json::from_slice(&h.output).ok()) {
            return Ok(snap);
        }
    }
    let region = memo.as_ref().and_then(|_| memo::region(&input_root(input)));
    let (ws, g) = build_in(input, cfg, false, parse_cache)?;
    let snap = snapshot(&ws, &g, rules, input.include_tests);
    if let Some((dir, key)) = memo {
        let stamp = memo::stamp(&ws, &g, None, region);
        if let (Some(stamp), Ok(bytes)) = (stamp, serde_json::to_vec(&snap)) {
            timings::time("memo", || memo::store(&dir, &key, stamp, Vec::new(), bytes));
        }
    }
    Ok(snap)
}

/// Keeps the base revision's snapshot (or why there is none) for `revisions`.
fn store(slot: &Mutex<Option<Result<check::Snapshot>>>, snap: Result<check::Snapshot>) {
    if let Ok(mut slot) = slot.lock() {
        *slot = Some(snap);
    }
}

/// Opens its latch when dropped: the base's reader waits for it, and is released even when
/// the working tree's build panics.
struct OpenOnDrop<'a>(&'a Latch);

impl Drop for OpenOnDrop<'_> {
    fn drop(&mut self) {
        self.0.open();
    }
}

/// The top directory of the repository holding PATH (an error only matters with
/// `--base`), and PATH relative to it, `""` at the top: locations are reported from there.
fn repository(input: &Input, needed: bool) -> Result<(Result<std::path::PathBuf>, String)> {
    let root = input_root(input);
    let top = crate::git::toplevel(&root).and_then(|t| Ok(t.canonicalize()?));
    if needed {
        top.as_ref().map_err(|e| anyhow::anyhow!("{e:#}"))?;
    }
    let prefix = top
        .as_ref()
        .ok()
        .and_then(|t| root.strip_prefix(t).ok().map(workspace::rel_path_str))
        .unwrap_or_default();
    Ok((top, prefix))
}

/// The base revision as `git::read_tree` copied it, and where its snapshot is kept.
struct BaseCopy<'a> {
    copy: crate::git::TreeCopy,
    /// PATH within the copy.
    dir: std::path::PathBuf,
    key: Option<&'a str>,
}

/// The base revision's snapshot, analyzed from its copy through the parse cache the working
/// tree filled (content-keyed: a file the change left alone is not parsed again), and kept
/// in the cache under its key.
fn base_snapshot(
    input: &Input,
    cfg: &Loaded,
    rules: &RuleSet,
    base: BaseCopy,
    parse_cache: Option<&crate::parse::cache::Cache>,
) -> check::Snapshot {
    for note in &base.copy.skipped {
        crate::diag::say("note", format!("base revision: {note}"));
    }
    let cache = crate::cache_dir(input);
    let base_input = Input {
        path: base.dir,
        transient: true,
        // Through a shared cache the base starts while the working tree's progress bar is
        // still up: one bar at a time.
        progress: input.progress && parse_cache.is_none(),
        cache_dir: cache.clone(),
        ..input.clone()
    };
    let snap = match build_in(&base_input, cfg, true, parse_cache) {
        Ok((bws, bg)) => snapshot(&bws, &bg, rules, input.include_tests),
        // The base had no Rust code here yet: everything is new.
        Err(_) => check::Snapshot::empty(),
    };
    if let (Some(k), Some(dir)) = (base.key, &cache) {
        snap.store(dir, k);
    }
    snap
}

/// Whether `path` is GitHub's step summary file, which is appended to, never replaced.
fn is_step_summary(path: &Path) -> bool {
    std::env::var_os("GITHUB_STEP_SUMMARY").is_some_and(|s| !s.is_empty() && Path::new(&s) == path)
}

pub fn baseline(input: &Input, output: Option<&Path>, rules_dir: Option<&Path>) -> Result<u8> {
    let cfg = rules::config::load_for(&input.path, input.config.as_deref())?;
    let rules = rules::load(&cfg, rules_dir)?;
    let input = with_excludes(input, &cfg);
    let snap = tree_snapshot(&input, &cfg, &rules, None)?;
    write_output(output, |out| {
        out.write_all(check::baseline::render(&snap.findings).as_bytes())?;
        Ok(())
    })?;
    Ok(0)
}

/// `archsplit completions SHELL`: the completion script, from the clap definitions.
pub fn completions(shell: clap_complete::Shell) -> Result<u8> {
    let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    // Into memory first: clap_complete panics when its writer fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "archsplit", &mut script);
    write_output(None, |out| Ok(out.write_all(&script)?))?;
    Ok(0)
}

/// `archsplit man [COMMAND]`: the man page (roff) of archsplit or of one command
/// (`archsplit-analyze(1)`), from the clap definitions.
pub fn man(command: Option<&str>) -> Result<u8> {
    let cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    let page = match command {
        None => cmd,
        Some(name) => {
            let Some(sub) = cmd.find_subcommand(name) else {
                let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
                bail!("no command `{name}` (known: {})", names.join(", "));
            };
            let full = format!("archsplit-{name}");
            sub.clone()
                .name(full.clone())
                .bin_name(format!("archsplit {name}"))
        }
    };
    write_output(None, |out| {
        clap_mangen::Man::new(page).render(out)?;
        Ok(())
    })?;
    Ok(0)
}

pub fn rules(rules_dir: Option<&Path>, layout: Layout) -> Result<u8> {
    let rules = rules::load_without_config(rules_dir)?;
    write_output(None, |out| report::write_rules(out, layout, &rules))?;
    Ok(0)
}

pub fn explain(rule: &str, rules_dir: Option<&Path>, layout: Layout) -> Result<u8> {
    let rules = rules::load_without_config(rules_dir)?;
    let Some(id) = rules::RuleId::parse(rule) else {
        bail!(
            "no rule `{rule}` (known: {})",
            rules::RuleId::ALL
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    };
    write_output(None, |out| {
        report::write_explain(out, layout, rules.get(id))
    })?;
    Ok(0)
}
