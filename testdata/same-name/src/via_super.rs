use super::*;

// `foo()` is the function re-exported from `foo::foo`, not the module: a call into `foo`.
pub fn g() -> u32 {
    foo()
}

// `widget` in a type is the struct (`shape`); in a call, the function (`act`).
pub fn h(w: &widget) -> u32 {
    w.size + widget()
}

// A struct literal's path names the type, though it stands in an expression.
pub fn make() -> u32 {
    let w = widget { size: widget() };
    w.size
}
