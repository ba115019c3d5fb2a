// Café: Latin-1 bytes, not UTF-8.
pub const NAME: &str = "café";
pub fn name() -> &'static str {
    NAME
}
