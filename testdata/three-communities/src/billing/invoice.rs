pub struct Invoice;

pub fn invoice() -> u32 {
    super::tax::tax()
        + super::tax::tax()
        + super::tax::tax()
        + super::ledger::ledger()
        + super::ledger::ledger()
        + super::ledger::ledger()
        + super::payment::payment()
        + super::payment::payment()
        + super::payment::payment()
}
