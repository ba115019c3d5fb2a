//! One cheap byte scan before parsing: which lines hold code (not blank, not only
//! comments). How deeply code nests is `nesting.rs`'s business.

/// What one pass over a file's bytes tells.
pub struct Scan {
    /// Per line (index 0 is line 1): does it hold anything but whitespace and comments?
    pub code: Vec<bool>,
}

/// Code lines in one pass.
pub fn scan(text: &str) -> Scan {
    let b = text.as_bytes();
    let mut lines = vec![false];
    let mut i = 0;
    let mut block_depth = 0usize; // nesting of /* */ comments
    let mut in_str = false; // inside "..." (or a raw string, tracked by raw_hashes)
    let mut raw_hashes: Option<usize> = None;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            // A blank line is blank, inside a string literal too (tokei and cloc count so).
            lines.push(false);
            i += 1;
            continue;
        }
        let cur = lines.len() - 1;
        if block_depth > 0 {
            if c == b'*' && b.get(i + 1) == Some(&b'/') {
                block_depth -= 1;
                i += 2;
            } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
                block_depth += 1;
                i += 2;
            } else {
                i += 1;
            }
            continue;
        }
        if in_str {
            if !matches!(c, b' ' | b'\t' | b'\r') {
                lines[cur] = true;
            }
            match raw_hashes {
                Some(h) => {
                    if c == b'"' && b[i + 1..].iter().take(h).filter(|&&x| x == b'#').count() == h {
                        in_str = false;
                        raw_hashes = None;
                        i += 1 + h;
                        continue;
                    }
                }
                None => {
                    if c == b'\\' {
                        i += 2;
                        continue;
                    }
                    if c == b'"' {
                        in_str = false;
                    }
                }
            }
            i += 1;
            continue;
        }
        match c {
            b' ' | b'\t' | b'\r' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                block_depth = 1;
                i += 2;
            }
            b'"' => {
                lines[cur] = true;
                in_str = true;
                i += 1;
            }
            b'r' if is_raw_start(b, i) => {
                lines[cur] = true;
                let mut j = i + 1;
                while b.get(j) == Some(&b'#') {
                    j += 1;
                }
                raw_hashes = Some(j - i - 1);
                in_str = true;
                i = j + 1;
            }
            b'\'' => {
                // A char literal such as '"' must not open a string.
                lines[cur] = true;
                if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' && b[i] != b'\n' {
                        i += 1;
                    }
                    i += 1;
                } else if b.get(i + 2) == Some(&b'\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            _ => {
                lines[cur] = true;
                i += 1;
            }
        }
    }
    Scan { code: lines }
}

/// `r"` or `r#...#"` that is not the end of an identifier (`br"` counts as well).
fn is_raw_start(b: &[u8], i: usize) -> bool {
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') && b[i - 1] != b'b' {
        return false;
    }
    let mut j = i + 1;
    while b.get(j) == Some(&b'#') {
        j += 1;
    }
    b.get(j) == Some(&b'"')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_lines(text: &str) -> Vec<bool> {
        scan(text).code
    }

    fn count(s: &str) -> usize {
        code_lines(s).iter().filter(|&&c| c).count()
    }

    #[test]
    fn blank_and_comment_lines_are_not_code() {
        assert_eq!(count("fn a() {}\n\n// c\n  /* x\n y */\nlet b;\n"), 2);
        assert_eq!(count("/* a /* nested */ still */ fn f() {}\n"), 1);
        // Inside a string a blank line is still blank, and `//` is no comment.
        assert_eq!(count("let s = \"a\n\n// not a comment\";\n"), 2);
        assert_eq!(count("let s = \"a\n   \nb\";\n"), 2);
        assert_eq!(count("let c = '\"'; // q\nfn f() {}\n"), 2);
        assert_eq!(count("let r = r#\"a\"\n\"#;\n"), 2);
    }
}
