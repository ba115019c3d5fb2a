//! alpha: keeps three files that beta keeps too; only the hand-written copy is a finding.

pub mod scan;
pub mod tables;

// A rustdoc workaround: documentation builds alone compile this copy of beta's prelude.
#[cfg(docsrs)]
#[path = "core/prelude.rs"]
mod prelude;

pub fn first_digit(s: &str) -> Option<usize> {
    scan::find(s.as_bytes(), |b| tables::DIGITS.contains(&b))
}
