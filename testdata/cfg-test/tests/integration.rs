#[test]
fn it() {
    cfg_test::engine::run();
}
