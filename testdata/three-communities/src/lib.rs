//! Three groups of modules that call each other a lot, joined by one thin call each.
pub mod billing;
pub mod catalog;
pub mod shipping;
