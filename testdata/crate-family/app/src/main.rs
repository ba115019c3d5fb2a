//! app: a program on the engine.

fn main() {
    let c = engine_core::Config::new("localhost:1");
    engine_core::check(&c).unwrap();
    let n = engine::serve(&c).unwrap();
    println!("{n}");
}
