pub const RATE_PERCENT: u64 = 20;

pub fn due(net_cents: u64) -> u64 {
    net_cents * RATE_PERCENT / 100
}

pub fn reduced(net_cents: u64) -> u64 {
    net_cents * (RATE_PERCENT / 2) / 100
}

pub fn net_of(gross_cents: u64) -> u64 {
    gross_cents * 100 / (100 + RATE_PERCENT)
}
