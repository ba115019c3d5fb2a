//! Module-level items: definitions, imports, child modules, macros and state, including the
//! items that item-position macros such as `cfg_if!` or tokio's `cfg_rt!` wrap.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::visit::Visit;
use syn::{Item, Visibility};

use super::cfg;
use super::facts::{
    ChildMod, ItemDef, ItemKind, MacroDef, ModFacts, Namespace, RefKind, StateItem, StateKind,
    UseBind, UseDecl,
};
use super::refs::{ident_str, item_attrs, scan_token_paths, RefVisitor};
use super::uses::flatten_use;

/// Walk state shared by a file's modules.
pub struct Collector {
    pub test: bool,
    /// First line where nesting went past the walk's limits.
    pub too_deep: Option<u32>,
    /// First and last line of every item switched off by `cfg(test)` (`#[cfg(test)] mod
    /// tests { .. }`, `#[test] fn`): test code, not counted in the module's size.
    pub disabled: Vec<(u32, u32)>,
}

/// How deeply item-position macros may wrap items (`cfg_if!` inside `cfg_rt!` ...).
const MAX_MACRO_NESTING: u32 = 16;

impl Collector {
    pub fn collect(&mut self, items: &[Item], m: &mut ModFacts) {
        self.collect_items(items, m, 0);
    }

    fn collect_items(&mut self, items: &[Item], m: &mut ModFacts, nesting: u32) {
        for item in items {
            if cfg::is_enabled(item_attrs(item), self.test) {
                self.item(item, m, nesting);
                continue;
            }
            {
                // An item switched off by `cfg` has an attribute: it starts there.
                if let Some(a) = item_attrs(item).first() {
                    let first = a.pound_token.span.start().line as u32;
                    self.disabled.push((first, item_end_line(item)));
                }
            }
            if let Item::Mod(im) = item {
                if im.content.is_none() {
                    m.excluded_children.push(ChildMod {
                        name: ident_str(&im.ident),
                        line: im.ident.span().start().line as u32,
                        column: im.ident.span().start().column as u32 + 1,
                        path_attrs: path_attrs(&im.attrs, self.test).0,
                        path_conditional: path_attrs(&im.attrs, self.test).1,
                        doc_only: cfg::doc_only(&im.attrs),
                        inline: None,
                    });
                }
            }
        }
    }

    fn refs(&mut self, m: &mut ModFacts, f: impl FnOnce(&mut RefVisitor)) {
        let mut v = RefVisitor::new(m, self.test);
        f(&mut v);
        if let Some(line) = v.too_deep {
            self.too_deep.get_or_insert(line);
        }
    }

    fn def(m: &mut ModFacts, name: &syn::Ident, kind: ItemKind, vis: &Visibility) {
        Self::def_value(
            m,
            name,
            kind,
            vis,
            matches!(kind, ItemKind::Fn | ItemKind::Const | ItemKind::Static),
        );
    }

    /// A definition whose name is a value (`value`) or not, whatever its kind.
    fn def_value(
        m: &mut ModFacts,
        name: &syn::Ident,
        kind: ItemKind,
        vis: &Visibility,
        value: bool,
    ) {
        m.items.push(ItemDef {
            name: ident_str(name),
            kind,
            public: matches!(vis, Visibility::Public(_)),
            value,
        });
    }

    /// A `mod` item: a child module, inline (collected here) or in its own file.
    fn item_mod(&mut self, im: &syn::ItemMod, m: &mut ModFacts, nesting: u32) {
        let start = im.ident.span().start();
        let (path_attrs, path_conditional) = path_attrs(&im.attrs, self.test);
        let inline = im.content.as_ref().map(|(brace, items)| {
            let mut child = ModFacts {
                first_line: im.mod_token.span.start().line as u32,
                last_line: brace.span.close().end().line as u32,
                ..ModFacts::default()
            };
            self.collect_items(items, &mut child, nesting);
            Box::new(child)
        });
        self.refs(m, |v| im.attrs.iter().for_each(|a| v.visit_attribute(a)));
        m.children.push(ChildMod {
            name: ident_str(&im.ident),
            line: start.line as u32,
            column: start.column as u32 + 1,
            path_attrs,
            path_conditional,
            doc_only: cfg::doc_only(&im.attrs),
            inline,
        });
    }

