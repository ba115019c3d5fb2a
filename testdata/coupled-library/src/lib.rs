//! grammar: a library modelling a small recursive language, linked by its users.

pub mod expr;
pub mod generics;
pub mod path;
pub mod pat;
pub mod ty;

pub use expr::Expr;
pub use ty::Type;
