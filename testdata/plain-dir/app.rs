// No Cargo.toml and no lib.rs: every file is a top-level module.
use crate::util::helper;

pub fn run() -> u32 {
    helper()
}
pub fn run2() -> u32 {
    0
}
