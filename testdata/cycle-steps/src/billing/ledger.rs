use crate::billing::tax::{rate, Rate};
use crate::util;

pub struct Ledger {
    pub balance: u64,
}

pub fn post(amount: u64, percent: u64) -> Ledger {
    util::log("post");
    let r: Rate = rate(amount);
    Ledger { balance: amount + percent + r.percent }
}
