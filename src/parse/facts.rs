//! The facts one file yields: its modules (the file's own and inline ones), their items,
//! imports, child module declarations and the paths they refer to. No syntax tree survives.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;

/// Everything archsplit keeps of one parsed file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FileFacts {
    /// The module the file itself is.
    pub root: ModFacts,
    pub diagnostics: Vec<Diagnostic>,
    /// The parse cache's key of the bytes these facts were read from (`None` without a
    /// cache, or when the file could not be read): what the result memo (`memo.rs`) checks
    /// the file against in a later run. Not stored in the cache.
    #[serde(skip)]
    pub source: Option<String>,
}

/// Kind of an item defined in a module; counted per module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ItemKind {
    Const,
    Enum,
    Fn,
    Impl,
    Macro,
    Static,
    Struct,
    Trait,
    Type,
    Union,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Const => "const",
            ItemKind::Enum => "enum",
            ItemKind::Fn => "fn",
            ItemKind::Impl => "impl",
            ItemKind::Macro => "macro",
            ItemKind::Static => "static",
            ItemKind::Struct => "struct",
            ItemKind::Trait => "trait",
            ItemKind::Type => "type",
            ItemKind::Union => "union",
        }
    }
}

/// A named item of a module (impls have no name and are only counted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemDef {
    pub name: String,
    pub kind: ItemKind,
    pub public: bool,
    /// The name is a value too: a function, constant, static, or a unit or tuple struct (whose
    /// name is its constructor). Name resolution keeps values apart from types and modules.
    pub value: bool,
}

/// What a `use` leaf binds in the module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UseBind {
    /// `use a::b;` binds `b`; `use a::b as c;` binds `c`.
    Name(String),
    /// `use a::*;`
    Glob,
    /// `use a::Trait as _;` binds nothing but still depends on `a::Trait`.
    Underscore,
}

/// One leaf of a `use` tree (or an `extern crate`), flattened to a full path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UseDecl {
    pub segments: Vec<String>,
    pub leading_colon: bool,
    pub bind: UseBind,
    pub public: bool,
    pub line: u32,
}

/// The kind of a reference from one module to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RefKind {
    /// A `use` declaration.
    Use,
    /// A path in a type: fields, signatures, bounds, generic arguments.
    Type,
    /// The callee of a call expression (`a::f()`, `Type::new()`, `Self::new()`).
    Call,
    /// A method call `x.m()` whose receiver's type the syntax tells (`self` in an impl, a
    /// local or parameter with a written type or built by `T::new(..)` / `T { .. }`). Counts
    /// as a call wherever calls are counted (`RefKind::is_call`).
    Method,
    /// Any other path in an expression or pattern (constants, struct literals, variants).
    Path,
    /// The trait or the type of an `impl` header.
    Impl,
    /// A macro invocation, or a path found inside macro input.
    Macro,
}

impl RefKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Use => "use",
            RefKind::Type => "type",
            RefKind::Call => "call",
            RefKind::Method => "method",
            RefKind::Path => "path",
            RefKind::Impl => "impl",
            RefKind::Macro => "macro",
        }
    }

    /// A call: a callee path or a method call. Reports that count calls count both.
    pub fn is_call(self) -> bool {
        matches!(self, RefKind::Call | RefKind::Method)
    }
}

/// Rust's namespaces: what a path's last segment names, as its position tells. `mod foo;
/// pub use foo::foo;` binds `foo` as a module and as a function; `foo()` is the function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Namespace {
    /// Modules, crates, structs, enums, unions, traits, type aliases: types, impl headers,
    /// struct literals and struct patterns.
    Type,
    /// Functions, constants, statics, unit and tuple structs, variants: callees, other
    /// expressions and patterns.
    Value,
    /// Macro invocations, derives and attribute macros.
    Macro,
    /// Not known (`use` declarations, paths found in macro input).
    Any,
}

impl Namespace {
    /// The namespace a path of this kind names something in, unless its position says more.
    pub fn of(kind: RefKind) -> Namespace {
        match kind {
            RefKind::Type | RefKind::Impl => Namespace::Type,
            RefKind::Call | RefKind::Method | RefKind::Path => Namespace::Value,
            RefKind::Use => Namespace::Any,
            RefKind::Macro => Namespace::Any,
        }
    }
}

/// A path as written, counted: `(segments, leading ::, kind, namespace) → occurrences`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PathKey {
    pub segments: Vec<String>,
    pub leading_colon: bool,
    pub kind: RefKind,
    pub ns: Namespace,
}

/// A type's path as written, generic arguments dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeName {
    pub segments: Vec<String>,
    pub leading_colon: bool,
}

/// A member used on something whose type the syntax tells, counted: `x.m()` (kind
/// `Method`), `self.f` (a field, kind `Path`), `Self::new()` (kind `Call`) or `Self::C`
/// (kind `Path`). Resolved to the module of the `impl` that defines the member when one
/// is found by name, else to the module defining the type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MemberKey {
    /// The type's path as written, generic arguments dropped (`T`, `a::T`).
    pub ty: Vec<String>,
    pub leading_colon: bool,
    /// The method, field or associated item.
    pub member: String,
    pub kind: RefKind,
    /// A field: it lives on the type's definition, never in an `impl`.
    pub field: bool,
}

/// An `impl` block: the type it is for and the functions and constants it defines. Impls
/// whose self type is not a path (`impl<T> Trait for [T]`) are not recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImplDef {
    /// The self type's path as written, generic arguments dropped, references and `Box`,
    /// `Rc`, `Arc` looked through as for receivers.
    pub ty: Vec<String>,
    pub leading_colon: bool,
    /// `impl Trait for T` rather than `impl T`.
    pub of_trait: bool,
    pub members: Vec<String>,
}

