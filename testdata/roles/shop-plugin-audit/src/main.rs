fn main() {
    shop_plugin_protocol::hello();
}
