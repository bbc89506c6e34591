//! The `mpaudit` binary: parses arguments and maps the result to an exit code.

fn main() {
    // A panic while auditing one file is already an `internal-error` finding
    // (see `mpaudit::audit`); one anywhere else still ends in exit code 2,
    // never Rust's 101.
    let code = std::panic::catch_unwind(|| {
        mpaudit::cli::run_with(
            std::env::args_os(),
            &mpaudit::cli::Environment::from_process(),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )
    })
    .unwrap_or_else(|_| {
        eprintln!(
            "error: mpaudit crashed (a bug in mpaudit); please report it at https://github.com/mpaudit/mpaudit/issues"
        );
        mpaudit::cli::EXIT_ERROR
    });
    std::process::exit(code);
}