/// A child module declared in a module.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChildMod {
    pub name: String,
    pub line: u32,
    pub column: u32,
    /// `#[path = "..."]` as written, or every `#[cfg_attr(pred, path = "...")]` whose
    /// predicate may hold (one file per platform, merged into one module).
    pub path_attrs: Vec<String>,
    /// The paths come from `cfg_attr`: when none of them applies, the usual file is loaded,
    /// so it is a candidate too.
    pub path_conditional: bool,
    /// Declared under a `cfg` that only documentation builds set (`cfg(docsrs)`): the
    /// module is in no program anyone builds.
    pub doc_only: bool,
    /// The body of an inline `mod x { ... }`; `None` for `mod x;`.
    pub inline: Option<Box<ModFacts>>,
}

/// Kind of module-level state, the thing a service split would have to divide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum StateKind {
    Static,
    StaticMut,
    ThreadLocal,
    Lazy,
}

impl StateKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StateKind::Static => "static",
            StateKind::StaticMut => "static_mut",
            StateKind::ThreadLocal => "thread_local",
            StateKind::Lazy => "lazy",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StateItem {
    pub name: String,
    pub kind: StateKind,
    pub line: u32,
}

/// A macro defined with `macro_rules!` in this module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MacroDef {
    pub name: String,
    /// `#[macro_export]`: reachable as `crate_name::name!`.
    pub exported: bool,
    /// What `name!()` expands to, when the macro has a rule without arguments whose body
    /// uses no metavariable but `$crate` (as text, `$crate` written `crate`).
    pub expansion: Option<String>,
}

/// The facts of one module: a file's top level or an inline `mod x { }`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ModFacts {
    /// First and last line of the module in its file (the whole file for a file module).
    pub first_line: u32,
    pub last_line: u32,
    /// Non-blank, non-comment lines of the module, inline children excluded; generated code
    /// and data tables are counted in `generated_loc` instead.
    pub loc: u32,
    /// Code lines of generated code (the whole file, when its header or path says it is
    /// generated) and of long literal-only data tables.
    pub generated_loc: u32,
    /// Why the file is taken as generated (file modules only): its header or its path.
    pub generated: Option<String>,
    pub items: Vec<ItemDef>,
    pub uses: Vec<UseDecl>,
    pub refs: BTreeMap<PathKey, u32>,
    pub children: Vec<ChildMod>,
    /// `mod x;` declarations switched off by `cfg(test)`: their files are known, not analyzed.
    pub excluded_children: Vec<ChildMod>,
    pub macros: Vec<MacroDef>,
    pub state: Vec<StateItem>,
    /// Files spliced in with `include!("...")`, as written.
    pub includes: Vec<String>,
    /// Hash of the file's bytes (file modules only): identical files in two crates are
    /// duplicated work.
    pub content_hash: u64,
    /// Programs this file starts: the string literal of each `Command::new("...")`, with its
    /// line (file modules only; found by a token scan, wherever the call is).
    pub spawns: Vec<(String, u32)>,
    /// Item-position invocations `name!()` without input, to expand with a `macro_rules!`
    /// of the crate once all module trees are known: (macro name, line).
    pub invocations: Vec<(String, u32)>,
    /// Members used on receivers of known type: method calls, fields, `Self::` items.
    pub members: BTreeMap<MemberKey, u32>,
    /// The module's `impl` blocks, to find which module defines a method.
    pub impls: Vec<ImplDef>,
    /// Method calls whose receiver's type the syntax does not tell (a chain, a field, an
    /// untyped local...); linking adds those whose receiver's type does not resolve.
    pub unattributed_method_calls: u32,
}

impl ModFacts {
    /// Every path the module writes: its `use` leaves and the paths it refers to.
    pub fn paths(&self) -> impl Iterator<Item = &Vec<String>> {
        self.uses
            .iter()
            .map(|u| &u.segments)
            .chain(self.refs.keys().map(|k| &k.segments))
    }

    pub fn add_ref(&mut self, segments: Vec<String>, leading_colon: bool, kind: RefKind) {
        self.add_ref_in(segments, leading_colon, kind, Namespace::of(kind));
    }

    /// A path whose position says which namespace it names something in.
    pub fn add_ref_in(
        &mut self,
        segments: Vec<String>,
        leading_colon: bool,
        kind: RefKind,
        ns: Namespace,
    ) {
        *self
            .refs
            .entry(PathKey {
                segments,
                leading_colon,
                kind,
                ns,
            })
            .or_insert(0) += 1;
    }

    /// Merges a spliced file (`include!`) into this module.
    pub fn absorb(&mut self, other: ModFacts) {
        self.loc += other.loc;
        self.generated_loc += other.generated_loc;
        self.items.extend(other.items);
        self.uses.extend(other.uses);
        for (k, n) in other.refs {
            *self.refs.entry(k).or_insert(0) += n;
        }
        self.children.extend(other.children);
        self.excluded_children.extend(other.excluded_children);
        self.macros.extend(other.macros);
        self.state.extend(other.state);
        self.includes.extend(other.includes);
        self.spawns.extend(other.spawns);
        self.invocations.extend(other.invocations);
        for (k, n) in other.members {
            *self.members.entry(k).or_insert(0) += n;
        }
        self.impls.extend(other.impls);
        self.unattributed_method_calls += other.unattributed_method_calls;
    }

    pub fn add_member(&mut self, ty: &TypeName, member: String, kind: RefKind, field: bool) {
        *self
            .members
            .entry(MemberKey {
                ty: ty.segments.clone(),
                leading_colon: ty.leading_colon,
                member,
                kind,
                field,
            })
            .or_insert(0) += 1;
    }
}
