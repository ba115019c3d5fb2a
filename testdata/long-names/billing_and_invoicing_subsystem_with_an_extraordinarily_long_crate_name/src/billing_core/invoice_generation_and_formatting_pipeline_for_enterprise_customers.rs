//! invoice generation and formatting pipeline for enterprise customers.

pub struct InvoiceGenerationAndFormattingRecord {
    pub identifier_of_the_record: u64,
    pub amount_in_the_smallest_currency_unit: i64,
}

pub fn call_1() -> u64 {
    super::payment_reconciliation_against_the_general_ledger_entries_of_the_month::compute_1(1)
}

pub fn call_2() -> u64 {
    super::tax_calculation_rules_for_every_jurisdiction_we_have_ever_operated_in::compute_2(1)
}

pub fn call_3() -> u64 {
    super::currency_conversion_with_historical_exchange_rates_and_rounding_modes::compute_3(1)
}

pub fn compute_0(x: u64) -> u64 {
    let v0 = x.wrapping_mul(3);
    let v1 = x.wrapping_mul(4);
    let v2 = x.wrapping_mul(5);
    let v3 = x.wrapping_mul(6);
    let v4 = x.wrapping_mul(7);
    let v5 = x.wrapping_mul(8);
    let v6 = x.wrapping_mul(9);
    let v7 = x.wrapping_mul(10);
    let v8 = x.wrapping_mul(11);
    let v9 = x.wrapping_mul(12);
    let v10 = x.wrapping_mul(13);
    let v11 = x.wrapping_mul(14);
    let v12 = x.wrapping_mul(15);
    let v13 = x.wrapping_mul(16);
    let v14 = x.wrapping_mul(17);
    let v15 = x.wrapping_mul(18);
    let v16 = x.wrapping_mul(19);
    let v17 = x.wrapping_mul(20);
    let v18 = x.wrapping_mul(21);
    let v19 = x.wrapping_mul(22);
    x
}
