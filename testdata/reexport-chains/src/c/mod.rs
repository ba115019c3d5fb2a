// `d` is bound twice: a module, and the function `e::f` renamed.
pub mod d;

pub use super::e::f as d;
pub use super::e::{F as D, LIMIT};
