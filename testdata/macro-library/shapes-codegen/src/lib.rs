//! shapes-codegen: the code `#[derive(Area)]` writes, kept apart from the macro crate.

pub mod expand;
