pub fn a() -> u32 {
    1
}
