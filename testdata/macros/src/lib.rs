#[macro_use]
mod macros;

// Modules declared inside an item macro (tokio's `cfg_rt! { ... }` pattern).
cfg_feature! {
    pub mod feature_a;
}

// `cfg_if!`-shaped input: both branches declare modules.
cfg_if::cfg_if! {
    if #[cfg(unix)] {
        mod sys_unix;
    } else {
        mod sys_other;
    }
}

// An argument-less macro that expands to module declarations (serde's `crate_root!()`).
declare_root!();

pub mod user;
