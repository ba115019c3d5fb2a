//! Data tables left out of the parse. Generated tables — Unicode properties, encodings,
//! lookup tables — are arrays of nothing but literals: thousands of `('\u{61}', '\u{7a}')`
//! that refer to no path and hold no item, yet their syntax trees took ~90 times the bytes of
//! their source (regex-syntax's 266 kB `property_bool.rs` alone made a 24 MB peak) and most
//! of the parse time of such crates. Before parsing, the inside of every long bracketed array
//! of only literals is replaced by spaces, one per character, so that every line and column
//! of the rest of the file stays where it was. The facts are the same; the line count is
//! taken from the original text.

/// Arrays shorter than this (in bytes) are parsed as they are.
pub const MIN_TABLE_BYTES: usize = 4096;

/// `text` with the inside of each long literal-only `[...]` blanked, or `None` when it has
/// none.
pub fn blank_literal_tables(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut regions: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => i = line_end(b, i),
            b'/' if b.get(i + 1) == Some(&b'*') => i = block_comment_end(b, i),
            b'"' => i = string_end(b, i),
            b'r' if raw_string_start(b, i) => i = raw_string_end(b, i),
            b'\'' => i = char_or_lifetime_end(b, i),
            b'[' => match literal_array_end(b, i) {
                Some(end) if end - i > MIN_TABLE_BYTES && is_literal_list(&text[i + 1..end]) => {
                    regions.push((i + 1, end));
                    i = end + 1;
                }
                _ => i += 1,
            },
            b'b' | b'c' if b.get(i + 1) == Some(&b'r') && raw_string_start(b, i + 1) => {
                i = raw_string_end(b, i + 1)
            }
            c if c.is_ascii_alphanumeric() || c == b'_' => {
                // An identifier or number: a `r` inside `for` must not start a raw string.
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    if regions.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end) in regions {
        out.push_str(&text[last..start]);
        for c in text[start..end].chars() {
            out.push(if c == '\n' { '\n' } else { ' ' });
        }
        last = end;
    }
    out.push_str(&text[last..]);
    Some(out)
}

/// The index of the `]` closing the array opened at `open`, if everything between is
/// literals, commas, parentheses, minus signs, whitespace and comments.
fn literal_array_end(b: &[u8], open: usize) -> Option<usize> {
    let mut i = open + 1;
    let mut parens = 0usize;
    while i < b.len() {
        match b[i] {
            b']' => return (parens == 0).then_some(i),
            b'(' => {
                parens += 1;
                i += 1;
            }
            b')' => {
                parens = parens.checked_sub(1)?;
                i += 1;
            }
            b' ' | b'\t' | b'\r' | b'\n' | b',' | b'-' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => i = line_end(b, i),
            b'/' if b.get(i + 1) == Some(&b'*') => i = block_comment_end(b, i),
            b'"' => i = string_end(b, i),
            b'\'' => i = char_literal_end(b, i)?,
            b'b' if matches!(b.get(i + 1), Some(b'\'')) => i = char_literal_end(b, i + 1)?,
            b'b' if matches!(b.get(i + 1), Some(b'"')) => i = string_end(b, i + 1),
            c if c.is_ascii_digit() => {
                // A number with its suffix, exponent or fraction: `0x1F`, `1_000u32`, `1.5e3`.
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'.')
                {
                    i += 1;
                }
            }
            _ => return None,
        }
    }
    None
}

/// Whether `inner` is a well-formed list of literals: elements (a literal with any `-` in
/// front, or a parenthesized list of them) separated by single commas, a trailing one
/// allowed. The byte scan above only checks which characters occur; a missing comma
/// (`1 1`) or a stray one (`1,, 2`) must not be blanked away, or its syntax error would go
/// unreported. Lexing costs a fraction of parsing; a table that fails this check is parsed
/// as it is, so syn reports the error where it is.
fn is_literal_list(inner: &str) -> bool {
    // A table of more literals than a file may have tokens is not lexed here (its tokens
    // would take ~70 bytes each): left in place, it makes the file `file-too-large`.
    let commas = inner.bytes().filter(|&c| c == b',').count();
    if commas > super::MAX_TOKENS / 2 {
        return false;
    }
    match inner.parse::<proc_macro2::TokenStream>() {
        Ok(tokens) => well_formed(tokens),
        Err(_) => false,
    }
}

