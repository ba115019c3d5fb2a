//! The parse cache: the facts of each file, keyed by a hash of its bytes, archsplit's
//! version and the parse options, kept in one pack file, `facts.pack`, under the workspace's
//! `target/archsplit/cache/` (or `--cache-dir`).
//!
//! One pack instead of one file per entry: creating, writing and renaming a file per source
//! file cost more than a third of a cold run on tokio (about 0.4 ms each on this machine's
//! file system). The pack is read once when the cache opens and written once, at `flush`,
//! only when the run parsed something new: a warm run writes nothing.
//!
//! Safe under concurrent runs and interrupted writes: the pack is written to a private
//! temporary name and renamed into place, so readers see a whole pack or the previous one;
//! two runs writing at once each leave a whole pack (the last one wins). A pack that does not
//! decode (truncated, corrupt, another format) is ignored and replaced. Entries are kept
//! across runs of different workspaces sharing a cache directory, the ones this run used
//! first, up to `MAX_ENTRIES`.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::{FileFacts, ParseOptions};

/// Changes whenever the facts or their encoding change; part of every key.
/// 6: the nesting guard and the token cap refuse files that 5 parsed, and damaged data
/// tables are parsed (and reported) instead of blanked.
const FORMAT: u32 = 6;
const MAGIC: &[u8; 8] = b"ASPLTP02";
const PACK: &str = "facts.pack";
/// Entries a pack keeps at most (this run's always, then earlier runs' others).
pub const MAX_ENTRIES: usize = 200_000;

/// The pack as stored: encoded facts by key.
#[derive(Serialize, Deserialize, Default)]
struct Pack {
    entries: Vec<(String, Vec<u8>)>,
}

#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    /// Encoded facts from the pack on disk, by key.
    stored: HashMap<String, Vec<u8>>,
    /// Keys of stored entries this run used.
    used: Mutex<HashSet<String>>,
    /// Facts this run parsed, encoded, by key: when there are any, `flush` writes a pack.
    fresh: Mutex<HashMap<String, Vec<u8>>>,
}

impl Cache {
    /// The cache in `dir`, or `None` when the directory cannot be created (a read-only tree:
    /// archsplit then simply parses everything).
    pub fn open(dir: &Path) -> Option<Cache> {
        std::fs::create_dir_all(dir).ok()?;
        let stored = std::fs::read(dir.join(PACK))
            .ok()
            .and_then(|bytes| {
                let body = bytes.strip_prefix(MAGIC.as_slice())?;
                postcard::from_bytes::<Pack>(body).ok()
            })
            .map(|p| p.entries.into_iter().collect())
            .unwrap_or_default();
        Some(Cache {
            dir: dir.to_path_buf(),
            stored,
            used: Mutex::new(HashSet::new()),
            fresh: Mutex::new(HashMap::new()),
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

    /// The cached facts of `key`, if the pack holds a decodable entry.
    pub fn get(&self, key: &str) -> Option<FileFacts> {
        let body = self.stored.get(key)?;
        let facts = postcard::from_bytes(body).ok()?;
        if let Ok(mut used) = self.used.lock() {
            used.insert(key.to_string());
        }
        Some(facts)
    }

    /// Keeps the facts of `key` for the next pack; failures only cost a parse next time.
    pub fn put(&self, key: &str, facts: &FileFacts) {
        let Ok(body) = postcard::to_allocvec(facts) else {
            return;
        };
        if let Ok(mut fresh) = self.fresh.lock() {
            fresh.insert(key.to_string(), body);
        }
    }

    /// Writes the pack if this run parsed anything new: this run's entries, then earlier
    /// ones up to `MAX_ENTRIES`, sorted by key so that equal content gives equal bytes.
    pub fn flush(&self) {
        let (Ok(used), Ok(fresh)) = (self.used.lock(), self.fresh.lock()) else {
            return;
        };
        if fresh.is_empty() {
            return;
        }
        let this_run = |k: &String| used.contains(k) || fresh.contains_key(k);
        let mut entries: Vec<(String, Vec<u8>)> = fresh
            .iter()
            .chain(
                self.stored
                    .iter()
                    .filter(|(k, _)| used.contains(*k) && !fresh.contains_key(*k)),
            )
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut older: Vec<(&String, &Vec<u8>)> =
            self.stored.iter().filter(|(k, _)| !this_run(k)).collect();
        older.sort();
        let room = MAX_ENTRIES.saturating_sub(entries.len());
        entries.extend(
            older
                .into_iter()
                .take(room)
                .map(|(k, v)| (k.clone(), v.clone())),
        );
        entries.sort();
        let Ok(body) = postcard::to_allocvec(&Pack { entries }) else {
            return;
        };
        let Ok(mut tmp) = tempfile::NamedTempFile::new_in(&self.dir) else {
            return;
        };
        if tmp
            .write_all(MAGIC)
            .and_then(|_| tmp.write_all(&body))
            .is_err()
        {
            return;
        }
        let _ = tmp.persist(self.dir.join(PACK));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ItemDef, ItemKind};

    fn facts(name: &str) -> FileFacts {
        let mut facts = FileFacts::default();
        facts.root.items.push(ItemDef {
            name: name.into(),
            kind: ItemKind::Fn,
            public: false,
            value: true,
        });
        facts
    }

    #[test]
    fn entries_round_trip_and_corrupt_packs_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
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

        let cache = Cache::open(dir.path()).unwrap();
        assert!(cache.get(&key).is_none());
        cache.put(&key, &facts("main"));
        cache.flush();
        let pack = dir.path().join(PACK);
        let written = std::fs::read(&pack).unwrap();

        // The next run reads it; using it without parsing anything writes nothing.
        let cache = Cache::open(dir.path()).unwrap();
        assert_eq!(
            cache.get(&key).unwrap().root.items,
            facts("main").root.items
        );
        std::fs::write(&pack, b"sentinel").unwrap();
        cache.flush();
        assert_eq!(std::fs::read(&pack).unwrap(), b"sentinel");

        // A truncated pack, as an interrupted writer without the rename would leave it, and
        // garbage, are both ignored, and the next flush replaces them.
        for bad in [&written[..written.len() / 2], b"garbage".as_slice()] {
            std::fs::write(&pack, bad).unwrap();
            let cache = Cache::open(dir.path()).unwrap();
            assert!(cache.get(&key).is_none());
            cache.put(&key, &facts("main"));
            cache.flush();
            assert_eq!(std::fs::read(&pack).unwrap(), written);
        }
    }

    #[test]
    fn entries_of_other_workspaces_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let opts = ParseOptions::default();
        let (a, b) = (Cache::key(b"a", opts), Cache::key(b"b", opts));
        let cache = Cache::open(dir.path()).unwrap();
        cache.put(&a, &facts("a"));
        cache.flush();
        // Another workspace, same cache directory: it adds its entry and keeps the first.
        let cache = Cache::open(dir.path()).unwrap();
        cache.put(&b, &facts("b"));
        cache.flush();
        let cache = Cache::open(dir.path()).unwrap();
        assert!(cache.get(&a).is_some() && cache.get(&b).is_some());
    }
}
