use crate::price::{self, Price};
use crate::product::Product;

pub fn by_name<'a>(all: &'a [Product], word: &str) -> Vec<&'a Product> {
    all.iter().filter(|p| p.name.contains(word)).collect()
}

pub fn cheaper_than<'a>(all: &'a [Product], limit: &Price) -> Vec<&'a Product> {
    all.iter().filter(|p| p.price.cents < limit.cents).collect()
}

pub fn value(all: &[Product]) -> Price {
    let prices: Vec<Price> = all.iter().map(|p| price::of(p.price.cents)).collect();
    price::total(&prices)
}

pub fn heaviest(all: &[Product]) -> Option<&Product> {
    all.iter().max_by_key(|p| p.grams)
}
