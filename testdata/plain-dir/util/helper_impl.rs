pub fn helper() -> u32 {
    crate::app::run2()
}
