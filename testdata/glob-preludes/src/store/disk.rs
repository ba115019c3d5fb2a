use super::*;

pub fn read() -> u32 {
    write()
}

mod cache {
    // `write` (in `mem`) through `disk`'s glob of `store`, which globs `mem`: found even after
    // an earlier lookup of `write` (from `report`) met `store` while it was in progress.
    use super::*;

    pub fn warm() -> u32 {
        write() + read()
    }
}
