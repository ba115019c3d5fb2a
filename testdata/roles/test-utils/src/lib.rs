pub fn fixture() -> u32 { 7 }
