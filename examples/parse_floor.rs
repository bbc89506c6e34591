//! The benchmark's parse-only floor: what any auditor that really parses
//! must spend on a project, built from mpaudit's own code path.
//!
//! ```text
//! cargo run --release --example parse_floor -- PROJECT [--threads N]
//! ```
//!
//! It discovers the project as `mpaudit check` does (project.config.json,
//! app.json, the same walk), reads and decodes every file on the same worker
//! pool, and parses every JS/TS/WXS file with swc through
//! [`mpaudit::internals::parse::parse`] (same syntax options, comments collected), then
//! drops the result. Nothing else: no WXML or JSON reading beyond the bytes,
//! no visitors, no linking, no checks, no report. `benches/run.sh` compares
//! `mpaudit check` with it.

use std::path::PathBuf;
use std::process::ExitCode;

use mpaudit::internals::config::Ignore;
use mpaudit::internals::project;
use mpaudit::internals::source::FileKind;
use mpaudit::internals::{parse, source};
use rayon::prelude::*;

fn main() -> ExitCode {
    let mut root = None;
    let mut threads = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" => threads = args.next().and_then(|n| n.parse().ok()),
            _ => root = Some(PathBuf::from(arg)),
        }
    }
    let Some(root) = root else {
        eprintln!("usage: parse_floor PROJECT [--threads N]");
        return ExitCode::from(2);
    };
    let project = match project::discover(
        &root,
        &Ignore::default(),
        &mpaudit::internals::ruleset::Ruleset::builtin(),
        mpaudit::Lang::En,
    ) {
        Ok(project) => project,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(2);
        }
    };
    let pool = match mpaudit::internals::worker_pool(threads) {
        Ok(pool) => pool,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(2);
        }
    };
    // (files read, bytes, scripts parsed, syntax errors)
    let (files, bytes, scripts, errors) = pool.install(|| {
        project
            .files
            .par_iter()
            .map(|file| {
                let Ok(bytes) = std::fs::read(&file.path) else {
                    return (0, 0, 0, 0);
                };
                let len = bytes.len();
                let (text, _) = source::decode(&bytes);
                drop(bytes);
                match file.kind {
                    FileKind::Js | FileKind::Ts | FileKind::Wxs | FileKind::Jsx | FileKind::Tsx => {
                        let parsed = parse::parse(&file.rel, text, file.kind);
                        (1, len, 1, parsed.errors.len())
                    }
                    _ => (1, len, 0, 0),
                }
            })
            .reduce(
                || (0, 0, 0, 0),
                |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2, a.3 + b.3),
            )
    });
    println!(
        "read {files} files ({:.1} MB), parsed {scripts} scripts, {errors} syntax errors",
        bytes as f64 / 1e6
    );
    ExitCode::SUCCESS
}
