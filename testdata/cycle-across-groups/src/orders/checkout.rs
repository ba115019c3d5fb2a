pub fn checkout() -> u32 {
    super::refund::refund()
        + super::refund::refund()
        + super::refund::refund()
        + super::refund::refund()
}

pub fn user() -> u32 {
    crate::auth::session::session()
}
