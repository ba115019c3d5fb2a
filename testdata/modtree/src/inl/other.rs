pub const VALUE: usize = 3;
