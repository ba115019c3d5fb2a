//! Stage 3: `FileFacts` → `ModuleGraph`. Builds each target's module tree as rustc finds it,
//! resolves every recorded path to the module that defines what it names, and weighs the
//! edges. Name resolution lives here and nowhere else.

mod graph;
mod resolve;
pub mod roles;
mod tree;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

pub use graph::{build, Edge, ExternalUse, ModuleGraph};
pub use tree::{likely_sources, parse_all};

use crate::parse::ModFacts;
use crate::workspace::TargetKind;

/// What building the module trees read from the file system, for the result memo
/// (`memo.rs`): every file whose facts went into a module (module files and `include!`d
/// files), with the parse cache's key of its bytes (`None`: read without a cache, or not
/// readable), and every path looked at to find module files (candidates of `mod x;`,
/// `#[path]` targets, crate roots, the directories searched for orphans).
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub files: BTreeMap<PathBuf, Option<String>>,
    pub probed: BTreeSet<PathBuf>,
}

/// A crate of the analyzed workspace: one target of one package.
#[derive(Debug, Clone)]
pub struct Crate {
    /// The package the target belongs to.
    pub package: String,
    /// Absolute package directory.
    pub dir: PathBuf,
    pub target: String,
    pub kind: TargetKind,
    /// The first segment of this crate's module paths (`regex_automata`, `rg`, `grep-bin`).
    pub prefix: String,
    /// Index of the crate's root module.
    pub root: usize,
    /// The root file or directory.
    pub root_file: PathBuf,
}

/// One module: a file, an inline `mod x { }`, or the virtual root of a plain directory.
#[derive(Debug, Clone)]
pub struct Module {
    /// `crate_prefix::a::b`.
    pub path: String,
    pub name: String,
    pub krate: usize,
    pub parent: Option<usize>,
    /// Absolute file the module is in.
    pub file: PathBuf,
    /// Line of the module's start in `file` (1 for a file module).
    pub line: u32,
    pub inline: bool,
    pub facts: ModFacts,
    pub children: BTreeMap<String, usize>,
    /// Every file whose top level is this module, `file` first: one per platform when
    /// `cfg_attr(.., path)` or same-named `cfg` modules select between them.
    pub files: Vec<PathBuf>,
    /// Reached only through `mod` declarations that documentation builds alone compile
    /// (`#[cfg(docsrs)] mod x;`, or inside such a module): in no program anyone builds.
    pub doc_only: bool,
}
