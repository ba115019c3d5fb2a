// Lexes but does not parse: its `mod` declarations and paths are still recovered.
pub mod after;

pub fn f() {
    let = crate::good::fine();
}
