pub fn pid() -> u32 {
    crate::engine::run()
}
