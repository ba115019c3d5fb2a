pub use crate::model::{Order, User};
pub use crate::store::*;
pub use crate::util::*;
