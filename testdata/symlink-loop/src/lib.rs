// `looped.rs` is a symlink to itself; `cycle.rs` declares a module that is itself.
pub mod looped;
pub mod cycle;
pub mod ok;
