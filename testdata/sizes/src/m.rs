// Four code lines; this comment and the blank line are not code.

pub fn four() -> u32 {
    let x = 4;
    x
}
