fn main() {
    let _ = core::Order { id: 3 };
}
