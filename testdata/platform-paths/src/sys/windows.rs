pub fn page_size() -> u32 {
    crate::fallback::width()
}
