use crate::util;

pub struct Rate {
    pub percent: u64,
}

pub fn rate(amount: u64) -> Rate {
    util::log("rate");
    Rate { percent: amount / 5 }
}
