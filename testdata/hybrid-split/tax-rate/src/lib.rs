//! tax-rate: one function, no state, used by every other crate.

pub fn rate(cents: u64) -> u64 {
    let percent = match cents % 4 {
        0 => 20,
        1 => 7,
        2 => 19,
        _ => 10,
    };
    cents * percent / 100
}
