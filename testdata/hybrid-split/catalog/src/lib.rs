//! catalog: generated fixture.
pub mod catalog_core;
