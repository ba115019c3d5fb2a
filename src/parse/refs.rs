//! The reference walk: every path in types, expressions, patterns, bounds, impl headers,
//! attributes and macro input, recorded with its kind. Depth-limited: input nested deeper
//! than `MAX_DEPTH` is not descended into (and reported), so no input exhausts the stack.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};
use syn::{Expr, Token};

use super::cfg;
use super::facts::{ModFacts, Namespace, RefKind};
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
        }
    }

    fn record(&mut self, p: &syn::Path, kind: RefKind, ns: Namespace) {
        let segs: Vec<String> = p.segments.iter().map(|s| ident_str(&s.ident)).collect();
        if segs.first().is_some_and(|s| s == "Self") {
            return;
        }
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
            for e in &exprs {
                self.visit_expr(e);
            }
            return;
        }
        if let Ok(stmts) = syn::parse::Parser::parse2(syn::Block::parse_within, tokens.clone()) {
            for s in &stmts {
                self.visit_stmt(s);
            }
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
            _ => visit::visit_expr(v, e),
        });
        self.depth -= 1;
    }

    fn visit_block(&mut self, b: &'ast syn::Block) {
        self.last_line = b.brace_token.span.open().start().line as u32;
        if !self.enter() {
            return;
        }
        visit::visit_block(self, b);
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
        for item in &i.items {
            self.visit_impl_item(item);
        }
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
