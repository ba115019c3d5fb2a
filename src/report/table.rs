//! The human report of `archsplit analyze`: comfy-table tables for a terminal.

use std::io::Write;

use anyhow::Result;
use comfy_table::{Cell, CellAlignment, Table};

use super::analyze_json::{cluster_id, cluster_names};
use super::text::{recommendation_color, severity_color, verdict_color, Layout};
use crate::analysis::Analysis;
use crate::model::ModuleGraph;
use crate::rules::Recommendation;
use crate::workspace::Workspace;

pub use crate::words::thousands;

/// What every section of the report reads.
struct Report<'a> {
    out: &'a mut dyn Write,
    l: Layout,
    ws: &'a Workspace,
    g: &'a ModuleGraph,
    a: &'a Analysis,
    advice: &'a crate::rules::Advice,
}

impl Report<'_> {
    /// The line saying how many rows a table left out, and where to see them.
    fn more(&mut self, shown: usize, total: usize, one: &str, many: &str) -> Result<()> {
        if total > shown {
            let k = total - shown;
            let what = if k == 1 { one } else { many };
            self.para(
                "... ",
                "    ",
                &format!(
                    "{} more {what} (--all shows every row; --format json has everything)",
                    thousands(k as u64)
                ),
            )?;
        }
        Ok(())
    }

    /// A paragraph wrapped at the report's width.
    fn para(&mut self, first: &str, rest: &str, text: &str) -> Result<()> {
        write!(self.out, "{}", self.l.wrap(first, rest, text))?;
        Ok(())
    }
}

