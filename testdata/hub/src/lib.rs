//! `util` is used by every other module: it is the shared kernel, not a cluster member.
pub mod util;
pub mod alpha;
pub mod beta;
