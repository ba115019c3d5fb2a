use crate::model::Order;

pub fn handle(_o: Order) {}