fn right(t: &mut Table, cols: &[usize]) {
    for &c in cols {
        if let Some(col) = t.column_mut(c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// At most `n` items joined with `, `, then `+N more`.
fn list(items: &[String], n: usize) -> String {
    let mut s = items.iter().take(n).cloned().collect::<Vec<_>>().join(", ");
    if items.len() > n {
        s.push_str(&format!(", +{} more", items.len() - n));
    }
    s
}

pub fn write(
    out: &mut dyn Write,
    l: Layout,
    ws: &Workspace,
    g: &ModuleGraph,
    a: &Analysis,
    advice: &crate::rules::Advice,
    h: &crate::history::HistoryAnalysis,
) -> Result<()> {
    let mut r = Report {
        out,
        l,
        ws,
        g,
        a,
        advice,
    };
    write_summary(&mut r, h)?;
    write_crates(&mut r)?;
    write_verdict(&mut r)?;
    write_actions(&mut r)?;
    write_clusters(&mut r)?;
    write_ownership(&mut r, h)?;
    write_why(&mut r)?;
    write_findings(&mut r)?;
    write_layers(&mut r)?;
    write_cycles(&mut r)?;
    write_kernel(&mut r)?;
    write_excluded(&mut r)?;
    write_diagnostics(&mut r)
}

/// Diagnostics shown per kind before the rest is counted (without `--all`).
const DIAGNOSTICS_PER_CODE: usize = 3;

/// The problems met in the input, grouped by code (in code order, each with its count and
/// severity): the first few of each as `file:line: message`, every one with `--all`.
fn write_diagnostics(r: &mut Report) -> Result<()> {
    let diags = &r.g.diagnostics;
    if diags.is_empty() {
        return Ok(());
    }
    let mut by_code: std::collections::BTreeMap<&str, Vec<&crate::diag::Diagnostic>> =
        Default::default();
    for d in diags {
        by_code.entry(&d.code).or_default().push(d);
    }
    writeln!(
        r.out,
        "\nDiagnostics ({} about the input; the rest of the analysis went on)",
        crate::words::count(diags.len() as u64, "problem", "problems")
    )?;
    let per = if r.l.all {
        usize::MAX
    } else {
        DIAGNOSTICS_PER_CODE
    };
    for (code, list) in by_code {
        let severity = match list[0].severity {
            crate::diag::Severity::Error => "error",
            crate::diag::Severity::Warning => "warning",
        };
        r.para(
            "  ",
            "    ",
            &format!("{code} ({severity}): {}", list.len()),
        )?;
        for d in list.iter().take(per) {
            let at = if d.line > 0 {
                format!("{}:{}", d.file, d.line)
            } else {
                d.file.clone()
            };
            r.para("    ", "      ", &format!("{at}: {}", d.message))?;
        }
        if list.len() > per {
            r.para(
                "    ",
                "      ",
                &format!(
                    "... {} more (--all shows every one; --format json has everything)",
                    thousands((list.len() - per) as u64)
                ),
            )?;
        }
    }
    Ok(())
}

/// The members of each cluster.
fn members(a: &Analysis) -> Vec<Vec<usize>> {
    let c = &a.clustering;
    let mut members = vec![Vec::new(); c.k];
    for (m, cl) in c.assignment.iter().enumerate() {
        if let Some(cl) = cl {
            members[*cl].push(m);
        }
    }
    members
}

/// The summary table: size rows, clustering rows, quality rows, then history and
/// diagnostics.
fn write_summary(r: &mut Report, h: &crate::history::HistoryAnalysis) -> Result<()> {
    writeln!(r.out, "Summary")?;
    let mut t = r.l.table(&[]);
    let mut rows = size_rows(r.ws, r.g);
    rows.extend(clustering_rows(r.g, r.a));
    rows.extend(quality_rows(r.a, r.advice));
    rows.extend([
        ("history", history_line(&h.history.info)),
        (
            "diagnostics",
            match r.g.diagnostics.len() {
                0 => "0".to_string(),
                n => format!("{} (listed at the end)", thousands(n as u64)),
            },
        ),
    ]);
    for (k, v) in rows {
        t.add_row(vec![Cell::new(k), Cell::new(v)]);
    }
    write!(r.out, "{}", r.l.show(&t))?;
    Ok(())
}

/// The summary's size rows: crates, what they are, modules and lines, dependencies.
fn size_rows(ws: &Workspace, g: &ModuleGraph) -> Vec<(&'static str, String)> {
    let loc: u64 = g.modules.iter().map(|m| m.facts.loc as u64).sum();
    let generated: u64 = g.modules.iter().map(|m| m.facts.generated_loc as u64).sum();
    let refs: u64 = g.edges.iter().map(|e| e.weight as u64).sum();
    let count = crate::words::count;
    vec![
        (
            "crates",
            format!(
                "{} ({})",
                ws.packages.len(),
                count(g.crates.len() as u64, "target", "targets")
            ),
        ),
        (
            "kind",
            format!(
                "{} ({} of {} product code)",
                crate::model::roles::workspace_kind(ws, &g.roles).as_str(),
                g.roles.iter().filter(|r| r.is_product()).count(),
                count(g.roles.len() as u64, "crate is", "crates are")
            ),
        ),
        (
            "modules",
            if generated > 0 {
                format!(
                    "{} ({} of code, {} more generated)",
                    thousands(g.modules.len() as u64),
                    count(loc, "line", "lines"),
                    thousands(generated)
                )
            } else {
                format!(
                    "{} ({} of code)",
                    thousands(g.modules.len() as u64),
                    count(loc, "line", "lines")
                )
            },
        ),
        (
            "dependencies",
            format!(
                "{} between modules, {}",
                thousands(g.edges.len() as u64),
                count(refs, "reference", "references")
            ),
        ),
    ]
}

/// How many modules use the kernel's modules: "112", or "112 to 301" (each) for several.
fn kernel_users(g: &ModuleGraph, kernel: &[usize]) -> String {
    let users: Vec<usize> = kernel
        .iter()
        .map(|&k| {
            g.edges
                .iter()
                .filter(|e| e.to == k && e.from != k)
                .map(|e| e.from)
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        })
        .collect();
    let (lo, hi) = (
        users.iter().copied().min().unwrap_or(0),
        users.iter().copied().max().unwrap_or(0),
    );
    let t = |n: usize| crate::words::thousands(n as u64);
    if lo == hi {
        t(lo)
    } else {
        format!("{} to {} each", t(lo), t(hi))
    }
}

/// The summary's clustering rows: clusters, shared kernel and, when any, the modules left out.
fn clustering_rows(g: &ModuleGraph, a: &Analysis) -> Vec<(&'static str, String)> {
    let c = &a.clustering;
    let count = crate::words::count;
    let mut rows = vec![
        (
            "clusters",
            format!(
                "{} (Leiden, resolution {}, {})",
                c.k,
                c.resolution,
                c.criterion.as_str().replace('-', " ")
            ),
        ),
        (
            "shared kernel",
            if c.kernel.is_empty() {
                "none (no module is used by enough of the others)".to_string()
            } else {
                format!(
                    "{} used by {} of the {} modules (kept out of the clusters, linked by all)",
                    count(c.kernel.len() as u64, "module", "modules"),
                    kernel_users(g, &c.kernel),
                    crate::words::thousands(g.modules.len() as u64)
                )
            },
        ),
    ];
    if !c.excluded.is_empty() {
        let mut crates: Vec<&str> = c
            .excluded
            .iter()
            .map(|&(m, _)| g.crates[g.modules[m].krate].package.as_str())
            .collect();
        crates.sort_unstable();
        crates.dedup();
        let outside = c
            .excluded
            .iter()
            .any(|(_, x)| matches!(x, crate::analysis::cluster::Exclusion::OutsideProduct(_)));
        let no_code = c
            .excluded
            .iter()
            .any(|(_, x)| matches!(x, crate::analysis::cluster::Exclusion::NoCode));
        let why = match (outside, no_code) {
            (true, true) => "outside the product or without code; --include-tests clusters crates outside the product",
            (true, false) => "outside the product; --include-tests clusters them",
            _ => "without code",
        };
        rows.push((
            "left out",
            format!(
                "{} of {} ({why})",
                count(c.excluded.len() as u64, "module", "modules"),
                count(crates.len() as u64, "crate", "crates")
            ),
        ));
    }
    rows
}

/// The summary's quality rows: cycles, the partition's measures, the cut, the agreement
/// with the crates and the signals clustered on.
fn quality_rows(a: &Analysis, advice: &crate::rules::Advice) -> Vec<(&'static str, String)> {
    let q = &a.quality;
    let calls: u64 = advice
        .clusters
        .iter()
        .map(|c| c.price.remote_calls)
        .sum::<u64>()
        / 2;
    let lib: u64 = advice
        .clusters
        .iter()
        .map(|c| c.price.library_references)
        .sum::<u64>()
        / 2;
    vec![
        (
            "cycles",
            format!(
                "{} between modules, {} between crates",
                a.cycles.len(),
                a.crate_cycles.len()
            ),
        ),
        ("modularity Q", format!("{:.3}", q.modularity)),
        ("TurboMQ", format!("{:.3}", q.turbo_mq)),
        (
            "ICP",
            format!(
                "{:.1}% of the references between clustered modules cross clusters{}",
                q.icp * 100.0,
                if a.clustering.kernel.is_empty() {
                    ""
                } else {
                    " (those into the shared kernel left out)"
                }
            ),
        ),
        (
            "structural modularity",
            format!("{:.3}", q.structural_modularity),
        ),
        ("IFN / NED", format!("{:.2} / {:.2}", q.ifn, q.ned)),
        ("cut weight", cut_line(q.cut_weight, lib, calls)),
        ("agreement with crates", agreement_line(q)),
        (
            "clustering signals",
            a.clustering
                .signals
                .iter()
                .map(|s| format!("{s:?}").to_lowercase())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ]
}

/// The references that cross clusters, and what they reach; nothing to break down when none
/// does.
fn cut_line(cut: u64, lib: u64, calls: u64) -> String {
    let crossing = crate::words::count(cut, "reference", "references");
    if cut == 0 {
        return format!("{crossing} cross clusters");
    }
    format!(
        "{crossing} cross clusters: {} reach plain libraries both sides would link, {} of the rest are calls",
        thousands(lib),
        thousands(calls)
    )
}

/// MoJoFM and the adjusted Rand index against the crates, or why they say nothing: with one
/// crate (or one cluster) on a side there is no grouping to agree with.
fn agreement_line(q: &crate::analysis::Quality) -> String {
    let (clusters, crates) = q.agreement_groups;
    if crates <= 1 {
        return "n/a: one crate (no grouping of the crates to compare the clusters with)".into();
    }
    if clusters <= 1 {
        return "n/a: one cluster (no grouping of the modules to compare the crates with)".into();
    }
    format!(
        "MoJoFM {:.1}, adjusted Rand {:.3}",
        q.mojofm_vs_crates, q.ari_vs_crates
    )
}

fn write_verdict(r: &mut Report) -> Result<()> {
    let v = &r.advice.verdict;
    let word =
        r.l.paint(v.verdict.as_str(), verdict_color(v.verdict), true);
    writeln!(r.out, "\nVerdict: {word}")?;
    r.para("", "", &v.rationale)?;
    for reason in &v.reasons {
        r.para(
            "  - ",
            "    ",
            &format!("{} [{}]", reason.message, reason.rule),
        )?;
    }
    Ok(())
}

fn write_clusters(r: &mut Report) -> Result<()> {
    let (g, a, advice) = (r.g, r.a, r.advice);
    let c = &a.clustering;
    let members = members(a);
    writeln!(r.out, "\nClusters")?;
    let names = cluster_names(g, &c.assignment, c.k);
    let mut t = r.l.table(&[
        "id",
        "name",
        "modules",
        "loc",
        "crates",
        "cohesion",
        "remote calls",
        "recommendation",
    ]);
    let shown = c.k.min(r.l.rows());
    for (i, ms) in members.iter().enumerate().take(shown) {
        let m = &a.cluster_metrics[i];
        let adv = &advice.clusters[i];
        let mut crates: Vec<String> = ms
            .iter()
            .map(|&x| g.crates[g.modules[x].krate].package.clone())
            .collect();
        crates.sort();
        crates.dedup();
        t.add_row(vec![
            Cell::new(cluster_id(i)),
            Cell::new(&names[i]),
            Cell::new(m.modules),
            Cell::new(thousands(m.loc)),
            Cell::new(list(&crates, 3)),
            Cell::new(format!("{:.2}", adv.price.service_cohesion)),
            Cell::new(thousands(adv.price.remote_calls)),
            r.l.cell(label(adv), recommendation_color(adv.recommendation)),
        ]);
    }
    right(&mut t, &[0, 2, 3, 5, 6]);
    write!(r.out, "{}", r.l.show(&t))?;
    if c.k > shown {
        let rest: usize = members[shown..].iter().map(Vec::len).sum();
        let modules = crate::words::count(rest as u64, "module", "modules");
        r.more(
            shown,
            c.k,
            &format!("cluster with {modules}, the smallest (clusters are numbered largest first)"),
            &format!("clusters with {modules}, the smallest (clusters are numbered largest first)"),
        )?;
    }
    r.para(
        "",
        "",
        "cohesion: share of a cluster's references that stay inside (the shared kernel and plain libraries left out); remote calls: calls that would cross its boundary",
    )?;
    let alone: Vec<String> = (0..c.k)
        .filter(|&i| c.standalone[i])
        .map(|i| cluster_id(i).to_string())
        .collect();
    if !alone.is_empty() {
        r.para(
            "",
            "  ",
            &match alone.as_slice() {
                [one] => format!(
                    "standalone: cluster {one} has no dependency to or from any other cluster"
                ),
                [init @ .., last] => format!(
                    "standalone: clusters {} and {last} have no dependency to or from any other cluster",
                    init.join(", ")
                ),
                [] => String::new(),
            },
        )?;
    }
    Ok(())
}

/// A cluster's recommendation as the text tables show it: `library (compile-time)` for
/// compile-time code (proc-macros and what only they use), which is never linked into a
/// program; the JSON keeps `library` and the reason (`metric` `proc_macro`).
fn label(adv: &crate::rules::recommend::ClusterAdvice) -> String {
    let compile_time = adv.recommendation == Recommendation::Library
        && adv
            .reasons
            .iter()
            .any(|x| x.rule == crate::rules::RuleId::LinkedLibrary && x.metric == "proc_macro");
    if compile_time {
        format!("{} (compile-time)", adv.recommendation.as_str())
    } else {
        adv.recommendation.as_str().to_string()
    }
}

fn write_ownership(r: &mut Report, h: &crate::history::HistoryAnalysis) -> Result<()> {
    let Some(own) = r.advice.ownership.as_deref() else {
        return Ok(());
    };
    // A handful of commits says nothing about who changes what together.
    if h.history.info.commits < crate::history::signals::MIN_COMMITS {
        return Ok(());
    }
    writeln!(r.out, "\nChange history by cluster")?;
    let mut t = r.l.table(&[
        "id",
        "commits",
        "authors",
        "main author",
        "own people",
        "also change another cluster",
    ]);
    let shown = own.len().min(r.l.rows());
    for (i, o) in own.iter().enumerate().take(shown) {
        let pct = |x: f64| format!("{:.0}%", x * 100.0);
        t.add_row(vec![
            Cell::new(cluster_id(i)),
            Cell::new(thousands(o.changes as u64)),
            Cell::new(o.authors),
            Cell::new(pct(o.main_author_share)),
            Cell::new(pct(o.own_team_share)),
            Cell::new(pct(o.crossing_share)),
        ]);
    }
    right(&mut t, &[0, 1, 2, 3, 4, 5]);
    write!(r.out, "{}", r.l.show(&t))?;
    r.more(shown, own.len(), "cluster", "clusters")
}

/// One line of the Why section per reason that clusters share: clusters whose reasons
/// read the same (every part of a library, say) are listed together (`1–6, 8`), and a
/// service's crossing types and state follow its own line. JSON keeps every cluster's rows.
fn write_why(r: &mut Report) -> Result<()> {
    let advice = r.advice;
    writeln!(r.out, "\nWhy")?;
    let shown = advice.clusters.len().min(r.l.rows());
    let mut groups: Vec<(Recommendation, String, Vec<usize>)> = Vec::new();
    for (i, adv) in advice.clusters.iter().enumerate().take(shown) {
        let why: Vec<String> = adv
            .reasons
            .iter()
            .map(|r| format!("{} [{}]", r.message, r.rule))
            .collect();
        let why = why.join("; ");
        let rec = adv.recommendation;
        match groups
            .iter_mut()
            .find(|g| g.0 == rec && g.1 == why && !service(rec))
        {
            Some(g) => g.2.push(i),
            None => groups.push((rec, why, vec![i])),
        }
    }
    for (rec, why, members) in &groups {
        let ids = id_ranges(members);
        let word = label(&advice.clusters[members[0]]);
        let head = format!(
            "  {ids:>3} {}: ",
            r.l.paint(&word, recommendation_color(*rec), false)
        );
        // The indent is measured without colour codes.
        let width = format!("  {ids:>3} {word}: ").chars().count();
        let text = r.l.wrap(&" ".repeat(width), "      ", why);
        write!(r.out, "{head}{}", &text[width.min(text.len())..])?;
        if service(*rec) {
            write_service_price(r, &advice.clusters[members[0]].price)?;
        }
    }
    r.more(shown, advice.clusters.len(), "cluster", "clusters")
}
/// A recommendation whose row goes on with the price of its boundary.
fn service(rec: Recommendation) -> bool {
    matches!(
        rec,
        Recommendation::Microservice | Recommendation::Nanoservice | Recommendation::Process
    )
}

/// A service's crossing types and the state it would have to split.
fn write_service_price(r: &mut Report, p: &crate::rules::recommend::Price) -> Result<()> {
    if !p.crossing_types.is_empty() {
        r.para(
            "      ",
            "        ",
            &format!(
                "types crossing its boundary: {}",
                list(&p.crossing_types, 6)
            ),
        )?;
    }
    if !p.shared_state.is_empty() {
        r.para(
            "      ",
            "        ",
            &format!("state to split: {}", list(&p.shared_state, 6)),
        )?;
    }
    Ok(())
}

/// Cluster ids (indices, sorted) as ranges: `1–6, 8, 10`.
fn id_ranges(members: &[usize]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut k = 0;
    while k < members.len() {
        let mut end = k;
        while end + 1 < members.len() && members[end + 1] == members[end] + 1 {
            end += 1;
        }
        let (a, b) = (cluster_id(members[k]), cluster_id(members[end]));
        out.push(match end - k {
            0 => a.to_string(),
            1 => format!("{a}, {b}"),
            _ => format!("{a}–{b}"),
        });
        k = end + 1;
    }
    out.join(", ")
}

fn write_findings(r: &mut Report) -> Result<()> {
    let advice = r.advice;
    let (open, suppressed): (Vec<&crate::rules::Finding>, Vec<_>) =
        advice.findings.iter().partition(|f| f.suppressed.is_none());
    if !suppressed.is_empty() {
        r.para(
            "\n",
            "",
            &format!(
                "{} by archsplit.toml, with reasons (see --format json)",
                crate::words::count(
                    suppressed.len() as u64,
                    "finding suppressed",
                    "findings suppressed"
                )
            ),
        )?;
    }
    if open.is_empty() {
        return Ok(());
    }
    writeln!(r.out, "\nFindings")?;
    let mut t = r.l.table(&["severity", "rule", "finding"]);
    let shown = open.len().min(r.l.rows());
    for f in open.iter().take(shown) {
        t.add_row(vec![
            r.l.cell(f.severity.as_str(), severity_color(f.severity)),
            Cell::new(&f.rule),
            Cell::new(&f.message),
        ]);
    }
    write!(r.out, "{}", r.l.show(&t))?;
    r.more(shown, open.len(), "finding", "findings")
}

fn write_cycles(r: &mut Report) -> Result<()> {
    let (g, a) = (r.g, r.a);
    let c = &a.clustering;
    if !a.cycles.is_empty() {
        writeln!(r.out, "\nDependency cycles between modules")?;
        let mut t = r.l.table(&["modules", "members", "where", "closing edges"]);
        let shown = a.cycles.len().min(r.l.rows());
        for cy in a.cycles.iter().take(shown) {
            let names: Vec<String> = cy
                .members
                .iter()
                .map(|&m| g.modules[m].path.clone())
                .collect();
            let closing: Vec<String> = cy
                .closing
                .iter()
                .map(|&(x, y)| format!("{} → {}", g.modules[x].path, g.modules[y].path))
                .collect();
            use crate::analysis::cluster::Placement;
            let places: std::collections::BTreeSet<Placement> =
                cy.members.iter().map(|&m| c.placement(m)).collect();
            let mut place: Vec<String> = Vec::new();
            for p in &places {
                match p {
                    Placement::Cluster(x) => place.push(format!("cluster {}", cluster_id(*x))),
                    Placement::Kernel => place.push("the shared kernel".into()),
                    Placement::Excluded(_) => place.push("code outside the product".into()),
                }
            }
            place.dedup();
            let place = if place.len() == 1 {
                format!("inside {}", place[0])
            } else {
                format!("across {}", place.join(" and "))
            };
            t.add_row(vec![
                Cell::new(cy.members.len()),
                Cell::new(list(&names, 4)),
                Cell::new(place),
                Cell::new(list(&closing, 2)),
            ]);
        }
        right(&mut t, &[0]);
        write!(r.out, "{}", r.l.show(&t))?;
        r.more(shown, a.cycles.len(), "cycle", "cycles")?;
    }
    if !a.crate_cycles.is_empty() {
        writeln!(r.out, "\nCycles between crates")?;
        let mut t = r.l.table(&["crates", "closing edges"]);
        let shown = a.crate_cycles.len().min(r.l.rows());
        for cy in a.crate_cycles.iter().take(shown) {
            let (names, closing) = a.crate_cycle_names(cy);
            t.add_row(vec![
                Cell::new(list(&names, 6)),
                Cell::new(list(&closing, 3)),
            ]);
        }
        write!(r.out, "{}", r.l.show(&t))?;
        r.more(shown, a.crate_cycles.len(), "crate cycle", "crate cycles")?;
    }
    Ok(())
}

fn write_kernel(r: &mut Report) -> Result<()> {
    let (g, c) = (r.g, &r.a.clustering);
    if c.kernel.is_empty() {
        return Ok(());
    }
    writeln!(
        r.out,
        "\nShared kernel (used by nearly everything; kept out of the clusters)"
    )?;
    let users = crate::analysis::metrics::users(g);
    let mut t = r.l.table(&["module", "crate", "used by"]);
    let shown = c.kernel.len().min(r.l.rows());
    for &m in c.kernel.iter().take(shown) {
        t.add_row(vec![
            Cell::new(&g.modules[m].path),
            Cell::new(&g.crates[g.modules[m].krate].package),
            Cell::new(crate::words::count(users[m] as u64, "module", "modules")),
        ]);
    }
    right(&mut t, &[2]);
    write!(r.out, "{}", r.l.show(&t))?;
    r.more(shown, c.kernel.len(), "kernel module", "kernel modules")
}

/// The modules left out of the clusters, one row per crate and reason.
fn write_excluded(r: &mut Report) -> Result<()> {
    let (g, c) = (r.g, &r.a.clustering);
    if c.excluded.is_empty() {
        return Ok(());
    }
    let mut rows: std::collections::BTreeMap<(&str, String), (usize, u64)> = Default::default();
    for &(m, why) in &c.excluded {
        let reason = match why.role() {
            Some(role) => format!("outside the product: {}", role.as_str()),
            None => "no code".to_string(),
        };
        let e = rows
            .entry((g.crates[g.modules[m].krate].package.as_str(), reason))
            .or_insert((0, 0));
        e.0 += 1;
        e.1 += g.modules[m].facts.loc as u64;
    }
    r.para(
        "\n",
        "",
        "Left out of the clusters and the verdict (--include-tests clusters crates outside the product)",
    )?;
    let mut t = r.l.table(&["crate", "why", "modules", "loc"]);
    let shown = rows.len().min(r.l.rows());
    for ((krate, why), (n, loc)) in rows.iter().take(shown) {
        t.add_row(vec![
            Cell::new(krate),
            Cell::new(why),
            Cell::new(n),
            Cell::new(thousands(*loc)),
        ]);
    }
    right(&mut t, &[2, 3]);
    write!(r.out, "{}", r.l.show(&t))?;
    r.more(shown, rows.len(), "row", "rows")
}

/// The next steps, ranked, with their evidence and their effect; the steps left out for
/// the caps named in one line per kind (`--all` shows them); and, when no cycle is a step,
/// why.
fn write_actions(r: &mut Report) -> Result<()> {
    let advice = r.advice;
    let cycle_step = advice
        .actions
        .iter()
        .chain(&advice.capped_actions)
        .any(|a| a.kind == crate::rules::actions::ActionKind::BreakCycle);
    if advice.actions.is_empty() && (r.a.cycles.is_empty() || cycle_step) {
        return Ok(());
    }
    writeln!(r.out, "\nNext steps")?;
    let mut shown: Vec<&crate::rules::actions::Action> = advice.actions.iter().collect();
    if r.l.all {
        shown.extend(&advice.capped_actions);
    }
    for (i, act) in shown.iter().enumerate() {
        write_action(r, i, act)?;
    }
    if !r.l.all {
        write_capped(r)?;
    }
    if !r.a.cycles.is_empty() && !cycle_step {
        let n = r.a.cycles.len();
        let (cycles, stays) = if n == 1 {
            (
                "The one module cycle in the cycles table stands".to_string(),
                "it stays in that table and is no step",
            )
        } else {
            (
                format!("None of the {n} module cycles in the cycles table stands"),
                "they stay in that table and none is a step",
            )
        };
        r.para(
            "  ",
            "  ",
            &format!("{cycles} in the way of a split this report recommends (a service candidate's extraction or a move running through it), so {stays}: a cycle across the clusters alone is often the code's design."),
        )?;
    }
    Ok(())
}

/// One line per kind of the steps left out for the caps.
fn write_capped(r: &mut Report) -> Result<()> {
    for line in capped_lines(&r.advice.capped_actions) {
        r.para("  ... ", "      ", &line)?;
    }
    Ok(())
}

/// Per kind of the steps left out for the caps: how many, and what they name (a merge: the
/// crate merged; else the first subject).
fn capped_lines(capped: &[crate::rules::actions::Action]) -> Vec<String> {
    use crate::rules::actions::{ActionKind, MAX_ACTIONS, MAX_PER_KIND};
    let mut per: std::collections::BTreeMap<ActionKind, Vec<String>> = Default::default();
    for a in capped {
        let name = a.subjects.first().cloned().unwrap_or_default();
        per.entry(a.kind).or_default().push(format!("`{name}`"));
    }
    per.into_iter()
        .map(|(kind, subjects)| {
            let n = subjects.len() as u64;
            let what = match kind {
                ActionKind::Merge => {
                    crate::words::count(n, "more merge", "more merges")
                        + " the over-fragmentation findings name"
                }
                _ => {
                    let k = kind.as_str();
                    crate::words::count(n, &format!("more {k} step"), &format!("more {k} steps"))
                }
            };
            format!(
                "{what}: {} (at most {MAX_PER_KIND} of a kind and {MAX_ACTIONS} in all are listed; --all shows them)",
                subjects.join(", ")
            )
        })
        .collect()
}

/// One next step: its title, evidence, the edges it cuts and its effect.
fn write_action(r: &mut Report, i: usize, act: &crate::rules::actions::Action) -> Result<()> {
    let e = &act.effect;
    r.para(
        &format!("  {}. ", i + 1),
        "     ",
        &format!("[{}] {}", act.kind.as_str(), act.title),
    )?;
    r.para("     why: ", "          ", &act.evidence)?;
    let edges = if r.l.all { act.edges.len() } else { 5 };
    for edge in act.edges.iter().take(edges) {
        r.para(
            "     cut: ",
            "          ",
            &format!(
                "{} → {} ({}, {})",
                edge.from,
                edge.to,
                crate::rules::actions::at(&edge.file, edge.line),
                crate::words::count(edge.weight as u64, "reference", "references")
            ),
        )?;
    }
    if act.edges.len() > edges {
        r.para(
            "     ... ",
            "         ",
            &format!(
                "{} (--all shows them; --format json has everything)",
                crate::words::count((act.edges.len() - edges) as u64, "more edge", "more edges")
            ),
        )?;
    }
    r.para(
        "     effect: ",
        "             ",
        &format!(
            "crates {} → {}, references between crates {} → {}, modules in cycles (parent/child references aside) {} → {}, references across clusters {:.1}% → {:.1}%",
            e.crates.before,
            e.crates.after,
            thousands(e.crate_cut.before),
            thousands(e.crate_cut.after),
            e.cycle_modules.before,
            e.cycle_modules.after,
            e.icp.before * 100.0,
            e.icp.after * 100.0
        ),
    )
}

/// The layering of the product crates and what goes against it.
fn write_layers(r: &mut Report) -> Result<()> {
    let l = &r.advice.layers;
    if l.levels.len() < 2 {
        return Ok(());
    }
    let how = match l.source {
        crate::rules::layers::LayerSource::Declared => "as declared in the configuration",
        crate::rules::layers::LayerSource::Inferred => "inferred from the crate graph",
    };
    writeln!(r.out, "\nLayers ({how}, lowest first)")?;
    let per_layer = if r.l.all { usize::MAX } else { 8 };
    for (i, crates) in l.levels.iter().enumerate() {
        r.para(&format!("  {i}: "), "     ", &list(crates, per_layer))?;
    }
    if l.violations.is_empty() {
        writeln!(r.out, "  no dependency goes against them")?;
    }
    let shown = l.violations.len().min(r.l.rows());
    for v in l.violations.iter().take(shown) {
        r.para(
            "  against the layers: ",
            "    ",
            &format!(
                "{} (layer {}) → {} (layer {}), {}, e.g. {} → {} ({}:{})",
                v.from_crate,
                v.from_layer,
                v.to_crate,
                v.to_layer,
                crate::words::count(v.weight, "reference", "references"),
                v.from,
                v.to,
                v.file,
                v.line
            ),
        )?;
    }
    r.more(
        shown,
        l.violations.len(),
        "dependency against the layers",
        "dependencies against the layers",
    )
}

/// Per package of the workspace: its modules, lines of code and generated lines.
fn crate_sizes(ws: &Workspace, g: &ModuleGraph) -> Vec<(usize, u64, u64)> {
    let mut size: Vec<(usize, u64, u64)> = vec![(0, 0, 0); ws.packages.len()];
    for m in &g.modules {
        let pkg = &g.crates[m.krate].package;
        if let Some(i) = ws.packages.iter().position(|p| &p.name == pkg) {
            size[i].0 += 1;
            size[i].1 += m.facts.loc as u64;
            size[i].2 += m.facts.generated_loc as u64;
        }
    }
    size
}

/// The packages the crates table shows, in the order it shows them: every one in name
/// (workspace) order when they fit, else the `rows` largest by lines of code (ties by
/// name), largest first.
fn crates_shown(order: &[usize], size: &[(usize, u64, u64)], rows: usize) -> Vec<usize> {
    let mut shown = order.to_vec();
    if shown.len() > rows {
        shown.sort_by_key(|&i| std::cmp::Reverse(size[i].1));
        shown.truncate(rows);
    }
    shown
}

/// What each crate is: its roles, size, and the evidence for any role beyond library and
/// application. A table cut short shows the largest crates, and says so.
fn write_crates(r: &mut Report) -> Result<()> {
    use crate::model::roles::Role;
    let (ws, g) = (r.ws, r.g);
    let size = crate_sizes(ws, g);
    let order: Vec<usize> = (0..ws.packages.len())
        .filter(|&i| {
            g.roles
                .get(i)
                .is_some_and(|r| r.package == ws.packages[i].name)
        })
        .collect();
    let shown = crates_shown(&order, &size, r.l.rows());
    writeln!(r.out, "\nCrates")?;
    let mut t = r.l.table(&["crate", "roles", "modules", "loc", "why"]);
    for &i in &shown {
        let roles = &g.roles[i];
        let names: Vec<&str> = roles.roles.iter().map(|f| f.role.as_str()).collect();
        let why: Vec<String> = roles
            .roles
            .iter()
            .filter(|f| !matches!(f.role, Role::Library | Role::Application))
            .map(|f| format!("{}: {}", f.role.as_str(), f.evidence))
            .collect();
        let loc = if size[i].2 > 0 {
            format!("{} (+{} gen.)", thousands(size[i].1), thousands(size[i].2))
        } else {
            thousands(size[i].1)
        };
        t.add_row(vec![
            Cell::new(&ws.packages[i].name),
            Cell::new(names.join(", ")),
            Cell::new(size[i].0),
            Cell::new(loc),
            Cell::new(why.join("; ")),
        ]);
    }
    right(&mut t, &[2, 3]);
    write!(r.out, "{}", r.l.show(&t))?;
    if order.len() > shown.len() {
        let k = (order.len() - shown.len()) as u64;
        r.para(
            "... ",
            "    ",
            &format!(
                "{} not shown: the {} largest by lines of code are listed, largest first (--all lists every crate by name; --format json has everything)",
                crate::words::count(k, "smaller crate", "smaller crates"),
                shown.len()
            ),
        )?;
    }
    Ok(())
}

fn history_line(i: &crate::history::HistoryInfo) -> String {
    if i.status != crate::history::HistoryStatus::Read {
        return format!("not used: {}", i.reason.as_deref().unwrap_or("unavailable"));
    }
    if i.commits == 0 {
        return format!(
            "no commit since {} changed the analyzed modules ({} read)",
            i.since.as_deref().unwrap_or("?"),
            thousands(i.commits_read as u64)
        );
    }
    let plural = |n: usize, word: &str| crate::words::count(n as u64, word, &format!("{word}s"));
    let mut s = format!(
        "{} ({} to {}), {}",
        plural(i.commits, "commit"),
        i.first.as_deref().unwrap_or("?"),
        i.last.as_deref().unwrap_or("?"),
        plural(i.authors, "author")
    );
    if i.commits < crate::history::signals::MIN_COMMITS {
        s.push_str(&format!(
            "; too few to read change coupling from (at least {} needed)",
            crate::history::signals::MIN_COMMITS
        ));
    }
    if i.skipped_large > 0 {
        s.push_str(&format!(
            "; {} left out for changing over {} modules",
            i.skipped_large, i.max_commit_modules
        ));
    }
    if i.truncated {
        s.push_str(&format!("; stopped at --max-commits {}", i.max_commits));
    }
    if i.shallow {
        s.push_str("; shallow clone: older history not there");
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn steps_left_out_for_the_caps_are_named_per_kind() {
        use crate::rules::actions::{sample, ActionKind};
        let capped = [
            sample(ActionKind::Merge, "tokio-fs"),
            sample(ActionKind::Move, "a::b"),
            sample(ActionKind::Merge, "tokio-io"),
        ];
        assert_eq!(
            super::capped_lines(&capped),
            [
                "2 more merges the over-fragmentation findings name: `tokio-fs`, `tokio-io` (at most 3 of a kind and 7 in all are listed; --all shows them)",
                "1 more move step: `a::b` (at most 3 of a kind and 7 in all are listed; --all shows them)",
            ]
        );
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1000), "1,000");
        assert_eq!(super::thousands(1234567), "1,234,567");
    }

    #[test]
    fn a_cut_crates_table_shows_the_largest_first_and_a_full_one_keeps_name_order() {
        // (modules, loc, generated) per package, in name order.
        let size = [(1, 10, 0), (1, 300, 0), (1, 20, 0), (1, 300, 0), (1, 5, 0)];
        let order = [0, 1, 2, 3, 4];
        assert_eq!(super::crates_shown(&order, &size, 25), vec![0, 1, 2, 3, 4]);
        // Ties keep name order.
        assert_eq!(super::crates_shown(&order, &size, 3), vec![1, 3, 2]);
        assert_eq!(super::crates_shown(&order, &size, 5), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn agreement_with_one_crate_or_one_cluster_is_not_a_figure() {
        let mut q = crate::analysis::Quality {
            mojofm_vs_crates: 93.9,
            agreement_groups: (4, 1),
            ..Default::default()
        };
        assert!(super::agreement_line(&q).starts_with("n/a: one crate"));
        q.agreement_groups = (1, 3);
        assert!(super::agreement_line(&q).starts_with("n/a: one cluster"));
        q.agreement_groups = (4, 3);
        assert_eq!(
            super::agreement_line(&q),
            "MoJoFM 93.9, adjusted Rand 0.000"
        );
    }

    #[test]
    fn no_crossing_reference_is_not_broken_down() {
        assert_eq!(super::cut_line(0, 0, 0), "0 references cross clusters");
        assert!(super::cut_line(3, 3, 0).contains("3 reach plain libraries"));
    }

    #[test]
    fn cluster_ids_as_ranges() {
        assert_eq!(super::id_ranges(&[0]), "1");
        assert_eq!(super::id_ranges(&[0, 1]), "1, 2");
        assert_eq!(
            super::id_ranges(&[0, 1, 2, 3, 4, 5, 7, 9, 10]),
            "1–6, 8, 10, 11"
        );
    }
}
