//! order_format: generated fixture code.

pub struct OrderFormat {
    pub id: u64,
    pub total: u64,
}

impl OrderFormat {
    pub fn new(id: u64) -> Self {
        OrderFormat { id, total: 0 }
    }

    pub fn add(&mut self, x: u64) -> u64 {
        self.total = self.total.wrapping_add(x);
        self.total
    }
}

pub fn order_format_0(x: u64) -> u64 {
    let y = x.wrapping_mul(3);
    let z = y ^ (y >> 1);
    z.wrapping_add(order_discount::order_discount_0(x ^ 0))
}

pub fn order_format_1(x: u64) -> u64 {
    let y = x.wrapping_mul(5);
    let z = y ^ (y >> 2);
    z.wrapping_add(order_discount::order_discount_1(x ^ 1))
}

pub fn order_format_2(x: u64) -> u64 {
    let y = x.wrapping_mul(7);
    let z = y ^ (y >> 3);
    z.wrapping_add(order_discount::order_discount_2(x ^ 2))
}

pub fn order_format_3(x: u64) -> u64 {
    let y = x.wrapping_mul(9);
    let z = y ^ (y >> 4);
    z.wrapping_add(order_discount::order_discount_3(x ^ 3))
}

pub fn order_format_4(x: u64) -> u64 {
    let y = x.wrapping_mul(11);
    let z = y ^ (y >> 5);
    z.wrapping_add(order_discount::order_discount_0(x ^ 4))
}

pub fn order_format_5(x: u64) -> u64 {
    let y = x.wrapping_mul(13);
    let z = y ^ (y >> 6);
    z.wrapping_add(order_discount::order_discount_1(x ^ 5))
}

pub fn order_format_6(x: u64) -> u64 {
    let y = x.wrapping_mul(15);
    let z = y ^ (y >> 7);
    z.wrapping_add(order_discount::order_discount_2(x ^ 6))
}

pub fn order_format_7(x: u64) -> u64 {
    let y = x.wrapping_mul(17);
    let z = y ^ (y >> 8);
    z.wrapping_add(order_discount::order_discount_3(x ^ 7))
}

