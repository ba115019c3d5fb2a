pub mod storefront_model;
pub mod storefront_logic;
pub mod storefront_store;
pub mod storefront_api;
