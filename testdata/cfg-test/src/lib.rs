pub mod engine;
pub mod support;

#[cfg(test)]
mod tests;

#[cfg(all(test, feature = "slow"))]
mod slow_tests {
    use crate::support::fixture;
    #[test]
    fn t() {
        fixture();
    }
}

// Not test-only: an unknown cfg is kept (archsplit analyzes code for every platform).
#[cfg(unix)]
pub mod unix_only;
