pub fn count() -> u32 {
    2
}
