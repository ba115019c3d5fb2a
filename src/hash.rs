//! FNV-1a (64 bits) over a sequence of fields, each ended by a zero byte: stable across
//! runs, machines and archsplit versions, for fingerprints and the keys of the history and
//! `cargo metadata` caches (the parse cache keys files by xxh3-128). And SHA-1, for the
//! object id git gives a file's bytes ([`git_blob_id`]).

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

/// The object id git gives `bytes` as a blob (`git hash-object`, SHA-1 repositories): the
/// SHA-1 of `blob <length>\0` and the bytes, in lowercase hex (the `sha1` crate: RustCrypto's,
/// with the CPU's SHA instructions where there are any).
pub fn git_blob_id(bytes: &[u8]) -> String {
    use sha1::Digest;
    let mut h = sha1::Sha1::new();
    h.update(format!("blob {}\0", bytes.len()).as_bytes());
    h.update(bytes);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod sha1_tests {
    use super::*;

    use sha1::Digest;

    fn hex(bytes: &[u8]) -> String {
        sha1::Sha1::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    #[test]
    fn sha1_and_git_blob_ids_match_the_standard_vectors() {
        assert_eq!(hex(b""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assert_eq!(hex(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(
            hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
        assert_eq!(
            hex(&vec![b'a'; 1_000_000]),
            "34aa973cd4c4daa4f61eeb2bdbad27316534016f"
        );
        // Fed in pieces of every size, the same digest.
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        for step in [1, 3, 63, 64, 65, 200] {
            let mut h = sha1::Sha1::new();
            for piece in data.chunks(step) {
                h.update(piece);
            }
            let digest: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(digest, hex(&data), "{step}");
        }
        assert_eq!(git_blob_id(b""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
        assert_eq!(
            git_blob_id(b"hello\n"),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
    }
}
