//! engine: the crate users depend on, with a runtime of its own; io and net are split out
//! of it and re-exported as its own.

pub mod runtime;

pub use engine_core::Config;
pub use engine_fmt as fmt;
pub use engine_fmt::hex;
pub use engine_io::{Reader, Writer};
pub use engine_macros::Event;
pub use engine_net::{connect, Socket};

/// Runs one request through the whole engine.
pub fn serve(c: &Config) -> Result<usize, engine_core::Error> {
    let s = engine_net::connect(&c.address)?;
    let mut r = engine_io::Reader::new(s.stream());
    runtime::drive(&mut r)
}
