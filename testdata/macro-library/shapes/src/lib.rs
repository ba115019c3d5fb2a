//! shapes: a library of shapes, with `#[derive(Area)]` from its procedural macro.

pub mod circle;
pub mod square;

pub use shapes_derive::Area;

/// What `#[derive(Area)]` implements.
pub trait Area {
    fn area(&self) -> f64;
}
