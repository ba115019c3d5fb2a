//! Stage 3b (optional): the repository's history. `git log` (read-only, see `git.rs`) gives
//! for each non-merge commit its author and the files it changed; renames are followed to the
//! files' current names, files are mapped to the modules they hold, and `coupling.rs` turns
//! the commits into change coupling, volatility and ownership.
//!
//! Why the `git` command and not `gix`: `check` already needs git to read the base revision, the
//! command is wherever a repository is, it follows `.mailmap` and rename detection exactly as
//! users know them from `git log`, and it keeps a large dependency out of the build. It runs
//! with the repository's programs switched off, like every git call here.

pub mod coupling;
pub mod signals;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::ModuleGraph;

/// Commits read at most, newest first.
pub const DEFAULT_MAX_COMMITS: usize = 1000;
/// Without `--since`, the history read reaches this many days before HEAD's commit (HEAD,
/// not today, so the same repository gives the same result on any day).
pub const DEFAULT_WINDOW_DAYS: i64 = 730;
/// Commits that change more modules than this are left out: mass reformatting, renames and
/// sweeping refactors say nothing about which modules belong together.
pub const DEFAULT_MAX_COMMIT_MODULES: usize = 30;

#[derive(Debug, Clone)]
pub struct HistoryOptions {
    /// `YYYY-MM-DD`; `None` for `DEFAULT_WINDOW_DAYS` before HEAD.
    pub since: Option<String>,
    pub max_commits: usize,
    pub max_commit_modules: usize,
    /// Put author names in the output (off by default: counts and shares only).
    pub show_authors: bool,
}

impl Default for HistoryOptions {
    fn default() -> Self {
        HistoryOptions {
            since: None,
            max_commits: DEFAULT_MAX_COMMITS,
            max_commit_modules: DEFAULT_MAX_COMMIT_MODULES,
            show_authors: false,
        }
    }
}

/// Whether the history was read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HistoryStatus {
    Read,
    /// Not available (`reason` says why); only static coupling is used.
    #[default]
    Unavailable,
    /// `--no-history` asked not to read it.
    Off,
}

/// What was read, for the summary: enough to judge how much the history figures can say.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct HistoryInfo {
    pub status: HistoryStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Commits used: non-merge commits in range that changed at least one analyzed module
    /// and not too many.
    pub commits: usize,
    /// Non-merge commits git returned for the analyzed directory.
    pub commits_read: usize,
    /// Left out for changing more than `max_commit_modules` modules.
    pub skipped_large: usize,
    /// Distinct authors of the commits used.
    pub authors: usize,
    /// The start of the window (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Author dates of the oldest and newest commit used.
    pub first: Option<String>,
    pub last: Option<String>,
    /// A shallow clone: older history was not there to read.
    pub shallow: bool,
    /// `commits_read` reached `max_commits`: older commits in the window were not read.
    pub truncated: bool,
    pub max_commits: usize,
    pub max_commit_modules: usize,
}

/// One commit, as the modules it changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Commit {
    /// Module indices, sorted, each once.
    pub modules: Vec<usize>,
    /// Index into `History::authors`.
    pub author: usize,
    pub time: i64,
}

#[derive(Debug, Clone, Default)]
pub struct History {
    pub info: HistoryInfo,
    pub commits: Vec<Commit>,
    /// `Name <email>` after .mailmap, in the order of their lower-cased e-mail (the key
    /// `Commit::author` indexes); shown only with `--show-authors`.
    pub authors: Vec<String>,
}

impl History {
    pub fn available(&self) -> bool {
        self.info.status == HistoryStatus::Read
    }

    /// Not read because `--no-history` said so.
    pub fn off(opts: &HistoryOptions) -> History {
        let mut h = History::unavailable("not read (--no-history)".into(), opts);
        h.info.status = HistoryStatus::Off;
        h
    }

    pub fn unavailable(reason: String, opts: &HistoryOptions) -> History {
        History {
            info: HistoryInfo {
                status: HistoryStatus::Unavailable,
                reason: Some(reason),
                max_commits: opts.max_commits,
                max_commit_modules: opts.max_commit_modules,
                ..HistoryInfo::default()
            },
            ..History::default()
        }
    }
}

