pub fn format_value() -> u32 {
    1
}
