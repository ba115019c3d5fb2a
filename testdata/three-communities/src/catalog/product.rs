pub struct Product;

pub fn product() -> u32 {
    super::price::price()
        + super::price::price()
        + super::price::price()
        + super::stock::stock()
        + super::stock::stock()
        + super::stock::stock()
        + super::search::search()
        + super::search::search()
        + super::search::search()
}
