//! The parse cache: the facts of each file, keyed by a hash of its bytes, archsplit's
//! version and the parse options, stored one file per entry under the workspace's
//! `target/archsplit/cache/` (or `--cache-dir`).
//!
//! Safe under concurrent runs and interrupted writes: an entry is written to a private
//! temporary name and renamed into place, so readers see a whole entry or none. An entry that
//! does not decode (truncated, corrupt, another format) is ignored and rewritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{FileFacts, ParseOptions};

/// Changes whenever the facts or their encoding change; part of every key.
const FORMAT: u32 = 1;
const MAGIC: &[u8; 8] = b"ASPLTC01";

#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache in `dir`, or `None` when the directory cannot be created (a read-only tree:
    /// archsplit then simply parses everything).
    pub fn open(dir: &Path) -> Option<Cache> {
        std::fs::create_dir_all(dir).ok()?;
        Some(Cache {
            dir: dir.to_path_buf(),
        })
    }

    /// The key of a file's bytes under the given options.
    pub fn key(bytes: &[u8], opts: ParseOptions) -> String {
        // Two independent 64-bit FNV-1a hashes: 128 bits against collisions.
        let mut a: u64 = 0xcbf2_9ce4_8422_2325;
        let mut b: u64 = 0x6c62_272e_07bb_0142;
        let salt = format!(
            "{}\0{FORMAT}\0{}\0",
            env!("CARGO_PKG_VERSION"),
            opts.include_tests
        );
        for &x in salt.as_bytes().iter().chain(bytes) {
            a = (a ^ x as u64).wrapping_mul(0x0100_0000_01b3);
            b = (b ^ x as u64).wrapping_mul(0x0000_0100_0000_01b3 ^ 0x5bd1_e995);
        }
        format!("{a:016x}{b:016x}{:08x}", bytes.len() as u32)
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(key)
    }

    /// The cached facts of `key`, if a whole, decodable entry is there.
    pub fn get(&self, key: &str) -> Option<FileFacts> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        let body = bytes.strip_prefix(MAGIC.as_slice())?;
        postcard::from_bytes(body).ok()
    }

    /// Stores the facts of `key`; failures only cost a parse next time.
    pub fn put(&self, key: &str, facts: &FileFacts) {
        let Ok(body) = postcard::to_allocvec(facts) else {
            return;
        };
        let path = self.path(key);
        let Some(dir) = path.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir) else {
            return;
        };
        if tmp
            .write_all(MAGIC)
            .and_then(|_| tmp.write_all(&body))
            .is_err()
        {
            return;
        }
        let _ = tmp.persist(&path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ItemDef, ItemKind};

    #[test]
    fn entries_round_trip_and_corrupt_ones_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let opts = ParseOptions::default();
        let key = Cache::key(b"fn main() {}", opts);
        assert_ne!(
            key,
            Cache::key(
                b"fn main() {}",
                ParseOptions {
                    include_tests: true
                }
            )
        );
        assert_ne!(key, Cache::key(b"fn main() { }", opts));
        assert!(cache.get(&key).is_none());
        let mut facts = FileFacts::default();
        facts.root.items.push(ItemDef {
            name: "main".into(),
            kind: ItemKind::Fn,
            public: false,
        });
        cache.put(&key, &facts);
        assert_eq!(cache.get(&key).unwrap().root.items, facts.root.items);
        // A truncated entry, as an interrupted writer without the rename would leave it.
        let path = cache.path(&key);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert!(cache.get(&key).is_none());
        std::fs::write(&path, b"garbage").unwrap();
        assert!(cache.get(&key).is_none());
    }
}
