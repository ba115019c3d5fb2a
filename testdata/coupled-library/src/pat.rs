//! Patterns: they hold paths, types and expressions (ranges).

use crate::expr::Expr;
use crate::path::Path;
use crate::ty::Type;

pub enum Pat {
    Ident(String),
    Path(Path),
    Typed(Box<Pat>, Type),
    Range(Expr, Expr),
}

pub fn binds(p: &Pat) -> bool {
    match p {
        Pat::Ident(_) => true,
        Pat::Path(path) => !crate::path::is_single(path),
        Pat::Typed(inner, t) => binds(inner) && crate::ty::is_sized(t),
        Pat::Range(a, _) => crate::expr::is_place(a),
    }
}
