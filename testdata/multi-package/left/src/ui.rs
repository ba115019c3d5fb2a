pub fn show() -> u32 {
    right::store::load()
}
