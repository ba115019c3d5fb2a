//! Long names, to check that reports stay readable.

pub mod billing_core;
