pub fn refund() -> u32 {
    1
}
