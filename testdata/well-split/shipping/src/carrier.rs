pub enum Carrier {
    Post,
    Courier,
    Freight,
}

pub fn choose(grams: u32) -> Carrier {
    match grams {
        0..=2_000 => Carrier::Post,
        2_001..=30_000 => Carrier::Courier,
        _ => Carrier::Freight,
    }
}

pub fn rate(c: &Carrier) -> u64 {
    match c {
        Carrier::Post => 450,
        Carrier::Courier => 990,
        Carrier::Freight => 4_900,
    }
}