/// The log as git gave it, before it is mapped onto modules: read while the sources are
/// parsed (git is another process), mapped once the module graph is there.
#[derive(Debug)]
pub struct RawHistory {
    /// The directory git ran in; the log's paths are relative to it.
    dir: PathBuf,
    read: Result<(Vec<LogEntry>, String, bool), String>,
    /// What the log depends on, in one string ([`identity`]): the result memo's check.
    pub identity: String,
}

/// What the log of a directory depends on, found without reading the log: the commit, a
/// shallow clone, the options and the `.mailmap` (`cache_key`).
struct LogSource {
    shallow: bool,
    key: String,
    mailmap: bool,
    /// Said on standard error by [`read`] (a `.mailmap` that cannot be read).
    warnings: Vec<String>,
}

/// The repository state the log of `dir` (canonical) depends on, or why there is no log.
fn log_source(dir: &Path, opts: &HistoryOptions) -> Result<LogSource, String> {
    if !dir.is_dir() {
        return Err("the analyzed path is not a directory".to_string());
    }
    let state = crate::git::repo_state(dir).map_err(|e| {
        let e = format!("{e:#}");
        if e.contains("not a git repository") {
            "not inside a git repository".to_string()
        } else {
            e
        }
    })?;
    let Some(head) = state.head else {
        return Err("the repository has no commits".into());
    };
    // git reads the working tree's `.mailmap` itself (not through a symlink); one that is
    // no regular file or too large is not read at all, by either side.
    let mut warnings = Vec::new();
    let mailmap =
        match crate::fsio::read_capped(&state.top.join(".mailmap"), crate::fsio::caps::TEXT) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.is_not_found() => Some(Vec::new()),
            Err(e) => {
                warnings.push(format!(".mailmap: {e}; authors are taken as recorded"));
                None
            }
        };
    Ok(LogSource {
        shallow: state.shallow,
        key: cache_key(dir, &head, state.shallow, opts, mailmap.as_deref()),
        mailmap: mailmap.is_some(),
        warnings,
    })
}

/// What the history `read` gives for `dir` depends on, in one string, found without reading
/// the log (two `git rev-parse`): equal strings, equal logs. The result memo compares it.
pub fn identity(dir: &Path, opts: &HistoryOptions) -> String {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    match log_source(&dir, opts) {
        Ok(src) => format!("log {}", src.key),
        Err(reason) => format!("unavailable: {reason}"),
    }
}

/// Runs `git log` for the repository holding the directory `dir` (the analyzed one).
/// Never fails: without git, a repository or commits, the result says why. With a cache
/// directory, the log of a HEAD already read is taken from `history.bin` there, so that a
/// warm run costs one `git rev-parse`.
pub fn read(dir: &Path, opts: &HistoryOptions, cache_dir: Option<&Path>) -> RawHistory {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let read = log_source(&dir, opts).and_then(|src| {
        for w in &src.warnings {
            crate::diag::say("warning", w);
        }
        let key = &src.key;
        if let Some((since, raw)) = cache_dir.and_then(|c| cache_read(c, key)) {
            return Ok((parse_log(&raw), since, src.shallow, key.clone()));
        }
        let since = match &opts.since {
            Some(s) => s.clone(),
            None => {
                let Some(time) = crate::git::head_time(&dir) else {
                    return Err("the repository has no commits".into());
                };
                date_of(time - DEFAULT_WINDOW_DAYS * 86_400)
            }
        };
        let raw = crate::git::log(&dir, &since, opts.max_commits, src.mailmap)
            .map_err(|e| format!("{e:#}"))?;
        if let Some(c) = cache_dir {
            cache_write(c, key, &since, &raw);
        }
        Ok((parse_log(&raw), since, src.shallow, key.clone()))
    });
    // A log that failed after its source was found is not what `identity` names.
    let identity = match &read {
        Ok((.., key)) => format!("log {key}"),
        Err(reason) => format!("unavailable: {reason}"),
    };
    RawHistory {
        dir,
        read: read.map(|(entries, since, shallow, _)| (entries, since, shallow)),
        identity,
    }
}

/// Changes whenever the cached log's meaning or encoding changes.
const CACHE_FORMAT: &str = "archsplit-history-3";
const CACHE_FILE: &str = "history.bin";