fn well_formed(tokens: proc_macro2::TokenStream) -> bool {
    use proc_macro2::{Delimiter, TokenTree};
    // Iterative: parenthesized groups are kept on a stack, not recursed into.
    let mut stack = vec![tokens];
    while let Some(list) = stack.pop() {
        // Expecting an element (true) or a comma (false) next.
        let mut want_element = true;
        let mut after_minus = false;
        for tt in list {
            match tt {
                TokenTree::Punct(p) if p.as_char() == '-' && want_element => after_minus = true,
                TokenTree::Punct(p) if p.as_char() == ',' && !want_element => want_element = true,
                TokenTree::Literal(_) if want_element => {
                    want_element = false;
                    after_minus = false;
                }
                TokenTree::Group(g)
                    if want_element && !after_minus && g.delimiter() == Delimiter::Parenthesis =>
                {
                    stack.push(g.stream());
                    want_element = false;
                }
                _ => return false,
            }
        }
        if after_minus {
            return false;
        }
    }
    true
}

fn line_end(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| i + p)
}

/// Past the end of the (nested) block comment opened at `i`, or the end of `b`.
pub(super) fn block_comment_end(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    b.len()
}

/// Past the closing quote of the string opened at `i`.
pub(super) fn string_end(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// Whether a raw string (`r"`, `r#"`) starts at `i`; after `b` or `c` it may, after any
/// other identifier character it may not.
fn raw_string_start(b: &[u8], i: usize) -> bool {
    let prev_ok = i == 0
        || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
        || (matches!(b[i - 1], b'b' | b'c')
            && (i < 2 || !(b[i - 2].is_ascii_alphanumeric() || b[i - 2] == b'_')));
    let mut j = i + 1;
    while b.get(j) == Some(&b'#') {
        j += 1;
    }
    prev_ok && b.get(j) == Some(&b'"')
}

fn raw_string_end(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while b.get(j) == Some(&b'#') {
        j += 1;
    }
    let hashes = j - i - 1;
    j += 1;
    while j < b.len() {
        if b[j] == b'"' && b[j + 1..].iter().take_while(|&&c| c == b'#').count() >= hashes {
            return j + 1 + hashes;
        }
        j += 1;
    }
    b.len()
}

/// Past a char literal (`'x'`, `'\n'`, `'\u{1F600}'`, `'é'`) opened at `i`, if it is one
/// (a char literal never holds a line break).
pub(super) fn char_literal_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    if b.get(j) == Some(&b'\\') {
        j += 2;
        while j < b.len() && b[j] != b'\'' && b[j] != b'\n' && j - i < 16 {
            j += 1;
        }
    } else {
        // One UTF-8 character.
        let c = *b.get(j)?;
        if c == b'\n' {
            return None;
        }
        j += match c {
            0xF0..=0xFF => 4,
            0xE0..=0xEF => 3,
            0xC0..=0xDF => 2,
            _ => 1,
        };
    }
    (b.get(j) == Some(&b'\'')).then_some(j + 1)
}

