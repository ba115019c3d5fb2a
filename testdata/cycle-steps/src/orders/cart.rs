use crate::orders::refund::Refund;
use crate::util;

pub struct Cart {
    pub items: Vec<u64>,
    pub refunds: Vec<Refund>,
}

impl Cart {
    pub fn new() -> Cart {
        util::log("new cart");
        Cart { items: Vec::new(), refunds: Vec::new() }
    }
    pub fn total(&self) -> u64 {
        util::log(&util::stamp(self.items.len() as u64));
        self.items.iter().sum::<u64>() - self.refunds.iter().map(Refund::amount).sum::<u64>()
    }
}
