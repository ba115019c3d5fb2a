use crate::util;

pub struct Refund {
    pub amount: u64,
}

impl Refund {
    pub fn amount(&self) -> u64 {
        self.amount
    }
    pub fn of(total: u64) -> Refund {
        util::log("refund");
        Refund { amount: total / 10 }
    }
}
