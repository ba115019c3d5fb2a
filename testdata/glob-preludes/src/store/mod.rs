// A cycle of globs: `store` glob-imports `disk`, and `disk` glob-imports `store` back.
mod disk;
mod mem;

pub use self::disk::*;
pub use self::mem::*;
