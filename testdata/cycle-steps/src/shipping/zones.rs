use crate::shipping::rates;

pub struct Zone {
    pub number: u64,
}

pub fn zone_of(postcode: u32) -> Zone {
    Zone { number: u64::from(postcode / 1000) + rates::base() / 250 }
}
