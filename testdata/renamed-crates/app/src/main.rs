// The bin target of a package with a library of the same name.
fn main() {
    println!("{}", app::run::run());
}
