//! Generics: parameters with bounds (paths) and defaults (types, expressions).

use crate::expr::Expr;
use crate::path::Path;
use crate::ty::Type;

pub struct Generics {
    pub params: Vec<Param>,
}

pub struct Param {
    pub bounds: Vec<Path>,
    pub default: Option<Type>,
    pub value: Option<Expr>,
}

pub fn is_empty(g: &Generics) -> bool {
    g.params
        .iter()
        .all(|p| p.bounds.iter().all(crate::path::is_single))
}
