//! Long names, to check that reports stay readable.

pub mod customer_core;
