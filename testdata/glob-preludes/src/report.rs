// The crate root's private glob import of the prelude, seen through `crate::*`.
use crate::*;
// Through the cycle of globs in `store` (see `store::disk::cache`).
use crate::store::write;

pub fn line(o: &Order) -> Stamp {
    let _ = o.total;
    write();
    now()
}
