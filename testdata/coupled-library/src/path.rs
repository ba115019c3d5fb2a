//! Paths: their segments hold generic arguments, which are types and expressions.

use crate::expr::Expr;
use crate::ty::Type;

pub struct Path {
    pub segments: Vec<Segment>,
}

pub struct Segment {
    pub name: String,
    pub types: Vec<Type>,
    pub consts: Vec<Expr>,
}

pub fn is_single(p: &Path) -> bool {
    p.segments.len() == 1 && p.segments[0].types.iter().all(crate::ty::is_sized)
}
