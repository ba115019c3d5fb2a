pub fn io_value() -> u32 {
    1
}
