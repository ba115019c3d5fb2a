fn main() {
    cfg_test::engine::run();
}
