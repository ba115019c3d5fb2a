pub mod accounts_model;
pub mod accounts_rules;
pub mod accounts_store;
