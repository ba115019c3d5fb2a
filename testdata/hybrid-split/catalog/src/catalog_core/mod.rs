pub mod catalog_model;
pub mod catalog_logic;
pub mod catalog_store;
pub mod catalog_api;
