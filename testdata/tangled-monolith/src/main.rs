fn main() {
    println!("{}", tangled_monolith::part0::part0_0(1));
}
