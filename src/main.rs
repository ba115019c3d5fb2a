//! The `archsplit` binary: arguments in, exit code out.

fn main() -> std::process::ExitCode {
    archsplit::main_with_args(std::env::args_os().collect())
}
