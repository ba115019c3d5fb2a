//! Running the archsplit binary the way a user does, from a chosen directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// `archsplit ARGS` started in `cwd`, with `cargo` found on PATH as a user would have it
/// (the `CARGO` variable that cargo test sets is removed) and `ARCHSPLIT_PWNED_DIR` pointing
/// at `marks`, where the fixtures' planted programs would leave a file if they ever ran.
/// A cache directory shared by the tests (the cache is safe under concurrent runs), so that
/// no test writes into testdata/.
pub fn cache_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary directory"))
        .path()
}

pub fn archsplit(cwd: &Path, marks: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archsplit"))
        .args(args)
        .current_dir(cwd)
        .env("ARCHSPLIT_CACHE_DIR", cache_dir())
        .env_remove("CARGO")
        .env("ARCHSPLIT_PWNED_DIR", marks)
        .output()
        .expect("archsplit starts")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// Panics with the program's stderr unless it exited with `code`.
pub fn expect_code(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "exit status {:?}; stderr:\n{}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The files left in `marks`: the names of planted programs that ran.
pub fn marks_left(marks: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(marks)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Every path under `dir` with its size, to see that nothing changed (archsplit writes
/// nothing into the analyzed tree; symlinks are not followed).
pub fn snapshot(dir: &Path) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.filter_map(|e| e.ok()) {
            let p = e.path();
            let meta = std::fs::symlink_metadata(&p).expect("metadata");
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            out.push((rel, meta.len()));
            if meta.is_dir() {
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Writes `text` to `dir/rel`, creating directories.
pub fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Copies a directory tree; `fs::copy` keeps permission bits, so planted scripts stay
/// executable.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Runs git in `dir` as `author` at `date` (RFC 3339), ignoring the machine's own git
/// configuration; panics with git's message when it fails.
pub fn git_as(dir: &Path, author: &str, date: &str, args: &[&str]) {
    let email = format!("{}@example.invalid", author.to_lowercase());
    let out = Command::new("git")
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", &email)
        .env("GIT_COMMITTER_NAME", author)
        .env("GIT_COMMITTER_EMAIL", &email)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What `setrlimit` takes as a resource on this platform.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub type Resource = libc::__rlimit_resource_t;
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub type Resource = libc::c_int;

/// Has the OS hold `cmd`'s child to these resource limits (`libc::RLIMIT_*`, value), set
/// between fork and exec: what hostile and fuzz runs use to bound memory and CPU time
/// without a wall-clock bound.
pub fn limit(cmd: &mut Command, limits: Vec<(Resource, u64)>) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            for &(res, v) in &limits {
                let lim = libc::rlimit {
                    rlim_cur: v as libc::rlim_t,
                    rlim_max: v as libc::rlim_t,
                };
                if libc::setrlimit(res, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
}
