//! Name resolution, approximately as rustc does it: a path's first segment is looked up in the
//! module's own items, child modules, imports, glob imports, then the extern prelude; later
//! segments walk module members, following `pub use` re-export chains and globs to the module
//! that defines the item. What cannot be resolved (locals, generics, prelude) is ignored.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Crate, Module};
use crate::parse::UseBind;
use crate::workspace::Edition;

/// What a path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Res {
    /// A module of the workspace.
    Module(usize),
    /// An item, by name, defined in this module of the workspace.
    Item(usize, String),
    /// Something in a crate outside the workspace, by package name.
    External(String),
}

/// Where an extern crate name leads.
#[derive(Debug, Clone)]
pub enum Extern {
    Crate(usize),
    External(String),
}

/// Crates every Rust program may name without declaring them.
const BUILTIN_CRATES: [&str; 5] = ["std", "core", "alloc", "proc_macro", "test"];

/// How far glob imports and re-exports are followed.
const MAX_HOPS: u32 = 12;

struct Scope {
    items: HashSet<String>,
    imports: HashMap<String, Vec<usize>>,
    globs: Vec<usize>,
}

#[derive(Clone)]
enum Memo {
    InProgress,
    Done(Option<Res>),
}

pub struct Resolver<'a> {
    modules: &'a [Module],
    crates: &'a [Crate],
    editions: Vec<Edition>,
    externs: Vec<BTreeMap<String, Extern>>,
    scopes: Vec<Scope>,
    /// Per crate: `macro_rules!` name → defining modules, in module order.
    macros: Vec<BTreeMap<String, Vec<usize>>>,
    /// Per crate: `#[macro_export]` macros, reachable from the crate root.
    exported: Vec<BTreeMap<String, usize>>,
    imports: HashMap<(usize, usize), Memo>,
    members: HashMap<(usize, String), Memo>,
}

impl<'a> Resolver<'a> {
    pub fn new(
        modules: &'a [Module],
        crates: &'a [Crate],
        editions: Vec<Edition>,
        externs: Vec<BTreeMap<String, Extern>>,
    ) -> Self {
        let mut macros = vec![BTreeMap::<String, Vec<usize>>::new(); crates.len()];
        let mut exported = vec![BTreeMap::new(); crates.len()];
        let mut order: Vec<usize> = (0..modules.len()).collect();
        order.sort_by(|&a, &b| modules[a].path.cmp(&modules[b].path));
        for &i in &order {
            let m = &modules[i];
            for mac in &m.facts.macros {
                macros[m.krate].entry(mac.name.clone()).or_default().push(i);
                if mac.exported {
                    exported[m.krate].entry(mac.name.clone()).or_insert(i);
                }
            }
        }
        let scopes = modules
            .iter()
            .map(|m| {
                let mut imports: HashMap<String, Vec<usize>> = HashMap::new();
                let mut globs = Vec::new();
                for (i, u) in m.facts.uses.iter().enumerate() {
                    match &u.bind {
                        UseBind::Name(n) => imports.entry(n.clone()).or_default().push(i),
                        UseBind::Glob => globs.push(i),
                        UseBind::Underscore => {}
                    }
                }
                Scope {
                    items: m
                        .facts
                        .items
                        .iter()
                        .map(|it| it.name.clone())
                        .filter(|n| !n.is_empty())
                        .collect(),
                    imports,
                    globs,
                }
            })
            .collect();
        Resolver {
            modules,
            crates,
            editions,
            externs,
            scopes,
            macros,
            exported,
            imports: HashMap::new(),
            members: HashMap::new(),
        }
    }

    fn root_of(&self, m: usize) -> usize {
        self.crates[self.modules[m].krate].root
    }

    /// The `idx`-th `use` of module `m`.
    pub fn resolve_use(&mut self, m: usize, idx: usize) -> Option<Res> {
        match self.imports.get(&(m, idx)) {
            Some(Memo::InProgress) => return None,
            Some(Memo::Done(r)) => return r.clone(),
            None => {}
        }
        self.imports.insert((m, idx), Memo::InProgress);
        let u = &self.modules[m].facts.uses[idx];
        let r = self.resolve_path(m, &u.segments, u.leading_colon, true);
        self.imports.insert((m, idx), Memo::Done(r.clone()));
        r
    }

