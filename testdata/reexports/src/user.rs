use crate::prelude::*;

pub fn go() -> usize {
    // `Config` and `Mode` come through two globs, `start` through a renamed re-export.
    let c = Config { size: 1 };
    match Mode::Fast {
        Mode::Fast | Mode::Slow => start(&c),
    }
}
