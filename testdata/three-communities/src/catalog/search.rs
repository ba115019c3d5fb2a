pub struct Search;

pub fn search() -> u32 {
    super::product::product()
        + super::product::product()
        + super::product::product()
        + super::price::price()
        + super::price::price()
        + super::price::price()
        + super::stock::stock()
        + super::stock::stock()
        + super::stock::stock()
}

pub fn bill() -> u32 {
    crate::billing::invoice::invoice()
}
