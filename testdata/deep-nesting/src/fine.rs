pub struct Leaf;

pub fn yes() -> bool {
    true
}

pub fn one() -> u32 {
    1
}
