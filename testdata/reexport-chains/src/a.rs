// Re-exports of re-exports; `b` brings both meanings of `c::d` along.
pub use crate::c::d as b;
pub use crate::c::D as B;
pub use crate::c::*;
