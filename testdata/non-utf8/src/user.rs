pub fn greet() -> &'static str {
    crate::latin1::name()
}
