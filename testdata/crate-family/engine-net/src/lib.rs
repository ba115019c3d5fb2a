//! engine-net: sockets of the engine, built on its io.

use engine_core::Error;
use engine_io::Stream;

pub struct Socket {
    pub address: String,
}

impl Socket {
    pub fn stream(&self) -> Stream {
        Stream {
            bytes: self.address.as_bytes().to_vec(),
        }
    }
}

pub fn connect(address: &str) -> Result<Socket, Error> {
    if address.is_empty() {
        return Err(Error { code: 2 });
    }
    Ok(Socket {
        address: address.to_string(),
    })
}

pub fn listen(address: &str) -> Result<Socket, Error> {
    connect(address)
}
