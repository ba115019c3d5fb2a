//! `use` trees flattened into one declaration per leaf, with what each leaf binds.

use syn::UseTree;

use super::facts::{UseBind, UseDecl};
use super::refs::ident_str;

/// Appends one `UseDecl` per leaf of `tree` to `out`.
pub fn flatten_use(tree: &UseTree, leading_colon: bool, public: bool, out: &mut Vec<UseDecl>) {
    let mut prefix = Vec::new();
    walk(tree, &mut prefix, leading_colon, public, out, 0);
}

fn walk(
    tree: &UseTree,
    prefix: &mut Vec<String>,
    leading_colon: bool,
    public: bool,
    out: &mut Vec<UseDecl>,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    let mut leaf = |segments: Vec<String>, bind: UseBind, line: usize| {
        out.push(UseDecl {
            segments,
            leading_colon,
            bind,
            public,
            line: line as u32,
        })
    };
    match tree {
        UseTree::Path(p) => {
            prefix.push(ident_str(&p.ident));
            walk(&p.tree, prefix, leading_colon, public, out, depth + 1);
            prefix.pop();
        }
        UseTree::Name(n) => {
            let name = ident_str(&n.ident);
            let line = n.ident.span().start().line;
            if name == "self" {
                if let Some(last) = prefix.last().cloned() {
                    leaf(prefix.clone(), UseBind::Name(last), line);
                }
            } else {
                let mut segs = prefix.clone();
                segs.push(name.clone());
                leaf(segs, UseBind::Name(name), line);
            }
        }
        UseTree::Rename(r) => {
            let name = ident_str(&r.ident);
            let line = r.ident.span().start().line;
            let mut segs = prefix.clone();
            if name != "self" {
                segs.push(name);
            }
            let alias = ident_str(&r.rename);
            let bind = if alias == "_" {
                UseBind::Underscore
            } else {
                UseBind::Name(alias)
            };
            leaf(segs, bind, line);
        }
        UseTree::Glob(g) => {
            let line = g.star_token.span.start().line;
            leaf(prefix.clone(), UseBind::Glob, line);
        }
        UseTree::Group(g) => {
            for t in &g.items {
                walk(t, prefix, leading_colon, public, out, depth + 1);
            }
        }
    }
}
