use crate::price::{self, Price};

pub struct Product {
    pub id: u64,
    pub name: String,
    pub grams: u32,
    pub price: Price,
}

impl Product {
    pub fn new(id: u64, name: &str, grams: u32, cents: u64) -> Product {
        Product {
            id,
            name: name.to_string(),
            grams,
            price: price::of(cents),
        }
    }

    pub fn discounted(&self, percent: u64) -> Price {
        price::discount(&self.price, percent)
    }
}
