//! The reference walk: every path in types, expressions, patterns, bounds, impl headers,
//! attributes and macro input, recorded with its kind. Depth-limited: input nested deeper
//! than `MAX_DEPTH` is not descended into (and reported), so no input exhausts the stack.
//!
//! Method calls and fields are recorded on their receiver's type when the syntax tells it:
//! `self` in an impl or trait, a parameter `x: T` / `&T` / `&mut T`, a local `let x: T`,
//! `let x = T::new(..)` (any `T::f(..)` with `T` capitalized) or `let x = T { .. }`. A
//! small scope list maps local names to types, innermost last; a binding without a known
//! type that hides a typed one is kept as unknown, so shadowing gives up rather than guess.
//! Other method calls are only counted, as unattributed.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};
use syn::{Expr, Token};

use super::cfg;
use super::facts::{ImplDef, ModFacts, Namespace, RefKind, TypeName};
use super::uses::flatten_use;

/// Deepest expression, type or pattern nesting that is walked.
pub const MAX_DEPTH: u32 = 400;

pub struct RefVisitor<'m> {
    pub m: &'m mut ModFacts,
    pub test: bool,
    kind: RefKind,
    /// The namespace of the next path visited, when its position tells more than its kind
    /// (a struct literal's path names a type).
    next_ns: Option<Namespace>,
    depth: u32,
    /// The latest line seen, for reporting where the depth limit was reached.
    last_line: u32,
    /// Line where the walk first stopped for depth.
    pub too_deep: Option<u32>,
    /// The type `self` and `Self` stand for: the enclosing impl's self type, or the trait.
    self_ty: Option<TypeName>,
    /// Locals in scope, innermost last: a name with its type, or `None` for a binding that
    /// hides a typed one. Only typed names and their shadows are kept: in code without typed
    /// locals the list stays empty and costs nothing.
    locals: Vec<(String, Option<TypeName>)>,
}

pub fn ident_str(i: &proc_macro2::Ident) -> String {
    // One allocation: `unraw()` would clone the identifier before formatting it.
    let mut s = i.to_string();
    if s.starts_with("r#") {
        s.drain(..2);
    }
    s
}

impl<'m> RefVisitor<'m> {
    pub fn new(m: &'m mut ModFacts, test: bool) -> Self {
        RefVisitor {
            m,
            test,
            kind: RefKind::Type,
            next_ns: None,
            depth: 0,
            last_line: 0,
            too_deep: None,
            self_ty: None,
            locals: Vec::new(),
        }
    }

