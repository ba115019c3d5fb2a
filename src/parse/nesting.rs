//! The guard that keeps syn's recursive parser (and the recursive `Drop` of what it builds)
//! within the worker stack, in one byte scan before parsing.
//!
//! syn recurses once per nesting level, and not only at brackets: every prefix operator
//! (`&`, `*`, `!`, `-`, `&mut`, `*const`), every `<` of a generic or qualified path, every
//! closure (`||`, `|x|`), every right-associative `=` or `+=`, every `..`, `->`, `@`,
//! `return`/`break`/`yield`/`let` and every `if`/`match`/`while`/`for` written in the
//! condition of another one is a level; unbroken runs of them (`&&&&…u8`, `Option<Option<…`)
//! overflowed any stack. Left-associative chains (`a + b + …`, `x.f().g()…`, `x???…`,
//! `else if …`) parse in a loop but build trees as deep as they are long, which `Drop`
//! tears down recursively; they cost a sixty-fourth of a level each (measured: a level of
//! the costliest construct, `Option<`, takes 7.4 kB of stack in release and 51 kB in debug
//! builds; a chain link 64 and 127 bytes).
//!
//! The scan is an upper bound, not a parser: it counts, per bracket (and per `<…>`), the
//! levels opened since the last point where syn's recursion certainly returned to that
//! bracket's level — a `,` (outside closure parameters), `;`, `=>`, or a `}` followed by a
//! new statement. Operators count only where an operand is expected (`a & b` is a binary
//! `&`, `& b` a reference), so long flag unions and arithmetic do not add up. Real code
//! stays far below [`MAX_NESTING`]: the deepest file of the corpus (ripgrep, regex, tokio,
//! serde and syn families, tests included) reaches 69 levels (syn's `tests/test_item.rs`),
//! most stay under 20.

use super::tables::char_literal_end;

/// Deepest nesting admitted, in levels (see the module comment): a bracket, generic or
/// prefix operator is one, a chain link 1/64. The worker stack is sized for this many levels
/// of the costliest construct.
pub const MAX_NESTING: u32 = 1024;

/// Tokens one file may have (counted after data tables are blanked): above the largest real
/// files found (encoding_rs 0.8's 2.5 MB `data.rs`, 661k tokens; windows-sys 0.61's 910 kB
/// `SystemServices/mod.rs`, 187k; the corpus' largest, 49k), below what blows memory (a
/// syntax tree costs up to ~550 bytes per token, measured on call-heavy code: 1M tokens ≈
/// 550 MB, so two files at once stay within the 3 GiB the hostile tests allow).
pub const MAX_TOKENS: usize = 1_000_000;

/// Chain links per level.
const CHAIN: u32 = 64;

/// What the scan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Within the limits: the number of tokens and the deepest nesting (in levels).
    Fine { tokens: usize, depth: u32 },
    /// Nesting went over [`MAX_NESTING`] on `line`; the scan stopped there.
    TooDeep { line: u32 },
    /// More than [`MAX_TOKENS`] tokens; the scan stopped there.
    TooManyTokens,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Root,
    Paren,
    Bracket,
    Brace,
    Angle,
}

struct Frame {
    open: Open,
    /// Depth (in chain links) when the frame opened, itself included.
    base: u32,
    /// Levels opened in this frame since its last reset.
    run: u32,
    /// Chain links in this frame since its last reset.
    chain: u32,
    /// Inside `|...|` closure parameters, where a `,` does not end anything.
    params: bool,
    /// The run and chain before an `else if` condition: syn parses `else if` chains in a
    /// loop, so the condition's levels (and links) are over at its block's `{`.
    else_if: Option<(u32, u32)>,
}

