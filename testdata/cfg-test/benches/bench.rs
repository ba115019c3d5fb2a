fn main() {
    cfg_test::support::fixture();
}
