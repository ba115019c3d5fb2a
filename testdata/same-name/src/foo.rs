pub fn foo() -> u32 {
    helper()
}

pub fn helper() -> u32 {
    1
}
