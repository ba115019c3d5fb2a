//! The reports of `archsplit check`: human text, JSON, SARIF 2.1.0 for code scanning,
//! GitHub workflow commands, and Markdown for a pull-request comment or step summary.

use std::collections::BTreeSet;
use std::io::Write;

use anyhow::Result;

use super::json::SCHEMA_VERSION;
use super::text::{severity_color, Layout};
use crate::check::{CheckResult, CheckedFinding, Status};
use crate::rules::{Rule, RuleSet, Severity};

/// Output formats of `archsplit check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
    Sarif,
    Github,
    Markdown,
}

/// GitHub shows at most this many annotations of each kind per step; the rest is summed up.
const ANNOTATIONS_PER_LEVEL: usize = 10;

pub fn write(
    out: &mut dyn Write,
    format: CheckFormat,
    layout: Layout,
    r: &CheckResult,
    rules: &RuleSet,
) -> Result<()> {
    match format {
        CheckFormat::Human => human(out, layout, r),
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &json_doc(r))?;
            writeln!(out)?;
            Ok(())
        }
        CheckFormat::Sarif => {
            serde_json::to_writer_pretty(&mut *out, &sarif(r, rules))?;
            writeln!(out)?;
            Ok(())
        }
        CheckFormat::Github => github(out, r),
        CheckFormat::Markdown => markdown(out, r),
    }
}

/// The outcome in the words every check report uses: "2 new findings (1 error, 1 warning);
/// 1 stale baseline entry; fail on warning: failed".
fn outcome(r: &CheckResult) -> String {
    let (e, w, n) = counts(r);
    let count = |n: usize, one: &str, many: &str| crate::words::count(n as u64, one, many);
    let mut parts: Vec<String> = Vec::new();
    for (k, one, many) in [
        (e, "error", "errors"),
        (w, "warning", "warnings"),
        (n, "note", "notes"),
    ] {
        if k > 0 {
            parts.push(count(k, one, many));
        }
    }
    let mut s = count(e + w + n, "new finding", "new findings");
    if !parts.is_empty() {
        s.push_str(&format!(" ({})", parts.join(", ")));
    }
    if !r.stale.is_empty() {
        s.push_str(&format!(
            "; {}",
            count(
                r.stale.len(),
                "stale baseline entry",
                "stale baseline entries"
            )
        ));
    }
    s.push_str(&format!(
        "; fail on {}: {}",
        r.fail_on.as_str(),
        if r.failed { "failed" } else { "passed" }
    ));
    s
}

fn counts(r: &CheckResult) -> (usize, usize, usize) {
    let c = |s| r.counted().filter(|f| f.finding.severity == s).count();
    (c(Severity::Error), c(Severity::Warning), c(Severity::Note))
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::New => "new",
        Status::Existing => "existing",
        Status::Baselined => "baselined",
        Status::Suppressed => "suppressed",
    }
}

/// The human report: the figures, the findings, the stale entries, then the outcome.
fn human(out: &mut dyn Write, l: Layout, r: &CheckResult) -> Result<()> {
    human_figures(out, l, r)?;
    human_changes(out, l, r)?;
    writeln!(out)?;
    human_findings(out, l, r)?;
    let verdict = if r.failed {
        l.paint("failed", severity_color(Severity::Error), true)
    } else {
        l.paint("passed", Some(comfy_table::Color::Green), true)
    };
    let text = outcome(r);
    let text = text
        .strip_suffix(if r.failed { "failed" } else { "passed" })
        .unwrap_or(&text);
    writeln!(out, "{text}{verdict}")?;
    Ok(())
}

