// A proc macro runs inside the compiler; archsplit only reads it.
#[proc_macro_derive(Evil)]
pub fn evil(_: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let dir = std::env::var("ARCHSPLIT_PWNED_DIR").unwrap_or_else(|_| "/tmp".into());
    let _ = std::fs::write(format!("{dir}/pwned-proc-macro"), "proc macro ran");
    proc_macro::TokenStream::new()
}
