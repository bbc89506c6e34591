//! The `rust-version` in Cargo.toml is not lower than what the dependencies
//! declare.
//!
//! Why this check and not a build with the oldest toolchain: CI (and the
//! machine this was written on) has one stable toolchain, and no second one
//! can be installed, so the MSRV cannot be tested by compiling with it.
//! What can be tested without one: every package in Cargo.lock publishes the
//! `rust-version` it needs, and `cargo metadata` reports it; ours must be at
//! least the highest of them. Clippy's `incompatible_msrv` lint (on in
//! `.ci/run`) checks our own use of std APIs against the same value.
//!
//! `cargo metadata --locked --offline --filter-platform <host>`: offline, so
//! the test needs no network; filtered to the host, because without the
//! filter cargo also wants the sources of dependencies for other targets
//! (Windows, WASI, ...), which a machine that has just built the crate has
//! not downloaded.
//!
//! What it does not catch: language features or std items newer than our
//! `rust-version` that clippy does not check (syntax, trait impls, const
//! stability); dependencies that declare no `rust-version` or too low a
//! one; dependencies of other targets only (filtered out here); cargo
//! features the manifest or the lockfile format need. Only a build with
//! that toolchain catches those.

use std::process::Command;

/// `1.88` or `1.88.0` as (major, minor, patch).
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|part| {
        part.parse::<u64>()
            .unwrap_or_else(|_| panic!("rust-version {text:?} is not a version"))
    });
    let major = parts.next().unwrap_or(0);
    let minor = parts.next().unwrap_or(0);
    let patch = parts.next().unwrap_or(0);
    (major, minor, patch)
}

fn cargo() -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let mut command = Command::new(cargo);
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// The host target, from `cargo -vV`.
fn host() -> String {
    let output = cargo().arg("-vV").output().expect("cargo -vV runs");
    assert!(output.status.success(), "cargo -vV failed");
    String::from_utf8(output.stdout)
        .expect("cargo -vV prints UTF-8")
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .expect("cargo -vV names the host")
        .to_string()
}

#[test]
fn rust_version_is_at_least_every_dependencys() {
    let output = cargo()
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", &host()])
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let packages = metadata["packages"].as_array().expect("packages");

    let ours = packages
        .iter()
        .find(|package| package["name"] == env!("CARGO_PKG_NAME"))
        .expect("cargo metadata lists mpaudit");
    let ours = ours["rust_version"]
        .as_str()
        .expect("Cargo.toml declares no rust-version; set it to the highest a dependency declares");

    let mut too_new: Vec<String> = packages
        .iter()
        .filter(|package| package["name"] != env!("CARGO_PKG_NAME"))
        .filter_map(|package| {
            let needs = package["rust_version"].as_str()?;
            (version(needs) > version(ours)).then(|| {
                format!(
                    "{} {} needs Rust {needs}",
                    package["name"].as_str().unwrap_or("?"),
                    package["version"].as_str().unwrap_or("?")
                )
            })
        })
        .collect();
    too_new.sort();
    assert!(
        too_new.is_empty(),
        "Cargo.toml's rust-version is {ours}, lower than what these dependencies declare \
         (raise it, and the version README's quick start gives):\n{}",
        too_new.join("\n")
    );
}