    /// A path written in module `m`; `is_use` for the path of a `use` declaration.
    pub fn resolve_path(
        &mut self,
        m: usize,
        segs: &[String],
        leading_colon: bool,
        is_use: bool,
    ) -> Option<Res> {
        let first = segs.first()?;
        let krate = self.modules[m].krate;
        let root = self.root_of(m);
        let e2015 = self.editions[krate] == Edition::E2015;
        let mut cur = if leading_colon {
            if e2015 {
                self.member(root, first, 0)
                    .or_else(|| self.extern_crate(krate, first))
            } else {
                self.extern_crate(krate, first)
            }
        } else {
            match first.as_str() {
                "crate" => Some(Res::Module(root)),
                "self" => Some(Res::Module(m)),
                "super" => self.modules[m].parent.map(Res::Module),
                _ if is_use && e2015 => {
                    self.member(root, first, 0).or_else(|| self.scope(m, first))
                }
                _ => self.scope(m, first),
            }
        }?;
        for seg in &segs[1..] {
            let Res::Module(t) = cur else { break };
            cur = match seg.as_str() {
                "self" => Res::Module(t),
                "super" => Res::Module(self.modules[t].parent?),
                _ => match self.member(t, seg, 0) {
                    Some(r) => r,
                    // Known module, unknown member (generated, or a variant of a glob): the
                    // module is still what the path depends on, unless it is the own crate's
                    // root, which would collect every unresolved `crate::` path.
                    None if t == root => return None,
                    None => return Some(Res::Module(t)),
                },
            };
        }
        Some(cur)
    }

    /// A single-segment macro name: a `macro_rules!` of the crate (the one in this module or
    /// the nearest ancestor, else the first by path), otherwise an imported macro.
    pub fn resolve_macro(&mut self, m: usize, name: &str) -> Option<Res> {
        let krate = self.modules[m].krate;
        if let Some(defs) = self.macros[krate].get(name) {
            let mut cur = Some(m);
            while let Some(c) = cur {
                if defs.contains(&c) {
                    return Some(Res::Item(c, name.to_string()));
                }
                cur = self.modules[c].parent;
            }
            return Some(Res::Item(defs[0], name.to_string()));
        }
        self.scope(m, name)
    }

    /// `name` as seen from inside module `m`.
    fn scope(&mut self, m: usize, name: &str) -> Option<Res> {
        if let Some(&c) = self.modules[m].children.get(name) {
            return Some(Res::Module(c));
        }
        if self.scopes[m].items.contains(name) {
            return Some(Res::Item(m, name.to_string()));
        }
        if let Some(idxs) = self.scopes[m].imports.get(name).cloned() {
            for idx in idxs {
                if let Some(r) = self.resolve_use(m, idx) {
                    return Some(r);
                }
            }
        }
        for g in self.scopes[m].globs.clone() {
            if let Some(Res::Module(t)) = self.resolve_use(m, g) {
                if let Some(r) = self.member(t, name, 1) {
                    return Some(r);
                }
            }
        }
        self.extern_crate(self.modules[m].krate, name)
    }

    fn extern_crate(&self, krate: usize, name: &str) -> Option<Res> {
        match self.externs[krate].get(name) {
            Some(Extern::Crate(c)) => Some(Res::Module(self.crates[*c].root)),
            Some(Extern::External(n)) => Some(Res::External(n.clone())),
            None if BUILTIN_CRATES.contains(&name) => Some(Res::External(name.to_string())),
            None => None,
        }
    }

    /// `t::name`: an item, child module, import (re-export) or glob-imported name of `t`.
    fn member(&mut self, t: usize, name: &str, hops: u32) -> Option<Res> {
        if hops > MAX_HOPS {
            return None;
        }
        if let Some(&c) = self.modules[t].children.get(name) {
            return Some(Res::Module(c));
        }
        if self.scopes[t].items.contains(name) {
            return Some(Res::Item(t, name.to_string()));
        }
        let key = (t, name.to_string());
        match self.members.get(&key) {
            Some(Memo::InProgress) => return None,
            Some(Memo::Done(r)) => return r.clone(),
            None => {}
        }
        self.members.insert(key.clone(), Memo::InProgress);
        let r = self.member_uncached(t, name, hops);
        self.members.insert(key, Memo::Done(r.clone()));
        r
    }

    fn member_uncached(&mut self, t: usize, name: &str, hops: u32) -> Option<Res> {
        if let Some(idxs) = self.scopes[t].imports.get(name).cloned() {
            for idx in idxs {
                if let Some(r) = self.resolve_use(t, idx) {
                    return Some(r);
                }
            }
        }
        let krate = self.modules[t].krate;
        if self.crates[krate].root == t {
            if let Some(&def) = self.exported[krate].get(name) {
                return Some(Res::Item(def, name.to_string()));
            }
        }
        for g in self.scopes[t].globs.clone() {
            if let Some(Res::Module(u)) = self.resolve_use(t, g) {
                if let Some(r) = self.member(u, name, hops + 1) {
                    return Some(r);
                }
            }
        }
        None
    }
}
