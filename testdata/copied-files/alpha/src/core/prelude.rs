//! The prelude: names every module of the crate imports.

pub use core::cmp::Ordering;
pub use core::fmt;
pub use core::mem;

pub fn order(a: u8, b: u8) -> Ordering {
    if a < b {
        Ordering::Less
    } else if a > b {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

pub fn swap(a: &mut u8, b: &mut u8) {
    mem::swap(a, b)
}
