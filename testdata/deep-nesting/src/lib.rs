//! Pathological nesting: each file becomes a diagnostic, never a crash.
pub mod parens;
pub mod unary;
pub mod binary;
pub mod generics;
pub mod fine;
