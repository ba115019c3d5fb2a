//! The module trees, as rustc finds them: `mod x;` → `x.rs` or `x/mod.rs`, non-mod-rs nesting,
//! `#[path]` (also inside inline modules), inline `mod x { }`, `include!`. Files are parsed a
//! level at a time, each level in parallel, and each syntax tree is dropped as soon as its
//! facts are taken.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Crate, Inputs, Module};
use crate::diag::Diagnostic;
use crate::parse::cache::Cache;
use crate::parse::{parse_file, ChildMod, FileFacts, ModFacts, ParseOptions};
use crate::workspace::{TargetKind, TargetRoot, Workspace};

/// Module trees of every crate, before name resolution.
pub struct Forest {
    pub crates: Vec<Crate>,
    pub modules: Vec<Module>,
    pub diagnostics: Vec<Diagnostic>,
    /// Number of files parsed.
    pub files_parsed: usize,
    pub inputs: Inputs,
}

/// Deepest module nesting followed (file and inline modules together). Real crates nest a
/// handful of levels; this is a sanity bound, reported as `module-too-deep` (a cycle is
/// found by its files, never by its depth).
const MAX_MODULE_DEPTH: usize = 256;

/// Budgets of argument-less macro expansion, per file (of the invocation) and per crate:
/// expansions, and bytes of expanded text. Each expansion may hold further invocations, so
/// nine macros invoking the next eight times each ask for 8^8 expansions (63 s and 749 MB
/// before). The whole corpus (ripgrep, regex, tokio, serde, syn families) expands one macro
/// in two crates (serde's `crate_root!()`, 5.6 kB): these bounds are more than two orders of
/// magnitude above what real crates use, and keep a runaway to a fraction of a second.
const FILE_EXPANSION_BUDGET: (usize, usize) = (256, 1024 * 1024);
const CRATE_EXPANSION_BUDGET: (usize, usize) = (1024, 4 * 1024 * 1024);

/// Expansions done, bytes expanded, and whether the budget ran out.
type Spent = (usize, usize, bool);

struct Pending {
    module: usize,
    file: PathBuf,
    mod_rs: bool,
}

struct Builder<'w> {
    ws: &'w Workspace,
    opts: ParseOptions,
    cache: Option<&'w Cache>,
    modules: Vec<Module>,
    /// Whether a module has received the facts of its file yet (a second file with the same
    /// module name, e.g. one per platform, is merged into the first).
    attached: Vec<bool>,
    diagnostics: Vec<Diagnostic>,
    /// Canonical files that are part of some module tree.
    reached: BTreeSet<PathBuf>,
    /// Files and directories of modules switched off by `cfg(test)`.
    excluded: BTreeSet<PathBuf>,
    pending: Vec<Pending>,
    files_parsed: usize,
    /// Per module: the file, the directory of its `mod x;` children, and whether it is the
    /// top of its file; what a macro expanded inside the module needs to declare modules.
    context: Vec<Option<(PathBuf, PathBuf, bool)>>,
    /// Macro expansion spent per crate, and per file of the invocations.
    expanded: HashMap<usize, Spent>,
    expanded_in_file: HashMap<PathBuf, Spent>,
    inputs: Inputs,
}

/// Rounds of argument-less macro expansion (a macro may expand to another invocation).
const MAX_EXPANSION_ROUNDS: usize = 8;