/// Past a char literal or a lifetime (`'a`) starting at `i`.
fn char_or_lifetime_end(b: &[u8], i: usize) -> usize {
    char_literal_end(b, i).unwrap_or(i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(n: usize) -> String {
        let mut s = String::from("pub const T: &[(char, char)] = &[\n");
        for k in 0..n {
            s.push_str(&format!(
                "  ('\\u{{{:x}}}', '\\u{{{:x}}}'), // row {k}\n",
                k,
                k + 1
            ));
        }
        s.push_str("];\npub fn after() -> u8 { crate::x::y() }\n");
        s
    }

    #[test]
    fn long_literal_arrays_are_blanked_keeping_lines_and_columns() {
        let text = table(400);
        let out = blank_literal_tables(&text).expect("a table");
        assert_eq!(out.lines().count(), text.lines().count());
        for (a, b) in out.lines().zip(text.lines()) {
            assert_eq!(a.chars().count(), b.chars().count());
        }
        assert!(out.contains("pub const T: &[(char, char)] = &["));
        assert!(out.contains("pub fn after() -> u8 { crate::x::y() }"));
        assert!(!out.contains("\\u{"));
        let file = syn::parse_file(&out).expect("still parses");
        assert_eq!(file.items.len(), 2);
    }

    #[test]
    fn arrays_with_anything_but_literals_are_kept() {
        for inner in ["A, B", "x + 1", "&[1, 2]", "f(1)", "b\"a\", c"] {
            let mut text = String::from("const T: &[u8] = &[");
            for _ in 0..2000 {
                text.push_str("1, ");
            }
            text.push_str(inner);
            text.push_str("];\n");
            assert!(blank_literal_tables(&text).is_none(), "{inner}");
        }
        // Short arrays, and brackets inside strings, comments and char literals, stay.
        let text = "const A: [u8; 3] = [1, 2, 3];\n// [1, 2\nconst S: &str = \"[\";\nconst C: char = '[';\n";
        assert!(blank_literal_tables(text).is_none());
    }

    #[test]
    fn cut_and_damaged_input_never_panics_and_keeps_lines() {
        let text = table(300) + "const S: &str = r#\"[\"#; // '\n/* [ */ b\"x\" 'a '\\'' \u{e9}\n";
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut bytes: Vec<u8> = text.clone().into_bytes();
        for round in 0..400 {
            // Cut at a char boundary, then damage one byte with a bracket, quote or letter.
            let cut = (state as usize) % text.len();
            let cut = (0..=cut)
                .rev()
                .find(|&c| text.is_char_boundary(c))
                .unwrap_or(0);
            let piece = &text[..cut];
            if let Some(out) = blank_literal_tables(piece) {
                assert_eq!(out.lines().count(), piece.lines().count());
            }
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = (state as usize) % bytes.len();
            if bytes[at].is_ascii() {
                let damage = b"[]()'\"/*r#xb,";
                bytes[at] = damage[round % damage.len()];
            }
            if let Ok(damaged) = std::str::from_utf8(&bytes) {
                if let Some(out) = blank_literal_tables(damaged) {
                    assert_eq!(out.lines().count(), damaged.lines().count());
                }
            }
        }
    }

    #[test]
    fn tables_with_a_syntax_error_are_not_blanked() {
        let list = |sep: &str| {
            let mut text = String::from("pub const T: &[u8] = &[");
            for k in 0..3000 {
                text.push_str(if k == 1500 { sep } else { "1, " });
            }
            text.push_str("1];\n");
            text
        };
        assert!(blank_literal_tables(&list("1, ")).is_some());
        for broken in ["1 ", "1,, ", "- , ", "(1 2), ", "1 -, "] {
            assert!(blank_literal_tables(&list(broken)).is_none(), "{broken:?}");
        }
        for fine in ["(1, -2), ", "(), ", "-1.5e3, ", "(1, (2, \"x\")), "] {
            assert!(blank_literal_tables(&list(fine)).is_some(), "{fine:?}");
        }
    }

    #[test]
    fn strings_byte_literals_numbers_and_comments_count_as_literals() {
        let mut text = String::from("static T: &[(&str, u32, f64, u8)] = &[\n");
        for k in 0..300 {
            text.push_str(&format!(
                "    (\"name]{k}\", 0x{k:x}_u32, -1.5e3, b'\\''), /* ok */\n"
            ));
        }
        text.push_str("];\n");
        let out = blank_literal_tables(&text).expect("a table");
        assert!(syn::parse_file(&out).is_ok());
    }
}