    /// Runs `f` in a scope of its own: locals bound inside are gone afterwards.
    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        let mark = self.locals.len();
        f(self);
        self.locals.truncate(mark);
    }

    /// Runs `f` for a function or item body: the enclosing function's locals are not
    /// visible in it; `self_ty` is what `self` and `Self` mean there.
    fn item_scope(&mut self, self_ty: Option<TypeName>, f: impl FnOnce(&mut Self)) {
        let locals = std::mem::take(&mut self.locals);
        let outer = std::mem::replace(&mut self.self_ty, self_ty);
        f(self);
        self.self_ty = outer;
        self.locals = locals;
    }

    /// The type of the local `name`, if it is known.
    fn local(&self, name: &proc_macro2::Ident) -> Option<&TypeName> {
        self.locals
            .iter()
            .rev()
            .find(|(n, _)| *name == n.as_str())?
            .1
            .as_ref()
    }

    /// Binds a local: kept when its type is known or when it hides a local whose type is.
    fn bind(&mut self, name: &str, ty: Option<TypeName>) {
        if ty.is_some()
            || self
                .locals
                .iter()
                .rev()
                .find(|(n, _)| n == name)
                .is_some_and(|(_, t)| t.is_some())
        {
            self.locals.push((name.to_string(), ty));
        }
    }

    /// Binds the names of pattern `p`; a lone name gets `ty`, all others an unknown type.
    fn bind_pat(&mut self, p: &syn::Pat, ty: Option<TypeName>) {
        if let (syn::Pat::Ident(i), Some(t)) = (p, &ty) {
            if i.subpat.is_none() {
                self.bind(&i.ident.to_string(), Some(t.clone()));
                return;
            }
        }
        if self.locals.is_empty() {
            return;
        }
        let mut stack = vec![p];
        while let Some(p) = stack.pop() {
            use syn::Pat;
            match p {
                Pat::Ident(i) => {
                    self.bind(&i.ident.to_string(), None);
                    if let Some((_, sub)) = &i.subpat {
                        stack.push(sub);
                    }
                }
                Pat::Or(x) => stack.extend(x.cases.iter()),
                Pat::Paren(x) => stack.push(&x.pat),
                Pat::Reference(x) => stack.push(&x.pat),
                Pat::Slice(x) => stack.extend(x.elems.iter()),
                Pat::Struct(x) => stack.extend(x.fields.iter().map(|f| &*f.pat)),
                Pat::Tuple(x) => stack.extend(x.elems.iter()),
                Pat::TupleStruct(x) => stack.extend(x.elems.iter()),
                Pat::Type(x) => stack.push(&x.pat),
                _ => {}
            }
        }
    }

    /// The type a written type names for method calls: references and `Box`, `Rc` and `Arc`
    /// are looked through (their methods are mostly their target's), generics dropped.
    fn type_name(&self, ty: &syn::Type) -> Option<TypeName> {
        let mut ty = ty;
        loop {
            match ty {
                syn::Type::Reference(r) => ty = &r.elem,
                syn::Type::Paren(p) => ty = &p.elem,
                syn::Type::Group(g) => ty = &g.elem,
                syn::Type::Path(tp) if tp.qself.is_none() => {
                    let last = tp.path.segments.last()?;
                    if let syn::PathArguments::AngleBracketed(a) = &last.arguments {
                        let pointer =
                            matches!(last.ident.to_string().as_str(), "Box" | "Rc" | "Arc");
                        if let (true, 1, Some(syn::GenericArgument::Type(inner))) =
                            (pointer, a.args.len(), a.args.first())
                        {
                            ty = inner;
                            continue;
                        }
                    }
                    return self.path_type(&tp.path, tp.path.segments.len());
                }
                _ => return None,
            }
        }
    }

    /// The first `n` segments of `p` as a type (`Self` as the self type).
    fn path_type(&self, p: &syn::Path, n: usize) -> Option<TypeName> {
        let first = p.segments.first()?;
        if first.ident == "Self" {
            return if n == 1 { self.self_ty.clone() } else { None };
        }
        Some(TypeName {
            segments: p
                .segments
                .iter()
                .take(n)
                .map(|s| ident_str(&s.ident))
                .collect(),
            leading_colon: p.leading_colon.is_some(),
        })
    }

    /// The type of an expression, when the syntax tells it: a typed local or `self`, a
    /// struct literal, a cast, or a call `T::f(..)` of a capitalized `T` (`T::new(..)`,
    /// `T::open(..)?`: by convention what such a function returns is most often a `T`).
    fn expr_type(&self, e: &Expr) -> Option<TypeName> {
        let mut e = e;
        loop {
            match e {
                Expr::Reference(r) => e = &r.expr,
                Expr::Paren(p) => e = &p.expr,
                Expr::Group(g) => e = &g.expr,
                Expr::Try(t) => e = &t.expr,
                Expr::Await(a) => e = &a.base,
                Expr::Path(p) if p.qself.is_none() => {
                    let path = &p.path;
                    return match path.get_ident() {
                        Some(name) => self.local(name).cloned(),
                        None => None,
                    };
                }
                Expr::Struct(st) if st.qself.is_none() => {
                    return self.path_type(&st.path, st.path.segments.len());
                }
                Expr::Cast(c) => return self.type_name(&c.ty),
                Expr::Call(c) => {
                    let Expr::Path(f) = &*c.func else {
                        return None;
                    };
                    let n = f.path.segments.len();
                    if f.qself.is_some() || n < 2 {
                        return None;
                    }
                    let ty = ident_str(&f.path.segments[n - 2].ident);
                    if ty != "Self" && !ty.starts_with(|c: char| c.is_ascii_uppercase()) {
                        return None;
                    }
                    return self.path_type(&f.path, n - 1);
                }
                _ => return None,
            }
        }
    }

    fn record(&mut self, p: &syn::Path, kind: RefKind, ns: Namespace) {
        if p.segments.first().is_some_and(|s| s.ident == "Self") {
            // `Self::new()`, `Self::CONST`: a member of the self type. Other `Self` paths
            // (`Self`, `Self::Item` in types) name the type itself, mostly in its own module.
            if let (Some(ty), 2, RefKind::Call | RefKind::Path) =
                (&self.self_ty, p.segments.len(), kind)
            {
                let member = ident_str(&p.segments[1].ident);
                let ty = ty.clone();
                self.m.add_member(&ty, member, kind, false);
            }
            return;
        }
        let segs: Vec<String> = p.segments.iter().map(|s| ident_str(&s.ident)).collect();
        self.m.add_ref_in(segs, p.leading_colon.is_some(), kind, ns);
    }

    /// A struct literal's or struct pattern's path: it names a type, though in an expression.
    fn visit_struct_path(&mut self, p: &syn::Path) {
        self.next_ns = Some(Namespace::Type);
        self.visit_path(p);
    }

    /// Enters one level of nesting; false (and noted) when the limit is reached.
    fn enter(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            self.too_deep.get_or_insert(self.last_line);
            return false;
        }
        self.depth += 1;
        true
    }

    fn with_kind(&mut self, kind: RefKind, f: impl FnOnce(&mut Self)) {
        let old = std::mem::replace(&mut self.kind, kind);
        f(self);
        self.kind = old;
    }

    /// Paths inside macro input: as expressions or statements when they parse, otherwise
    /// every `a::b` sequence in the tokens.
    pub fn macro_tokens(&mut self, tokens: &TokenStream) {
        if tokens.is_empty() {
            return;
        }
        // Two literals side by side (`link!("kernel32.dll" "system" fn ...)`) are neither
        // expressions nor statements: skip the two parses that must fail.
        let mut last_literal = false;
        let adjacent_literals = tokens.clone().into_iter().any(|tt| {
            let lit = matches!(tt, proc_macro2::TokenTree::Literal(_));
            let both = lit && last_literal;
            last_literal = lit;
            both
        });
        if adjacent_literals {
            scan_token_paths(tokens, self.m, RefKind::Macro, false);
            return;
        }
        if let Ok(exprs) = syn::parse::Parser::parse2(
            Punctuated::<Expr, Token![,]>::parse_terminated,
            tokens.clone(),
        ) {
            self.scoped(|v| exprs.iter().for_each(|e| v.visit_expr(e)));
            return;
        }
        if let Ok(stmts) = syn::parse::Parser::parse2(syn::Block::parse_within, tokens.clone()) {
            self.scoped(|v| stmts.iter().for_each(|s| v.visit_stmt(s)));
            return;
        }
        scan_token_paths(tokens, self.m, RefKind::Macro, false);
    }
}

