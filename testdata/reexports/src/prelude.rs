// A facade: glob re-export of a glob re-export.
pub use crate::api::*;
pub use crate::inner::engine::run as start;
