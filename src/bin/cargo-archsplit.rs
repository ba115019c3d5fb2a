//! `cargo archsplit ...`: cargo runs this as `cargo-archsplit archsplit ...`.

fn main() -> std::process::ExitCode {
    archsplit::main_with_args(std::env::args_os().collect())
}
