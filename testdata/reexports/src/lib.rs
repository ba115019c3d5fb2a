//! `pub use` chains and glob imports: every reference must land on the defining module.
pub mod api;
mod inner;
pub mod prelude;
pub mod user;

// Re-export chain: lib → api → api::types (where `Config` is defined).
pub use api::Config;
