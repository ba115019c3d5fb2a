//! Stage 2: one file → `FileFacts`. Parsing never fails: unreadable bytes, syntax errors and
//! pathological nesting become diagnostics, and the syntax tree is dropped before returning.

pub mod cache;
mod cfg;
pub mod facts;
mod generated;
mod items;
mod lines;
pub mod nesting;
mod recover;
mod refs;
mod tables;
mod uses;

use std::path::Path;

pub use facts::*;

use crate::diag::Diagnostic;

/// Files larger than this are not parsed (generated code of this size says nothing about
/// architecture and would dominate the time).
pub const MAX_FILE_BYTES: u64 = crate::fsio::caps::SOURCE;
pub use nesting::{MAX_NESTING, MAX_TOKENS};

#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions {
    /// Keep `#[cfg(test)]` items and `#[test]` functions.
    pub include_tests: bool,
}

/// Reads and parses `path`; `rel` is how diagnostics name the file. With a cache, a file
/// whose bytes were parsed before is not parsed again.
pub fn parse_file(
    path: &Path,
    rel: &str,
    opts: ParseOptions,
    cache: Option<&cache::Cache>,
) -> FileFacts {
    let mut facts = FileFacts::default();
    let Some(bytes) = read_bytes(path, rel, &mut facts.diagnostics) else {
        return facts;
    };
    let key = cache.map(|_| cache::Cache::key(&bytes, opts));
    if let (Some(c), Some(k)) = (cache, &key) {
        if let Some(mut hit) = c.get(k) {
            // Entries are stored without the file's name: the same bytes may live elsewhere.
            for d in &mut hit.diagnostics {
                d.file = rel.to_string();
            }
            hit.source = key;
            return hit;
        }
    }
    parse_bytes_into(bytes, rel, opts, &mut facts);
    if let (Some(c), Some(k)) = (cache, &key) {
        let mut stored = facts.clone();
        for d in &mut stored.diagnostics {
            d.file.clear();
        }
        c.put(k, &stored);
    }
    facts.source = key;
    facts
}

/// Parses a file's bytes (no cache, no file system): what `parse_file` does once the file
/// is read. The entry point of the fuzz tests.
pub fn parse_source(bytes: Vec<u8>, rel: &str, opts: ParseOptions) -> FileFacts {
    let mut facts = FileFacts::default();
    parse_bytes_into(bytes, rel, opts, &mut facts);
    facts
}

fn parse_bytes_into(bytes: Vec<u8>, rel: &str, opts: ParseOptions, facts: &mut FileFacts) {
    let text = decode(bytes, rel, &mut facts.diagnostics);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parse_text(&text, rel, opts, facts)
    }));
    // Spans of this file are no longer needed; free the thread's source map.
    proc_macro2::extra::invalidate_current_thread_spans();
    if result.is_err() {
        facts.root = ModFacts::default();
        facts.diagnostics.push(Diagnostic::error(
            "internal-error",
            rel,
            "archsplit failed on this file and skipped it; please report this",
        ));
    }
}

/// Items from a macro expansion (source text without a file of its own): their facts, with
/// every line set to `line`, the line of the invocation. `None` when the text does not parse.
pub fn parse_expansion(text: &str, line: u32, opts: ParseOptions) -> Option<ModFacts> {
    // Expanded text is held to the same limits as a file: it is parsed the same way.
    if !matches!(nesting::scan(text), nesting::Verdict::Fine { .. }) {
        return None;
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let file = syn::parse_file(text).ok()?;
        let mut collector = items::Collector {
            test: opts.include_tests,
            too_deep: None,
            disabled: Vec::new(),
        };
        let mut m = ModFacts::default();
        collector.collect(&file.items, &mut m);
        prune_refs(&mut m);
        Some(m)
    }));
    proc_macro2::extra::invalidate_current_thread_spans();
    let mut m = result.ok().flatten()?;
    relocate(&mut m, line);
    Some(m)
}

/// Sets every line of expanded facts to the invocation's line; expanded code has no lines of
/// its own (they are counted where the macro is defined).
fn relocate(m: &mut ModFacts, line: u32) {
    m.first_line = line;
    m.last_line = line;
    m.loc = 0;
    m.generated_loc = 0;
    for u in &mut m.uses {
        u.line = line;
    }
    for s in &mut m.state {
        s.line = line;
    }
    for inv in &mut m.invocations {
        inv.1 = line;
    }
    for c in m.children.iter_mut().chain(m.excluded_children.iter_mut()) {
        c.line = line;
        c.column = 1;
        if let Some(body) = &mut c.inline {
            relocate(body, line);
        }
    }
}

/// The bytes of a regular file of at most `MAX_FILE_BYTES`, or a diagnostic.
fn read_bytes(path: &Path, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Vec<u8>> {
    match crate::fsio::read_capped(path, MAX_FILE_BYTES) {
        Ok(bytes) => Some(bytes),
        Err(e @ crate::fsio::ReadError::TooLarge { .. }) => {
            diags.push(Diagnostic::warning(
                "file-too-large",
                rel,
                format!("{e}; not parsed"),
            ));
            None
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                "unreadable-file",
                rel,
                format!("cannot read file: {e}"),
            ));
            None
        }
    }
}

