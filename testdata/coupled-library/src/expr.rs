//! Expressions: they hold types, paths, patterns and other expressions.

use crate::generics::Generics;
use crate::pat::Pat;
use crate::path::Path;
use crate::ty::Type;

pub enum Expr {
    Path(Path),
    Cast(Box<Expr>, Type),
    Closure(Generics, Vec<Pat>, Box<Expr>),
    Call(Box<Expr>, Vec<Expr>),
}

pub fn is_place(e: &Expr) -> bool {
    match e {
        Expr::Path(p) => crate::path::is_single(p),
        Expr::Cast(inner, t) => is_place(inner) && crate::ty::is_sized(t),
        _ => false,
    }
}
