fn main() {
    println!("{}", order_format::order_format_0(1) + order_format::order_format_1(2) + order_format::order_format_2(3));
}