impl<'ast> Visit<'ast> for RefVisitor<'_> {
    fn visit_path(&mut self, p: &'ast syn::Path) {
        // A line lookup is a search in the file's line table and paths are the most frequent
        // node: only near the depth limit, where a diagnostic may need the line, is it done.
        if self.depth + 8 >= MAX_DEPTH {
            if let Some(first) = p.segments.first() {
                self.last_line = first.ident.span().start().line as u32;
            }
        }
        let ns = self.next_ns.take().unwrap_or(Namespace::of(self.kind));
        self.record(p, self.kind, ns);
        self.with_kind(RefKind::Type, |v| {
            for seg in &p.segments {
                v.visit_path_arguments(&seg.arguments);
            }
        });
    }

    fn visit_type(&mut self, t: &'ast syn::Type) {
        if !self.enter() {
            return;
        }
        self.with_kind(RefKind::Type, |v| visit::visit_type(v, t));
        self.depth -= 1;
    }

    fn visit_pat(&mut self, p: &'ast syn::Pat) {
        if !self.enter() {
            return;
        }
        self.with_kind(RefKind::Path, |v| visit::visit_pat(v, p));
        self.depth -= 1;
    }

    fn visit_expr(&mut self, e: &'ast Expr) {
        if !self.enter() {
            return;
        }
        self.with_kind(RefKind::Path, |v| match e {
            Expr::Call(c) => {
                for a in &c.attrs {
                    v.visit_attribute(a);
                }
                match &*c.func {
                    Expr::Path(p) => {
                        if let Some(q) = &p.qself {
                            v.visit_type(&q.ty);
                        }
                        v.with_kind(RefKind::Call, |v| v.visit_path(&p.path));
                    }
                    other => v.visit_expr(other),
                }
                for a in &c.args {
                    v.visit_expr(a);
                }
            }
            // Long left-nested chains (`a + b + c ...`, `x.f().g() ...`) are walked along
            // their spine without going deeper, so generated chains are analyzed in full.
            Expr::Binary(_) | Expr::MethodCall(_) => {
                let mut cur = e;
                let mut rest: Vec<&Expr> = Vec::new();
                loop {
                    match cur {
                        Expr::Binary(b) => {
                            b.attrs.iter().for_each(|a| v.visit_attribute(a));
                            rest.push(&b.right);
                            cur = &b.left;
                        }
                        Expr::MethodCall(m) => {
                            m.attrs.iter().for_each(|a| v.visit_attribute(a));
                            if let Some(t) = &m.turbofish {
                                v.visit_angle_bracketed_generic_arguments(t);
                            }
                            match v.expr_type(&m.receiver) {
                                Some(ty) => {
                                    let name = ident_str(&m.method);
                                    v.m.add_member(&ty, name, RefKind::Method, false);
                                }
                                None => v.m.unattributed_method_calls += 1,
                            }
                            rest.extend(m.args.iter());
                            cur = &m.receiver;
                        }
                        other => {
                            v.visit_expr(other);
                            break;
                        }
                    }
                }
                for r in rest.into_iter().rev() {
                    v.visit_expr(r);
                }
            }
            Expr::Field(f) => {
                if let syn::Member::Named(name) = &f.member {
                    if let Some(ty) = v.expr_type(&f.base) {
                        v.m.add_member(&ty, ident_str(name), RefKind::Path, true);
                    }
                }
                visit::visit_expr_field(v, f);
            }
            _ => visit::visit_expr(v, e),
        });
        self.depth -= 1;
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        // The initializer first: in `let x = x.f();` the `x` of `x.f()` is the outer one.
        l.attrs.iter().for_each(|a| self.visit_attribute(a));
        if let Some(init) = &l.init {
            self.visit_expr(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
        }
        self.visit_pat(&l.pat);
        let (pat, ty) = match &l.pat {
            syn::Pat::Type(pt) => (&*pt.pat, self.type_name(&pt.ty)),
            p => (p, l.init.as_ref().and_then(|i| self.expr_type(&i.expr))),
        };
        self.bind_pat(pat, ty);
    }

    fn visit_fn_arg(&mut self, a: &'ast syn::FnArg) {
        visit::visit_fn_arg(self, a);
        match a {
            syn::FnArg::Receiver(_) => self.bind("self", self.self_ty.clone()),
            syn::FnArg::Typed(pt) => {
                let ty = self.type_name(&pt.ty);
                self.bind_pat(&pt.pat, ty);
            }
        }
    }

    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        self.scoped(|v| {
            c.attrs.iter().for_each(|a| v.visit_attribute(a));
            if let Some(l) = &c.lifetimes {
                v.visit_bound_lifetimes(l);
            }
            for p in &c.inputs {
                v.visit_pat(p);
                match p {
                    syn::Pat::Type(pt) => {
                        let ty = v.type_name(&pt.ty);
                        v.bind_pat(&pt.pat, ty);
                    }
                    p => v.bind_pat(p, None),
                }
            }
            v.visit_return_type(&c.output);
            v.visit_expr(&c.body);
        });
    }

    fn visit_arm(&mut self, a: &'ast syn::Arm) {
        self.scoped(|v| {
            a.attrs.iter().for_each(|x| v.visit_attribute(x));
            v.visit_pat(&a.pat);
            v.bind_pat(&a.pat, None);
            if let Some((_, guard)) = &a.guard {
                v.visit_expr(guard);
            }
            v.visit_expr(&a.body);
        });
    }

    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        f.attrs.iter().for_each(|a| self.visit_attribute(a));
        self.visit_expr(&f.expr);
        self.scoped(|v| {
            v.visit_pat(&f.pat);
            v.bind_pat(&f.pat, None);
            v.visit_block(&f.body);
        });
    }

    // `if let` and `while let` bind for their blocks (and, kept simple, their `else`).
    fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
        self.scoped(|v| visit::visit_expr_if(v, i));
    }

    fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
        self.scoped(|v| visit::visit_expr_while(v, w));
    }

    fn visit_expr_let(&mut self, l: &'ast syn::ExprLet) {
        l.attrs.iter().for_each(|a| self.visit_attribute(a));
        self.visit_expr(&l.expr);
        self.visit_pat(&l.pat);
        self.bind_pat(&l.pat, None);
    }

    fn visit_item(&mut self, i: &'ast syn::Item) {
        // An item inside a function sees neither its locals nor its `Self`.
        self.item_scope(None, |v| visit::visit_item(v, i));
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.item_scope(None, |v| visit::visit_item_fn(v, f));
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        let self_ty = self.self_ty.clone();
        self.item_scope(self_ty, |v| visit::visit_impl_item_fn(v, f));
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        let self_ty = self.self_ty.clone();
        self.item_scope(self_ty, |v| visit::visit_trait_item_fn(v, f));
    }

    fn visit_foreign_item_fn(&mut self, f: &'ast syn::ForeignItemFn) {
        self.item_scope(None, |v| visit::visit_foreign_item_fn(v, f));
    }

    fn visit_item_trait(&mut self, t: &'ast syn::ItemTrait) {
        let this = TypeName {
            segments: vec![ident_str(&t.ident)],
            leading_colon: false,
        };
        self.item_scope(Some(this), |v| visit::visit_item_trait(v, t));
    }

    fn visit_block(&mut self, b: &'ast syn::Block) {
        self.last_line = b.brace_token.span.open().start().line as u32;
        if !self.enter() {
            return;
        }
        self.scoped(|v| visit::visit_block(v, b));
        self.depth -= 1;
    }

    fn visit_stmt(&mut self, s: &'ast syn::Stmt) {
        match s {
            syn::Stmt::Local(l) if !cfg::is_enabled(&l.attrs, self.test) => {}
            syn::Stmt::Item(i) if !cfg::is_enabled(item_attrs(i), self.test) => {}
            syn::Stmt::Expr(Expr::Macro(m), _) if !cfg::is_enabled(&m.attrs, self.test) => {}
            _ => visit::visit_stmt(self, s),
        }
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        if !cfg::is_enabled(&i.attrs, self.test) {
            return;
        }
        for a in &i.attrs {
            self.visit_attribute(a);
        }
        self.visit_generics(&i.generics);
        if let Some((_, path, _)) = &i.trait_ {
            self.with_kind(RefKind::Impl, |v| v.visit_path(path));
        }
        match &*i.self_ty {
            syn::Type::Path(tp) => {
                if let Some(q) = &tp.qself {
                    self.visit_type(&q.ty);
                }
                self.with_kind(RefKind::Impl, |v| v.visit_path(&tp.path));
            }
            other => self.visit_type(other),
        }
        let self_ty = self.type_name(&i.self_ty);
        if let Some(ty) = &self_ty {
            let members = i
                .items
                .iter()
                .filter_map(|item| match item {
                    syn::ImplItem::Fn(f) if cfg::is_enabled(&f.attrs, self.test) => {
                        Some(ident_str(&f.sig.ident))
                    }
                    syn::ImplItem::Const(c) if cfg::is_enabled(&c.attrs, self.test) => {
                        Some(ident_str(&c.ident))
                    }
                    _ => None,
                })
                .collect();
            self.m.impls.push(ImplDef {
                ty: ty.segments.clone(),
                leading_colon: ty.leading_colon,
                of_trait: i.trait_.is_some(),
                members,
            });
        }
        self.item_scope(self_ty, |v| {
            for item in &i.items {
                v.visit_impl_item(item);
            }
        });
    }

    fn visit_impl_item(&mut self, i: &'ast syn::ImplItem) {
        let attrs = match i {
            syn::ImplItem::Fn(f) => &f.attrs,
            syn::ImplItem::Const(c) => &c.attrs,
            syn::ImplItem::Type(t) => &t.attrs,
            syn::ImplItem::Macro(m) => &m.attrs,
            _ => return,
        };
        if cfg::is_enabled(attrs, self.test) {
            visit::visit_impl_item(self, i);
        }
    }

    fn visit_trait_item(&mut self, i: &'ast syn::TraitItem) {
        let attrs = match i {
            syn::TraitItem::Fn(f) => &f.attrs,
            syn::TraitItem::Const(c) => &c.attrs,
            syn::TraitItem::Type(t) => &t.attrs,
            syn::TraitItem::Macro(m) => &m.attrs,
            _ => return,
        };
        if cfg::is_enabled(attrs, self.test) {
            visit::visit_trait_item(self, i);
        }
    }

    fn visit_expr_struct(&mut self, e: &'ast syn::ExprStruct) {
        e.attrs.iter().for_each(|a| self.visit_attribute(a));
        if let Some(q) = &e.qself {
            self.visit_qself(q);
        }
        self.visit_struct_path(&e.path);
        for f in &e.fields {
            self.visit_field_value(f);
        }
        if let Some(rest) = &e.rest {
            self.visit_expr(rest);
        }
    }

    fn visit_pat_struct(&mut self, p: &'ast syn::PatStruct) {
        p.attrs.iter().for_each(|a| self.visit_attribute(a));
        if let Some(q) = &p.qself {
            self.visit_qself(q);
        }
        self.visit_struct_path(&p.path);
        for f in &p.fields {
            self.visit_field_pat(f);
        }
        if let Some(r) = &p.rest {
            self.visit_pat_rest(r);
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.record(&mac.path, RefKind::Macro, Namespace::Macro);
        let tokens = mac.tokens.clone();
        self.macro_tokens(&tokens);
    }

    fn visit_attribute(&mut self, a: &'ast syn::Attribute) {
        let path = a.path();
        if path.is_ident("derive") {
            if let Ok(paths) =
                a.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
            {
                for p in &paths {
                    self.record(p, RefKind::Macro, Namespace::Macro);
                }
            }
        } else if path.segments.len() > 1 {
            // An attribute macro such as `#[tokio::main]`.
            self.record(path, RefKind::Macro, Namespace::Macro);
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        // A `use` inside a block: its names are visible in the block only, but it is still a
        // dependency of the module; archsplit treats it as a private import of the module.
        if cfg::is_enabled(&u.attrs, self.test) {
            flatten_use(&u.tree, u.leading_colon.is_some(), false, &mut self.m.uses);
        }
    }

    // `pub(crate)` and `pub(in path)` restrict visibility; they are not references.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    // A module declared inside a function body is not part of the module tree.
    fn visit_item_mod(&mut self, _: &'ast syn::ItemMod) {}
}

pub fn item_attrs(i: &syn::Item) -> &[syn::Attribute] {
    use syn::Item::*;
    match i {
        Const(x) => &x.attrs,
        Enum(x) => &x.attrs,
        ExternCrate(x) => &x.attrs,
        Fn(x) => &x.attrs,
        ForeignMod(x) => &x.attrs,
        Impl(x) => &x.attrs,
        Macro(x) => &x.attrs,
        Mod(x) => &x.attrs,
        Static(x) => &x.attrs,
        Struct(x) => &x.attrs,
        Trait(x) => &x.attrs,
        TraitAlias(x) => &x.attrs,
        Type(x) => &x.attrs,
        Union(x) => &x.attrs,
        Use(x) => &x.attrs,
        _ => &[],
    }
}

/// Records every `a::b(::c)*` path in `tokens` (and `$crate::x` as `crate::x` when
/// `dollar_crate_only`, the only paths of a `macro_rules!` body that can be resolved where the
/// macro is defined). Iterative, so deeply nested groups cannot exhaust the stack.
pub fn scan_token_paths(
    tokens: &TokenStream,
    m: &mut ModFacts,
    kind: RefKind,
    dollar_crate_only: bool,
) {
    let mut stack: Vec<Vec<TokenTree>> = vec![tokens.clone().into_iter().collect()];
    while let Some(tts) = stack.pop() {
        let mut i = 0;
        while i < tts.len() {
            match &tts[i] {
                TokenTree::Group(g) => {
                    if g.delimiter() != Delimiter::None || !g.stream().is_empty() {
                        stack.push(g.stream().into_iter().collect());
                    }
                    i += 1;
                }
                TokenTree::Punct(p) if p.as_char() == '$' => {
                    if let Some(TokenTree::Ident(id)) = tts.get(i + 1) {
                        if id == "crate" {
                            let (segs, next) = read_path(&tts, i + 1);
                            if segs.len() > 1 {
                                m.add_ref(segs, false, kind);
                            }
                            i = next;
                            continue;
                        }
                    }
                    i += 1;
                }
                TokenTree::Ident(_) if !dollar_crate_only => {
                    let leading = i >= 2 && is_colon2(&tts, i - 2);
                    let preceded_by_dollar =
                        i >= 1 && matches!(&tts[i - 1], TokenTree::Punct(p) if p.as_char() == '$');
                    let (segs, next) = read_path(&tts, i);
                    if segs.len() > 1 && !preceded_by_dollar {
                        m.add_ref(segs, leading, kind);
                    }
                    i = next;
                }
                _ => i += 1,
            }
        }
    }
}

fn is_colon2(tts: &[TokenTree], i: usize) -> bool {
    matches!((tts.get(i), tts.get(i + 1)),
        (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
            if a.as_char() == ':' && b.as_char() == ':' && a.spacing() == proc_macro2::Spacing::Joint)
}

/// Reads `ident (:: ident)*` from `tts[start]`; returns the segments and the next index.
fn read_path(tts: &[TokenTree], start: usize) -> (Vec<String>, usize) {
    let mut segs = Vec::new();
    let mut i = start;
    while let Some(TokenTree::Ident(id)) = tts.get(i) {
        segs.push(ident_str(id));
        if is_colon2(tts, i + 1) && matches!(tts.get(i + 3), Some(TokenTree::Ident(_))) {
            i += 3;
        } else {
            i += 1;
            break;
        }
    }
    (segs, i.max(start + 1))
}

#[cfg(test)]
mod tests {
    use crate::parse::{parse_expansion, ModFacts, ParseOptions, RefKind};

    fn facts(src: &str) -> ModFacts {
        parse_expansion(src, 1, ParseOptions::default()).expect("parses")
    }

    /// The member references as `Type.member kind`, sorted; fields marked `.field`.
    fn members(m: &ModFacts) -> Vec<String> {
        m.members
            .iter()
            .map(|(k, n)| {
                let field = if k.field { " field" } else { "" };
                format!(
                    "{}.{} {}{field} x{n}",
                    k.ty.join("::"),
                    k.member,
                    k.kind.as_str()
                )
            })
            .collect()
    }

    #[test]
    fn self_and_self_type_in_an_impl() {
        let m = facts(
            "impl a::T { fn f(&self) { self.g(); let _ = self.x; Self::new(); let _ = Self::C; } }
             trait Tr { fn d(&self) { self.e() } }",
        );
        assert_eq!(
            members(&m),
            [
                "Tr.e method x1",
                "a::T.C path x1",
                "a::T.g method x1",
                "a::T.new call x1",
                "a::T.x path field x1",
            ]
        );
        assert_eq!(m.unattributed_method_calls, 0);
        assert_eq!(m.impls.len(), 1);
        assert_eq!(m.impls[0].ty, ["a", "T"]);
        assert_eq!(m.impls[0].members, ["f"]);
    }

    #[test]
    fn locals_parameters_and_constructors() {
        let m = facts(
            "fn f(p: &P, q: &mut Q, r: std::sync::Arc<R>, s: Box<S>) {
                 p.a(); q.b(); r.c(); s.d();
                 let t: T = make(); t.e();
                 let u = U::new(); u.f();
                 let v = m::V::open()?; v.g();
                 let w = W { x: 1 }; w.h();
                 let y = util::make(); y.i();
                 let z = &u; z.j();
             }",
        );
        assert_eq!(
            members(&m),
            [
                "P.a method x1",
                "Q.b method x1",
                "R.c method x1",
                "S.d method x1",
                "T.e method x1",
                "U.f method x1",
                "U.j method x1",
                "W.h method x1",
                "m::V.g method x1",
            ]
        );
        // `util::make()` is a function of a module, not a constructor: `y` is unknown.
        assert_eq!(m.unattributed_method_calls, 1);
    }

    #[test]
    fn shadowing_gives_up_and_scopes_end() {
        let m = facts(
            "fn f(a: A) {
                 let _ = [1].iter().map(|a| a.x()).count();
                 match 1 { a => a.y() };
                 if let Some(a) = None::<u8> { a.z(); }
                 { let a = 2; a.w(); }
                 a.kept();
                 let a = a.into_b();
                 a.lost();
                 fn inner() { a.unseen(); }
             }",
        );
        assert_eq!(members(&m), ["A.into_b method x1", "A.kept method x1"]);
        // iter, map, count, x, y, z, w, lost, unseen.
        assert_eq!(m.unattributed_method_calls, 9);
    }

    #[test]
    fn struct_literals_name_a_type() {
        let m = facts("fn f() { let _ = a::S { x: 1 }; let a::S { x } = s; }");
        let ns: Vec<_> = m
            .refs
            .keys()
            .filter(|k| k.kind == RefKind::Path)
            .map(|k| (k.segments.join("::"), k.ns))
            .collect();
        assert!(ns
            .iter()
            .all(|(p, ns)| p != "a::S" || *ns == crate::parse::Namespace::Type));
        assert!(ns.iter().any(|(p, _)| p == "a::S"));
    }
}
