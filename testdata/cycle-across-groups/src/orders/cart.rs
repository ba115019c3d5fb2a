pub fn cart() -> u32 {
    super::checkout::checkout()
        + super::checkout::checkout()
        + super::checkout::checkout()
        + super::checkout::checkout()
        + super::refund::refund()
        + super::refund::refund()
        + super::refund::refund()
        + super::refund::refund()
}