/// Builds every crate's module tree. `progress` is called with the number of files parsed.
pub fn build_forest(
    ws: &Workspace,
    opts: ParseOptions,
    cache: Option<&Cache>,
    pre: HashMap<PathBuf, FileFacts>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Forest {
    let mut b = Builder::new(ws, opts, cache);
    let crates = b.create_crates();
    // Every source file is parsed up front in one parallel batch (module trees are shallow
    // but wide, and a level-by-level walk would leave cores idle between levels); the walk
    // below then takes facts from this cache and parses only what lies elsewhere.
    // `pre` holds files parsed while discovery ran.
    let sources = source_files(ws);
    for p in &ws.packages {
        b.inputs.probed.insert(p.dir.join("src"));
        b.inputs.probed.insert(p.dir.clone());
    }
    let missing: Vec<PathBuf> = sources
        .iter()
        .filter(|f| !pre.contains_key(*f))
        .cloned()
        .collect();
    let mut queued = missing.len() as u64 + b.pending.len() as u64;
    let mut parsed = pre;
    parsed.extend(parse_all(&missing, &ws.root, opts, cache, progress));
    b.files_parsed = sources.len();
    let mut rounds = 0;
    loop {
        if b.pending.is_empty() {
            if rounds == MAX_EXPANSION_ROUNDS || !b.expand_macros() {
                break;
            }
            rounds += 1;
            queued += b.pending.len() as u64;
            continue;
        }
        let batch = b.parse_pending(&parsed, queued, progress);
        b.files_parsed += batch.len();
        parsed.extend(batch);
        b.attach_pending(&parsed);
        queued += b.pending.len() as u64;
    }
    b.orphans(&sources);
    Forest {
        crates,
        modules: b.modules,
        diagnostics: b.diagnostics,
        files_parsed: b.reached.len(),
        inputs: b.inputs,
    }
}

impl<'a> Builder<'a> {
    /// A builder with nothing built yet.
    fn new(ws: &'a Workspace, opts: ParseOptions, cache: Option<&'a Cache>) -> Self {
        Builder {
            ws,
            opts,
            cache,
            modules: Vec::new(),
            attached: Vec::new(),
            diagnostics: Vec::new(),
            reached: BTreeSet::new(),
            excluded: BTreeSet::new(),
            pending: Vec::new(),
            files_parsed: 0,
            context: Vec::new(),
            expanded: HashMap::new(),
            expanded_in_file: HashMap::new(),
            inputs: Inputs::default(),
        }
    }

    /// Parses, in parallel, the pending module files not in `parsed` (files outside the
    /// targets' sources), reporting progress out of `queued`.
    fn parse_pending(
        &self,
        parsed: &HashMap<PathBuf, FileFacts>,
        queued: u64,
        progress: &(dyn Fn(u64, u64) + Sync),
    ) -> Vec<(PathBuf, FileFacts)> {
        let mut need: Vec<PathBuf> = self
            .pending
            .iter()
            .map(|p| p.file.clone())
            .filter(|f| !parsed.contains_key(f))
            .collect();
        need.sort();
        need.dedup();
        let (ws, opts, cache) = (self.ws, self.opts, self.cache);
        let counter = std::sync::atomic::AtomicU64::new(self.files_parsed as u64);
        need.par_iter()
            .map(|f| {
                let facts = parse_file(f, &ws.rel(f), opts, cache);
                let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(n, queued);
                (f.clone(), facts)
            })
            .collect()
    }

    /// Attaches every pending module file's facts to its module (which may queue more).
    fn attach_pending(&mut self, parsed: &HashMap<PathBuf, FileFacts>) {
        let batch = std::mem::take(&mut self.pending);
        for p in batch {
            // A file can be reached more than once (argless macros re-expanded, a module
            // file shared by targets): its facts are kept, never parsed a second time.
            let facts = match parsed.get(&p.file) {
                Some(f) => f.clone(),
                None => parse_file(&p.file, &self.ws.rel(&p.file), self.opts, self.cache),
            };
            self.attach(p.module, facts, &p.file, p.mod_rs);
        }
    }
}

impl Builder<'_> {
    fn create_crates(&mut self) -> Vec<Crate> {
        let ws = self.ws;
        let mut crates = Vec::new();
        let mut used: BTreeSet<String> = BTreeSet::new();
        // Library names first, so that they keep their plain names.
        let mut order: Vec<(usize, usize)> = Vec::new();
        for (pi, p) in ws.packages.iter().enumerate() {
            for (ti, _) in p.targets.iter().enumerate() {
                order.push((pi, ti));
            }
        }
        order
            .sort_by_key(|&(pi, ti)| (ws.packages[pi].targets[ti].kind != TargetKind::Lib, pi, ti));
        for (pi, ti) in order {
            let pkg = &ws.packages[pi];
            let t = &pkg.targets[ti];
            let mut prefix = t.crate_ident();
            if matches!(
                t.kind,
                TargetKind::Test | TargetKind::Bench | TargetKind::Example
            ) {
                // Tests, benches and examples are named for what they are: `cli-test`.
                prefix = format!("{prefix}-{}", t.kind.as_str());
            } else if used.contains(&prefix) {
                prefix = format!("{}-{}", t.crate_ident(), t.kind.as_str());
            }
            let base = prefix.clone();
            let mut n = 2;
            while used.contains(&prefix) {
                prefix = format!("{base}{n}");
                n += 1;
            }
            used.insert(prefix.clone());
            let krate = crates.len();
            let (root_file, file) = match &t.root {
                TargetRoot::File(f) => (f.clone(), f.clone()),
                TargetRoot::Dir(d) => (d.clone(), d.clone()),
            };
            let root = self.new_module(
                prefix.clone(),
                prefix.clone(),
                krate,
                None,
                file.clone(),
                1,
                false,
            );
            crates.push(Crate {
                package: pkg.name.clone(),
                dir: pkg.dir.clone(),
                target: t.name.clone(),
                kind: t.kind,
                prefix,
                root,
                root_file,
            });
            match &t.root {
                TargetRoot::File(f) => match self.checked_file(f, &ws.rel(f), 1, 0) {
                    Some(canon) => {
                        self.modules[root].file = canon.clone();
                        self.pending.push(Pending {
                            module: root,
                            file: canon,
                            mod_rs: true,
                        })
                    }
                    None => {
                        self.attached[root] = true;
                    }
                },
                TargetRoot::Dir(d) => {
                    self.inputs.probed.insert(d.clone());
                    self.attached[root] = true;
                    let facts = loose_dir_facts(d);
                    self.process(root, facts, d, d.clone(), false);
                }
            }
        }
        crates
    }

    #[allow(clippy::too_many_arguments)]
    fn new_module(
        &mut self,
        path: String,
        name: String,
        krate: usize,
        parent: Option<usize>,
        file: PathBuf,
        line: u32,
        inline: bool,
    ) -> usize {
        self.modules.push(Module {
            path,
            name,
            krate,
            parent,
            file,
            line,
            inline,
            facts: ModFacts::default(),
            children: Default::default(),
            files: Vec::new(),
            doc_only: false,
        });
        self.attached.push(false);
        self.context.push(None);
        self.modules.len() - 1
    }

    /// The child `c` of `parent`, declared now or found declared already: a module is
    /// `doc_only` while every declaration that reaches it is.
    fn child(
        &mut self,
        parent: usize,
        c: &ChildMod,
        file: &Path,
        line: u32,
        inline: bool,
    ) -> usize {
        let name = c.name.as_str();
        let doc_only = c.doc_only || self.modules[parent].doc_only;
        if let Some(&id) = self.modules[parent].children.get(name) {
            self.modules[id].doc_only &= doc_only;
            return id;
        }
        let path = format!("{}::{}", self.modules[parent].path, name);
        let krate = self.modules[parent].krate;
        let id = self.new_module(
            path,
            name.to_string(),
            krate,
            Some(parent),
            file.to_path_buf(),
            line,
            inline,
        );
        self.modules[parent].children.insert(name.to_string(), id);
        self.modules[id].doc_only = doc_only;
        id
    }

    /// Takes the facts of `file` into `module`.
    fn attach(&mut self, module: usize, mut facts: FileFacts, file: &Path, mod_rs: bool) {
        self.reached.insert(file.to_path_buf());
        self.inputs
            .files
            .insert(file.to_path_buf(), facts.source.clone());
        // `#[cfg(a)] mod m;` and `#[cfg(not(a))] mod m;` (or the same declaration reached
        // again through a re-expanded macro) are alternatives for one file: its facts are
        // one set, taken once.
        if self.modules[module].files.iter().any(|f| f == file) {
            return;
        }
        self.modules[module].files.push(file.to_path_buf());
        self.diagnostics.append(&mut facts.diagnostics);
        let mut root = facts.root;
        let file_dir = file.parent().unwrap_or(Path::new("/")).to_path_buf();
        // `include!("x.rs")` splices the file's items into this module; the modules it
        // declares are found from the included file's own directory.
        let mut included_children = Vec::new();
        for inc in std::mem::take(&mut root.includes) {
            let p = file_dir.join(&inc);
            let rel = self.ws.rel(file);
            if let Some(canon) = self.checked_file(&p, &rel, root.first_line, 0) {
                let mut f = parse_file(&canon, &self.ws.rel(&canon), self.opts, self.cache);
                self.files_parsed += 1;
                self.reached.insert(canon.clone());
                self.inputs.files.insert(canon.clone(), f.source.clone());
                self.diagnostics.append(&mut f.diagnostics);
                f.root.includes.clear();
                let children = ModFacts {
                    children: std::mem::take(&mut f.root.children),
                    excluded_children: std::mem::take(&mut f.root.excluded_children),
                    ..ModFacts::default()
                };
                included_children.push((canon, children));
                root.absorb(f.root);
            }
        }
        let child_dir = if mod_rs {
            file_dir.clone()
        } else {
            file_dir.join(file.file_stem().unwrap_or_default())
        };
        self.process(module, root, file, child_dir, true);
        for (inc, children) in included_children {
            let dir = inc.parent().unwrap_or(Path::new("/")).to_path_buf();
            self.process(module, children, &inc, dir, true);
        }
    }

    /// Takes `facts` into `module` and declares its children. `child_dir` is where `mod x;`
    /// looks for `x.rs`; `top` is true for the top level of a file.
    fn process(
        &mut self,
        module: usize,
        mut facts: ModFacts,
        file: &Path,
        child_dir: PathBuf,
        top: bool,
    ) {
        let children = std::mem::take(&mut facts.children);
        let excluded = std::mem::take(&mut facts.excluded_children);
        if self.attached[module] {
            self.modules[module].facts.absorb(facts);
        } else {
            self.modules[module].facts = facts;
            self.attached[module] = true;
        }
        if self.context[module].is_none() {
            self.context[module] = Some((file.to_path_buf(), child_dir.clone(), top));
        }
        let rel = self.ws.rel(file);
        for mut c in children {
            match c.inline.take() {
                Some(body) => {
                    let dir = child_dir.join(c.path_attrs.first().unwrap_or(&c.name));
                    let id = self.child(module, &c, file, body.first_line, true);
                    self.process(id, *body, file, dir, false);
                }
                None => {
                    for (path, mod_rs) in
                        self.find_child_files(&c, file, &child_dir, top, &rel, true)
                    {
                        if self.ws.is_excluded(&path) {
                            self.excluded.insert(path.canonicalize().unwrap_or(path));
                            continue;
                        }
                        self.declare_file_child_checked(module, &c, path, mod_rs, &rel);
                    }
                }
            }
        }
        for c in excluded {
            for (path, _) in self.find_child_files(&c, file, &child_dir, top, &rel, false) {
                if let Ok(canon) = path.canonicalize() {
                    if let Some(stem) = canon.file_stem() {
                        // `tests.rs` may have children in `tests/`; `tests/mod.rs` in its own directory.
                        let dir = if stem == "mod" {
                            canon.parent().map(Path::to_path_buf)
                        } else {
                            canon.parent().map(|d| d.join(stem))
                        };
                        self.excluded.extend(dir);
                    }
                    self.excluded.insert(canon);
                }
            }
        }
    }

    /// Expands item-position `name!()` invocations with the crate's argument-less
    /// `macro_rules!` (serde's `crate_root!()` declares most of its modules this way).
    /// True if anything was expanded.
    fn expand_macros(&mut self) -> bool {
        let mut work = Vec::new();
        for id in 0..self.modules.len() {
            for (name, line) in std::mem::take(&mut self.modules[id].facts.invocations) {
                work.push((id, name, line));
            }
        }
        let mut any = false;
        for (id, name, line) in work {
            let Some(text) = self.find_expansion(id, &name) else {
                continue;
            };
            if !self.within_expansion_budget(id, &name, line, text.len()) {
                continue;
            }
            let Some(facts) = crate::parse::parse_expansion(&text, line, self.opts) else {
                continue;
            };
            let Some((file, child_dir, top)) = self.context[id].clone() else {
                continue;
            };
            self.process(id, facts, &file, child_dir, top);
            any = true;
        }
        any
    }

    /// Takes one expansion of `bytes` from the budgets of the invoking file and of its crate,
    /// or reports (once per file, once per crate) that one ran out. A file that spends its
    /// budget does not take the expansions of the crate's other files with it.
    fn within_expansion_budget(&mut self, id: usize, name: &str, line: u32, bytes: usize) -> bool {
        let file = self.context[id]
            .as_ref()
            .map_or_else(|| self.modules[id].file.clone(), |c| c.0.clone());
        let krate = self.modules[id].krate;
        let fits = |used: &Spent, (count, total): (usize, usize)| {
            !used.2 && used.0 < count && used.1 + bytes <= total
        };
        let file_ok = fits(
            self.expanded_in_file.entry(file.clone()).or_default(),
            FILE_EXPANSION_BUDGET,
        );
        let crate_ok = fits(
            self.expanded.entry(krate).or_default(),
            CRATE_EXPANSION_BUDGET,
        );
        let spent = match (file_ok, crate_ok) {
            (true, true) => {
                for used in [
                    self.expanded_in_file.get_mut(&file),
                    self.expanded.get_mut(&krate),
                ]
                .into_iter()
                .flatten()
                {
                    used.0 += 1;
                    used.1 += bytes;
                }
                return true;
            }
            (false, _) => self.expanded_in_file.get_mut(&file).map(|u| {
                (
                    !std::mem::replace(&mut u.2, true),
                    "file",
                    FILE_EXPANSION_BUDGET,
                )
            }),
            (true, false) => self.expanded.get_mut(&krate).map(|u| {
                (
                    !std::mem::replace(&mut u.2, true),
                    "crate",
                    CRATE_EXPANSION_BUDGET,
                )
            }),
        };
        if let Some((true, what, (count, total))) = spent {
            self.diagnostics.push(
                Diagnostic::warning(
                    "macro-expansion-limit",
                    self.ws.rel(&file),
                    format!(
                        "expanding `{name}!()` would pass the {what}'s budget of {count} macro expansions or {} bytes of expanded code; it and the {what}'s later expansions were skipped",
                        crate::words::thousands(total as u64)
                    ),
                )
                .at(line, 1),
            );
        }
        false
    }

    /// The argument-less expansion of macro `name` as seen from module `m`: defined in `m`
    /// or the nearest ancestor, else anywhere in the crate (first by path).
    fn find_expansion(&self, m: usize, name: &str) -> Option<String> {
        let has = |i: usize| {
            self.modules[i]
                .facts
                .macros
                .iter()
                .find(|d| d.name == name)
                .and_then(|d| d.expansion.clone())
        };
        let mut cur = Some(m);
        while let Some(c) = cur {
            if let Some(e) = has(c) {
                return Some(e);
            }
            cur = self.modules[c].parent;
        }
        let krate = self.modules[m].krate;
        let mut candidates: Vec<usize> = (0..self.modules.len())
            .filter(|&i| self.modules[i].krate == krate)
            .collect();
        candidates.sort_by(|&a, &b| self.modules[a].path.cmp(&self.modules[b].path));
        candidates.into_iter().find_map(has)
    }

    /// Declares the child module `c` of `module`, loaded from `path` (one of its files).
    fn declare_file_child_checked(
        &mut self,
        module: usize,
        c: &ChildMod,
        path: PathBuf,
        mod_rs: bool,
        rel: &str,
    ) {
        let Some(canon) = self.checked_file(&path, rel, c.line, c.column) else {
            return;
        };
        if self.depth(module) + 1 > MAX_MODULE_DEPTH {
            self.diagnostics.push(
                Diagnostic::error(
                    "module-too-deep",
                    rel,
                    format!(
                        "module `{}` would nest {} modules deep, over the limit of {MAX_MODULE_DEPTH}; `{}` and its modules not read",
                        c.name,
                        self.depth(module) + 1,
                        self.ws.rel(&canon)
                    ),
                )
                .at(c.line, c.column),
            );
            // Its file is accounted for: not an orphan as well.
            self.excluded.insert(canon.clone());
            if let (Some(stem), Some(dir)) = (canon.file_stem(), canon.parent()) {
                self.excluded.insert(if stem == "mod" {
                    dir.to_path_buf()
                } else {
                    dir.join(stem)
                });
            }
            return;
        }
        if self.is_ancestor_file(module, &canon) {
            self.diagnostics.push(
                Diagnostic::error(
                    "module-cycle",
                    rel,
                    format!(
                        "module `{}` loads `{}`, which is already one of its ancestors",
                        c.name,
                        self.ws.rel(&canon)
                    ),
                )
                .at(c.line, c.column),
            );
            return;
        }
        let id = self.child(module, c, &canon, 1, false);
        self.pending.push(Pending {
            module: id,
            file: canon,
            mod_rs,
        });
    }

    /// The files `mod x;` loads (several with per-platform `cfg_attr(.., path)`), each with
    /// whether it is a mod-rs file (its children sit beside it).
    fn find_child_files(
        &mut self,
        c: &ChildMod,
        file: &Path,
        child_dir: &Path,
        top: bool,
        rel: &str,
        report: bool,
    ) -> Vec<(PathBuf, bool)> {
        // `x.rs` is looked at first, `x/mod.rs` only when there is no `x.rs` (a module named
        // `target` has no reason to look into a `target/` directory).
        let flat = child_dir.join(format!("{}.rs", c.name));
        if flat.symlink_metadata().is_err() {
            self.inputs
                .probed
                .insert(child_dir.join(&c.name).join("mod.rs"));
        }
        self.inputs.probed.insert(flat);
        if !c.path_attrs.is_empty() {
            // At the top of a file, `#[path]` is relative to the file's directory; inside
            // inline modules, to the directory those modules stand for.
            let base = if top {
                file.parent().unwrap_or(Path::new("/"))
            } else {
                child_dir
            };
            for p in &c.path_attrs {
                self.inputs.probed.insert(base.join(p));
            }
            let mut all: Vec<(PathBuf, bool)> = Vec::new();
            if c.path_conditional {
                // The usual file first: it names the module when several are merged.
                all.extend(default_child_file(child_dir, &c.name).ok().flatten());
            }
            all.extend(c.path_attrs.iter().map(|p| (base.join(p), true)));
            let existing: Vec<(PathBuf, bool)> = all
                .iter()
                .filter(|(p, _)| p.symlink_metadata().is_ok())
                .cloned()
                .collect();
            // Per-platform alternatives may be missing here; report only when none exists.
            return if existing.is_empty() {
                all.into_iter().take(1).collect()
            } else {
                existing
            };
        }
        match default_child_file(child_dir, &c.name) {
            Ok(Some(found)) => return vec![found],
            Ok(None) => {}
            Err((path, e)) => {
                // Not "not found": the file may be there, behind a directory we may not read.
                if report {
                    self.diagnostics.push(
                        Diagnostic::error(
                            "unreadable-file",
                            rel,
                            format!(
                                "cannot read `{}` for module `{}`: {e}",
                                self.ws.rel(&path),
                                c.name
                            ),
                        )
                        .at(c.line, c.column),
                    );
                }
                return Vec::new();
            }
        }
        let flat = child_dir.join(format!("{}.rs", c.name));
        let nested = child_dir.join(&c.name).join("mod.rs");
        if report {
            self.diagnostics.push(
                Diagnostic::error(
                    "missing-module",
                    rel,
                    format!(
                        "file not found for module `{}`: expected `{}` or `{}`",
                        c.name,
                        self.ws.rel(&flat),
                        self.ws.rel(&nested)
                    ),
                )
                .at(c.line, c.column),
            );
        }
        Vec::new()
    }

    /// The canonical path of a module file, or a diagnostic when it is missing, a symlink
    /// loop, not a regular file, or outside the analyzed tree (never read).
    fn checked_file(&mut self, path: &Path, rel: &str, line: u32, column: u32) -> Option<PathBuf> {
        self.inputs.probed.insert(path.to_path_buf());
        let shown = self.ws.rel(path);
        let canon = match path.canonicalize() {
            Ok(c) => c,
            Err(e) => {
                let (code, msg) = if is_symlink_loop(&e) {
                    ("symlink-loop", format!("`{shown}` is a symlink loop"))
                } else if e.kind() == std::io::ErrorKind::NotFound {
                    ("missing-module", format!("module file `{shown}` not found"))
                } else {
                    ("unreadable-file", format!("cannot resolve `{shown}`: {e}"))
                };
                self.diagnostics
                    .push(Diagnostic::error(code, rel, msg).at(line, column));
                return None;
            }
        };
        if !canon.starts_with(&self.ws.root) {
            self.diagnostics.push(
                Diagnostic::error(
                    "outside-tree",
                    rel,
                    format!("module file `{shown}` is outside the analyzed directory; not read"),
                )
                .at(line, column),
            );
            return None;
        }
        if !canon.is_file() {
            self.diagnostics.push(
                Diagnostic::error(
                    "unreadable-file",
                    rel,
                    format!("module file `{shown}` is not a regular file"),
                )
                .at(line, column),
            );
            return None;
        }
        Some(canon)
    }

    fn is_ancestor_file(&self, module: usize, file: &Path) -> bool {
        let mut cur = Some(module);
        while let Some(m) = cur {
            if self.modules[m].file == file {
                return true;
            }
            cur = self.modules[m].parent;
        }
        false
    }

    /// How many modules deep `module` is (a crate root is 1).
    fn depth(&self, module: usize) -> usize {
        let mut n = 0;
        let mut cur = Some(module);
        while let Some(m) = cur {
            n += 1;
            cur = self.modules[m].parent;
        }
        n
    }

    /// Diagnoses .rs files under a package's `src/` that no module tree reaches.
    fn orphans(&mut self, sources: &[PathBuf]) {
        for canon in sources {
            if self.reached.contains(canon) || self.excluded.iter().any(|x| canon.starts_with(x)) {
                continue;
            }
            self.diagnostics.push(Diagnostic::warning(
                "orphan-file",
                self.ws.rel(canon),
                "no module declaration reaches this file; it is not analyzed",
            ));
        }
    }
}

