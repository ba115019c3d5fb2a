//! engine-macros: `#[derive(Event)]`; a proc-macro must be a crate of its own.

extern crate proc_macro;
use proc_macro::TokenStream;

#[proc_macro_derive(Event)]
pub fn event(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
