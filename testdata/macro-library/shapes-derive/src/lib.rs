//! shapes-derive: `#[derive(Area)]`; it runs inside the compiler while `shapes`' users build.

extern crate proc_macro;
use proc_macro::TokenStream;

#[proc_macro_derive(Area)]
pub fn area(input: TokenStream) -> TokenStream {
    shapes_codegen::expand::area(input.to_string()).parse().unwrap()
}
