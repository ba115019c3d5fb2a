//! engine-json: an optional encoder, compiled only with the engine's `json` feature.

use engine_core::Config;

pub fn encode(c: &Config) -> String {
    format!("{{\"address\":\"{}\",\"buffer\":{}}}", c.address, c.buffer)
}
