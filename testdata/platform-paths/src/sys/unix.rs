pub fn page_size() -> u32 {
    4096
}
