pub fn a3() -> u32 {
    super::a1::a1()
        + super::a1::a1()
        + super::a2::a2()
        + super::a2::a2()
        + crate::util::log()
        + crate::util::log()
}
