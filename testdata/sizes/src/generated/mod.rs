pub mod lints;
