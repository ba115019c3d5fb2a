//! engine-io: readers and writers of the engine.

use engine_core::Error;

pub struct Stream {
    pub bytes: Vec<u8>,
}

pub struct Reader {
    stream: Stream,
    pos: usize,
}

pub struct Writer {
    pub out: Vec<u8>,
}

impl Reader {
    pub fn new(stream: Stream) -> Reader {
        Reader { stream, pos: 0 }
    }

    pub fn next_chunk(&mut self) -> Result<Option<usize>, Error> {
        if self.pos >= self.stream.bytes.len() {
            return Ok(None);
        }
        let n = (self.stream.bytes.len() - self.pos).min(16);
        self.pos += n;
        Ok(Some(n))
    }
}

pub fn read_all(r: &mut Reader) -> Result<usize, Error> {
    let mut total = 0;
    while let Some(n) = r.next_chunk()? {
        total += n;
    }
    Ok(total)
}

pub fn copy(r: &mut Reader, w: &mut Writer) -> Result<usize, Error> {
    let n = read_all(r)?;
    w.out.resize(n, 0);
    Ok(n)
}
