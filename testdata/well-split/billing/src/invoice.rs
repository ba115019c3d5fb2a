use crate::tax;
use catalog::price::{self, Price};

pub struct Invoice {
    pub number: u64,
    pub lines: Vec<Price>,
    pub paid: bool,
}

impl Invoice {
    pub fn new(number: u64) -> Invoice {
        Invoice {
            number,
            lines: Vec::new(),
            paid: false,
        }
    }

    pub fn add(&mut self, p: Price) {
        self.lines.push(p);
    }

    pub fn net(&self) -> Price {
        let copy: Vec<Price> = self.lines.iter().map(|p| price::of(p.cents)).collect();
        price::total(&copy)
    }

    pub fn gross(&self) -> u64 {
        let net = self.net().cents;
        net + tax::due(net)
    }
}
