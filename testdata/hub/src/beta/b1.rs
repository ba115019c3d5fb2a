pub fn b1() -> u32 {
    super::b2::b2()
        + super::b2::b2()
        + super::b3::b3()
        + super::b3::b3()
        + crate::util::log()
        + crate::util::log()
}
