pub fn run() -> u32 {
    1
}

#[cfg(test)]
mod tests {
    // Only with --include-tests: engine::tests → support.
    use crate::support::fixture;

    #[test]
    fn runs() {
        assert_eq!(super::run(), fixture());
    }
}
