//! customer data export to comma separated files on the local disk drive.
use std::fs;

pub fn save(path: &str, text: &str) -> std::io::Result<()> {
    fs::write(path, text)
}

pub struct CustomerDataExportToRecord {
    pub identifier_of_the_record: u64,
    pub amount_in_the_smallest_currency_unit: i64,
}

pub fn call_0() -> u64 {
    super::customer_profile_enrichment_from_every_available_third_party_source::compute_0(1)
}

pub fn call_1() -> u64 {
    super::contact_history_timeline_aggregation_across_all_communication_channels::compute_1(1)
}

pub fn call_5() -> u64 {
    super::lifetime_value_prediction_using_purchase_history_and_engagement_scores::compute_5(1)
}

pub fn compute_4(x: u64) -> u64 {
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
