//! Entry points for the fuzz targets (`fuzz/`) and for the test that replays
//! their seed corpus (`tests/fuzz_corpus.rs`).
//!
//! Each one writes the input into a small mini program in a scratch folder
//! and runs the whole [`crate::audit`] on it, so fuzzing goes through exactly
//! the code path `mpaudit check` takes: discovery, the JSON loaders, the
//! per-file inventory, the link stage and the checks. A panic inside a file's
//! analysis is caught by the audit and becomes an `internal-error` finding;
//! these functions turn that back into a panic, so the fuzzer sees it.

use std::path::PathBuf;

use crate::{audit, Options};

/// Where each thread's scratch project lives.
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "mpaudit-fuzz-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pages/a")).expect("scratch folder");
    dir
}

/// Audits the project in `dir` and panics on an `internal-error` finding.
fn run(dir: PathBuf) {
    let options = Options {
        root: dir.clone(),
        threads: Some(1),
        ..Options::default()
    };
    // As in the CLI: a panic the audit catches is reported by the finding
    // below (with where it happened), not by the fuzzer's own hook.
    crate::install_panic_hook();
    let result = audit(&options);
    let _ = std::fs::remove_dir_all(&dir);
    if let Ok(audit) = result {
        if let Some(crash) = audit.findings.iter().find(|f| f.rule == "internal-error") {
            panic!("{}", crash.message);
        }
    }
}

/// A minimal valid project; `files` replace or add files.
fn project(files: &[(&str, &[u8])]) -> PathBuf {
    let dir = scratch();
    let defaults: [(&str, &[u8]); 3] = [
        ("app.json", br#"{"pages": ["pages/a/a"]}"#),
        ("app.js", b"App({})"),
        (
            "privacy.json",
            br#"{"setting_list": [{"privacy_key": "Location", "privacy_text": "find stores"}]}"#,
        ),
    ];
    for (name, bytes) in defaults.iter().chain(files) {
        std::fs::write(dir.join(name), bytes).expect("scratch file");
    }
    dir
}

/// A page script: the first byte picks `.js`, `.ts`, `.jsx`/`.tsx`, `.wxs`
/// or `.vue`; the rest is the file.
pub fn script(data: &[u8]) {
    let Some((&pick, text)) = data.split_first() else {
        return;
    };
    let name = match pick % 6 {
        0 => "pages/a/a.js",
        1 => "pages/a/a.ts",
        2 => "pages/a/a.jsx",
        3 => "pages/a/a.tsx",
        4 => "pages/a/a.wxs",
        _ => "pages/a/a.vue",
    };
    run(project(&[(name, text)]));
}

/// A page template (`pages/a/a.wxml`), next to a page script that binds a tap.
pub fn template(data: &[u8]) {
    run(project(&[
        ("pages/a/a.wxml", data),
        ("pages/a/a.js", b"Page({ tap() { wx.getLocation({}) } })"),
    ]));
}

/// A config file: the first byte picks app.json, project.config.json,
/// privacy.json, mpaudit.json or a page's component .json; the rest is the
/// file.
pub fn config(data: &[u8]) {
    let Some((&pick, text)) = data.split_first() else {
        return;
    };
    let name = match pick % 5 {
        0 => "app.json",
        1 => "project.config.json",
        2 => "privacy.json",
        3 => "mpaudit.json",
        _ => "pages/a/a.json",
    };
    run(project(&[(name, text), ("pages/a/a.js", b"Page({})")]));
}