    /// Collects the facts of one item into `m`.
    fn item(&mut self, item: &Item, m: &mut ModFacts, nesting: u32) {
        match item {
            Item::Mod(im) => self.item_mod(im, m, nesting),
            Item::Use(u) => {
                let public = matches!(u.vis, Visibility::Public(_));
                flatten_use(&u.tree, u.leading_colon.is_some(), public, &mut m.uses);
            }
            Item::ExternCrate(e) => extern_crate(e, m),
            Item::Fn(f) => {
                Self::def(m, &f.sig.ident, ItemKind::Fn, &f.vis);
                self.refs(m, |v| v.visit_item_fn(f));
            }
            Item::Struct(s) => {
                // A braced struct is a type only; a unit or tuple struct's name is a value too.
                let value = !matches!(s.fields, syn::Fields::Named(_));
                Self::def_value(m, &s.ident, ItemKind::Struct, &s.vis, value);
                self.refs(m, |v| v.visit_item_struct(s));
            }
            Item::Enum(e) => {
                Self::def(m, &e.ident, ItemKind::Enum, &e.vis);
                self.refs(m, |v| v.visit_item_enum(e));
            }
            Item::Union(u) => {
                Self::def(m, &u.ident, ItemKind::Union, &u.vis);
                self.refs(m, |v| v.visit_item_union(u));
            }
            Item::Trait(t) => {
                Self::def(m, &t.ident, ItemKind::Trait, &t.vis);
                self.refs(m, |v| v.visit_item_trait(t));
            }
            Item::TraitAlias(t) => {
                Self::def(m, &t.ident, ItemKind::Trait, &t.vis);
                self.refs(m, |v| v.visit_item_trait_alias(t));
            }
            Item::Type(t) => {
                Self::def(m, &t.ident, ItemKind::Type, &t.vis);
                self.refs(m, |v| v.visit_item_type(t));
            }
            Item::Const(c) => {
                Self::def(m, &c.ident, ItemKind::Const, &c.vis);
                self.refs(m, |v| v.visit_item_const(c));
            }
            Item::Static(s) => {
                Self::def(m, &s.ident, ItemKind::Static, &s.vis);
                static_state(s, m);
                self.refs(m, |v| v.visit_item_static(s));
            }
            Item::Impl(i) => {
                m.items.push(ItemDef {
                    name: String::new(),
                    kind: ItemKind::Impl,
                    public: false,
                    value: false,
                });
                self.refs(m, |v| v.visit_item_impl(i));
            }
            Item::ForeignMod(f) => self.refs(m, |v| v.visit_item_foreign_mod(f)),
            Item::Macro(mac) => self.item_macro(mac, m, nesting),
            _ => {}
        }
    }

    fn item_macro(&mut self, mac: &syn::ItemMacro, m: &mut ModFacts, nesting: u32) {
        let path = &mac.mac.path;
        let name = path
            .segments
            .last()
            .map(|s| ident_str(&s.ident))
            .unwrap_or_default();
        if path.is_ident("macro_rules") {
            if let Some(ident) = &mac.ident {
                let exported = mac.attrs.iter().any(|a| a.path().is_ident("macro_export"));
                m.macros.push(MacroDef {
                    name: ident_str(ident),
                    exported,
                    expansion: argless_expansion(&mac.mac.tokens),
                });
                m.items.push(ItemDef {
                    name: ident_str(ident),
                    kind: ItemKind::Macro,
                    public: exported,
                    value: false,
                });
            }
            scan_token_paths(&mac.mac.tokens, m, RefKind::Macro, true);
            return;
        }
        self.refs(m, |v| {
            for a in &mac.attrs {
                v.visit_attribute(a);
            }
        });
        let line = path
            .segments
            .first()
            .map_or(0, |s| s.ident.span().start().line as u32);
        m.add_ref_in(
            path.segments.iter().map(|s| ident_str(&s.ident)).collect(),
            path.leading_colon.is_some(),
            RefKind::Macro,
            Namespace::Macro,
        );
        match name.as_str() {
            "include" => {
                if let Ok(lit) = syn::parse2::<syn::LitStr>(mac.mac.tokens.clone()) {
                    m.includes.push(lit.value());
                }
                return;
            }
            "thread_local" | "lazy_static" => {
                let kind = if name == "thread_local" {
                    StateKind::ThreadLocal
                } else {
                    StateKind::Lazy
                };
                for n in static_names(&mac.mac.tokens) {
                    m.state.push(StateItem {
                        name: n,
                        kind,
                        line,
                    });
                }
                scan_token_paths(&mac.mac.tokens, m, RefKind::Macro, false);
                return;
            }
            _ => {}
        }
        if mac.mac.tokens.is_empty() && path.segments.len() == 1 {
            m.invocations.push((name, line));
            return;
        }
        if nesting < MAX_MACRO_NESTING && self.macro_items(&mac.mac.tokens, m, nesting + 1) {
            return;
        }
        let tokens = mac.mac.tokens.clone();
        self.refs(m, |v| v.macro_tokens(&tokens));
    }

