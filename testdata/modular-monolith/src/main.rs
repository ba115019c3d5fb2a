fn main() {
    println!("{}", modular_monolith::orders::orders_rules::orders_rules_0(1));
}
