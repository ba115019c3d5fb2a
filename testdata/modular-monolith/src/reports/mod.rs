pub mod reports_model;
pub mod reports_rules;
pub mod reports_store;
