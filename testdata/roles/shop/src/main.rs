use std::process::Command;

fn main() {
    let o = core::Order { id: 1 };
    println!("{}", core::label(&o));
    let _ = Command::new("shop-plugin-audit").status();
    shop_plugin_protocol::hello();
}
