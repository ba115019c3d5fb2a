pub mod b1;
pub mod b2;
pub mod b3;
