pub fn login() -> u32 {
    super::session::session()
        + super::session::session()
        + super::session::session()
        + super::session::session()
        + super::token::token()
        + super::token::token()
        + super::token::token()
        + super::token::token()
}
