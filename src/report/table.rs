//! The human report of `archsplit analyze`: comfy-table tables for a terminal.

use std::io::Write;

use anyhow::Result;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};

use super::analyze_json::{cluster_id, cluster_names};
use crate::analysis::Analysis;
use crate::model::ModuleGraph;
use crate::rules::Recommendation;
use crate::workspace::Workspace;

/// Rows shown per table before the rest is summarized (`--format json` has everything).
const MAX_ROWS: usize = 25;

pub use crate::words::thousands;

pub fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    if !header.is_empty() {
        t.set_header(header.iter().map(Cell::new));
    }
    // A terminal's width when there is one; a fixed width otherwise, so that piped and
    // saved reports are the same bytes everywhere.
    if t.width().is_none() {
        t.set_width(120);
    }
    t
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
    ws: &Workspace,
    g: &ModuleGraph,
    a: &Analysis,
    advice: &crate::rules::Advice,
    h: &crate::history::HistoryAnalysis,
) -> Result<()> {
    let c = &a.clustering;
    let q = &a.quality;
    let loc: u64 = g.modules.iter().map(|m| m.facts.loc as u64).sum();
    let generated: u64 = g.modules.iter().map(|m| m.facts.generated_loc as u64).sum();
    let refs: u64 = g.edges.iter().map(|e| e.weight as u64).sum();

    writeln!(out, "Summary")?;
    let mut t = new_table(&[]);
    let rows: Vec<(&str, String)> = vec![
        (
            "crates",
            format!("{} ({} targets)", ws.packages.len(), g.crates.len()),
        ),
        (
            "kind",
            format!(
                "{} ({} of {} crates are product code)",
                crate::model::roles::workspace_kind(ws, &g.roles).as_str(),
                g.roles.iter().filter(|r| r.is_product()).count(),
                g.roles.len()
            ),
        ),
        (
            "modules",
            if generated > 0 {
                format!(
                    "{} ({} lines of code, {} more generated)",
                    g.modules.len(),
                    thousands(loc),
                    thousands(generated)
                )
            } else {
                format!("{} ({} lines of code)", g.modules.len(), thousands(loc))
            },
        ),
        (
            "dependencies",
            format!(
                "{} between modules, {} references",
                g.edges.len(),
                thousands(refs)
            ),
        ),
        (
            "clusters",
            format!(
                "{} (Leiden, resolution {}, {})",
                c.k, c.resolution, c.criterion
            ),
        ),
        (
            "shared kernel",
            format!(
                "{} used by most of the others (kept out of the clusters, linked by all)",
                crate::words::count(c.kernel.len() as u64, "module", "modules")
            ),
        ),
    ];
    let mut rows = rows;
    if !c.excluded.is_empty() {
        let mut crates: Vec<&str> = c
            .excluded
            .iter()
            .map(|&(m, _)| g.crates[g.modules[m].krate].package.as_str())
            .collect();
        crates.sort_unstable();
        crates.dedup();
        rows.push((
            "left out",
            format!(
                "{} of {} (outside the product or without code; --include-tests clusters crates outside the product)",
                crate::words::count(c.excluded.len() as u64, "module", "modules"),
                crate::words::count(crates.len() as u64, "crate", "crates")
            ),
        ));
    }
    rows.extend([
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
            format!("{:.1}% of references cross clusters", q.icp * 100.0),
        ),
        (
            "structural modularity",
            format!("{:.3}", q.structural_modularity),
        ),
        ("IFN / NED", format!("{:.2} / {:.2}", q.ifn, q.ned)),
        ("cut weight", {
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
            format!(
                    "{} references cross clusters: {} reach plain libraries both sides would link, {} of the rest are calls",
                    thousands(q.cut_weight),
                    thousands(lib),
                    thousands(calls)
                )
        }),
        (
            "agreement with crates",
            format!(
                "MoJoFM {:.1}, adjusted Rand {:.3}",
                q.mojofm_vs_crates, q.ari_vs_crates
            ),
        ),
        (
            "clustering signals",
            c.signals
                .iter()
                .map(|s| format!("{s:?}").to_lowercase())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("history", history_line(&h.history.info)),
        ("diagnostics", g.diagnostics.len().to_string()),
    ]);
    for (k, v) in rows {
        t.add_row(vec![Cell::new(k), Cell::new(v)]);
    }
    writeln!(out, "{t}")?;

    write_crates(out, ws, g)?;

    let v = &advice.verdict;
    writeln!(out, "\nVerdict: {}", v.verdict.as_str())?;
    writeln!(out, "{}", v.rationale)?;
    for r in &v.reasons {
        writeln!(out, "  - {} [{}]", r.message, r.rule)?;
    }

    write_actions(out, advice)?;

    let mut members = vec![Vec::new(); c.k];
    for (m, cl) in c.assignment.iter().enumerate() {
        if let Some(cl) = cl {
            members[*cl].push(m);
        }
    }
    writeln!(out, "\nClusters")?;
    let names = cluster_names(g, &c.assignment, c.k);
    let mut t = new_table(&[
        "id",
        "name",
        "modules",
        "loc",
        "crates",
        "cohesion",
        "remote calls",
        "recommendation",
    ]);
    for (i, ms) in members.iter().enumerate().take(MAX_ROWS) {
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
            Cell::new(adv.recommendation.as_str()),
        ]);
    }
    right(&mut t, &[0, 2, 3, 5, 6]);
    writeln!(out, "{t}")?;
    if c.k > MAX_ROWS {
        let rest: usize = members[MAX_ROWS..].iter().map(Vec::len).sum();
        writeln!(
            out,
            "... {} more clusters with {} modules (see --format json)",
            c.k - MAX_ROWS,
            rest
        )?;
    }
    writeln!(
        out,
        "cohesion: share of a cluster's references that stay inside (the shared kernel and plain libraries left out); remote calls: calls that would cross its boundary"
    )?;
    let alone: Vec<String> = (0..c.k)
        .filter(|&i| c.standalone[i])
        .map(|i| cluster_id(i).to_string())
        .collect();
    if !alone.is_empty() {
        writeln!(
            out,
            "standalone (no dependency with any other cluster): {}",
            alone.join(", ")
        )?;
    }
    if let Some(own) = advice.ownership.as_deref() {
        writeln!(out, "\nChange history by cluster")?;
        let mut t = new_table(&[
            "id",
            "commits",
            "authors",
            "main author",
            "own people",
            "also change another cluster",
        ]);
        for (i, o) in own.iter().enumerate().take(MAX_ROWS) {
            let pct = |x: f64| format!("{:.0}%", x * 100.0);
            t.add_row(vec![
                Cell::new(cluster_id(i)),
                Cell::new(o.changes),
                Cell::new(o.authors),
                Cell::new(pct(o.main_author_share)),
                Cell::new(pct(o.own_team_share)),
                Cell::new(pct(o.crossing_share)),
            ]);
        }
        right(&mut t, &[0, 1, 2, 3, 4, 5]);
        writeln!(out, "{t}")?;
    }
    writeln!(out, "\nWhy")?;
    for (i, adv) in advice.clusters.iter().enumerate().take(MAX_ROWS) {
        let why: Vec<String> = adv
            .reasons
            .iter()
            .map(|r| format!("{} [{}]", r.message, r.rule))
            .collect();
        writeln!(
            out,
            "  {:>3} {}: {}",
            cluster_id(i),
            adv.recommendation.as_str(),
            why.join("; ")
        )?;
        let p = &adv.price;
        let service = matches!(
            adv.recommendation,
            Recommendation::Microservice | Recommendation::Nanoservice | Recommendation::Process
        );
        if service && !p.crossing_types.is_empty() {
            writeln!(
                out,
                "      types crossing its boundary: {}",
                list(&p.crossing_types, 6)
            )?;
        }
        if service && !p.shared_state.is_empty() {
            writeln!(out, "      state to split: {}", list(&p.shared_state, 6))?;
        }
    }

    if !advice.findings.is_empty() {
        writeln!(out, "\nFindings")?;
        let mut t = new_table(&["severity", "rule", "finding"]);
        for f in &advice.findings {
            t.add_row(vec![
                Cell::new(f.severity.as_str()),
                Cell::new(&f.rule),
                Cell::new(&f.message),
            ]);
        }
        writeln!(out, "{t}")?;
    }

    write_layers(out, advice)?;

    if !a.cycles.is_empty() {
        writeln!(out, "\nDependency cycles between modules")?;
        let mut t = new_table(&["modules", "members", "where", "closing edges"]);
        for cy in a.cycles.iter().take(MAX_ROWS) {
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
        writeln!(out, "{t}")?;
        if a.cycles.len() > MAX_ROWS {
            writeln!(
                out,
                "... {} more cycles (see --format json)",
                a.cycles.len() - MAX_ROWS
            )?;
        }
    }
    if !a.crate_cycles.is_empty() {
        writeln!(out, "\nCycles between crates")?;
        let mut t = new_table(&["crates", "closing edges"]);
        for cy in &a.crate_cycles {
            let (names, closing) = a.crate_cycle_names(cy);
            t.add_row(vec![
                Cell::new(list(&names, 6)),
                Cell::new(list(&closing, 3)),
            ]);
        }
        writeln!(out, "{t}")?;
    }

    if !c.kernel.is_empty() {
        writeln!(
            out,
            "\nShared kernel (used by nearly everything; kept out of the clusters)"
        )?;
        let users = crate::analysis::metrics::users(g);
        let mut t = new_table(&["module", "crate", "used by"]);
        for &m in c.kernel.iter().take(MAX_ROWS) {
            t.add_row(vec![
                Cell::new(&g.modules[m].path),
                Cell::new(&g.crates[g.modules[m].krate].package),
                Cell::new(format!("{} modules", users[m])),
            ]);
        }
        right(&mut t, &[2]);
        writeln!(out, "{t}")?;
    }
    write_excluded(out, g, c)?;
    if !g.diagnostics.is_empty() {
        writeln!(
            out,
            "\n{} diagnostics about the input (files that do not parse, missing modules, ...): see --format json",
            g.diagnostics.len()
        )?;
    }
    Ok(())
}

