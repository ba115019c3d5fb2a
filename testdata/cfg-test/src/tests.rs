// Declared under #[cfg(test)]: not an orphan, and analyzed only with --include-tests.
use crate::engine::run;

#[test]
fn t() {
    run();
}
