//! One function per command, each reading top to bottom as its pipeline: configuration,
//! discovery and parsing, analysis, rules, report. Returns the exit code.

use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::analysis::{self, ClusterOptions};
use crate::check::{self, FailOn};
use crate::config::{self, Input};
use crate::history::{self, HistoryAnalysis};
use crate::report::check::CheckFormat;
use crate::report::{self, AnalyzeFormat, GraphFormat, ViewOptions};
use crate::rules::{self, config::Loaded, RuleSet};
use crate::{build_graph, timings, workspace, write_output};

/// The input with the configuration's excluded paths added to the command line's.
fn with_excludes(input: &Input, cfg: &Loaded) -> Input {
    let mut input = input.clone();
    for e in &cfg.config.exclude {
        if !input.exclude.contains(e) {
            input.exclude.push(e.clone());
        }
    }
    input
}

/// Stages 1–3 for `input` with the configuration's excluded paths, and its `[roles]`
/// corrections applied to what archsplit read. A base revision (`check --base`) may lack a
/// package the configuration names; there it is no error.
fn build(
    input: &Input,
    cfg: &Loaded,
    base: bool,
) -> Result<(workspace::Workspace, crate::model::ModuleGraph)> {
    let (ws, mut g) = build_graph(&with_excludes(input, cfg))?;
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

pub fn analyze(
    input: &Input,
    format: AnalyzeFormat,
    output: Option<&Path>,
    cluster: &ClusterOptions,
    rules_dir: Option<&Path>,
    history: &config::History,
) -> Result<u8> {
    let cfg = rules::config::load_for(&input.path)?;
    let rules = rules::load(&cfg, rules_dir)?;
    let input = with_excludes(input, &cfg);
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
    let hist = timings::time("history", || {
        let h = match raw {
            Some(Ok(raw)) => history::map(raw, &g, opts),
            Some(Err(_)) => history::History::unavailable("git log failed".into(), opts),
            None => history::History::off(opts),
        };
        HistoryAnalysis::new(h, &g, opts.show_authors)
    });
    let mut cluster = cluster.clone();
    let (weights, used) = history::signals::clustering_weights(
        &g,
        hist.history.available().then_some(&hist.coupling),
        &history.signals,
    );
    let mut asked = history.signals.clone();
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
        eprintln!(
            "archsplit: note: no history to weigh the clustering ({why}); static coupling alone"
        );
    }
    cluster.weights = weights.map(std::sync::Arc::new);
    cluster.signals = used;
    let a = timings::time("analysis", || analysis::analyze(&g, &cluster));
    let advice = timings::time("rules", || rules::advise(&ws, &g, &a, &rules, Some(&hist)));
    timings::time("report", || {
        write_output(output, |out| {
            report::write_analysis(out, format, &ws, &g, &a, &advice, &hist)
        })
    })?;
    Ok(0)
}

pub fn graph(
    input: &Input,
    format: GraphFormat,
    output: Option<&Path>,
    view: &ViewOptions,
) -> Result<u8> {
    let cfg = rules::config::load_for(&input.path)?;
    let (ws, g) = build(input, &cfg, false)?;
    timings::time("report", || {
        // Rendered whole first: a refused view leaves no output file behind.
        let text = report::render_graph(format, &ws, &g, view)?;
        write_output(output, |out| Ok(out.write_all(&text)?))
    })?;
    Ok(0)
}

pub fn check(
    input: &Input,
    base: Option<&str>,
    baseline: Option<&Path>,
    fail_on: Option<FailOn>,
    format: CheckFormat,
    output: Option<&Path>,
    rules_dir: Option<&Path>,
) -> Result<u8> {
    let cfg = rules::config::load_for(&input.path)?;
    let rules = rules::load(&cfg, rules_dir)?;
    let input = with_excludes(input, &cfg);
    let baseline = baseline.map(check::baseline::Baseline::read).transpose()?;
    let fail_on = fail_on.or(cfg.config.fail_on).unwrap_or(FailOn::Error);

    let (ws, g) = build(&input, &cfg, false)?;
    let after = snapshot(&ws, &g, &rules, input.include_tests);

    // Locations are reported relative to the repository's top directory.
    let top = crate::git::toplevel(&ws.root).and_then(|t| Ok(t.canonicalize()?));
    if base.is_some() {
        top.as_ref().map_err(|e| anyhow::anyhow!("{e:#}"))?;
    }
    let repo_prefix = top
        .as_ref()
        .ok()
        .and_then(|t| ws.root.strip_prefix(t).ok().map(workspace::rel_path_str))
        .unwrap_or_default();

    let before = match (base, &top) {
        (Some(reference), Ok(top)) => {
            let commit = crate::git::merge_base(top, reference)?;
            let tmp =
                tempfile::tempdir().context("cannot create a directory for the base revision")?;
            crate::git::export(top, &commit, tmp.path())?;
            // The cache is keyed by content: the base shares the working tree's.
            let base_input = Input {
                path: tmp.path().join(&repo_prefix),
                progress: false,
                cache_dir: crate::cache_dir(&input),
                ..input.clone()
            };
            let snap = match build(&base_input, &cfg, true) {
                Ok((bws, bg)) => snapshot(&bws, &bg, &rules, input.include_tests),
                // The base had no Rust code here yet: everything is new.
                Err(_) => check::Snapshot::empty(),
            };
            let info = check::BaseInfo {
                reference: reference.to_string(),
                commit,
            };
            Some((info, snap))
        }
        _ => None,
    };

    let result = check::evaluate(before, after, baseline.as_ref(), fail_on, repo_prefix);
    write_output(output, |out| {
        report::check::write(out, format, &result, &rules)
    })?;
    Ok(if result.failed { 1 } else { 0 })
}

pub fn baseline(input: &Input, output: Option<&Path>, rules_dir: Option<&Path>) -> Result<u8> {
    let cfg = rules::config::load_for(&input.path)?;
    let rules = rules::load(&cfg, rules_dir)?;
    let (ws, g) = build(input, &cfg, false)?;
    let snap = snapshot(&ws, &g, &rules, input.include_tests);
    write_output(output, |out| {
        out.write_all(check::baseline::render(&snap.findings).as_bytes())?;
        Ok(())
    })?;
    Ok(0)
}

pub fn rules(rules_dir: Option<&Path>) -> Result<u8> {
    let rules = rules::load_without_config(rules_dir)?;
    write_output(None, |out| report::write_rules(out, &rules))?;
    Ok(0)
}

pub fn explain(rule: &str, rules_dir: Option<&Path>) -> Result<u8> {
    let rules = rules::load_without_config(rules_dir)?;
    let Some(r) = rules.rules.get(rule) else {
        bail!(
            "no rule `{rule}` (known: {})",
            rules.rules.keys().cloned().collect::<Vec<_>>().join(", ")
        );
    };
    write_output(None, |out| report::write_explain(out, r))?;
    Ok(0)
}
