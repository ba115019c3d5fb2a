//! Module tree rules: non-mod-rs nesting (a.rs + a/b.rs), mod.rs (x/mod.rs),
//! `#[path]` at the top of a file and inside inline modules, inline modules.
pub mod a;
pub mod x;

#[path = "viapath/custom_name.rs"]
pub mod renamed;

pub mod inl {
    // `mod deep;` inside inline `inl` in a mod-rs file → src/inl/deep.rs
    pub mod deep;
    // `#[path]` inside an inline module is relative to src/inl/
    #[path = "other.rs"]
    pub mod pathed;

    pub fn helper() -> crate::a::b::Leaf {
        crate::a::b::Leaf
    }
}

pub use a::b::Leaf;