/// Parses `files` in parallel; diagnostics name them relative to `root`.
pub fn parse_all(
    files: &[PathBuf],
    root: &Path,
    opts: ParseOptions,
    cache: Option<&Cache>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> HashMap<PathBuf, FileFacts> {
    let counter = std::sync::atomic::AtomicU64::new(0);
    let total = files.len() as u64;
    files
        .par_iter()
        .map(|f| {
            let facts = parse_file(f, &crate::workspace::rel_path(root, f), opts, cache);
            progress(
                counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
                total,
            );
            (f.clone(), facts)
        })
        .collect()
}

/// The .rs files under any `src/` directory below `root` (target and hidden directories
/// left out), canonical and sorted: what discovery will almost always name as sources, so
/// they can be parsed while it runs.
pub fn likely_sources(root: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .follow_links(false)
        .max_depth(24)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !crate::workspace::is_skipped_dir(&e.file_name().to_string_lossy())
        })
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path().extension().is_some_and(|x| x == "rs")
                && e.path()
                    .strip_prefix(root)
                    .is_ok_and(|r| r.components().any(|c| c.as_os_str() == "src"))
        })
        // `root` is canonical and the walk follows no link, so every path is canonical
        // already (a symbolic link is not a file here): no system call per component.
        .map(|e| e.into_path())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The .rs files under each package's `src/` (or the whole directory of a package without a
