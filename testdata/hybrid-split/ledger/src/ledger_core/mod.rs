pub mod ledger_model;
pub mod ledger_logic;
pub mod ledger_store;
pub mod ledger_api;
