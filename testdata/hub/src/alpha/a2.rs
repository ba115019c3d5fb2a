pub fn a2() -> u32 {
    super::a1::a1()
        + super::a1::a1()
        + super::a3::a3()
        + super::a3::a3()
        + crate::util::log()
        + crate::util::log()
}
