pub fn d() -> usize {
    super::pathed::VALUE
}
