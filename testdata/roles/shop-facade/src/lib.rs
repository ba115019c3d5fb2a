//! One crate to depend on.
pub use core::*;
pub use shop_derive::nothing;