/// The text of the bytes; invalid UTF-8 is replaced, with a diagnostic at the first bad byte.
fn decode(bytes: Vec<u8>, rel: &str, diags: &mut Vec<Diagnostic>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            let col = valid
                - bytes[..valid]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1)
                + 1;
            diags.push(
                Diagnostic::warning(
                    "invalid-utf8",
                    rel,
                    "file is not valid UTF-8; invalid bytes were replaced before parsing",
                )
                .at(line as u32, col as u32),
            );
            text
        }
    }
}

/// Reads one file's text into `facts`: its lines, items, references and size.
fn parse_text(text: &str, rel: &str, opts: ParseOptions, facts: &mut FileFacts) {
    let lines::Scan { code } = lines::scan(text);
    let total_lines = code.len() as u32;
    facts.root.content_hash = content_hash(text);
    facts.root.first_line = 1;
    facts.root.last_line = total_lines;
    // Long literal-only arrays (data tables) are blanked: same facts, a fraction of the work.
    let blanked = tables::blank_literal_tables(text);
    let text = blanked.as_deref().unwrap_or(text);
    // What syn would recurse on, and how much it would build, is measured before it runs:
    // a file over the limits is skipped whole (its `mod` lines still continue the tree).
    if let Some(d) = refusal(text, rel) {
        facts.diagnostics.push(d);
        read_mod_lines_only(text, &code, facts);
        return;
    }
    let Some(items) = parse_items(text, rel, facts) else {
        read_mod_lines_only(text, &code, facts);
        return;
    };
    let disabled = collect_items(&items, rel, opts, facts);
    drop(items);
    // Test code switched off by `cfg(test)` is not part of the module's size.
    let mut code = code;
    for &(first, last) in &disabled {
        let lo = (first.max(1) as usize - 1).min(code.len());
        let hi = (last as usize).clamp(lo, code.len());
        code[lo..hi].iter_mut().for_each(|c| *c = false);
    }
    // Lines inside blanked data tables are data, not code anyone designed.
    let hand = blanked.as_deref().map(|b| lines::scan(b).code);
    assign_loc(&mut facts.root, &code, hand.as_deref());
    facts.root.spawns = spawns(text);
    if let Some(why) = generated::evidence(text, rel) {
        mark_generated(&mut facts.root);
        facts.root.generated = Some(why);
    }
    prune_refs(&mut facts.root);
}

/// Why syn must not parse `text` (it nests too deep or has too many tokens), if it must not.
fn refusal(text: &str, rel: &str) -> Option<Diagnostic> {
    match nesting::scan(text) {
        nesting::Verdict::Fine { .. } => None,
        nesting::Verdict::TooDeep { line } => Some(
            Diagnostic::error(
                "nesting-too-deep",
                rel,
                format!(
                    "code nests more than {MAX_NESTING} levels deep (brackets, generics, prefix operators, closures, assignments or long chains); file not parsed"
                ),
            )
            .at(line, 1),
        ),
        nesting::Verdict::TooManyTokens => Some(Diagnostic::warning(
            "file-too-large",
            rel,
            format!(
                "file has more than {} tokens, over the limit; not parsed",
                crate::words::thousands(MAX_TOKENS as u64)
            ),
        )),
    }
}

/// A file syn does not read: its code lines count, its `mod` lines continue the tree.
fn read_mod_lines_only(text: &str, code: &[bool], facts: &mut FileFacts) {
    facts.root.loc = code.iter().filter(|&&c| c).count() as u32;
    recover::mod_lines(text, &mut facts.root);
}

/// The items of `text`, skipping broken stretches where syn fails (with a diagnostic), or
/// `None` when nothing can be recovered.
fn parse_items(text: &str, rel: &str, facts: &mut FileFacts) -> Option<Vec<syn::Item>> {
    let e = match syn::parse_file(text) {
        Ok(f) => return Some(f.items),
        Err(e) => e,
    };
    let Some(recover::Recovered {
        items,
        errors,
        skipped,
    }) = recover::items_skipping_errors(text)
    else {
        let start = e.span().start();
        facts.diagnostics.push(
            Diagnostic::error(
                "parse-error",
                rel,
                "cannot parse: unbalanced brackets or an unterminated literal; only its `mod` declarations were read",
            )
            .at(start.line as u32, start.column as u32 + 1),
        );
        return None;
    };
    let first = errors.first().unwrap_or(&e);
    let start = first.span().start();
    facts.diagnostics.push(
        Diagnostic::error(
            "parse-error",
            rel,
            format!(
                "cannot parse: {first}; {} skipped, the other {} analyzed",
                crate::words::count(
                    errors.len().max(1) as u64,
                    "broken stretch",
                    "broken stretches"
                ),
                crate::words::count(items.len() as u64, "item", "items")
            ),
        )
        .at(start.line as u32, start.column as u32 + 1),
    );
    refs::scan_token_paths(&skipped, &mut facts.root, RefKind::Path, false);
    Some(items)
}

