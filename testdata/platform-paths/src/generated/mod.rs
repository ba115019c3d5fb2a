// Included into lib.rs: `mod parts;` is generated/parts/mod.rs.
pub mod parts;
