use crate::*;

// The same through `crate::*`; `foo::helper` is a path through the module.
pub fn k() -> u32 {
    foo() + foo::helper()
}