struct Scanner {
    frames: Vec<Frame>,
    /// Whether the next token stands where an operand is expected.
    operand: bool,
    /// A `}` just closed: if a new statement follows, this frame's recursion is over.
    after_brace: bool,
    /// The previous token was `else` (an `if` after it is a chain link, not a level).
    after_else: bool,
    /// The previous token was a single `.`: `x.0.1` is two fields, not a number `0.1`.
    after_dot: bool,
    deepest: u32,
    line: u32,
    too_deep: bool,
    /// Tokens counted so far.
    tokens: usize,
}

impl Scanner {
    fn depth(&self) -> u32 {
        let f = self
            .frames
            .last()
            .map_or((0, 0, 0), |f| (f.base, f.run, f.chain));
        f.0.saturating_add(f.1.saturating_mul(CHAIN))
            .saturating_add(f.2)
    }

    fn note(&mut self) {
        let d = self.depth();
        self.deepest = self.deepest.max(d);
        if d > MAX_NESTING * CHAIN {
            self.too_deep = true;
        }
    }

    fn level(&mut self, n: u32) {
        if let Some(f) = self.frames.last_mut() {
            f.run = f.run.saturating_add(n);
        }
        self.note();
    }

    fn link(&mut self) {
        if let Some(f) = self.frames.last_mut() {
            f.chain = f.chain.saturating_add(1);
        }
        self.note();
    }

    fn push(&mut self, open: Open) {
        let base = self.depth().saturating_add(CHAIN);
        self.frames.push(Frame {
            open,
            base,
            run: 0,
            chain: 0,
            params: false,
            else_if: None,
        });
        self.note();
    }

    /// Drops the `<` frames above the innermost bracket: comparisons, not generics.
    fn drop_angles(&mut self) {
        while self.frames.len() > 1 && self.frames.last().is_some_and(|f| f.open == Open::Angle) {
            self.frames.pop();
        }
    }

    /// A statement or list element ended at this bracket's level.
    fn reset(&mut self) {
        self.drop_angles();
        if let Some(f) = self.frames.last_mut() {
            f.run = 0;
            f.chain = 0;
            f.params = false;
            f.else_if = None;
        }
    }

    fn comma(&mut self) {
        if let Some(f) = self.frames.last_mut() {
            if f.open == Open::Angle || !f.params {
                f.run = 0;
                f.chain = 0;
            }
        }
    }

    fn close(&mut self, open: Open) {
        if let Some(at) = self.frames.iter().rposition(|f| f.open == open) {
            if at > 0 {
                self.frames.truncate(at);
            }
        }
    }

    fn close_angle(&mut self) -> bool {
        if self.frames.len() > 1 && self.frames.last().is_some_and(|f| f.open == Open::Angle) {
            self.frames.pop();
            return true;
        }
        false
    }

    fn in_params(&self) -> bool {
        self.frames.last().is_some_and(|f| f.params)
    }

    fn set_params(&mut self, on: bool) {
        if let Some(f) = self.frames.last_mut() {
            f.params = on;
        }
    }
}

/// Keywords that take an operand after them (`return -x`, `as *const T`, `in &v`).
fn takes_operand(word: &[u8]) -> bool {
    matches!(
        word,
        b"as"
            | b"async"
            | b"box"
            | b"break"
            | b"become"
            | b"const"
            | b"dyn"
            | b"else"
            | b"enum"
            | b"extern"
            | b"fn"
            | b"for"
            | b"if"
            | b"impl"
            | b"in"
            | b"let"
            | b"loop"
            | b"match"
            | b"mod"
            | b"move"
            | b"mut"
            | b"pub"
            | b"raw"
            | b"ref"
            | b"return"
            | b"static"
            | b"struct"
            | b"trait"
            | b"type"
            | b"unsafe"
            | b"use"
            | b"where"
            | b"while"
            | b"yield"
            | b"try"
    )
}