/// What the log of `dir` depends on: the commit, the options, a shallow clone (deepening it
/// adds history under the same HEAD) and the working tree's `.mailmap` (`None`: not used).
fn cache_key(
    dir: &Path,
    head: &str,
    shallow: bool,
    opts: &HistoryOptions,
    mailmap: Option<&[u8]>,
) -> String {
    let mut h = crate::hash::Fnv64::new();
    h.field(CACHE_FORMAT.as_bytes())
        .field(dir.to_string_lossy().as_bytes())
        .field(head.as_bytes())
        .field(&[u8::from(shallow)])
        .field(opts.since.as_deref().unwrap_or("").as_bytes())
        .field(opts.max_commits.to_string().as_bytes());
    match mailmap {
        Some(m) => h.field(b"mailmap").field(m),
        None => h.field(b"no-mailmap"),
    };
    format!("{:016x}", h.finish())
}

/// The cached `(since, log)` for `key`, if the cache holds it whole and its checksum holds.
fn cache_read(dir: &Path, key: &str) -> Option<(String, Vec<u8>)> {
    let bytes = crate::fsio::read_capped(&dir.join(CACHE_FILE), crate::fsio::caps::PACK).ok()?;
    let bytes = crate::cache::unseal(&bytes)?;
    let rest = bytes.strip_prefix(format!("{CACHE_FORMAT}\n{key}\n").as_bytes())?;
    let nl = rest.iter().position(|&b| b == b'\n')?;
    let since = std::str::from_utf8(&rest[..nl]).ok()?.to_string();
    let body = &rest[nl + 1..];
    let (len, log) = body.split_at_checked(8)?;
    let len = u64::from_le_bytes(len.try_into().ok()?) as usize;
    (log.len() == len).then(|| (since, log.to_vec()))
}

/// Replaces the cached log, with a checksum (written to a temporary name, then renamed;
/// failures only cost a `git log` next time).
fn cache_write(dir: &Path, key: &str, since: &str, log: &[u8]) {
    let mut bytes = format!("{CACHE_FORMAT}\n{key}\n{since}\n").into_bytes();
    bytes.extend((log.len() as u64).to_le_bytes());
    bytes.extend(log);
    crate::cache::write_sealed(dir, CACHE_FILE, &bytes);
}

/// Maps a log onto the modules of `g`.
pub fn map(raw: RawHistory, g: &ModuleGraph, opts: &HistoryOptions) -> History {
    match raw.read {
        Err(reason) => History::unavailable(reason, opts),
        Ok((entries, since, shallow)) => {
            let mut h = map_commits(&raw.dir, g, &entries, opts);
            h.info.since = Some(since);
            h.info.shallow = shallow;
            h.info.truncated = entries.len() >= opts.max_commits;
            h
        }
    }
}

/// Everything the later stages read of the history.
#[derive(Debug, Clone)]
pub struct HistoryAnalysis {
    pub history: History,
    pub coupling: coupling::Coupling,
    pub show_authors: bool,
}

impl HistoryAnalysis {
    pub fn new(history: History, g: &ModuleGraph, show_authors: bool) -> HistoryAnalysis {
        let mut coupling = coupling::coupling(&history, g.modules.len());
        let linked: std::collections::HashSet<(usize, usize)> = g
            .edges
            .iter()
            .map(|e| (e.from.min(e.to), e.from.max(e.to)))
            .collect();
        for p in &mut coupling.pairs {
            p.static_dependency = linked.contains(&(p.a, p.b));
        }
        HistoryAnalysis {
            history,
            coupling,
            show_authors,
        }
    }
}

/// One commit as `git log` printed it.
#[derive(Debug, Clone, PartialEq)]
struct LogEntry {
    time: i64,
    name: String,
    email: String,
    /// (path as of this commit, path it was renamed from) per changed file.
    files: Vec<(String, Option<String>)>,
}

