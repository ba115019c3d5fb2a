//! A parent and its child in a cycle: the parent re-exports the child's type, the child
//! uses the parent's. That is the module tree, not a cycle to cut.
pub mod label;
pub mod rates;
pub mod zones;

pub use self::label::Label;

pub enum Carrier {
    Post,
    Courier,
}

pub fn default_label() -> Label {
    crate::util::log("label");
    Label::new(Carrier::Courier)
}
