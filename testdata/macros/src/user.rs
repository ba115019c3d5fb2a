use crate::generated::Gen;

pub fn use_them() -> u32 {
    // A path inside macro input, a local macro, and an expression macro's arguments.
    println!("{}", crate::feature_a::a());
    let _g: Gen = Gen;
    assert!(matches!(Some(crate::Gen), Some(_)));
    call_a!()
}
