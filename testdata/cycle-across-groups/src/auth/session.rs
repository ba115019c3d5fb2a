pub fn session() -> u32 {
    super::token::token()
        + super::token::token()
        + super::token::token()
        + super::token::token()
}

pub fn current_order() -> u32 {
    crate::orders::checkout::checkout()
}
