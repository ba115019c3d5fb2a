pub fn config_value() -> u32 {
    1
}
