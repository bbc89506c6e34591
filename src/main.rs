//! The `mpaudit` binary: parses arguments and maps the result to an exit code.

fn main() {
    let code = mpaudit::cli::run_with(
        std::env::args_os(),
        &mpaudit::cli::Environment::from_process(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::exit(code);
}
