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
    let mut s = LineScanner {
        lines: vec![false],
        block_depth: 0,
        in_str: false,
        raw_hashes: None,
    };
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' {
            // A blank line is blank, inside a string literal too (tokei and cloc count so).
            s.lines.push(false);
            i += 1;
        } else if s.block_depth > 0 {
            i = s.in_block_comment(b, i);
        } else if s.in_str {
            i = s.in_string(b, i);
        } else {
            i = s.in_code(b, i);
        }
    }
    Scan { code: s.lines }
}

/// The state of [`scan`] between bytes.
struct LineScanner {
    /// Per line so far: does it hold code?
    lines: Vec<bool>,
    /// Nesting of `/* */` comments.
    block_depth: usize,
    /// Inside `"..."` (or a raw string, tracked by `raw_hashes`).
    in_str: bool,
    /// The `#`s that close the raw string being read.
    raw_hashes: Option<usize>,
}

impl LineScanner {
    /// The current line holds code.
    #[inline]
    fn mark(&mut self) {
        if let Some(line) = self.lines.last_mut() {
            *line = true;
        }
    }

    /// Reads the byte (or `*/`, `/*`) at `i` inside a block comment; returns where it ends.
    #[inline]
    fn in_block_comment(&mut self, b: &[u8], i: usize) -> usize {
        let c = b[i];
        if c == b'*' && b.get(i + 1) == Some(&b'/') {
            self.block_depth -= 1;
            i + 2
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            self.block_depth += 1;
            i + 2
        } else {
            i + 1
        }
    }

    /// Reads the byte (or escape, or closing quote) at `i` inside a string literal; returns
    /// where it ends.
    #[inline]
    fn in_string(&mut self, b: &[u8], i: usize) -> usize {
        let c = b[i];
        if !matches!(c, b' ' | b'\t' | b'\r') {
            self.mark();
        }
        match self.raw_hashes {
            Some(h) => {
                if c == b'"' && b[i + 1..].iter().take(h).filter(|&&x| x == b'#').count() == h {
                    self.in_str = false;
                    self.raw_hashes = None;
                    return i + 1 + h;
                }
            }
            None => {
                if c == b'\\' {
                    return i + 2;
                }
                if c == b'"' {
                    self.in_str = false;
                }
            }
        }
        i + 1
    }

    /// Reads what starts at `i` outside comments and strings; returns where it ends.
    fn in_code(&mut self, b: &[u8], i: usize) -> usize {
        match b[i] {
            b' ' | b'\t' | b'\r' => i + 1,
            b'/' if b.get(i + 1) == Some(&b'/') => b[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |p| i + p),
            b'/' if b.get(i + 1) == Some(&b'*') => {
                self.block_depth = 1;
                i + 2
            }
            b'"' => {
                self.mark();
                self.in_str = true;
                i + 1
            }
            b'r' if is_raw_start(b, i) => {
                self.mark();
                let mut j = i + 1;
                while b.get(j) == Some(&b'#') {
                    j += 1;
                }
                self.raw_hashes = Some(j - i - 1);
                self.in_str = true;
                j + 1
            }
            b'\'' => {
                self.mark();
                char_literal_end(b, i)
            }
            _ => {
                self.mark();
                i + 1
            }
        }
    }
}

/// Past a char literal, lifetime or label at `i` (a char literal such as '"' must not open
/// a string).
fn char_literal_end(b: &[u8], mut i: usize) -> usize {
    if b.get(i + 1) == Some(&b'\\') {
        i += 2;
        while i < b.len() && b[i] != b'\'' && b[i] != b'\n' {
            i += 1;
        }
        i + 1
    } else if b.get(i + 2) == Some(&b'\'') {
        i + 3
    } else {
        i + 1
    }
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
