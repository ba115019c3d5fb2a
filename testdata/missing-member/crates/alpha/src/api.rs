pub fn call() -> u8 {
    beta::VALUE
}
