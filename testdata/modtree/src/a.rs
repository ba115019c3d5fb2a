// non-mod-rs file: its children live in src/a/
pub mod b;

pub fn make() -> b::Leaf {
    b::Leaf
}
