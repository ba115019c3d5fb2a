//! The self-contained HTML report: one file, no network. The page embeds a compact form of
//! the JSON document `--format json` prints (`html_data.rs`: what the page shows, paths
//! indexed, dependencies as integers) and draws the graph, the DSM and the cluster cards from
//! it with the script in `html/report.js` (plain JavaScript, no library). A Content Security
//! Policy forbids every request, so the report works, and stays private, offline.

use std::io::Write;

use anyhow::Result;

use crate::analysis::Analysis;
use crate::model::ModuleGraph;
use crate::rules::Advice;
use crate::workspace::Workspace;

const TEMPLATE: &str = include_str!("html/template.html");
const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

pub fn write(
    out: &mut dyn Write,
    ws: &Workspace,
    g: &ModuleGraph,
    a: &Analysis,
    advice: &Advice,
    h: &crate::history::HistoryAnalysis,
) -> Result<()> {
    let doc = serde_json::to_value(super::analyze_json::AnalyzeJson::new(ws, g, a, advice, h))?;
    let json = serde_json::to_vec(&super::html_data::compact(&doc))?;
    let title = ws
        .root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".to_string());
    out.write_all(render(&title, &json).as_bytes())?;
    Ok(())
}

/// The page for `title` and the analysis document `json`.
fn render(title: &str, json: &[u8]) -> String {
    let mut page = String::with_capacity(TEMPLATE.len() + STYLE.len() + SCRIPT.len() + json.len());
    // Each `{{NAME}}` of the template is replaced once; nothing inserted is scanned again.
    let title = escape_html(title);
    let data = json_for_script(json);
    let mut rest = TEMPLATE;
    while let Some(at) = rest.find("{{") {
        let Some(len) = rest[at..].find("}}") else {
            break;
        };
        let value = match &rest[at + 2..at + len] {
            "TITLE" => title.as_str(),
            "STYLE" => STYLE,
            "DATA" => data.as_str(),
            "SCRIPT" => SCRIPT,
            _ => &rest[at..at + len + 2],
        };
        page.push_str(&rest[..at]);
        page.push_str(value);
        rest = &rest[at + len + 2..];
    }
    page.push_str(rest);
    page
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// JSON made safe inside `<script type="application/json">`: `<` only occurs in strings,
/// where `\u003c` means the same, so no `</script>` or `<!--` can end the block early.
fn json_for_script(json: &[u8]) -> String {
    String::from_utf8_lossy(json)
        .trim_end()
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_its_script_block() {
        let json = br#"{"name":"</script><script>alert(1)</script><!--"}"#;
        let page = render("a<b", json);
        let start = page
            .find(r#"<script type="application/json" id="data">"#)
            .unwrap();
        let block = &page[start..];
        let end = block.find("</script>").unwrap();
        let embedded = &block[block.find('>').unwrap() + 1..end];
        let back: serde_json::Value = serde_json::from_str(embedded).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script><!--");
        assert!(page.contains("<title>archsplit: a&lt;b</title>"));
    }

    #[test]
    fn page_forbids_every_request() {
        let page = render("w", b"{}");
        assert!(page.contains("default-src 'none'"));
        for remote in ["src=\"http", "href=\"http", "url(http", "@import"] {
            assert!(!page.contains(remote), "{remote}");
        }
    }
}