/// The base compared with, then the figures before → after, or the figures after alone.
fn human_figures(out: &mut dyn Write, l: Layout, r: &CheckResult) -> Result<()> {
    use crate::words::count;
    if let Some(b) = &r.base {
        writeln!(
            out,
            "Compared with {} (merge base {})",
            b.reference,
            &b.commit[..b.commit.len().min(12)]
        )?;
    }
    let a = &r.after.figures;
    match &r.before {
        Some(b) => human_figures_compared(out, &b.figures, a)?,
        None => {
            write!(
                out,
                "{}",
                l.wrap(
                    "",
                    "",
                    &format!(
                        "{}, {}, {} of code; {:.1}% of references cross crates; verdict {}",
                        count(a.crates as u64, "crate", "crates"),
                        count(a.modules as u64, "module", "modules"),
                        count(a.loc, "line", "lines"),
                        a.icp * 100.0,
                        a.verdict_word()
                    )
                )
            )?;
        }
    }
    Ok(())
}

/// The figures before → after, one a line.
fn human_figures_compared(
    out: &mut dyn Write,
    b: &crate::check::Figures,
    a: &crate::check::Figures,
) -> Result<()> {
    use crate::words::thousands;
    let n = |x: usize| thousands(x as u64);
    writeln!(
        out,
        "  crates                      {} → {}",
        n(b.crates),
        n(a.crates)
    )?;
    writeln!(
        out,
        "  modules                     {} → {}",
        n(b.modules),
        n(a.modules)
    )?;
    writeln!(
        out,
        "  mean crate size (lines)     {} → {}",
        n(b.mean_crate_loc.round() as usize),
        n(a.mean_crate_loc.round() as usize)
    )?;
    writeln!(
        out,
        "  references between crates   {} → {}",
        thousands(b.cut_weight),
        thousands(a.cut_weight)
    )?;
    writeln!(
        out,
        "  references across crates    {:.1}% → {:.1}%",
        b.icp * 100.0,
        a.icp * 100.0
    )?;
    writeln!(
        out,
        "  verdict                     {} → {}",
        b.verdict_word(),
        a.verdict_word()
    )?;
    Ok(())
}

/// The crates and modules added and removed, a wrapped line for each list that has any.
fn human_changes(out: &mut dyn Write, l: Layout, r: &CheckResult) -> Result<()> {
    if let Some(c) = &r.changes {
        for (what, list) in [
            ("crates added", &c.crates_added),
            ("crates removed", &c.crates_removed),
            ("modules added", &c.modules_added),
            ("modules removed", &c.modules_removed),
        ] {
            if !list.is_empty() {
                write!(
                    out,
                    "{}",
                    l.wrap(&format!("  {what}: "), "    ", &list.join(", "))
                )?;
            }
        }
    }
    Ok(())
}

/// Each finding (severity coloured) with its status and location, then the stale entries.
fn human_findings(out: &mut dyn Write, l: Layout, r: &CheckResult) -> Result<()> {
    for f in &r.findings {
        let loc = f
            .finding
            .location
            .as_ref()
            .map(|l| format!(" ({}:{})", l.file, l.line))
            .unwrap_or_default();
        let sev = f.finding.severity.as_str();
        let status = match &f.finding.suppressed {
            Some(why) => format!("suppressed: {why}"),
            None => status_word(f.status).to_string(),
        };
        let head = format!(
            "{sev}[{}] {} ({status}){loc}: ",
            f.finding.rule, f.finding.fingerprint,
        );
        let text = l.wrap("", "    ", &format!("{head}{}", f.finding.message));
        // Colour the severity word only (the wrap measured it without colour codes).
        let painted = l.paint(sev, severity_color(f.finding.severity), true);
        write!(out, "{painted}{}", &text[sev.len()..])?;
    }
    for s in &r.stale {
        write!(
            out,
            "{}",
            l.wrap(
                "",
                "    ",
                &format!(
                    "stale baseline entry {} {}: it matches no finding any more",
                    s.fingerprint, s.description
                )
            )
        )?;
    }
    Ok(())
}

