//! storefront: generated fixture.
pub mod storefront_core;