/// Keywords whose operand is a level of syn's recursion.
fn opens_level(word: &[u8]) -> bool {
    matches!(
        word,
        b"return"
            | b"break"
            | b"yield"
            | b"become"
            | b"let"
            | b"box"
            | b"dyn"
            | b"impl"
            | b"if"
            | b"while"
            | b"for"
            | b"match"
    )
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

/// Past the identifier bytes from `i` on.
#[inline]
fn ident_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_ident_byte(b[i]) {
        i += 1;
    }
    i
}

/// Scans `text` (after data tables are blanked) for its nesting and its number of tokens.
pub fn scan(text: &str) -> Verdict {
    let b = text.as_bytes();
    let mut s = Scanner::new();
    let mut i = 0;
    while i < b.len() {
        if let Some(next) = s.skip_trivia(b, i) {
            i = next;
            continue;
        }
        s.tokens += 1;
        if s.tokens > MAX_TOKENS {
            return Verdict::TooManyTokens;
        }
        i = s.token(b, i);
        if s.too_deep {
            return Verdict::TooDeep { line: s.line };
        }
    }
    // Doc comments are counted where they are skipped: a file of nothing else ends here.
    if s.tokens > MAX_TOKENS {
        return Verdict::TooManyTokens;
    }
    Verdict::Fine {
        tokens: s.tokens,
        depth: s.deepest.div_ceil(CHAIN),
    }
}

impl Scanner {
    /// A scanner at the start of a file: the root frame, an operand expected.
    fn new() -> Self {
        Scanner {
            frames: vec![Frame {
                open: Open::Root,
                base: 0,
                run: 0,
                chain: 0,
                params: false,
                else_if: None,
            }],
            operand: true,
            after_brace: false,
            after_else: false,
            after_dot: false,
            deepest: 0,
            line: 1,
            too_deep: false,
            tokens: 0,
        }
    }

