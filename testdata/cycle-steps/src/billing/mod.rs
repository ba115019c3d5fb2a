pub mod invoice;
pub mod ledger;
pub mod tax;
