//! What a file that does not parse still tells. When it lexes, every item that parses is kept
//! and only the broken stretches are skipped; when it does not even lex (unbalanced brackets,
//! an unterminated literal), its `mod x;` lines still continue the module tree.

use proc_macro2::TokenStream;
use syn::parse::discouraged::Speculative;
use syn::parse::{ParseStream, Parser};

use super::facts::{ChildMod, ModFacts};

/// What survives of a file that does not parse as a whole.
pub struct Recovered {
    pub items: Vec<syn::Item>,
    /// The error at the start of each skipped stretch.
    pub errors: Vec<syn::Error>,
    /// The tokens that were skipped, to search for paths.
    pub skipped: TokenStream,
}

/// The items of `text` that parse, skipping broken stretches. `None` when it does not lex.
pub fn items_skipping_errors(text: &str) -> Option<Recovered> {
    let tokens: TokenStream = strip_shebang(text).parse().ok()?;
    let parser = |input: ParseStream| {
        let mut items = Vec::new();
        let mut errors = Vec::new();
        let mut skipped: Vec<proc_macro2::TokenTree> = Vec::new();
        let mut in_error = false;
        let _ = input.call(syn::Attribute::parse_inner);
        while !input.is_empty() {
            let fork = input.fork();
            match fork.parse::<syn::Item>() {
                Ok(item) => {
                    input.advance_to(&fork);
                    items.push(item);
                    in_error = false;
                }
                Err(e) => {
                    // Skip to where the parse failed (at least one token tree) and try again
                    // from there. Retrying from each token instead was quadratic: a failed
                    // item is parsed as far as it goes, and 100k `#[a]` before the error made
                    // every retry read the attributes left (minutes for a 500 kB file). A
                    // failure at the end of the input leaves nothing to retry.
                    let (at, here) = (e.span().start(), input.span().start());
                    let stop = if (at.line, at.column) > (here.line, here.column) {
                        (at.line, at.column)
                    } else if e.to_string().contains("end of input") {
                        // The end of the file (an error at the end of a group points at
                        // its closing bracket, after `here`).
                        (usize::MAX, 0)
                    } else {
                        (0, 0)
                    };
                    if !in_error {
                        errors.push(e);
                        in_error = true;
                    }
                    loop {
                        let tt = input.step(|c| match c.token_tree() {
                            Some((tt, next)) => Ok((tt, next)),
                            None => Err(c.error("end of input")),
                        })?;
                        skipped.push(tt);
                        let next = input.span().start();
                        if input.is_empty() || (next.line, next.column) >= stop {
                            break;
                        }
                    }
                }
            }
        }
        Ok(Recovered {
            items,
            errors,
            skipped: skipped.into_iter().collect(),
        })
    };
    parser.parse2(tokens).ok()
}

/// A leading `#!` line that is not an inner attribute `#![...]`.
fn strip_shebang(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.starts_with("#!") && !text[2..].trim_start().starts_with('[') {
        // Keep the line count: replace the shebang line by an empty line.
        match text.find('\n') {
            Some(nl) => text[nl..].to_string(),
            None => String::new(),
        }
    } else {
        text.to_string()
    }
}

/// `mod name;` declarations found line by line (with any `pub(...)` in front).
pub fn mod_lines(text: &str, m: &mut ModFacts) {
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        let mut rest = t;
        if let Some(r) = rest.strip_prefix("pub") {
            if let Some(inner) = r.strip_prefix('(') {
                // `pub(crate) mod x;`, `pub(in a::b) mod x;`
                let Some(close) = inner.find(')') else {
                    continue;
                };
                rest = inner[close + 1..].trim_start();
            } else if r.starts_with(char::is_whitespace) {
                rest = r.trim_start();
            } else {
                continue;
            }
        }
        let Some(r) = rest.strip_prefix("mod ") else {
            continue;
        };
        let r = r.trim_start();
        let name: String = r
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() || !r[name.len()..].trim_start().starts_with(';') {
            continue;
        }
        m.children.push(ChildMod {
            name: name.trim_start_matches("r#").to_string(),
            line: i as u32 + 1,
            column: (indent + t.len() - r.len()) as u32 + 1,
            path_attrs: Vec::new(),
            path_conditional: false,
            doc_only: false,
            inline: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_items_are_skipped_and_the_rest_kept() {
        let r = items_skipping_errors(
            "#![doc = \"x\"]\nfn a() {}\nfn b() -> { x::y() }\nmod c;\nstruct D;",
        )
        .unwrap();
        assert_eq!(r.items.len(), 3, "a, c and D survive");
        assert_eq!(r.errors.len(), 1);
        assert!(r.skipped.to_string().contains("x :: y"));
    }

    #[test]
    fn recovery_is_linear_in_the_broken_stretch() {
        // Each retry used to parse every attribute left before failing again.
        for tail in [" 1 2 3\nfn after() {}", ""] {
            let text = "#[a] ".repeat(50_000) + tail;
            let r = items_skipping_errors(&text).unwrap();
            assert_eq!(r.items.len(), usize::from(!tail.is_empty()), "{tail:?}");
        }
        let r = items_skipping_errors("fn a() { 1 + } struct B fn c() {}\nmod d;").unwrap();
        assert_eq!(r.items.len(), 2, "c and d survive");
    }

    #[test]
    fn mod_lines_survive_unbalanced_files() {
        let mut m = ModFacts::default();
        mod_lines(
            "pub mod a;\n  pub(crate) mod b ;\nmod c {\nfn x( {\n    mod d;\n// mod e;\nmodule f;",
            &mut m,
        );
        let names: Vec<&str> = m.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "d"]);
        assert_eq!((m.children[1].line, m.children[1].column), (2, 18));
    }
}
