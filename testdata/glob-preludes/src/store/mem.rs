pub fn write() -> u32 {
    0
}