/// The modules left out of the clusters, one row per crate and reason.
fn write_excluded(
    out: &mut dyn Write,
    g: &ModuleGraph,
    c: &crate::analysis::Clustering,
) -> Result<()> {
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
    writeln!(
        out,
        "\nLeft out of the clusters and the verdict (--include-tests clusters crates outside the product)"
    )?;
    let mut t = new_table(&["crate", "why", "modules", "loc"]);
    for ((krate, why), (n, loc)) in rows.iter().take(MAX_ROWS) {
        t.add_row(vec![
            Cell::new(krate),
            Cell::new(why),
            Cell::new(n),
            Cell::new(thousands(*loc)),
        ]);
    }
    right(&mut t, &[2, 3]);
    writeln!(out, "{t}")?;
    if rows.len() > MAX_ROWS {
        writeln!(
            out,
            "... {} more (see --format json)",
            rows.len() - MAX_ROWS
        )?;
    }
    Ok(())
}

/// How much history was read, in one line.
/// The next steps, ranked, with their evidence and their effect.
fn write_actions(out: &mut dyn Write, advice: &crate::rules::Advice) -> Result<()> {
    if advice.actions.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nNext steps")?;
    for (i, act) in advice.actions.iter().enumerate() {
        let e = &act.effect;
        writeln!(out, "  {}. [{}] {}", i + 1, act.kind.as_str(), act.title)?;
        writeln!(out, "     why: {}", act.evidence)?;
        for edge in act.edges.iter().take(5) {
            writeln!(
                out,
                "     cut: {} → {} ({}, {})",
                edge.from,
                edge.to,
                crate::rules::actions::at(&edge.file, edge.line),
                crate::words::count(edge.weight as u64, "reference", "references")
            )?;
        }
        if act.edges.len() > 5 {
            writeln!(
                out,
                "     ... {} more edges (see --format json)",
                act.edges.len() - 5
            )?;
        }
        writeln!(
            out,
            "     effect: crates {} → {}, references between crates {} → {}, modules in cycles {} → {}, references across clusters {:.1}% → {:.1}%",
            e.crates.before,
            e.crates.after,
            thousands(e.crate_cut.before),
            thousands(e.crate_cut.after),
            e.cycle_modules.before,
            e.cycle_modules.after,
            e.icp.before * 100.0,
            e.icp.after * 100.0
        )?;
    }
    Ok(())
}