/// The check JSON (schema/check.schema.json). Fields in alphabetical order, as the document
/// has always printed them.
#[derive(serde::Serialize)]
struct CheckDoc<'a> {
    after: &'a crate::check::Figures,
    base: &'a Option<crate::check::BaseInfo>,
    before: Option<&'a crate::check::Figures>,
    changes: &'a Option<crate::check::Changes>,
    findings: &'a [CheckedFinding],
    schema_version: u32,
    stale_baseline: &'a [crate::check::baseline::Entry],
    summary: CheckSummary,
    tool: Tool,
}

#[derive(serde::Serialize)]
struct CheckSummary {
    errors: usize,
    fail_on: &'static str,
    failed: bool,
    new_findings: usize,
    notes: usize,
    warnings: usize,
}

#[derive(serde::Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

fn json_doc(r: &CheckResult) -> CheckDoc<'_> {
    let (e, w, n) = counts(r);
    CheckDoc {
        after: &r.after.figures,
        base: &r.base,
        before: r.before.as_ref().map(|b| &b.figures),
        changes: &r.changes,
        findings: &r.findings,
        schema_version: SCHEMA_VERSION,
        stale_baseline: &r.stale,
        summary: CheckSummary {
            errors: e,
            fail_on: r.fail_on.as_str(),
            failed: r.failed,
            new_findings: e + w + n,
            notes: n,
            warnings: w,
        },
        tool: Tool {
            name: "archsplit",
            version: env!("CARGO_PKG_VERSION"),
        },
    }
}

/// A location as code scanning wants it: relative to the repository's top directory.
fn repo_path(r: &CheckResult, file: &str) -> String {
    if r.repo_prefix.is_empty() {
        file.to_string()
    } else {
        format!("{}/{file}", r.repo_prefix)
    }
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// SARIF 2.1.0, the parts archsplit writes (field order as code scanning shows them).
mod sarif_doc {
    use serde::Serialize;

    #[derive(Serialize)]
    pub struct Log<'a> {
        #[serde(rename = "$schema")]
        pub schema: &'static str,
        pub version: &'static str,
        pub runs: [Run<'a>; 1],
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Run<'a> {
        pub tool: Tool<'a>,
        pub automation_details: Id,
        pub results: Vec<Result<'a>>,
    }

    #[derive(Serialize)]
    pub struct Id {
        pub id: &'static str,
    }

    #[derive(Serialize)]
    pub struct Tool<'a> {
        pub driver: Driver<'a>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Driver<'a> {
        pub name: &'static str,
        pub version: &'static str,
        pub semantic_version: &'static str,
        pub rules: Vec<Rule<'a>>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Rule<'a> {
        pub id: &'a str,
        pub name: &'a str,
        pub short_description: Text,
        pub full_description: Text,
        pub help: Help,
        pub default_configuration: Configuration,
        pub properties: Tags,
    }

    #[derive(Serialize)]
    pub struct Text {
        pub text: String,
    }

    #[derive(Serialize)]
    pub struct Help {
        pub text: String,
        pub markdown: String,
    }

    #[derive(Serialize)]
    pub struct Configuration {
        pub level: &'static str,
        pub enabled: bool,
    }

    #[derive(Serialize)]
    pub struct Tags {
        pub tags: [&'static str; 1],
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Result<'a> {
        pub rule_id: &'a str,
        pub level: &'static str,
        pub message: Text,
        pub partial_fingerprints: Fingerprints<'a>,
        pub baseline_state: &'static str,
        pub properties: Properties<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub rule_index: Option<usize>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub suppressions: Vec<Suppression<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub locations: Vec<Location>,
    }

    #[derive(Serialize)]
    pub struct Fingerprints<'a> {
        #[serde(rename = "archsplit/v1")]
        pub v1: &'a str,
    }

    #[derive(Serialize)]
    pub struct Properties<'a> {
        pub subjects: &'a [String],
        pub status: &'static str,
    }

    #[derive(Serialize)]
    pub struct Suppression<'a> {
        pub kind: &'static str,
        pub justification: &'a str,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Location {
        pub physical_location: PhysicalLocation,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct PhysicalLocation {
        pub artifact_location: Artifact,
        pub region: Region,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Artifact {
        pub uri: String,
        pub uri_base_id: &'static str,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Region {
        pub start_line: u32,
    }
}

/// The SARIF log of `r`: every rule of `rules` as the driver's, every finding a result.
fn sarif<'a>(r: &'a CheckResult, rules: &'a RuleSet) -> sarif_doc::Log<'a> {
    use sarif_doc as s;
    let index: std::collections::BTreeMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    s::Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [s::Run {
            tool: s::Tool {
                driver: s::Driver {
                    name: "archsplit",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: rules.iter().map(sarif_rule).collect(),
                },
            },
            automation_details: s::Id { id: "archsplit/" },
            results: r
                .findings
                .iter()
                .map(|f| sarif_result(r, f, &index))
                .collect(),
        }],
    }
}

/// A rule as the SARIF driver describes it: title, passage, help and default level.
fn sarif_rule(rule: &Rule) -> sarif_doc::Rule<'_> {
    use sarif_doc as s;
    s::Rule {
        id: rule.id.as_str(),
        name: rule.id.as_str(),
        short_description: s::Text {
            text: rule.title.clone(),
        },
        full_description: s::Text {
            text: format!("{} (\"{}\")", rule.title, rule.passage),
        },
        help: s::Help {
            text: rule.help.trim().to_string(),
            markdown: format!("{}\n\n> {}", rule.help.trim(), rule.passage),
        },
        default_configuration: s::Configuration {
            level: sarif_level(rule.severity),
            enabled: rule.enabled,
        },
        properties: s::Tags {
            tags: ["architecture"],
        },
    }
}

