pub struct Price {
    pub cents: u64,
    pub currency: &'static str,
}

pub fn of(cents: u64) -> Price {
    Price {
        cents,
        currency: "EUR",
    }
}

pub fn discount(p: &Price, percent: u64) -> Price {
    of(p.cents - p.cents * percent.min(100) / 100)
}

pub fn total(prices: &[Price]) -> Price {
    of(prices.iter().map(|p| p.cents).sum())
}
