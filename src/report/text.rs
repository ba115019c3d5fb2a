//! How the human reports are laid out: width, colour and how many rows, decided once from the
//! command line and the terminal, then handed to every text report.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, Width};

use crate::rules::{Recommendation, Severity, Verdict};

/// Rows shown per table before the rest is summarized (without `--all`).
const MAX_ROWS: usize = 25;
/// The width of reports that do not go to a terminal (piped, saved): the same bytes
/// everywhere unless `COLUMNS` says otherwise.
pub const DEFAULT_WIDTH: usize = 120;
/// Narrower than this, tables cannot show their columns; `COLUMNS` below it is raised to it.
const MIN_WIDTH: usize = 40;

/// The layout of a text report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Columns to fill: `COLUMNS`, else the terminal's, else [`DEFAULT_WIDTH`].
    pub width: usize,
    /// Every row of every table (`--all`).
    pub all: bool,
    /// ANSI colours for the verdict, severities and recommendations.
    pub color: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            width: DEFAULT_WIDTH,
            all: false,
            color: false,
        }
    }
}

/// `--color`: whether the human reports are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    /// When standard output is a terminal and `NO_COLOR` is not set (and `TERM` is not dumb).
    #[default]
    Auto,
    Always,
    Never,
}

impl Layout {
    /// The layout for a report written to a file (`to_file`) or to standard output.
    pub fn detect(color: ColorChoice, all: bool, to_file: bool) -> Layout {
        use std::io::IsTerminal;
        let terminal = !to_file && std::io::stdout().is_terminal();
        let columns = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&c| c > 0);
        // comfy-table asks the terminal (it already links crossterm for that).
        let width = columns
            .or_else(|| {
                terminal
                    .then(|| Table::new().width().map(usize::from))
                    .flatten()
            })
            .unwrap_or(DEFAULT_WIDTH)
            .max(MIN_WIDTH);
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && !no_color && !dumb,
        };
        Layout { width, all, color }
    }

    /// How many rows a table shows.
    pub fn rows(&self) -> usize {
        if self.all {
            usize::MAX
        } else {
            MAX_ROWS
        }
    }

    /// A table at this width with this colouring.
    pub fn table(&self, header: &[&str]) -> Table {
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED);
        t.set_content_arrangement(ContentArrangement::Dynamic);
        if !header.is_empty() {
            t.set_header(header.iter().map(Cell::new));
        }
        t.set_width(u16::try_from(self.width).unwrap_or(u16::MAX));
        if self.color {
            t.enforce_styling();
        } else {
            t.force_no_tty();
        }
        t
    }

    /// The table as text, ending in a newline. When its columns cannot fit the width without
    /// breaking words (a narrow terminal), each row is written as a record instead: its
    /// first cells as a heading, the others as `header: value`, wrapped.
    pub fn show(&self, t: &Table) -> String {
        let header: Vec<String> = t
            .header()
            .map(|h| h.cell_iter().map(|c| c.content()).collect())
            .unwrap_or_default();
        let rows: Vec<Vec<String>> = t
            .row_iter()
            .map(|r| r.cell_iter().map(|c| c.content()).collect())
            .collect();
        let cols = rows
            .iter()
            .map(Vec::len)
            .chain([header.len()])
            .max()
            .unwrap_or(0);
        let longest_word = |c: usize| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .chain(header.get(c))
                .flat_map(|s| s.split_whitespace())
                .map(textwrap::core::display_width)
                .max()
                .unwrap_or(0)
        };
        // Each column needs its longest word, a space either side and a border.
        let needed: usize = (0..cols).map(|c| longest_word(c) + 3).sum::<usize>() + 1;
        if needed <= self.width {
            // It fits: hold each column at least as wide as its longest word, so that
            // comfy-table wraps between words and never inside one.
            let mut t = t.clone();
            for c in 0..cols {
                if let Some(col) = t.column_mut(c) {
                    let w = u16::try_from(longest_word(c) + 2).unwrap_or(u16::MAX);
                    col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
                }
            }
            return format!("{t}\n");
        }
        let mut out = String::new();
        for row in &rows {
            if header.is_empty() {
                // Key and value.
                let key = row.first().map(String::as_str).unwrap_or("");
                let value = row[1.min(row.len())..].join(" ");
                out.push_str(&self.wrap(&format!("{key}: "), "    ", &value));
                continue;
            }
            let head = row
                .iter()
                .take(2)
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" · ");
            out.push_str(&self.wrap("", "  ", &head));
            let rest: Vec<String> = row
                .iter()
                .zip(&header)
                .skip(2)
                .filter(|(v, _)| !v.is_empty())
                .map(|(v, h)| format!("{h}: {v}"))
                .collect();
            if !rest.is_empty() {
                out.push_str(&self.wrap("    ", "    ", &rest.join(" · ")));
            }
        }
        out
    }

    /// `text` wrapped at the width, its first line after `first`, the others after `rest`
    /// (spaces, for a hanging indent), each line ending in a newline.
    pub fn wrap(&self, first: &str, rest: &str, text: &str) -> String {
        let opts = textwrap::Options::new(self.width)
            .initial_indent(first)
            .subsequent_indent(rest)
            .break_words(false)
            // Crate names have hyphens: never split there.
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        let mut out = String::new();
        for line in textwrap::wrap(text, opts) {
            out.push_str(&line);
            out.push('\n');
        }
        if out.is_empty() {
            out.push('\n');
        }
        out
    }

    /// `text` in `color` (and bold), when colouring.
    pub fn paint(&self, text: &str, color: Option<Color>, bold: bool) -> String {
        if !self.color || (color.is_none() && !bold) {
            return text.to_string();
        }
        let mut codes: Vec<&str> = Vec::new();
        if bold {
            codes.push("1");
        }
        if let Some(c) = color {
            codes.push(ansi(c));
        }
        format!("\x1b[{}m{text}\x1b[0m", codes.join(";"))
    }

    /// A table cell in `color`, when colouring.
    pub fn cell(&self, text: impl ToString, color: Option<Color>) -> Cell {
        let c = Cell::new(text);
        match color {
            Some(col) if self.color => c.fg(col),
            _ => c,
        }
    }
}

