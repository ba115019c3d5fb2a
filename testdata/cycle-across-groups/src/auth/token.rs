pub fn token() -> u32 {
    1
}
