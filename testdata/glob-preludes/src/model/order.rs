pub struct Order {
    pub total: u64,
}

pub fn empty_order() -> Order {
    Order { total: 0 }
}