/// Finding `f` as a SARIF result, `index` giving its rule's position among the driver's.
fn sarif_result<'a>(
    r: &CheckResult,
    f: &'a CheckedFinding,
    index: &std::collections::BTreeMap<&str, usize>,
) -> sarif_doc::Result<'a> {
    use sarif_doc as s;
    s::Result {
        rule_id: &f.finding.rule,
        level: sarif_level(f.finding.severity),
        message: s::Text {
            text: f.finding.message.clone(),
        },
        partial_fingerprints: s::Fingerprints {
            v1: &f.finding.fingerprint,
        },
        baseline_state: match f.status {
            Status::New => "new",
            _ => "unchanged",
        },
        properties: s::Properties {
            subjects: &f.finding.subjects,
            status: status_word(f.status),
        },
        rule_index: index.get(f.finding.rule.as_str()).copied(),
        suppressions: f
            .finding
            .suppressed
            .iter()
            .map(|why| s::Suppression {
                kind: "external",
                justification: why,
            })
            .collect(),
        locations: f
            .finding
            .location
            .iter()
            .map(|l| s::Location {
                physical_location: s::PhysicalLocation {
                    artifact_location: s::Artifact {
                        uri: repo_path(r, &l.file),
                        uri_base_id: "%SRCROOT%",
                    },
                    region: s::Region {
                        start_line: l.line.max(1),
                    },
                },
            })
            .collect(),
    }
}

/// Escapes the message of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(out: &mut dyn Write, r: &CheckResult) -> Result<()> {
    let mut shown = [0usize; 3];
    let mut hidden = 0usize;
    let new: Vec<&CheckedFinding> = r.counted().collect();
    for f in &new {
        let (cmd, slot) = match f.finding.severity {
            Severity::Error => ("error", 0),
            Severity::Warning => ("warning", 1),
            Severity::Note => ("notice", 2),
        };
        if shown[slot] == ANNOTATIONS_PER_LEVEL {
            hidden += 1;
            continue;
        }
        shown[slot] += 1;
        let mut props = vec![format!(
            "title={}",
            escape_property(&format!("archsplit {}", f.finding.rule))
        )];
        if let Some(l) = &f.finding.location {
            props.insert(0, format!("line={}", l.line.max(1)));
            props.insert(
                0,
                format!("file={}", escape_property(&repo_path(r, &l.file))),
            );
        }
        writeln!(
            out,
            "::{cmd} {}::{}",
            props.join(","),
            escape_data(&f.finding.message)
        )?;
    }
    if hidden > 0 {
        writeln!(
            out,
            "::notice title=archsplit::{}",
            escape_data(&format!(
                "{} not shown as annotations; see the report (--format markdown or json)",
                crate::words::count(hidden as u64, "more finding is", "more findings are")
            ))
        )?;
    }
    writeln!(
        out,
        "::notice title=archsplit::{}",
        escape_data(&outcome(r))
    )?;
    Ok(())
}

