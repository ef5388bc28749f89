//! The `parcours` binary: a shim over `parcours-cli`, so that `cargo run` works from the
//! repository root.

fn main() -> std::process::ExitCode {
    parcours_cli::main()
}
