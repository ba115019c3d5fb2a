pub fn value() -> u32 {
    crate::syntax_error::ok();
    crate::missing::nothing();
    2
}