    /// Past the whitespace or comment at `i` (whitespace and comments are no tokens), or
    /// `None` when a token starts there.
    #[inline]
    fn skip_trivia(&mut self, b: &[u8], i: usize) -> Option<usize> {
        match b[i] {
            b'\n' => {
                self.line += 1;
                Some(i + 1)
            }
            b' ' | b'\t' | b'\r' => {
                // Indentation comes in runs.
                let mut j = i + 1;
                while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
                    j += 1;
                }
                Some(j)
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                // A doc comment is an attribute to syn: a few tokens, no nesting.
                if matches!(b.get(i + 2), Some(b'/' | b'!')) {
                    self.tokens += 4;
                }
                Some(
                    b[i..]
                        .iter()
                        .position(|&c| c == b'\n')
                        .map_or(b.len(), |p| i + p),
                )
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                if matches!(b.get(i + 2), Some(b'*' | b'!')) {
                    self.tokens += 4;
                }
                let end = super::tables::block_comment_end(b, i);
                self.line += b[i..end].iter().filter(|&&c| c == b'\n').count() as u32;
                Some(end)
            }
            _ => None,
        }
    }

    /// Reads the token starting at `i` (already counted) and returns where it ends.
    fn token(&mut self, b: &[u8], i: usize) -> usize {
        let c = b[i];
        let brace_before = std::mem::take(&mut self.after_brace);
        let else_before = std::mem::take(&mut self.after_else);
        let dot_before = std::mem::take(&mut self.after_dot);
        if is_ident_byte(c) && !c.is_ascii_digit() {
            return self.word(b, i, brace_before, else_before);
        }
        match c {
            b'0'..=b'9' => {
                self.operand = false;
                number_end(b, i, !dot_before)
            }
            b'"' => {
                self.operand = false;
                string_end(b, i, &mut self.line)
            }
            b'\'' => self.quote(b, i, brace_before),
            _ => {
                if brace_before && c == b'#' {
                    self.reset();
                }
                let len = self.punct(b, i);
                // Multi-byte punctuation is as many tokens to syn.
                self.tokens += len - 1;
                i + len
            }
        }
    }

    /// An identifier, keyword or literal that starts like one, at `start`; returns its end.
    fn word(&mut self, b: &[u8], start: usize, brace_before: bool, else_before: bool) -> usize {
        let i = ident_end(b, start);
        let word = &b[start..i];
        if let Some(end) = self.prefixed_end(b, i, word) {
            self.plain_operand(brace_before);
            return end;
        }
        if brace_before && word != b"as" && word != b"else" {
            self.reset();
        }
        if word == b"else" {
            self.after_else = true;
            self.link();
        } else if word == b"as" {
            self.link();
        } else if word == b"if" && else_before {
            if let Some(f) = self.frames.last_mut() {
                f.else_if = Some((f.run, f.chain));
            }
        } else if opens_level(word) {
            self.level(1);
        }
        self.operand = takes_operand(word);
        i
    }

    /// Past a prefixed literal (`b"..."`, `br#"..."#`, `c"..."`, `r"..."`, `b'x'`) or a raw
    /// identifier (`r#ident`) whose prefix `word` ends at `i`, if one is there.
    fn prefixed_end(&mut self, b: &[u8], i: usize, word: &[u8]) -> Option<usize> {
        if matches!(word, b"b" | b"c" | b"r" | b"br" | b"cr") {
            if let Some(end) = prefixed_literal_end(b, i, word, &mut self.line) {
                return Some(end);
            }
        }
        let raw_ident = word == b"r"
            && b.get(i) == Some(&b'#')
            && b.get(i + 1).is_some_and(|&x| is_ident_byte(x));
        raw_ident.then(|| ident_end(b, i + 1))
    }

    /// A literal or plain identifier: a new statement if a `}` came before, no operand next.
    fn plain_operand(&mut self, brace_before: bool) {
        if brace_before {
            self.reset();
        }
        self.operand = false;
    }

    /// A char literal, lifetime or label at `i`; returns its end.
    fn quote(&mut self, b: &[u8], i: usize, brace_before: bool) -> usize {
        match char_literal_end(b, i) {
            Some(end) => {
                self.operand = false;
                end
            }
            None => {
                // A lifetime or label: `&'a &'b T` still expects an operand.
                if brace_before {
                    self.reset();
                }
                self.operand = true;
                ident_end(b, i + 1)
            }
        }
    }

    /// Punctuation at `i`, longest match first; returns its length in bytes.
    fn punct(&mut self, b: &[u8], i: usize) -> usize {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let next2 = b.get(i + 2).copied();
        let operand = self.operand;
        self.operand = true;
        match c {
            b'(' | b'[' => {
                if !operand {
                    // A call or an index: a chain link.
                    self.link();
                }
                self.push(if c == b'(' {
                    Open::Paren
                } else {
                    Open::Bracket
                });
                1
            }
            b'{' => {
                self.open_block(operand);
                1
            }
            b')' | b']' | b'}' => {
                self.close(match c {
                    b')' => Open::Paren,
                    b']' => Open::Bracket,
                    _ => Open::Brace,
                });
                self.after_brace = c == b'}';
                self.operand = false;
                1
            }
            b';' => {
                self.reset();
                1
            }
            b',' => {
                self.comma();
                1
            }
            b'?' => {
                self.link();
                self.operand = false;
                1
            }
            b'.' => self.dot(next, next2),
            b'=' => self.equals(next),
            b'<' => self.less(next, next2),
            b'>' => self.greater(next, next2),
            b'-' | b'&' => self.minus_or_ampersand(c, next, operand),
            b'|' => self.pipe(next, operand),
            b'*' | b'!' | b'+' | b'/' | b'%' | b'^' => self.arithmetic(c, next, operand),
            b'@' => {
                self.level(1);
                1
            }
            // An inner attribute's `#!`: no `!` operator.
            b'#' if next == Some(b'!') => 2,
            b':' if next == Some(b':') => 2,
            _ => 1,
        }
    }

    /// A `{`: after an operand, ends what angles and `else if` conditions held open.
    fn open_block(&mut self, operand: bool) {
        if !operand {
            // `if a < b {`: what is still open in angles was a comparison.
            self.drop_angles();
            if let Some(f) = self.frames.last_mut() {
                if let Some((run, chain)) = f.else_if.take() {
                    f.run = run;
                    f.chain = chain;
                }
            }
        }
        self.push(Open::Brace);
    }

    /// A prefix operator (a level) where an operand is expected, a binary one (a chain link)
    /// after one.
    #[inline]
    fn prefix_or_link(&mut self, operand: bool, levels: u32) {
        if operand {
            self.level(levels);
        } else {
            self.link();
        }
    }

    /// `.`, `..`, `...` or `..=`; returns its length.
    fn dot(&mut self, next: Option<u8>, next2: Option<u8>) -> usize {
        if next != Some(b'.') {
            self.link();
            self.after_dot = true;
            return 1;
        }
        self.level(1);
        if next2 == Some(b'.') || next2 == Some(b'=') {
            3
        } else {
            2
        }
    }

    /// `=>`, `==` or `=`; returns its length.
    fn equals(&mut self, next: Option<u8>) -> usize {
        match next {
            Some(b'>') => {
                self.reset();
                2
            }
            Some(b'=') => {
                self.link();
                2
            }
            _ => {
                self.level(1);
                1
            }
        }
    }

    /// `<<=`, `<<`, `<=` or `<`; returns its length.
    fn less(&mut self, next: Option<u8>, next2: Option<u8>) -> usize {
        match (next, next2) {
            (Some(b'<'), Some(b'=')) => {
                self.level(1);
                3
            }
            (Some(b'<'), _) => {
                self.push(Open::Angle);
                self.push(Open::Angle);
                2
            }
            (Some(b'='), _) => {
                self.link();
                2
            }
            _ => {
                self.push(Open::Angle);
                1
            }
        }
    }

    /// `>>=`, `>>`, `>=` or `>`: closes angles where some are open; returns its length.
    fn greater(&mut self, next: Option<u8>, next2: Option<u8>) -> usize {
        match (next, next2) {
            (Some(b'>'), Some(b'=')) => {
                self.close_angle();
                self.close_angle();
                self.level(1);
                3
            }
            (Some(b'>'), _) => {
                let closed = self.close_angle() | self.close_angle();
                if !closed {
                    self.link();
                }
                2
            }
            (Some(b'='), _) => {
                if self.close_angle() {
                    self.level(1);
                } else {
                    self.link();
                }
                2
            }
            _ => {
                if !self.close_angle() {
                    self.link();
                }
                1
            }
        }
    }

    /// `->`, `-=`, `-`, `&&`, `&=` or `&` (`c` is `-` or `&`); returns its length.
    fn minus_or_ampersand(&mut self, c: u8, next: Option<u8>, operand: bool) -> usize {
        match next {
            Some(b'>') if c == b'-' => {
                self.level(1);
                2
            }
            Some(b'&') if c == b'&' => {
                self.prefix_or_link(operand, 2);
                2
            }
            Some(b'=') => {
                self.level(1);
                2
            }
            _ => {
                self.prefix_or_link(operand, 1);
                1
            }
        }
    }

    /// `||`, `|=` or `|`, opening or closing closure parameters; returns its length.
    fn pipe(&mut self, next: Option<u8>, operand: bool) -> usize {
        let params = self.in_params();
        match next {
            Some(b'|') if !params => {
                self.prefix_or_link(operand, 1);
                2
            }
            Some(b'=') if !params => {
                self.level(1);
                2
            }
            _ => {
                if params {
                    self.set_params(false);
                } else if operand {
                    self.level(1);
                    self.set_params(true);
                } else {
                    self.link();
                }
                1
            }
        }
    }

    /// `*`, `!`, `+`, `/`, `%` or `^`, alone or before `=`; returns its length.
    fn arithmetic(&mut self, c: u8, next: Option<u8>, operand: bool) -> usize {
        if next == Some(b'=') {
            if c == b'!' {
                self.link();
            } else {
                self.level(1);
            }
            return 2;
        }
        if operand && matches!(c, b'*' | b'!') {
            self.level(1);
        } else if c == b'!' {
            // `m!`: a macro's bang, not an operator.
            self.operand = false;
        } else {
            self.link();
        }
        1
    }
}

