//! modular-monolith: generated fixture.
pub mod accounts;
pub mod billing;
pub mod catalog;
pub mod orders;
pub mod reports;
pub mod shipping;
pub mod stock;
