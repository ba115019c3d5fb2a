// mod-rs file: its children live beside it, in src/x/
pub mod y;

pub trait Named {
    fn name(&self) -> &'static str;
}
