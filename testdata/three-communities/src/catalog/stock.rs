pub struct Stock;

pub fn stock() -> u32 {
    super::product::product()
        + super::product::product()
        + super::product::product()
        + super::price::price()
        + super::price::price()
        + super::price::price()
        + super::search::search()
        + super::search::search()
        + super::search::search()
}
