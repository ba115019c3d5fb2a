pub mod billing_model;
pub mod billing_rules;
pub mod billing_store;
