pub struct Payment;

pub fn payment() -> u32 {
    super::invoice::invoice()
        + super::invoice::invoice()
        + super::invoice::invoice()
        + super::tax::tax()
        + super::tax::tax()
        + super::tax::tax()
        + super::ledger::ledger()
        + super::ledger::ledger()
        + super::ledger::ledger()
}

pub fn ship() -> u32 {
    crate::shipping::parcel::parcel()
}
