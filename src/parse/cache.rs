//! The parse cache: the facts of each file, keyed by a hash of its bytes, archsplit's
//! version and the parse options, kept in one pack file, `facts.pack`, in the workspace's
//! cache directory (see `crate::cache`: the user's cache directory, or `--cache-dir`).
//!
//! One pack instead of one file per entry: creating, writing and renaming a file per source
//! file cost more than a third of a cold run on tokio (about 0.4 ms each on this machine's
//! file system). The pack is read once when the cache opens and written once, at `flush`,
//! only when the run parsed something new: a warm run writes nothing.
//!
//! Safe under concurrent runs and interrupted writes: the pack is written to a private
//! temporary name and renamed into place, so readers see a whole pack or the previous one;
//! two runs writing at once each leave a whole pack (the last one wins).
//!
//! Never a source of truth: the pack carries an xxh3-128 checksum of its body and each entry
//! one of its key and facts. A pack whose checksum fails has its entries checked one by one:
//! a damaged entry is dropped (its file is parsed again) and the pack is rewritten, so damage
//! does not persist through warm runs that parse nothing. A pack that does not decode at all
//! (truncated, another format) is ignored and replaced. Entries are kept across runs of
//! different workspaces sharing a cache directory, the ones this run used first, up to
//! `MAX_ENTRIES`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::{FileFacts, ParseOptions};

/// Changes whenever the facts or their encoding change; part of every key.
/// 6: xxh3-128 keys and checksums; 7: the nesting guard and the token cap refuse files that
/// 6 parsed, and damaged data tables are parsed (and reported) instead of blanked; 8: `mod`
/// declarations say whether only documentation builds compile them (`ChildMod::doc_only`);
/// 9: a parse error's message counts in plain words ("1 broken stretch", not "stretch(es)").
const FORMAT: u32 = 9;
/// `MAGIC`, the xxh3-128 of the body (16 bytes, little-endian), the body (a postcard
/// [`Pack`]).
const MAGIC: &[u8; 8] = b"ASPLTP04";
const PACK: &str = "facts.pack";
/// Entries a pack keeps at most (this run's always, then earlier runs' others).
pub const MAX_ENTRIES: usize = 200_000;

/// One file's facts as stored, with the checksum of its key and body.
#[derive(Serialize, Deserialize)]
struct Entry {
    key: String,
    sum: [u8; 16],
    body: Vec<u8>,
}

/// The pack as stored: encoded facts by key.
#[derive(Serialize, Deserialize, Default)]
struct Pack {
    entries: Vec<Entry>,
}

/// The checksum of one entry: its key, a zero byte, its encoded facts.
fn entry_sum(key: &str, body: &[u8]) -> [u8; 16] {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(key.as_bytes());
    h.update(&[0]);
    h.update(body);
    h.digest128().to_le_bytes()
}

/// The entries of a pack file whose checksums hold, and whether the whole file was healthy.
fn decode(bytes: &[u8]) -> (HashMap<String, Vec<u8>>, bool) {
    let Some((sum, body)) = bytes
        .strip_prefix(MAGIC.as_slice())
        .and_then(|rest| rest.split_at_checked(16))
    else {
        return (HashMap::new(), false);
    };
    let whole = sum == crate::cache::checksum(body);
    let Ok((pack, rest)) = postcard::take_from_bytes::<Pack>(body) else {
        return (HashMap::new(), false);
    };
    let healthy = whole && rest.is_empty();
    let n = pack.entries.len();
    let entries: HashMap<String, Vec<u8>> = pack
        .entries
        .into_iter()
        .filter(|e| healthy || e.sum == entry_sum(&e.key, &e.body))
        .map(|e| (e.key, e.body))
        .collect();
    let healthy = healthy && entries.len() == n;
    (entries, healthy)
}

/// A one-way door: closed until `open`, then open for good; `wait` blocks until it opens.
#[derive(Debug, Default)]
pub struct Latch {
    open: Mutex<bool>,
    opened: std::sync::Condvar,
}

impl Latch {
    pub fn open(&self) {
        if let Ok(mut open) = self.open.lock() {
            *open = true;
        }
        self.opened.notify_all();
    }

    /// Waits until the latch is open (at once when its lock was poisoned: a waiter is never
    /// left hanging).
    pub fn wait(&self) {
        let Ok(mut open) = self.open.lock() else {
            return;
        };
        while !*open {
            match self.opened.wait(open) {
                Ok(o) => open = o,
                Err(_) => return,
            }
        }
    }
}

#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    /// Encoded facts from the pack on disk, by key (only entries whose checksum held).
    stored: HashMap<String, Vec<u8>>,
    /// Keys of stored entries this run used.
    used: Mutex<HashSet<String>>,
    /// Facts this run parsed, encoded, by key: when there are any, `flush` writes a pack.
    fresh: Mutex<HashMap<String, Vec<u8>>>,
    /// The pack on disk was damaged (or no regular file): `flush` replaces it even when
    /// nothing new was parsed.
    damaged: AtomicBool,
    /// Opened when a module graph built through this cache has parsed everything it needs
    /// (`model::build`, before name resolution): `check` starts the base revision then,
    /// which finds every file the working tree has unchanged here.
    parsed: Latch,
}

