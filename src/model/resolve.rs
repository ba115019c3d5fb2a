//! Name resolution, approximately as rustc does it: a path's first segment is looked up in the
//! module's own items, child modules, imports, glob imports, then the extern prelude; later
//! segments walk module members, following `pub use` re-export chains and globs to the module
//! that defines the item. What cannot be resolved (locals, generics, prelude) is ignored.
//!
//! Rust keeps three namespaces apart: types and modules, values, macros. `mod foo; pub use
//! foo::foo;` binds `foo` twice, a module and a function. A path is looked up first in the
//! namespace its position asks for (the last segment of a call or expression path is a value,
//! of a type a type; earlier segments are modules or types), and only when nothing is found
//! there in all of them, as before namespaces were modelled: the fallback keeps what facts
//! cannot tell (items made by unexpanded macros, a struct's shape hidden in a macro) resolving.

use std::collections::{BTreeMap, HashMap};

use super::{Crate, Module};
use crate::parse::{ItemDef, ItemKind, Namespace as Ns, UseBind};
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

const TYPE: u8 = 1;
const VALUE: u8 = 2;
const MACRO: u8 = 4;

/// The namespaces of `ns` as bits.
fn bits(ns: Ns) -> u8 {
    match ns {
        Ns::Type => TYPE,
        Ns::Value => VALUE,
        Ns::Macro => MACRO,
        Ns::Any => TYPE | VALUE | MACRO,
    }
}

fn has_types(ns: Ns) -> bool {
    bits(ns) & TYPE != 0
}

/// The namespaces an item's name lives in.
fn item_namespaces(it: &ItemDef) -> u8 {
    let ty = match it.kind {
        ItemKind::Enum | ItemKind::Struct | ItemKind::Trait | ItemKind::Type | ItemKind::Union => {
            TYPE
        }
        ItemKind::Macro => MACRO,
        ItemKind::Const | ItemKind::Fn | ItemKind::Impl | ItemKind::Static => 0,
    };
    ty | if it.value { VALUE } else { 0 }
}

/// Crates every Rust program may name without declaring them.
const BUILTIN_CRATES: [&str; 5] = ["std", "core", "alloc", "proc_macro", "test"];

/// Types every module may name without importing them: the primitives and the standard
/// prelude's. A receiver of one of them (not shadowed by a workspace type) is std's.
pub fn prelude_type(name: &str) -> bool {
    matches!(
        name,
        "bool"
            | "char"
            | "str"
            | "u8"
            | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
            | "f32"
            | "f64"
            | "Box"
            | "Option"
            | "Result"
            | "String"
            | "Vec"
    )
}

/// How far glob imports and re-exports are followed.
const MAX_HOPS: u32 = 12;

struct Scope {
    /// Item names with the namespaces they are bound in.
    items: HashMap<String, u8>,
    imports: HashMap<String, Vec<usize>>,
    globs: Vec<usize>,
}

