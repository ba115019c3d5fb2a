pub struct Order {
    pub id: u32,
}

pub fn label(o: &Order) -> String {
    left_pad::pad(&o.id.to_string(), 8)
}