/// The layering of the product crates and what goes against it.
fn write_layers(out: &mut dyn Write, advice: &crate::rules::Advice) -> Result<()> {
    let l = &advice.layers;
    if l.levels.len() < 2 {
        return Ok(());
    }
    let how = match l.source {
        crate::rules::layers::LayerSource::Declared => "as declared in the configuration",
        crate::rules::layers::LayerSource::Inferred => "inferred from the crate graph",
    };
    writeln!(out, "\nLayers ({how}, lowest first)")?;
    for (i, crates) in l.levels.iter().enumerate() {
        writeln!(out, "  {i}: {}", list(crates, 8))?;
    }
    if l.violations.is_empty() {
        writeln!(out, "  no dependency goes against them")?;
    }
    for v in l.violations.iter().take(MAX_ROWS) {
        writeln!(
            out,
            "  against the layers: {} (layer {}) → {} (layer {}), {}, e.g. {} → {} ({}:{})",
            v.from_crate,
            v.from_layer,
            v.to_crate,
            v.to_layer,
            crate::words::count(v.weight, "reference", "references"),
            v.from,
            v.to,
            v.file,
            v.line
        )?;
    }
    Ok(())
}

/// What each crate is: its roles, size, and the evidence for any role beyond library and
/// application.
fn write_crates(out: &mut dyn Write, ws: &Workspace, g: &ModuleGraph) -> Result<()> {
    use crate::model::roles::Role;
    let mut size: Vec<(usize, u64, u64)> = vec![(0, 0, 0); ws.packages.len()];
    for m in &g.modules {
        let pkg = &g.crates[m.krate].package;
        if let Some(i) = ws.packages.iter().position(|p| &p.name == pkg) {
            size[i].0 += 1;
            size[i].1 += m.facts.loc as u64;
            size[i].2 += m.facts.generated_loc as u64;
        }
    }
    writeln!(out, "\nCrates")?;
    let mut t = new_table(&["crate", "roles", "modules", "loc", "why"]);
    for (i, p) in ws.packages.iter().enumerate() {
        let Some(r) = g.roles.get(i).filter(|r| r.package == p.name) else {
            continue;
        };
        let roles: Vec<&str> = r.roles.iter().map(|f| f.role.as_str()).collect();
        let why: Vec<String> = r
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
            Cell::new(&p.name),
            Cell::new(roles.join(", ")),
            Cell::new(size[i].0),
            Cell::new(loc),
            Cell::new(why.join("; ")),
        ]);
    }
    right(&mut t, &[2, 3]);
    writeln!(out, "{t}")?;
    Ok(())
}

fn history_line(i: &crate::history::HistoryInfo) -> String {
    if i.status != "read" {
        return format!("not used: {}", i.reason.as_deref().unwrap_or("unavailable"));
    }
    if i.commits == 0 {
        return format!(
            "no commit since {} changed the analyzed modules ({} read)",
            i.since.as_deref().unwrap_or("?"),
            i.commits_read
        );
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut s = format!(
        "{} ({} to {}), {}",
        plural(i.commits, "commit"),
        i.first.as_deref().unwrap_or("?"),
        i.last.as_deref().unwrap_or("?"),
        plural(i.authors, "author")
    );
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
    fn thousands_separators() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1000), "1,000");
        assert_eq!(super::thousands(1234567), "1,234,567");
    }
}
