//! End-to-end checks across the domains: test code, not the product.
use billing::invoice::Invoice;
use billing::payment::{self, Method};
use catalog::price;
use catalog::Product;
use shipping::parcel;
use shipping::route::Route;

pub fn order_round_trip() -> bool {
    let items = vec![Product::new(1, "lamp", 900, 2_500), Product::new(2, "desk", 25_000, 19_900)];
    let mut inv = Invoice::new(1);
    for p in &items {
        inv.add(price::of(p.price.cents));
    }
    let paid = payment::pay(&mut inv, Method::Card);
    let parcel = parcel::pack(&items);
    let mut route = Route::new(&["depot", "customer"]);
    let cost = parcel::cost(&parcel);
    route.parcels.push(parcel);
    paid.cents > 0 && route.cost() == cost && payment::outstanding(&[inv]) == 0
}
