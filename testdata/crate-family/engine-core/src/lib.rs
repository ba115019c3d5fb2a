//! engine-core: configuration and errors, used by the engine and by applications directly.

pub struct Config {
    pub address: String,
    pub buffer: usize,
}

#[derive(Debug)]
pub struct Error {
    pub code: u32,
}

impl Config {
    pub fn new(address: &str) -> Config {
        Config {
            address: address.to_string(),
            buffer: 4096,
        }
    }
}

pub fn check(c: &Config) -> Result<(), Error> {
    if c.buffer == 0 {
        return Err(Error { code: 1 });
    }
    Ok(())
}
