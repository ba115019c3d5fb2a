pub struct Ledger;

pub fn ledger() -> u32 {
    super::invoice::invoice()
        + super::invoice::invoice()
        + super::invoice::invoice()
        + super::tax::tax()
        + super::tax::tax()
        + super::tax::tax()
        + super::payment::payment()
        + super::payment::payment()
        + super::payment::payment()
}
