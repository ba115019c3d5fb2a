//! Billing: invoices, payments and tax.
pub mod invoice;
pub mod payment;
pub mod tax;

pub use catalog::price::Price;
