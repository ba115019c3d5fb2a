pub struct Price;

pub fn price() -> u32 {
    super::product::product()
        + super::product::product()
        + super::product::product()
        + super::stock::stock()
        + super::stock::stock()
        + super::stock::stock()
        + super::search::search()
        + super::search::search()
        + super::search::search()
}

pub fn route() -> u32 {
    crate::shipping::route::route()
}