    /// Items wrapped by an item-position macro: the whole input when it parses as items,
    /// otherwise each brace group that does (the shape of `cfg_if!`). True if any did.
    fn macro_items(&mut self, tokens: &TokenStream, m: &mut ModFacts, nesting: u32) -> bool {
        // No item starts with a literal (`link!("kernel32.dll" "system" fn ...)`, repeated
        // thousands of times in windows-sys): skip a parse that must fail.
        let first_is_literal = matches!(
            tokens.clone().into_iter().next(),
            Some(TokenTree::Literal(_))
        );
        if !first_is_literal {
            if let Ok(file) = syn::parse2::<syn::File>(tokens.clone()) {
                if !file.items.is_empty() {
                    self.collect_items(&file.items, m, nesting);
                    return true;
                }
            }
        }
        let mut any = false;
        for tt in tokens.clone() {
            if let TokenTree::Group(g) = tt {
                if g.delimiter() == Delimiter::Brace && nesting < MAX_MACRO_NESTING {
                    any |= self.macro_items(&g.stream(), m, nesting + 1);
                }
            }
        }
        any
    }
}

/// The last line of an item, from its closing token: `Spanned::span` would print the whole
/// syntax tree to find it, recursing as deep as the tree is.
fn item_end_line(item: &Item) -> u32 {
    use syn::spanned::Spanned;
    let brace = |b: &syn::token::Brace| b.span.close().end().line;
    let semi = |s: &syn::Token![;]| s.span.end().line;
    let fields = |f: &syn::Fields, s: &Option<syn::Token![;]>| match (f, s) {
        (_, Some(t)) => semi(t),
        (syn::Fields::Named(n), None) => brace(&n.brace_token),
        (syn::Fields::Unnamed(u), None) => u.paren_token.span.close().end().line,
        (syn::Fields::Unit, None) => 0,
    };
    let line = match item {
        Item::Const(x) => semi(&x.semi_token),
        Item::Enum(x) => brace(&x.brace_token),
        Item::ExternCrate(x) => semi(&x.semi_token),
        Item::Fn(x) => brace(&x.block.brace_token),
        Item::ForeignMod(x) => brace(&x.brace_token),
        Item::Impl(x) => brace(&x.brace_token),
        Item::Macro(x) => match &x.semi_token {
            Some(t) => semi(t),
            None => match &x.mac.delimiter {
                syn::MacroDelimiter::Paren(p) => p.span.close().end().line,
                syn::MacroDelimiter::Brace(b) => brace(b),
                syn::MacroDelimiter::Bracket(b) => b.span.close().end().line,
            },
        },
        Item::Mod(x) => match (&x.content, &x.semi) {
            (Some((b, _)), _) => brace(b),
            (None, Some(t)) => semi(t),
            (None, None) => 0,
        },
        Item::Static(x) => semi(&x.semi_token),
        Item::Struct(x) => fields(&x.fields, &x.semi_token),
        Item::Trait(x) => brace(&x.brace_token),
        Item::TraitAlias(x) => semi(&x.semi_token),
        Item::Type(x) => semi(&x.semi_token),
        Item::Union(x) => brace(&x.fields.brace_token),
        Item::Use(x) => semi(&x.semi_token),
        // Unparsed tokens: printing them does not recurse into a syntax tree.
        other => other.span().end().line,
    };
    line as u32
}

