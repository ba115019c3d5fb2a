//! Directories and files without any Cargo.toml: a crate named after the directory.

use std::path::Path;

use super::{Edition, Package, Target, TargetKind, TargetRoot};

/// A crate identifier made from a file or directory name.
pub fn ident_of(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// A plain directory of .rs files. Its root is `src/lib.rs`, `lib.rs`, `src/main.rs` or
/// `main.rs` when one exists; otherwise every .rs file in it is a top-level module.
/// `None` when the directory holds no .rs file at all.
pub fn plain_dir(dir: &Path) -> Option<Package> {
    let name = ident_of(
        &dir.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    let mut targets = Vec::new();
    for (kind, candidates) in [
        (TargetKind::Lib, ["src/lib.rs", "lib.rs"]),
        (TargetKind::Bin, ["src/main.rs", "main.rs"]),
    ] {
        if let Some(p) = candidates.iter().map(|c| dir.join(c)).find(|p| p.is_file()) {
            targets.push(Target {
                name: name.clone(),
                kind,
                root: TargetRoot::File(p),
            });
        }
    }
    if targets.is_empty() {
        if !has_rust_file(dir) {
            return None;
        }
        targets.push(Target {
            name: name.clone(),
            kind: TargetKind::Lib,
            root: TargetRoot::Dir(dir.to_path_buf()),
        });
    }
    Some(Package {
        name,
        dir: dir.to_path_buf(),
        manifest: None,
        edition: Edition::E2018,
        version: String::new(),
        targets,
        deps: Vec::new(),
        publishable: false,
        declared: Vec::new(),
        proc_macro: false,
        description: String::new(),
        repository: String::new(),
    })
}

/// A single .rs file analyzed on its own.
pub fn single_file(file: &Path) -> Package {
    let stem = file
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = ident_of(&stem);
    Package {
        name: name.clone(),
        dir: file.parent().unwrap_or(Path::new("/")).to_path_buf(),
        manifest: None,
        edition: Edition::E2018,
        version: String::new(),
        targets: vec![Target {
            name,
            kind: TargetKind::Lib,
            root: TargetRoot::File(file.to_path_buf()),
        }],
        deps: Vec::new(),
        publishable: false,
        declared: Vec::new(),
        proc_macro: false,
        description: String::new(),
        repository: String::new(),
    }
}

fn has_rust_file(dir: &Path) -> bool {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .max_depth(12)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !super::manifest::is_skipped_dir(&e.file_name().to_string_lossy())
        })
        .filter_map(|e| e.ok())
        .any(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "rs"))
}