/// Past a literal whose prefix `word` ends at `i` (`b"..."`, `br#"..."#`, `b'x'`, `c"..."`,
/// `r"..."`), or `None` when no literal starts there.
fn prefixed_literal_end(b: &[u8], i: usize, word: &[u8], line: &mut u32) -> Option<usize> {
    let raw = word.ends_with(b"r");
    match b.get(i) {
        Some(b'"') if !raw => Some(string_end(b, i, line)),
        Some(b'\'') if word == b"b" => char_literal_end(b, i),
        Some(b'"' | b'#') if raw => {
            let mut j = i;
            while b.get(j) == Some(&b'#') {
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                return None;
            }
            let hashes = j - i;
            j += 1;
            while j < b.len() {
                if b[j] == b'\n' {
                    *line += 1;
                }
                if b[j] == b'"'
                    && b[j + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&x| x == b'#')
                        .count()
                        == hashes
                {
                    return Some(j + 1 + hashes);
                }
                j += 1;
            }
            Some(b.len())
        }
        _ => None,
    }
}

/// Past the closing quote of the string opened at `i`, counting its line breaks.
fn string_end(b: &[u8], i: usize, line: &mut u32) -> usize {
    let end = super::tables::string_end(b, i);
    *line += b[i..end].iter().filter(|&&c| c == b'\n').count() as u32;
    end
}

