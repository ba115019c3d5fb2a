//! The shared kernel: every module logs through it. One helper reaches back into orders.

pub fn log(message: &str) {
    println!("{message}");
}

pub fn stamp(id: u64) -> String {
    format!("#{id}")
}

/// The one reference back: closes the cycle through the kernel.
pub fn last_order() -> u64 {
    crate::orders::checkout::LAST_ORDER
}
