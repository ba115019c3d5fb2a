pub const VALUE: u8 = 1;