fn ansi(c: Color) -> &'static str {
    match c {
        Color::Red => "31",
        Color::Green => "32",
        Color::Yellow => "33",
        Color::Blue => "34",
        Color::Magenta => "35",
        Color::Cyan => "36",
        _ => "39",
    }
}

/// The colour of a severity.
pub fn severity_color(s: Severity) -> Option<Color> {
    Some(match s {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Note => Color::Cyan,
    })
}

/// The colour of a recommendation: staying together is the calm default, a service stands
/// out, a nanoservice warns.
pub fn recommendation_color(r: Recommendation) -> Option<Color> {
    match r {
        Recommendation::Monolith | Recommendation::Module => None,
        Recommendation::Library => Some(Color::Blue),
        Recommendation::Process => Some(Color::Cyan),
        Recommendation::Microservice => Some(Color::Green),
        Recommendation::Nanoservice => Some(Color::Magenta),
    }
}

/// The colour of a verdict.
pub fn verdict_color(v: Verdict) -> Option<Color> {
    Some(match v {
        Verdict::Monolith | Verdict::ModularMonolith => Color::Green,
        Verdict::Hybrid => Color::Cyan,
        Verdict::Microservices => Color::Yellow,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_and_hangs_the_indent() {
        let l = Layout {
            width: 20,
            ..Layout::default()
        };
        let w = l.wrap(
            "  - ",
            "    ",
            "regex_automata::meta::strategy is long and so is this",
        );
        for line in w.lines() {
            assert!(line.starts_with("  - ") || line.starts_with("    "), "{w}");
        }
        assert!(w.contains("regex_automata::meta::strategy"), "{w}");
    }

    #[test]
    fn colour_only_when_asked() {
        let plain = Layout::default();
        assert_eq!(plain.paint("x", Some(Color::Red), true), "x");
        let c = Layout {
            color: true,
            ..plain
        };
        assert_eq!(c.paint("x", Some(Color::Red), true), "\x1b[1;31mx\x1b[0m");
    }
}