/// A Mermaid node id for a crate name.
fn node(name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("c_{id}")
}

/// The Markdown report: heading, figures, crates changed, new findings, the affected
/// graph, stale entries and the outcome.
fn markdown(out: &mut dyn Write, r: &CheckResult) -> Result<()> {
    let (e, w, n) = counts(r);
    let icon = if r.failed {
        "❌"
    } else if e + w > 0 {
        "⚠️"
    } else {
        "✅"
    };
    writeln!(
        out,
        "## {icon} archsplit: {}\n",
        crate::words::count((e + w + n) as u64, "new finding", "new findings")
    )?;
    if let Some(b) = &r.base {
        writeln!(
            out,
            "Compared with `{}` (merge base `{}`).\n",
            b.reference,
            &b.commit[..b.commit.len().min(12)]
        )?;
    }
    markdown_figures(out, r)?;
    markdown_crates_changed(out, r)?;
    let new: Vec<&CheckedFinding> = r.counted().collect();
    markdown_new_findings(out, &new)?;
    markdown_graph(out, r, &graph_focus(r, &new))?;
    if !r.stale.is_empty() {
        writeln!(
            out,
            "{} no finding any more and can be removed.\n",
            crate::words::count(
                r.stale.len() as u64,
                "stale baseline entry matches",
                "stale baseline entries match"
            )
        )?;
    }
    writeln!(out, "{}", outcome(r).replace(": failed", ": **failed**"))?;
    Ok(())
}

/// The table of figures before and after ("–" before when there is no base).
fn markdown_figures(out: &mut dyn Write, r: &CheckResult) -> Result<()> {
    use crate::words::thousands;
    let a = &r.after.figures;
    writeln!(out, "| | before | after |\n|---|---:|---:|")?;
    let before = r.before.as_ref().map(|b| &b.figures);
    let cell =
        |f: &dyn Fn(&crate::check::Figures) -> String| before.map(f).unwrap_or_else(|| "–".into());
    writeln!(
        out,
        "| crates | {} | {} |",
        cell(&|b| b.crates.to_string()),
        a.crates
    )?;
    writeln!(
        out,
        "| modules | {} | {} |",
        cell(&|b| b.modules.to_string()),
        a.modules
    )?;
    writeln!(
        out,
        "| mean crate size (lines) | {} | {} |",
        cell(&|b| thousands(b.mean_crate_loc.round() as u64)),
        thousands(a.mean_crate_loc.round() as u64)
    )?;
    writeln!(
        out,
        "| references between crates | {} | {} |",
        cell(&|b| thousands(b.cut_weight)),
        thousands(a.cut_weight)
    )?;
    writeln!(
        out,
        "| references across crates | {} | {:.1}% |",
        cell(&|b| format!("{:.1}%", b.icp * 100.0)),
        a.icp * 100.0
    )?;
    writeln!(
        out,
        "| verdict | {} | {} |\n",
        cell(&|b| b.verdict_word().to_string()),
        a.verdict_word()
    )?;
    Ok(())
}

