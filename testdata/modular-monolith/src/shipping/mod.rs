pub mod shipping_model;
pub mod shipping_rules;
pub mod shipping_store;
