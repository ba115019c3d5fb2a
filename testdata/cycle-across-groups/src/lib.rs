//! Two natural groups; `auth::session` and `orders::checkout` call each other, a cycle
//! that forces them into one cluster.
pub mod auth;
pub mod orders;
