use crate::billing::ledger::{post, Ledger};
use crate::billing::tax::{rate, Rate};
use crate::util;

pub struct Invoice {
    pub total: u64,
}

pub fn invoice(amount: u64, refunded: u64) -> Invoice {
    util::log(&util::stamp(util::last_order()));
    let r: Rate = rate(amount);
    let l: Ledger = post(amount - refunded, r.percent);
    Invoice { total: l.balance + r.percent }
}
