pub fn widget() -> u32 {
    2
}