impl Cache {
    /// The cache in `dir` (made ready by `cache::resolve`), or `None` when it is no
    /// directory: archsplit then simply parses everything.
    pub fn open(dir: &Path) -> Option<Cache> {
        if !dir.is_dir() {
            return None;
        }
        // A pack that is a FIFO, a device or larger than the cap is not read.
        let (stored, healthy) =
            match crate::fsio::read_capped(&dir.join(PACK), crate::fsio::caps::PACK) {
                Ok(bytes) => decode(&bytes),
                Err(e) => (HashMap::new(), e.is_not_found()),
            };
        Some(Cache {
            dir: dir.to_path_buf(),
            stored,
            used: Mutex::new(HashSet::new()),
            fresh: Mutex::new(HashMap::new()),
            damaged: AtomicBool::new(!healthy),
            parsed: Latch::default(),
        })
    }

    /// Opened once a build through this cache has all its facts in (see the field).
    pub fn parsed(&self) -> &Latch {
        &self.parsed
    }

    /// The key of a file's bytes under the given options: xxh3-128 of archsplit's version,
    /// the cache format, the options and the bytes, and the length.
    pub fn key(bytes: &[u8], opts: ParseOptions) -> String {
        let salt = format!(
            "{}\0{FORMAT}\0{}\0",
            env!("CARGO_PKG_VERSION"),
            opts.include_tests
        );
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(salt.as_bytes());
        h.update(bytes);
        format!("{:032x}{:08x}", h.digest128(), bytes.len() as u32)
    }

    /// The cached facts of `key`, if the pack holds a sound entry.
    pub fn get(&self, key: &str) -> Option<FileFacts> {
        let Some(body) = self.stored.get(key) else {
            // Parsed earlier in this run (`check` reads the working tree, then the base),
            // decoded outside the lock so that the base's files decode in parallel.
            let body = self.fresh.lock().ok()?.get(key)?.clone();
            return postcard::from_bytes(&body).ok();
        };
        let Ok(facts) = postcard::from_bytes(body) else {
            self.damaged.store(true, Ordering::Relaxed);
            return None;
        };
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

    /// Writes the pack if this run parsed anything new or found the pack damaged: this
    /// run's entries, then earlier ones up to `MAX_ENTRIES`, sorted by key so that equal
    /// content gives equal bytes.
    pub fn flush(&self) {
        let (Ok(used), Ok(fresh)) = (self.used.lock(), self.fresh.lock()) else {
            return;
        };
        if fresh.is_empty() && !self.damaged.load(Ordering::Relaxed) {
            return;
        }
        let this_run = |k: &String| used.contains(k) || fresh.contains_key(k);
        let mut entries: Vec<(&String, &Vec<u8>)> = fresh
            .iter()
            .chain(
                self.stored
                    .iter()
                    .filter(|(k, _)| used.contains(*k) && !fresh.contains_key(*k)),
            )
            .collect();
        let mut older: Vec<(&String, &Vec<u8>)> =
            self.stored.iter().filter(|(k, _)| !this_run(k)).collect();
        older.sort();
        let room = MAX_ENTRIES.saturating_sub(entries.len());
        entries.extend(older.into_iter().take(room));
        entries.sort();
        let pack = Pack {
            entries: entries
                .into_iter()
                .map(|(k, v)| Entry {
                    key: k.clone(),
                    sum: entry_sum(k, v),
                    body: v.clone(),
                })
                .collect(),
        };
        let Ok(body) = postcard::to_allocvec(&pack) else {
            return;
        };
        crate::cache::write_atomic(
            &self.dir,
            PACK,
            &[MAGIC, &crate::cache::checksum(&body), &body],
        );
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
    fn any_damaged_byte_is_a_miss_and_the_pack_is_rewritten_whole() {
        let dir = tempfile::tempdir().unwrap();
        let opts = ParseOptions::default();
        let keys: Vec<String> = ["a", "b", "c"]
            .iter()
            .map(|n| Cache::key(n.as_bytes(), opts))
            .collect();
        let cache = Cache::open(dir.path()).unwrap();
        for (k, n) in keys.iter().zip(["a", "b", "c"]) {
            cache.put(k, &facts(n));
        }
        cache.flush();
        let pack = dir.path().join(PACK);
        let healthy = std::fs::read(&pack).unwrap();
        for i in 0..healthy.len() {
            for flip in [0x01u8, 0xff] {
                let mut bad = healthy.clone();
                bad[i] ^= flip;
                std::fs::write(&pack, &bad).unwrap();
                let cache = Cache::open(dir.path()).unwrap();
                for (k, n) in keys.iter().zip(["a", "b", "c"]) {
                    match cache.get(k) {
                        // What is found is right; what is not is parsed again.
                        Some(f) => assert_eq!(f.root.items, facts(n).root.items, "byte {i}"),
                        None => cache.put(k, &facts(n)),
                    }
                }
                // Even when every entry survived, the damaged pack is replaced.
                cache.flush();
                assert_eq!(
                    std::fs::read(&pack).unwrap(),
                    healthy,
                    "byte {i} ^ {flip:#x}"
                );
            }
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
