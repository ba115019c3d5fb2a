extern crate libc;

pub mod net;
pub mod util;
