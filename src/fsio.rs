//! Reading files that may be hostile. Every file archsplit reads — sources, manifests,
//! `.mailmap`, cache packs, rules, config, baselines — goes through [`read_capped`]: it is
//! opened without blocking (a FIFO cannot hang the open), read only if it is a regular file
//! (never `/dev/zero`, a socket or a device, also not through a symlink), and never beyond a
//! cap. A violation is an error value the caller turns into a diagnostic, or into a clear
//! error for a file the user named.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Caps per kind of file: far above any real one, far below what hurts.
pub mod caps {
    /// A Rust source file.
    pub const SOURCE: u64 = 16 * 1024 * 1024;
    /// A `Cargo.toml`, `archsplit.toml`, rule file or `.mailmap`.
    pub const TEXT: u64 = 4 * 1024 * 1024;
    /// A baseline file.
    pub const BASELINE: u64 = 64 * 1024 * 1024;
    /// A cache pack.
    pub const PACK: u64 = 1024 * 1024 * 1024;
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Not a regular file: a FIFO, a device, a socket or a directory (named by kind).
    NotRegular(&'static str),
    /// Larger than the cap.
    TooLarge { len: u64, cap: u64 },
    /// The operating system's error (not found, permission denied, ...).
    Io(std::io::Error),
}

impl ReadError {
    /// Whether the file does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotRegular(kind) => write!(f, "not a regular file ({kind})"),
            ReadError::TooLarge { len, cap } => write!(
                f,
                "file is {} bytes, over the limit of {}",
                crate::words::thousands(*len),
                crate::words::thousands(*cap)
            ),
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// What kind of file `ft` is, in words (`a FIFO`, `a device`, ...).
pub(crate) fn kind_of(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

/// Opens `path` for reading without blocking on a FIFO and without a controlling terminal.
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    o.open(path)
}

/// The bytes of the regular file at `path` (symlinks followed to a regular file only),
/// at most `cap` of them.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    // Look first without opening: opening some devices has effects of its own.
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    let file = open(path)?;
    // The file may have been swapped between the look and the open: check what was opened.
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge {
            len: meta.len(),
            cap,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge {
            len: bytes.len() as u64,
            cap,
        });
    }
    Ok(bytes)
}

/// [`read_capped`] as text; invalid UTF-8 is an error of kind `InvalidData`.
pub fn read_text_capped(path: &Path, cap: u64) -> Result<String, ReadError> {
    let bytes = read_capped(path, cap)?;
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to()),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_within_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"hello").unwrap();
        assert_eq!(read_capped(&p, 5).unwrap(), b"hello");
        assert!(matches!(
            read_capped(&p, 4),
            Err(ReadError::TooLarge { len: 5, cap: 4 })
        ));
        assert!(read_capped(&dir.path().join("none"), 5)
            .unwrap_err()
            .is_not_found());
    }

    #[cfg(unix)]
    #[test]
    fn refuses_devices_fifos_and_symlinks_to_them() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(matches!(
            read_capped(&link, 1 << 30),
            Err(ReadError::NotRegular("a device"))
        ));
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        assert!(matches!(
            read_capped(&fifo, 1 << 30),
            Err(ReadError::NotRegular("a FIFO"))
        ));
        assert!(matches!(
            read_capped(dir.path(), 1 << 30),
            Err(ReadError::NotRegular("a directory"))
        ));
    }
}
