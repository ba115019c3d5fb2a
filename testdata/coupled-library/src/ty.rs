//! Types: they hold paths, generics and expressions (array lengths).

use crate::expr::Expr;
use crate::generics::Generics;
use crate::path::Path;

pub enum Type {
    Path(Path),
    Array(Box<Type>, Box<Expr>),
    Fn(Generics, Vec<Type>),
}

pub fn is_sized(t: &Type) -> bool {
    match t {
        Type::Path(p) => crate::path::is_single(p),
        Type::Array(inner, len) => is_sized(inner) && crate::expr::is_place(len),
        Type::Fn(g, _) => crate::generics::is_empty(g),
    }
}
