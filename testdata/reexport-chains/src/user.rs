use crate::a::B;

// A call through two renaming re-exports (to `e`, where `f` is defined), the module reached by
// the same name (`c::d`), a type through two re-exports, a constant through a glob.
pub fn run(x: &B, _inner: crate::a::b::Inner) -> u32 {
    crate::a::b() + x.n + crate::a::LIMIT
}