/// The body of a `macro_rules!` rule that takes no input, as source text.
fn argless_expansion(rules: &TokenStream) -> Option<String> {
    let tts: Vec<TokenTree> = rules.clone().into_iter().collect();
    let mut i = 0;
    while i < tts.len() {
        let (
            TokenTree::Group(matcher),
            Some(TokenTree::Punct(eq)),
            Some(TokenTree::Punct(gt)),
            Some(TokenTree::Group(body)),
        ) = (&tts[i], tts.get(i + 1), tts.get(i + 2), tts.get(i + 3))
        else {
            return None;
        };
        if eq.as_char() != '=' || gt.as_char() != '>' {
            return None;
        }
        if matcher.stream().is_empty() {
            return expandable_text(&body.stream());
        }
        i += 4;
        if matches!(tts.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ';') {
            i += 1;
        }
    }
    None
}

/// `tokens` as text with `$crate` written `crate`. An argument-less rule has no other
/// metavariables; a `$` elsewhere belongs to a nested `macro_rules!`, which parses as is.
fn expandable_text(tokens: &TokenStream) -> Option<String> {
    Some(
        tokens
            .to_string()
            .replace("$ crate", "crate")
            .replace("$crate", "crate"),
    )
}

/// The value of `#[path = "..."]`, or the values of every `#[cfg_attr(pred, path = "...")]`
/// whose predicate is not certainly false; true when the paths are conditional.
fn path_attrs(attrs: &[syn::Attribute], test: bool) -> (Vec<String>, bool) {
    use syn::punctuated::Punctuated;
    let str_value = |nv: &syn::MetaNameValue| match &nv.value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) if nv.path.is_ident("path") => Some(s.value()),
        _ => None,
    };
    let mut conditional = Vec::new();
    for a in attrs {
        match &a.meta {
            syn::Meta::NameValue(nv) => {
                if let Some(v) = str_value(nv) {
                    return (vec![v], false);
                }
            }
            syn::Meta::List(l) if l.path.is_ident("cfg_attr") => {
                let Ok(metas) =
                    l.parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
                else {
                    continue;
                };
                let mut it = metas.iter();
                let Some(pred) = it.next() else { continue };
                if cfg::eval(pred, test, 0) == Some(false) {
                    continue;
                }
                for m in it {
                    if let syn::Meta::NameValue(nv) = m {
                        conditional.extend(str_value(nv));
                    }
                }
            }
            _ => {}
        }
    }
    let any = !conditional.is_empty();
    (conditional, any)
}

/// `OnceLock`, `LazyLock`, `OnceCell`, `Lazy` and friends: state initialized on first use.
fn is_lazy_type(ty: &syn::Type) -> bool {
    let syn::Type::Path(tp) = ty else {
        return false;
    };
    tp.path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "OnceLock" | "LazyLock" | "OnceCell" | "Lazy" | "LazyCell" | "OnceBox"
        )
    })
}

/// Names declared as `static NAME` or `static ref NAME` in macro input.
fn static_names(tokens: &TokenStream) -> Vec<String> {
    let tts: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let mut out = Vec::new();
    for (i, tt) in tts.iter().enumerate() {
        if matches!(tt, TokenTree::Ident(id) if id == "static") {
            let mut j = i + 1;
            while matches!(tts.get(j), Some(TokenTree::Ident(id)) if id == "ref" || id == "mut") {
                j += 1;
            }
            if let Some(TokenTree::Ident(id)) = tts.get(j) {
                out.push(ident_str(id));
            }
        }
    }
    out
}

/// An `extern crate` item: a use of the crate under its name or its rename.
fn extern_crate(e: &syn::ItemExternCrate, m: &mut ModFacts) {
    let name = ident_str(&e.ident);
    if name == "self" {
        return;
    }
    let bind = match &e.rename {
        Some((_, r)) if r == "_" => UseBind::Underscore,
        Some((_, r)) => UseBind::Name(ident_str(r)),
        None => UseBind::Name(name.clone()),
    };
    m.uses.push(UseDecl {
        segments: vec![name],
        leading_colon: true,
        bind,
        public: matches!(e.vis, Visibility::Public(_)),
        line: e.ident.span().start().line as u32,
    });
}

/// A `static` item as module state: mutable, lazily initialised or plain.
fn static_state(s: &syn::ItemStatic, m: &mut ModFacts) {
    let kind = if matches!(s.mutability, syn::StaticMutability::Mut(_)) {
        StateKind::StaticMut
    } else if is_lazy_type(&s.ty) {
        StateKind::Lazy
    } else {
        StateKind::Static
    };
    m.state.push(StateItem {
        name: ident_str(&s.ident),
        kind,
        line: s.ident.span().start().line as u32,
    });
}