/// Past a number: digits, suffix, fraction and exponent (`0x1F`, `1_000u32`, `1.5e-3`).
fn number_end(b: &[u8], mut i: usize, fraction: bool) -> usize {
    let hex = b.get(i) == Some(&b'0') && matches!(b.get(i + 1), Some(b'x' | b'X'));
    while i < b.len() {
        let c = b[i];
        let part = c.is_ascii_alphanumeric()
            || c == b'_'
            || (fraction && c == b'.' && b.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
            || (matches!(c, b'+' | b'-') && !hex && matches!(b[i - 1], b'e' | b'E'));
        if !part {
            break;
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(text: &str) -> u32 {
        match scan(text) {
            Verdict::Fine { depth, .. } => depth,
            other => panic!("{other:?}"),
        }
    }

    fn too_deep(text: &str) -> bool {
        matches!(scan(text), Verdict::TooDeep { .. })
    }

    #[test]
    fn runs_of_nesting_tokens_count_as_levels() {
        let n = MAX_NESTING as usize + 1;
        for (head, tail) in [
            ("type T = ", "&"),
            ("type T = ", "*const "),
            ("type T = ", "*mut "),
            ("type T = ", "&mut "),
            ("type T = ", "&'a "),
            ("type T = ", "Option<"),
            ("type T = ", "fn() -> "),
            ("type T = ", "impl Fn() -> "),
            ("type T = ", "<T as "),
            ("fn f() { ", "!"),
            ("fn f() { ", "-"),
            ("fn f() { ", "*"),
            ("fn f() { ", "&"),
            ("fn f() { ", "a = "),
            ("fn f() { ", "a += "),
            ("fn f() { ", "|| "),
            ("fn f() { ", "|a, b| "),
            ("fn f() { ", "move |a| "),
            ("fn f() { ", ".. "),
            ("fn f() { ", "return "),
            ("fn f() { ", "break "),
            ("fn f() { ", "let a = "),
            ("fn f() { ", "if "),
            ("fn f() { ", "match "),
            ("fn f() { let ", "a @ "),
            ("fn f() { let ", "box "),
            ("fn f() { ", "(a, "),
            ("fn f() { ", "{ a; "),
            ("fn f() { a = ", "{} = "),
        ] {
            let text = format!("{head}{}x", tail.repeat(n));
            assert!(too_deep(&text), "{tail:?}");
            let text = format!("{head}{}x", tail.repeat(n / 8));
            assert!(!too_deep(&text), "{tail:?} at {}", n / 8);
        }
    }

    #[test]
    fn long_chains_count_a_fraction() {
        let n = (MAX_NESTING * CHAIN) as usize + 1;
        for link in [
            " + x",
            ".f()",
            "?",
            ".0",
            " as u8",
            "()",
            "[0]",
            " else if a {}",
        ] {
            let text = format!("fn f() {{ x{}; }}", link.repeat(n));
            assert!(too_deep(&text), "{link:?}");
            let text = format!("fn f() {{ x{}; }}", link.repeat(n / 8));
            assert!(!too_deep(&text), "{link:?}");
        }
    }

    #[test]
    fn lists_statements_and_binary_operators_do_not_add_up() {
        let many = |s: &str| s.repeat(5000);
        for text in [
            format!("const A: &[&u8] = &[{}];", many("&X, ")),
            format!("fn f() {{ {} }}", many("let a = &b;\n")),
            format!("fn f() {{ {} }}", many("for x in &v {}\n")),
            format!("fn f() {{ {} }}", many("if a < b { c() }\n")),
            format!("fn f() {{ x = {} 1; }}", "a | b & c * d - ".repeat(100)),
            format!(
                "fn f() {{ match x {{ {} }} }}",
                many("&A | B if a < b => c,\n")
            ),
            many("impl<T: A<B>> C for &D<T> where T: E {}\n"),
            format!("fn f() {{ {} }}", many("g(|a, b| a < b);\n")),
            format!(
                "fn f() {{ if a {{}} {} }}",
                "else if a < b {} ".repeat(2000)
            ),
            format!("fn f() {{ if a {{}} {} }}", "else if !&a {} ".repeat(2000)),
            format!(
                "fn f() {{ if a {{}} {} }}",
                "else if let Some(&x) = y {} ".repeat(2000)
            ),
        ] {
            assert!(depth(&text) < 40, "{}: {}", &text[..40], depth(&text));
        }
    }

    #[test]
    fn strings_comments_chars_and_lifetimes_are_skipped() {
        let text = "fn f<'a>(x: &'a u8) -> char { let s = \"&&&&((((\"; /* <<<< */ // &&&&\n let c = '&'; let r = r#\"&&&\"#; let b = b'<'; 'l: loop {} }";
        assert!(depth(text) < 8, "{}", depth(text));
        let Verdict::Fine { tokens, .. } = scan("a + b;") else {
            panic!()
        };
        assert_eq!(tokens, 4);
    }

    #[test]
    fn tokens_are_capped_doc_comments_included() {
        let n = MAX_TOKENS / 2 + 1;
        assert_eq!(scan(&"a,".repeat(n)), Verdict::TooManyTokens);
        assert_eq!(scan(&"///\n".repeat(n / 2 + 1)), Verdict::TooManyTokens);
        assert!(matches!(scan(&"a,".repeat(n - 2)), Verdict::Fine { .. }));
    }

    #[test]
    fn inner_attributes_are_not_negations() {
        let text = format!("{}fn f() {{}}", "#![allow(x)]\n".repeat(5000));
        assert!(depth(&text) < 4, "{}", depth(&text));
    }

    #[test]
    fn the_line_of_the_excess_is_reported() {
        let text = format!("fn f() {{}}\n\nfn g() {{ {}x; }}", "!".repeat(5000));
        assert_eq!(scan(&text), Verdict::TooDeep { line: 3 });
    }
}
