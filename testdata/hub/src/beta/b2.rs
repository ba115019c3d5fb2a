pub fn b2() -> u32 {
    super::b1::b1()
        + super::b1::b1()
        + super::b3::b3()
        + super::b3::b3()
        + crate::util::log()
        + crate::util::log()
}