/// Parses the output of `git::log`. Malformed records are skipped.
fn parse_log(raw: &[u8]) -> Vec<LogEntry> {
    let mut out = Vec::new();
    for record in raw.split(|&b| b == 0x1e).skip(1) {
        let mut fields = record
            .split(|&b| b == 0)
            .map(|f| String::from_utf8_lossy(f).trim_matches('\n').to_string());
        let (Some(_hash), Some(time), Some(name), Some(email)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Ok(time) = time.parse() else { continue };
        let mut files = Vec::new();
        let rest: Vec<String> = fields.filter(|f| !f.is_empty()).collect();
        let mut i = 0;
        while i < rest.len() {
            let status = rest[i].as_str();
            let two = status.starts_with('R') || status.starts_with('C');
            if two && i + 2 < rest.len() {
                let (from, to) = (rest[i + 1].clone(), rest[i + 2].clone());
                // A copy leaves its source in place: only a rename carries history over.
                files.push((to, status.starts_with('R').then_some(from)));
                i += 3;
            } else if !two && i + 1 < rest.len() {
                files.push((rest[i + 1].clone(), None));
                i += 2;
            } else {
                break;
            }
        }
        out.push(LogEntry {
            time,
            name,
            email,
            files,
        });
    }
    out
}

/// Turns log entries (newest first) into commits of modules: each path is followed through
/// later renames to its current name, then to the module whose file it is.
fn map_commits(
    root: &Path,
    g: &ModuleGraph,
    entries: &[LogEntry],
    opts: &HistoryOptions,
) -> History {
    let module_of = module_of_files(g);
    // Path at some older commit → current path, filled in as the walk passes each rename.
    let mut current: HashMap<String, String> = HashMap::new();
    let mut author_keys: BTreeMap<String, String> = BTreeMap::new();
    let mut mapped: Vec<(Vec<usize>, String, i64)> = Vec::new();
    let mut skipped_large = 0;
    for e in entries {
        let modules = modules_of_entry(root, e, &module_of, &mut current);
        if modules.is_empty() {
            continue;
        }
        if modules.len() > opts.max_commit_modules {
            skipped_large += 1;
            continue;
        }
        let key = author_key(e);
        author_keys
            .entry(key.clone())
            .or_insert_with(|| format!("{} <{}>", e.name, e.email));
        mapped.push((modules, key, e.time));
    }
    let keys: Vec<&String> = author_keys.keys().collect();
    let commits: Vec<Commit> = mapped
        .into_iter()
        .map(|(modules, key, time)| Commit {
            modules,
            author: keys.binary_search(&&key).unwrap_or(0),
            time,
        })
        .collect();
    let first = commits.iter().map(|c| c.time).min().map(date_of);
    let last = commits.iter().map(|c| c.time).max().map(date_of);
    History {
        info: HistoryInfo {
            status: HistoryStatus::Read,
            reason: None,
            commits: commits.len(),
            commits_read: entries.len(),
            skipped_large,
            authors: author_keys.len(),
            since: None,
            first,
            last,
            shallow: false,
            truncated: false,
            max_commits: opts.max_commits,
            max_commit_modules: opts.max_commit_modules,
        },
        commits,
        authors: author_keys.into_values().collect(),
    }
}

/// The module of every file (not inline modules; the first module of a shared file).
fn module_of_files(g: &ModuleGraph) -> HashMap<PathBuf, usize> {
    let mut module_of: HashMap<PathBuf, usize> = HashMap::new();
    for (i, m) in g.modules.iter().enumerate() {
        if m.inline {
            continue;
        }
        for f in &m.files {
            module_of.entry(f.clone()).or_insert(i);
        }
    }
    module_of
}

/// The modules (sorted, once each) whose files log entry `e` touched, its paths followed to
/// their `current` names; records the entry's renames in `current`.
fn modules_of_entry(
    root: &Path,
    e: &LogEntry,
    module_of: &HashMap<PathBuf, usize>,
    current: &mut HashMap<String, String>,
) -> Vec<usize> {
    let mut modules = Vec::new();
    for (path, renamed_from) in &e.files {
        let now = current.get(path).cloned().unwrap_or_else(|| path.clone());
        if let Some(m) = module_of.get(&root.join(&now)) {
            modules.push(*m);
        }
        if let Some(from) = renamed_from {
            current.insert(from.clone(), now);
        }
    }
    modules.sort_unstable();
    modules.dedup();
    modules
}

/// Who wrote log entry `e`, as one key: the email, or the name without one (lowercase).
fn author_key(e: &LogEntry) -> String {
    if e.email.is_empty() {
        e.name.to_lowercase()
    } else {
        e.email.to_lowercase()
    }
}

/// `YYYY-MM-DD` (UTC) of a time in seconds since the epoch (clamped to jiff's range, years
/// -9999 to 9999, far beyond any commit).
pub fn date_of(secs: i64) -> String {
    let t = jiff::Timestamp::from_second(secs.clamp(
        jiff::Timestamp::MIN.as_second(),
        jiff::Timestamp::MAX.as_second(),
    ))
    .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    t.to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .strftime("%Y-%m-%d")
        .to_string()
}

/// Checks a `--since` value: a real calendar date `YYYY-MM-DD` (not 2024-02-30).
pub fn parse_since(s: &str) -> Result<String, String> {
    let well_formed = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    match s.parse::<jiff::civil::Date>() {
        Ok(_) if well_formed => Ok(s.to_string()),
        Ok(_) | Err(_) if !well_formed => {
            Err(format!("`{s}` is not a date of the form YYYY-MM-DD"))
        }
        _ => Err(format!("`{s}` is not a date of the calendar")),
    }
}

/// Midnight UTC of a `--since` date as seconds since the epoch, the form git reads exactly
/// (`@SECONDS +0000`; git's own date parser misreads years past 2099).
pub fn since_seconds(since: &str) -> Option<i64> {
    let date: jiff::civil::Date = since.parse().ok()?;
    Some(
        date.to_zoned(jiff::tz::TimeZone::UTC)
            .ok()?
            .timestamp()
            .as_second(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cached_log_is_read_back_only_when_whole_and_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        cache_write(dir.path(), "k", "2024-01-01", b"log bytes");
        let want = Some(("2024-01-01".to_string(), b"log bytes".to_vec()));
        assert_eq!(cache_read(dir.path(), "k"), want);
        assert_eq!(cache_read(dir.path(), "other"), None);
        let file = dir.path().join(CACHE_FILE);
        let good = std::fs::read(&file).unwrap();
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x04;
            std::fs::write(&file, &bad).unwrap();
            assert_eq!(cache_read(dir.path(), "k"), None, "byte {i}");
        }
        std::fs::write(&file, &good[..good.len() - 1]).unwrap();
        assert_eq!(cache_read(dir.path(), "k"), None);
    }

    #[test]
    fn dates_are_civil_utc() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(951_782_400), "2000-02-29");
        assert_eq!(date_of(1_795_775_586), "2026-11-27");
        assert_eq!(date_of(-86_400), "1969-12-31");
    }

    #[test]
    fn since_must_be_a_date() {
        assert!(parse_since("2024-01-31").is_ok());
        assert!(parse_since("2024-02-29").is_ok());
        assert_eq!(since_seconds("2100-01-01"), Some(4_102_444_800));
        for bad in [
            "2024-1-31",
            "yesterday",
            "2024-13-01",
            "--all",
            "2024-01-31x",
            "2024-02-30",
            "2023-02-29",
            "+2024-01-01",
        ] {
            assert!(parse_since(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn log_records_with_renames_and_odd_names() {
        let raw = b"\x1eaaa\x001700000000\x00Ann\x00ann@x\x00\nM\x00src/a.rs\x00R087\x00src/old.rs\x00src/new name.rs\x00C100\x00src/c.rs\x00src/d.rs\x00\x1ebbb\x00bad\x00B\x00b@x\x00\nM\x00x.rs\x00\x1eccc\x001600000000\x00Bob\x00\x00\nD\x00src/gone.rs\x00";
        let e = parse_log(raw);
        assert_eq!(e.len(), 2, "the record with a bad time is skipped");
        assert_eq!(e[0].time, 1_700_000_000);
        assert_eq!(
            e[0].files,
            vec![
                ("src/a.rs".to_string(), None),
                (
                    "src/new name.rs".to_string(),
                    Some("src/old.rs".to_string())
                ),
                ("src/d.rs".to_string(), None),
            ]
        );
        assert_eq!(e[1].name, "Bob");
        assert_eq!(e[1].files, vec![("src/gone.rs".to_string(), None)]);
    }
}
