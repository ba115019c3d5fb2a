pub fn fixture() -> u32 {
    1
}

#[test]
fn free_test() {
    // Only with --include-tests: support → engine.
    crate::engine::run();
}
