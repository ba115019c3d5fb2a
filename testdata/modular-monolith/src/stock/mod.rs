pub mod stock_model;
pub mod stock_rules;
pub mod stock_store;
