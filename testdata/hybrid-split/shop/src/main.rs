fn main() {
    println!("{}", storefront::storefront_core::storefront_api::storefront_api_0(1));
}
