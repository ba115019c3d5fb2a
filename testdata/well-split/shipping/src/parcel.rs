use crate::carrier::{self, Carrier};
use catalog::Product;

pub struct Parcel {
    pub grams: u32,
    pub items: usize,
    pub carrier: Carrier,
}

pub fn pack(items: &[Product]) -> Parcel {
    let grams = items.iter().map(|p| p.grams).sum();
    Parcel {
        grams,
        items: items.len(),
        carrier: carrier::choose(grams),
    }
}

pub fn cost(p: &Parcel) -> u64 {
    carrier::rate(&p.carrier) * (p.grams as u64 / 1000 + 1)
}