/// manifest), canonical and sorted, excluded paths left out: what module trees should reach.
fn source_files(ws: &Workspace) -> Vec<PathBuf> {
    let mut dirs = BTreeSet::new();
    for p in &ws.packages {
        let src = p.dir.join("src");
        if src.is_dir() {
            dirs.insert(src);
        } else if p.manifest.is_none() {
            dirs.insert(p.dir.clone());
        }
    }
    let mut out = Vec::new();
    for dir in dirs {
        // A canonical start, and a walk that follows no link, give canonical paths without a
        // system call per path component.
        let Ok(dir) = dir.canonicalize() else {
            continue;
        };
        let walker = walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_foreign_dir(e));
        for e in walker.filter_map(Result::ok) {
            if !e.file_type().is_file() || e.path().extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let path = e.into_path();
            if path.starts_with(&ws.root) && !ws.is_excluded(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// `dir/name.rs` (a non-mod-rs file) or `dir/name/mod.rs`, whichever exists; an error other
/// than "not found" (a directory that may not be searched) with the path it came from.
fn default_child_file(
    dir: &Path,
    name: &str,
) -> Result<Option<(PathBuf, bool)>, (PathBuf, std::io::Error)> {
    let look = |p: PathBuf| match p.symlink_metadata() {
        Ok(_) => Ok(Some(p)),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err((p, e)),
    };
    if let Some(flat) = look(dir.join(format!("{name}.rs")))? {
        return Ok(Some((flat, false)));
    }
    Ok(look(dir.join(name).join("mod.rs"))?.map(|p| (p, true)))
}

/// A directory the orphan search does not enter: `target/`, hidden ones, and nested packages.
fn is_foreign_dir(e: &walkdir::DirEntry) -> bool {
    e.file_type().is_dir()
        && (crate::workspace::is_skipped_dir(&e.file_name().to_string_lossy())
            || e.path().join("Cargo.toml").exists())
}

/// The facts of the virtual root of a directory without a root file: a `mod` for each .rs
/// file and each subdirectory with a `mod.rs`.
fn loose_dir_facts(dir: &Path) -> ModFacts {
    let mut facts = ModFacts::default();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return facts;
    };
    let mut names: Vec<(String, Option<String>)> = Vec::new();
    for e in rd.filter_map(Result::ok) {
        let p = e.path();
        let file_name = e.file_name().to_string_lossy().into_owned();
        let stem = if p.is_file() && file_name.ends_with(".rs") {
            file_name.trim_end_matches(".rs").to_string()
        } else if p.join("mod.rs").is_file() {
            file_name.clone()
        } else {
            continue;
        };
        let ident = crate::workspace::ident_of(&stem);
        let path_attr = (ident != stem).then(|| {
            if p.is_file() {
                file_name.clone()
            } else {
                format!("{file_name}/mod.rs")
            }
        });
        names.push((ident, path_attr));
    }
    names.sort();
    for (name, path_attr) in names {
        facts.children.push(ChildMod {
            name,
            line: 0,
            column: 0,
            path_attrs: path_attr.into_iter().collect(),
            path_conditional: false,
            doc_only: false,
            inline: None,
        });
    }
    facts
}
/// Whether resolving a path failed on a loop of symbolic links (`ELOOP` on Unix; the
/// standard library has no portable kind for it yet).
fn is_symlink_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}
