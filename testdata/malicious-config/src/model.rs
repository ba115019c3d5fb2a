#[derive(evil_derive::Evil)]
pub struct Order;
