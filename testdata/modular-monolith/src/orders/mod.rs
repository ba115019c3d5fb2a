pub mod orders_model;
pub mod orders_rules;
pub mod orders_store;
