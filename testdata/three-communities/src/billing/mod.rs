pub mod invoice;
pub mod tax;
pub mod ledger;
pub mod payment;
