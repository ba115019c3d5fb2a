fn main() {
    let _ = core::Order { id: 0 };
}
