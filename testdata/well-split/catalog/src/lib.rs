//! The catalog: what is for sale, at what price.
pub mod price;
pub mod product;
pub mod search;

pub use product::Product;
