//! FNV-1a (64 bits) over a sequence of fields, each ended by a zero byte: stable across
//! runs, machines and archsplit versions, for fingerprints and the keys of the history and
//! `cargo metadata` caches (the parse cache keys files by xxh3-128).

pub struct Fnv64(u64);

impl Fnv64 {
    pub fn new() -> Fnv64 {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }

    /// Adds one field (its bytes, then a zero byte).
    pub fn field(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes.iter().chain([0u8].iter()) {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64::new()
    }
}
