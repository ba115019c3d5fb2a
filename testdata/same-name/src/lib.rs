//! A module and an item of the same name: `foo` is a module (type namespace) and, through the
//! re-export, a function (value namespace). A name in call position names the function.
mod foo;
pub use foo::foo;

// Two imports of one name in different namespaces: a function from `act`, a struct from `shape`.
mod act;
mod shape;
pub use act::widget;
pub use shape::widget;

pub mod via_crate;
pub mod via_super;
