pub struct Tax;

pub fn tax() -> u32 {
    super::invoice::invoice()
        + super::invoice::invoice()
        + super::invoice::invoice()
        + super::ledger::ledger()
        + super::ledger::ledger()
        + super::ledger::ledger()
        + super::payment::payment()
        + super::payment::payment()
        + super::payment::payment()
}
