//! beta: the same scan, table and prelude as alpha, each kept for its own reason.

pub mod prelude;
pub mod scan;
pub mod tables;

pub fn first_space(s: &str) -> Option<usize> {
    scan::find(s.as_bytes(), |b| b == b' ' && !tables::DIGITS.contains(&b))
}
