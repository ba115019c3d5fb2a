//! The cache directory's files: written whole (a private temporary name, then a rename) and
//! sealed with a checksum, so that a damaged or half-written file is never taken for data.
//! The cache is an optimization: every failure here only costs work the next run redoes.

use std::io::Write;
use std::path::Path;

/// Prefix of the temporary files a write leaves behind if it is killed before its rename.
pub const TEMP_PREFIX: &str = ".tmp";

/// The checksum of `bytes`: xxh3-128, little-endian.
pub fn checksum(bytes: &[u8]) -> [u8; 16] {
    xxhash_rust::xxh3::xxh3_128(bytes).to_le_bytes()
}

/// `bytes` behind their checksum.
pub fn seal(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + bytes.len());
    out.extend(checksum(bytes));
    out.extend(bytes);
    out
}

/// What [`seal`] sealed, if the checksum holds.
pub fn unseal(sealed: &[u8]) -> Option<&[u8]> {
    let (sum, body) = sealed.split_at_checked(16)?;
    (sum == checksum(body)).then_some(body)
}

/// Writes `parts` one after the other to `dir/name`, through a temporary file in `dir` that
/// is renamed into place: readers see the whole new file or the previous one. Returns
/// whether it was written.
pub fn write_atomic(dir: &Path, name: &str, parts: &[&[u8]]) -> bool {
    let Ok(mut tmp) = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
    else {
        return false;
    };
    if parts.iter().any(|p| tmp.write_all(p).is_err()) {
        return false;
    }
    tmp.persist(dir.join(name)).is_ok()
}

/// [`seal`]s `bytes` into `dir/name` with [`write_atomic`].
pub fn write_sealed(dir: &Path, name: &str, bytes: &[u8]) -> bool {
    write_atomic(dir, name, &[&checksum(bytes), bytes])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_bytes_round_trip_and_any_damage_is_seen() {
        let body = b"some cached bytes".as_slice();
        let sealed = seal(body);
        assert_eq!(unseal(&sealed), Some(body));
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x20;
            assert_eq!(unseal(&bad), None, "flip at {i}");
        }
        assert_eq!(unseal(&sealed[..sealed.len() - 1]), None);
        assert_eq!(unseal(&sealed[..10]), None);
        let dir = tempfile::tempdir().unwrap();
        assert!(write_sealed(dir.path(), "f", body));
        assert_eq!(std::fs::read(dir.path().join("f")).unwrap(), sealed);
    }
}
