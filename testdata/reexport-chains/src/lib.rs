//! `pub use` chains: `a::b` re-exports `c::d`, which re-exports `e::f`. Every reference lands
//! on the module that defines the item (`e`), whatever name it is reached by.
pub mod a;
pub mod c;
pub mod e;
pub mod user;
