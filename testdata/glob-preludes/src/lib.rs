//! Glob imports: a `prelude` re-exporting things, `use crate::prelude::*`, and children that
//! see their parent's imports through `use super::*` and the crate root's through `crate::*`.
pub mod model;
pub mod prelude;
pub mod report;
pub mod service;
pub mod store;
pub mod util;

use prelude::*;

pub fn version() -> Stamp {
    now()
}
