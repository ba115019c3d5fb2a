pub fn run(c: &crate::Config) -> usize {
    c.size
}
