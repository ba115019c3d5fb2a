pub mod catalog_model;
pub mod catalog_rules;
pub mod catalog_store;
