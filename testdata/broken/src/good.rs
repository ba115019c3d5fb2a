pub fn fine() -> u32 {
    crate::uses_broken::value()
}