/// An impl block of some type: its module, whether it implements a trait, its members.
struct ImplOf<'a> {
    module: usize,
    of_trait: bool,
    members: &'a [String],
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
    imports: HashMap<(usize, usize, Ns), Memo>,
    members: HashMap<(usize, String, Ns), Memo>,
    /// Per type (defining module → name): the workspace's impls for it, as (module of the
    /// impl, impl of a trait, functions and constants defined). Built on first use.
    impls: Option<HashMap<usize, HashMap<String, Vec<ImplOf<'a>>>>>,
    /// Times a lookup met one of its own callers in progress (a cycle of glob imports). A
    /// miss computed meanwhile may only be a miss because of the cycle and is not memoized.
    cycles: u64,
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
                let mut items: HashMap<String, u8> = HashMap::new();
                for it in m.facts.items.iter().filter(|it| !it.name.is_empty()) {
                    *items.entry(it.name.clone()).or_insert(0) |= item_namespaces(it);
                }
                Scope {
                    items,
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
            impls: None,
            cycles: 0,
        }
    }

    fn root_of(&self, m: usize) -> usize {
        self.crates[self.modules[m].krate].root
    }

    /// The `idx`-th `use` of module `m`, whatever it binds.
    pub fn resolve_use(&mut self, m: usize, idx: usize) -> Option<Res> {
        self.resolve_use_in(m, idx, Ns::Any)
    }

    /// What the `idx`-th `use` of module `m` binds in `ns` (a `use` imports a name in every
    /// namespace it has: `pub use foo::foo;` may bring a module and a function).
    fn resolve_use_in(&mut self, m: usize, idx: usize, ns: Ns) -> Option<Res> {
        let key = (m, idx, ns);
        match self.imports.get(&key) {
            Some(Memo::InProgress) => {
                self.cycles += 1;
                return None;
            }
            Some(Memo::Done(r)) => return r.clone(),
            None => {}
        }
        self.imports.insert(key, Memo::InProgress);
        let before = self.cycles;
        let u = &self.modules[m].facts.uses[idx];
        let r = self
            .walk(m, &u.segments, u.leading_colon, true, ns)
            .map(|(r, _)| r);
        if self.tainted(&r, before) {
            self.imports.remove(&key);
        } else {
            self.imports.insert(key, Memo::Done(r.clone()));
        }
        r
    }

    /// Whether `r`, computed since the cycle count was `before`, is a miss that met a lookup
    /// in progress, and so may not be one: it is then not memoized, and neither is any miss
    /// that depends on it. A hit is kept, and clears the mark of the cycles it got past.
    fn tainted(&mut self, r: &Option<Res>, before: u64) -> bool {
        if r.is_some() {
            self.cycles = before;
            false
        } else {
            self.cycles != before
        }
    }

    /// A path written in module `m` whose last segment names something of namespace `ns`
    /// (`Ns::Any` when the position does not tell): looked up in `ns` first, then in all
    /// namespaces. Returns what it names and how many segments led there; segments left over
    /// are members of an item (`Type::new`, `Enum::Variant`).
    pub fn resolve_path(
        &mut self,
        m: usize,
        segs: &[String],
        leading_colon: bool,
        ns: Ns,
    ) -> Option<(Res, usize)> {
        if ns != Ns::Any {
            if let Some(r) = self.walk(m, segs, leading_colon, false, ns) {
                return Some(r);
            }
        }
        self.walk(m, segs, leading_colon, false, Ns::Any)
    }

    /// The path walk; `is_use` for the path of a `use` declaration. In a namespace other than
    /// `Any` the walk is strict: earlier segments must be modules or types, the last must be
    /// of `ns`, and an unknown member is a miss rather than a dependency on its module.
    fn walk(
        &mut self,
        m: usize,
        segs: &[String],
        leading_colon: bool,
        is_use: bool,
        ns: Ns,
    ) -> Option<(Res, usize)> {
        let first = segs.first()?;
        let krate = self.modules[m].krate;
        let root = self.root_of(m);
        let e2015 = self.editions[krate] == Edition::E2015;
        let strict = ns != Ns::Any;
        let ns_at = |i: usize| {
            if i + 1 == segs.len() || !strict {
                ns
            } else {
                Ns::Type
            }
        };
        let first_ns = ns_at(0);
        let mut cur = if leading_colon {
            if e2015 {
                self.member(root, first, first_ns, 0)
                    .or_else(|| self.extern_crate_in(krate, first, first_ns))
            } else {
                self.extern_crate_in(krate, first, first_ns)
            }
        } else {
            match first.as_str() {
                "crate" => Some(Res::Module(root)),
                "self" => Some(Res::Module(m)),
                "super" => self.modules[m].parent.map(Res::Module),
                _ if is_use && e2015 => self
                    .member(root, first, first_ns, 0)
                    .or_else(|| self.scope(m, first, first_ns)),
                _ => self.scope(m, first, first_ns),
            }
        }?;
        for (i, seg) in segs.iter().enumerate().skip(1) {
            let Res::Module(t) = cur else {
                return Some((cur, i));
            };
            let before = self.cycles;
            cur = match seg.as_str() {
                "self" => Res::Module(t),
                "super" => Res::Module(self.modules[t].parent?),
                _ => match self.member(t, seg, ns_at(i), 0) {
                    Some(r) => r,
                    None if strict => return None,
                    // A miss met a lookup in progress: it may not be one; nothing is known.
                    None if self.cycles != before => return None,
                    // Known module, unknown member (generated, or a variant of a glob): the
                    // module is still what the path depends on, unless it is the own crate's
                    // root, which would collect every unresolved `crate::` path.
                    None if t == root => return None,
                    None => return Some((Res::Module(t), i)),
                },
            };
        }
        Some((cur, segs.len()))
    }

    /// The module whose code `ty::member` is, for a type `ty` defined in module `d`: the
    /// module of the impl that defines `member` when the impls found by name tell one
    /// (inherent impls first, as method resolution prefers them; `d` itself when one of its
    /// impls defines it), otherwise `d`. Impls are matched by resolving their self type.
    /// Only impls in a crate `from` can see count: its own, the type's, or one it depends on
    /// (an impl in a crate it does not link cannot be the one called).
    pub fn member_home(&mut self, from: usize, d: usize, ty: &str, member: &str) -> usize {
        if self.impls.is_none() {
            self.impls = Some(self.index_impls());
        }
        let Some(impls) = self.impls.as_ref().and_then(|x| x.get(&d)?.get(ty)) else {
            return d;
        };
        let (own, of_type) = (self.modules[from].krate, self.modules[d].krate);
        let visible = |m: usize| {
            let k = self.modules[m].krate;
            k == own
                || k == of_type
                || self.externs[own]
                    .values()
                    .any(|e| matches!(e, Extern::Crate(c) if *c == k))
        };
        let defining = |of_trait: bool| {
            let mut v: Vec<usize> = impls
                .iter()
                .filter(|i| visible(i.module))
                .filter(|i| i.of_trait == of_trait && i.members.iter().any(|x| x == member))
                .map(|i| i.module)
                .collect();
            v.dedup();
            v
        };
        let (inherent, of_trait) = (defining(false), defining(true));
        if inherent.contains(&d) || of_trait.contains(&d) {
            return d;
        }
        match (inherent.as_slice(), of_trait.as_slice()) {
            ([one], _) | ([], [one]) => *one,
            _ => d,
        }
    }

    fn index_impls(&mut self) -> HashMap<usize, HashMap<String, Vec<ImplOf<'a>>>> {
        let modules = self.modules;
        let mut index: HashMap<usize, HashMap<String, Vec<ImplOf<'a>>>> = HashMap::new();
        for (m, module) in modules.iter().enumerate() {
            for imp in &module.facts.impls {
                let r = self.resolve_path(m, &imp.ty, imp.leading_colon, Ns::Type);
                if let Some((Res::Item(d, name), n)) = r {
                    if n == imp.ty.len() {
                        index
                            .entry(d)
                            .or_default()
                            .entry(name)
                            .or_default()
                            .push(ImplOf {
                                module: m,
                                of_trait: imp.of_trait,
                                members: &imp.members,
                            });
                    }
                }
            }
        }
        index
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
        self.scope(m, name, Ns::Macro)
            .or_else(|| self.scope(m, name, Ns::Any))
    }

    /// `name` in namespace `ns` as seen from inside module `m`.
    fn scope(&mut self, m: usize, name: &str, ns: Ns) -> Option<Res> {
        if has_types(ns) {
            if let Some(&c) = self.modules[m].children.get(name) {
                return Some(Res::Module(c));
            }
        }
        if self.scopes[m]
            .items
            .get(name)
            .is_some_and(|&b| b & bits(ns) != 0)
        {
            return Some(Res::Item(m, name.to_string()));
        }
        if let Some(idxs) = self.scopes[m].imports.get(name).cloned() {
            for idx in idxs {
                if let Some(r) = self.resolve_use_in(m, idx, ns) {
                    return Some(r);
                }
            }
        }
        for g in self.scopes[m].globs.clone() {
            if let Some(Res::Module(t)) = self.resolve_use(m, g) {
                if let Some(r) = self.member(t, name, ns, 1) {
                    return Some(r);
                }
            }
        }
        self.extern_crate_in(self.modules[m].krate, name, ns)
    }

    /// An extern crate name, if `ns` includes the type namespace crates live in.
    fn extern_crate_in(&self, krate: usize, name: &str, ns: Ns) -> Option<Res> {
        if !has_types(ns) {
            return None;
        }
        match self.externs[krate].get(name) {
            Some(Extern::Crate(c)) => Some(Res::Module(self.crates[*c].root)),
            Some(Extern::External(n)) => Some(Res::External(n.clone())),
            None if BUILTIN_CRATES.contains(&name) => Some(Res::External(name.to_string())),
            None => None,
        }
    }

    /// `t::name` in namespace `ns`: an item, child module, import (re-export) or
    /// glob-imported name of `t`.
    fn member(&mut self, t: usize, name: &str, ns: Ns, hops: u32) -> Option<Res> {
        if hops > MAX_HOPS {
            return None;
        }
        if has_types(ns) {
            if let Some(&c) = self.modules[t].children.get(name) {
                return Some(Res::Module(c));
            }
        }
        if self.scopes[t]
            .items
            .get(name)
            .is_some_and(|&b| b & bits(ns) != 0)
        {
            return Some(Res::Item(t, name.to_string()));
        }
        let key = (t, name.to_string(), ns);
        match self.members.get(&key) {
            Some(Memo::InProgress) => {
                self.cycles += 1;
                return None;
            }
            Some(Memo::Done(r)) => return r.clone(),
            None => {}
        }
        self.members.insert(key.clone(), Memo::InProgress);
        let before = self.cycles;
        let r = self.member_uncached(t, name, ns, hops);
        if self.tainted(&r, before) {
            self.members.remove(&key);
        } else {
            self.members.insert(key, Memo::Done(r.clone()));
        }
        r
    }

    fn member_uncached(&mut self, t: usize, name: &str, ns: Ns, hops: u32) -> Option<Res> {
        if let Some(idxs) = self.scopes[t].imports.get(name).cloned() {
            for idx in idxs {
                if let Some(r) = self.resolve_use_in(t, idx, ns) {
                    return Some(r);
                }
            }
        }
        let krate = self.modules[t].krate;
        if self.crates[krate].root == t && bits(ns) & MACRO != 0 {
            if let Some(&def) = self.exported[krate].get(name) {
                return Some(Res::Item(def, name.to_string()));
            }
        }
        for g in self.scopes[t].globs.clone() {
            if let Some(Res::Module(u)) = self.resolve_use(t, g) {
                if let Some(r) = self.member(u, name, ns, hops + 1) {
                    return Some(r);
                }
            }
        }
        None
    }
}
