pub mod latin1;
pub mod user;
