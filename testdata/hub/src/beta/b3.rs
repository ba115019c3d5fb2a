pub fn b3() -> u32 {
    super::b1::b1()
        + super::b1::b1()
        + super::b2::b2()
        + super::b2::b2()
        + crate::util::log()
        + crate::util::log()
}
