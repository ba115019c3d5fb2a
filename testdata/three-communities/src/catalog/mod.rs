pub mod product;
pub mod price;
pub mod stock;
pub mod search;
