pub fn width() -> u32 {
    16
}
