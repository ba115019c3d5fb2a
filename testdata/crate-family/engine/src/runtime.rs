//! The runtime that drives readers.

use engine_core::Error;
use engine_io::Reader;

pub struct Runtime {
    pub workers: usize,
}

pub struct Builder {
    workers: usize,
}

pub enum State {
    Idle,
    Running,
}

pub const DEFAULT_WORKERS: usize = 4;

impl Builder {
    pub fn new() -> Builder {
        Builder {
            workers: DEFAULT_WORKERS,
        }
    }

    pub fn build(self) -> Runtime {
        Runtime {
            workers: self.workers,
        }
    }
}

pub fn state(rt: &Runtime) -> State {
    if rt.workers == 0 {
        State::Idle
    } else {
        State::Running
    }
}

pub fn drive(r: &mut Reader) -> Result<usize, Error> {
    let mut total = 0;
    while let Some(n) = r.next_chunk()? {
        total += n;
    }
    Ok(total)
}

pub fn drive_all(rs: &mut [Reader]) -> Result<usize, Error> {
    let mut total = 0;
    for r in rs {
        total += drive(r)?;
    }
    Ok(total)
}
