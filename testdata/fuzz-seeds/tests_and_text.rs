#!/usr/bin/env run-cargo-script
// Literals, comments, attributes, cfg(test) and unusual text.
/* block /* nested */ comment */
/// Doc comment with `code` and [links](crate::x).
pub fn text() -> (&'static str, &'static [u8], char, u8) {
    let raw = r#"a "quoted" {brace} [ ( "#;
    let bytes = br##"x"#"##;
    let _c = c"cstr";
    let esc = "tab\t quote\" slash\\ unicode\u{1F600} é";
    let _l = 'é';
    (raw, bytes, '\'', b'\n').0.len();
    (esc, b"bytes", 'x', b'"')
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn works() { assert_eq!(text().2, 'x'); }
}

#[cfg(all(test, feature = "slow"))]
fn helper() {}

#[cfg_attr(unix, path = "unix_impl.rs")]
#[cfg_attr(windows, path = "win_impl.rs")]
mod platform;

pub fn r#match(r#in: u32) -> u32 { r#in }
