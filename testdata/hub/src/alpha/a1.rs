pub fn a1() -> u32 {
    super::a2::a2()
        + super::a2::a2()
        + super::a3::a3()
        + super::a3::a3()
        + crate::util::log()
        + crate::util::log()
}
