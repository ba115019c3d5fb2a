mod order;
mod user;

pub use self::order::*;
pub use self::user::User;