/// The crates added and removed, when the change added or removed any.
fn markdown_crates_changed(out: &mut dyn Write, r: &CheckResult) -> Result<()> {
    if let Some(c) = &r.changes {
        if !c.crates_added.is_empty() || !c.crates_removed.is_empty() {
            writeln!(
                out,
                "Crates added: {}; removed: {}.\n",
                if c.crates_added.is_empty() {
                    "none".into()
                } else {
                    c.crates_added.join(", ")
                },
                if c.crates_removed.is_empty() {
                    "none".into()
                } else {
                    c.crates_removed.join(", ")
                }
            )?;
        }
    }
    Ok(())
}

/// The list of new findings, when there are any.
fn markdown_new_findings(out: &mut dyn Write, new: &[&CheckedFinding]) -> Result<()> {
    if !new.is_empty() {
        writeln!(out, "### New findings\n")?;
        for f in new {
            writeln!(
                out,
                "- **{}** `{}`: {} <sub>`{}`</sub>",
                f.finding.severity.as_str(),
                f.finding.rule,
                f.finding.message.replace('|', "\\|"),
                f.finding.fingerprint
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The packages the new findings name (as a package or as a module path's crate).
fn graph_focus(r: &CheckResult, new: &[&CheckedFinding]) -> BTreeSet<String> {
    let mut focus: BTreeSet<String> = BTreeSet::new();
    for f in new {
        for s in &f.finding.subjects {
            let krate = s.split("::").next().unwrap_or(s);
            for p in r.after.packages.keys() {
                if p == s || p.replace('-', "_") == krate {
                    focus.insert(p.clone());
                }
            }
        }
    }
    focus
}

/// The affected part of the graph as a Mermaid flowchart: the crates in `focus`, their
/// neighbours, and the crates the change added outlined in red. Nothing for an empty focus.
fn markdown_graph(out: &mut dyn Write, r: &CheckResult, focus: &BTreeSet<String>) -> Result<()> {
    if focus.is_empty() {
        return Ok(());
    }
    let added: BTreeSet<&String> = r
        .changes
        .iter()
        .flat_map(|c| c.crates_added.iter())
        .collect();
    let edges: Vec<(&(String, String), &u64)> = r
        .after
        .crate_edges
        .iter()
        .filter(|((x, y), _)| focus.contains(x) || focus.contains(y))
        .collect();
    let mut shown: BTreeSet<&String> = focus.iter().collect();
    for ((x, y), _) in &edges {
        shown.insert(x);
        shown.insert(y);
    }
    writeln!(out, "```mermaid\nflowchart LR")?;
    for c in &shown {
        writeln!(out, "  {}[\"{}\"]", node(c), c)?;
    }
    for ((x, y), w) in &edges {
        writeln!(out, "  {} -->|{w}| {}", node(x), node(y))?;
    }
    for c in &added {
        if shown.contains(c) {
            writeln!(out, "  style {} stroke:#d33,stroke-width:3px", node(c))?;
        }
    }
    writeln!(out, "```\n")?;
    writeln!(out, "Crates named in new findings and their neighbours; red outline: added by this change; edge labels: references.\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{evaluate, Snapshot};
    use crate::rules::Finding;

    #[test]
    fn annotations_are_capped_with_a_notice_of_the_rest() {
        let mut after = Snapshot::empty();
        for i in 0..15 {
            after.findings.push(Finding::new(
                crate::rules::RuleId::OverFragmentation,
                "tiny-crate",
                Severity::Warning,
                vec![format!("c{i}")],
                format!("finding {i}"),
                None,
            ));
        }
        let r = evaluate(
            None,
            after,
            None,
            crate::check::FailOn::Warning,
            String::new(),
        );
        let mut out = Vec::new();
        github(&mut out, &r).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text.lines().filter(|l| l.starts_with("::warning")).count(),
            ANNOTATIONS_PER_LEVEL
        );
        assert!(text.contains("5 more findings are not shown as annotations"));
        assert!(text
            .lines()
            .last()
            .unwrap()
            .contains("15 new findings (15 warnings)"));
    }

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(super::escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(super::escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
