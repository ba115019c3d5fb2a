#[path = "cycle.rs"]
pub mod again;

pub fn c() {
    crate::ok::k();
}
