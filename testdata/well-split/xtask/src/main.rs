//! `cargo xtask price-list`: prints the catalog's prices (tooling, not the product).
use catalog::price;
use catalog::search;
use catalog::Product;

fn main() {
    let all = vec![Product::new(1, "lamp", 900, 2_500), Product::new(2, "desk", 25_000, 19_900)];
    for p in search::by_name(&all, "") {
        println!("{} {}", p.name, price::discount(&p.price, 0).cents);
    }
    println!("total {}", search::value(&all).cents);
}
