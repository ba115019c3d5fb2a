pub fn f() -> u32 {
    1
}

pub struct F {
    pub n: u32,
}

pub const LIMIT: u32 = 3;
