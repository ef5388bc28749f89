//! The `parcours` binary: a shim over `parcours-cli`, so that `cargo run` works from the
//! repository root.

/// mimalloc instead of the system allocator: planning allocates many small, short-lived
/// objects, and batch runs do it on every thread at once (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    parcours_cli::main()
}