/// Collects the facts of `items` into the file's root module; returns the line ranges that
/// `cfg(test)` switched off.
fn collect_items(
    items: &[syn::Item],
    rel: &str,
    opts: ParseOptions,
    facts: &mut FileFacts,
) -> Vec<(u32, u32)> {
    let mut collector = items::Collector {
        test: opts.include_tests,
        too_deep: None,
        disabled: Vec::new(),
    };
    collector.collect(items, &mut facts.root);
    if let Some(line) = collector.too_deep {
        facts.diagnostics.push(
            Diagnostic::warning(
                "nesting-too-deep",
                rel,
                format!(
                    "code nests over {} levels deep; the innermost part was not analyzed",
                    refs::MAX_DEPTH
                ),
            )
            .at(line, 1),
        );
    }
    collector.disabled
}

/// The programs a file starts: `Command::new("name")` with a string literal, and the line.
/// A token-level scan (comments and other strings may hold false hits; a literal that names
/// no binary of the workspace is ignored later).
fn spawns(text: &str) -> Vec<(String, u32)> {
    const CALL: &str = "Command::new(";
    let mut out = Vec::new();
    for (at, _) in text.match_indices(CALL) {
        let rest = text[at + CALL.len()..].trim_start();
        let Some(lit) = rest.strip_prefix('"') else {
            continue;
        };
        let Some(end) = lit.find(['"', '\\', '\n']) else {
            continue;
        };
        if lit.as_bytes()[end] != b'"' || end == 0 || end > 200 {
            continue;
        }
        let line = text[..at].bytes().filter(|&b| b == b'\n').count() as u32 + 1;
        out.push((lit[..end].to_string(), line));
    }
    out
}

/// Moves every code line of a generated file's modules to `generated_loc`.
fn mark_generated(m: &mut ModFacts) {
    m.generated_loc += std::mem::take(&mut m.loc);
    for c in &mut m.children {
        if let Some(body) = &mut c.inline {
            mark_generated(body);
        }
    }
}

/// A fast 64-bit hash of the file's bytes, eight at a time (identical files, identical
/// hashes; used to find the same module file kept in several crates).
fn content_hash(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut h: u64 = 0x9E37_79B9_7F4A_7C15 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        h = (h ^ w).wrapping_mul(0xBF58_476D_1CE4_E5B9).rotate_left(31);
    }
    for &x in chunks.remainder() {
        h = (h ^ x as u64).wrapping_mul(0x94D0_49BB_1331_11EB);
    }
    h ^ (h >> 29)
}

/// Counts code lines per module; an inline module's lines are its own, not its parent's.
/// `hand` marks the lines still code once data tables are blanked; the others are counted
/// as generated. Returns the module's (code, generated) lines with its inline children.
fn assign_loc(m: &mut ModFacts, code: &[bool], hand: Option<&[bool]>) -> (u32, u32) {
    let lo = (m.first_line.max(1) as usize - 1).min(code.len());
    let hi = (m.last_line as usize).clamp(lo, code.len());
    let (mut total, mut data) = (0u32, 0u32);
    for (i, &is_code) in code.iter().enumerate().take(hi).skip(lo) {
        if is_code {
            if hand.is_some_and(|h| !h.get(i).copied().unwrap_or(true)) {
                data += 1;
            } else {
                total += 1;
            }
        }
    }
    let (mut inner, mut inner_data) = (0, 0);
    for c in &mut m.children {
        if let Some(body) = &mut c.inline {
            let (a, b) = assign_loc(body, code, hand);
            inner += a;
            inner_data += b;
        }
    }
    m.loc = total.saturating_sub(inner);
    m.generated_loc = data.saturating_sub(inner_data);
    (total, data)
}

/// Drops single-segment paths that cannot lead out of the module: a name that is neither
/// imported nor reachable through a glob import is a local variable, a generic parameter, an
/// item of the module itself or a prelude name.
fn prune_refs(m: &mut ModFacts) {
    let has_glob = m.uses.iter().any(|u| u.bind == UseBind::Glob);
    if !has_glob {
        let bound: std::collections::BTreeSet<&str> = m
            .uses
            .iter()
            .filter_map(|u| match &u.bind {
                UseBind::Name(n) => Some(n.as_str()),
                _ => None,
            })
            .collect();
        m.refs.retain(|k, _| {
            k.segments.len() > 1
                || k.leading_colon
                || k.kind == RefKind::Macro
                || bound.contains(k.segments[0].as_str())
        });
    }
    for c in &mut m.children {
        if let Some(body) = &mut c.inline {
            prune_refs(body);
        }
    }
}
