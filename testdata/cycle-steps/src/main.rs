//! An application with three kinds of module cycle: one across two clusters through the
//! shared kernel (`orders::checkout` → `billing::invoice` → `util` → `orders::checkout`),
//! one inside the shipping cluster (`shipping::rates` ↔ `shipping::zones`), and one between a
//! parent and its child (`shipping` ↔ `shipping::label`: the module tree).
mod billing;
mod orders;
mod shipping;
mod util;

fn main() {
    let cart = orders::cart::Cart::new();
    let total = orders::checkout::checkout(&cart);
    let label = shipping::label::Label::new(shipping::Carrier::Post);
    util::log(&format!("{total} {}", label.text()));
}
