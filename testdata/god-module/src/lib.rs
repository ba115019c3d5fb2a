//! `editor` is the god module: big, used by every feature module, using the helpers.
//! `catalog` is one too, with a child module of its own (`catalog::item`): split already,
//! so no next step.

pub mod editor;
pub mod format;
pub mod io;
pub mod config;
pub mod orders;
pub mod billing;
pub mod shipping;
pub mod stock;
pub mod reports;
pub mod catalog;
