//! ledger: generated fixture.
pub mod ledger_core;
