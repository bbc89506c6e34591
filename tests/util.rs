//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// Runs the CLI in process; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut argv = vec!["mpaudit"];
    argv.extend_from_slice(args);
    let code = mpaudit::cli::run(argv, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).expect("stdout is UTF-8"),
        String::from_utf8(err).expect("stderr is UTF-8"),
    )
}

/// Audits `root` and renders the human report deterministically.
pub fn human(audit: &mpaudit::Audit) -> String {
    let mut out = Vec::new();
    let options = mpaudit::internals::report::human::Options {
        color: false,
        width: 100,
        timing: false,
        quiet: false,
    };
    mpaudit::internals::report::human::write(audit, &options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The JSON report of `audit`.
pub fn json(audit: &mpaudit::Audit) -> String {
    let mut out = Vec::new();
    mpaudit::internals::report::json::write(audit, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Audits a fixture by name, as `mpaudit check fixtures/<name>` would.
pub fn audit_fixture(name: &str, threads: usize) -> mpaudit::Audit {
    audit_fixture_in(name, threads, mpaudit::Lang::En)
}

/// [`audit_fixture`] in `lang` (as `--lang`).
pub fn audit_fixture_in(name: &str, threads: usize, lang: mpaudit::Lang) -> mpaudit::Audit {
    let root = Path::new("fixtures").join(name);
    mpaudit::audit(&mpaudit::Options {
        root,
        threads: Some(threads),
        lang: Some(lang),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A throwaway project folder under the system temp dir.
pub struct TempProject(pub PathBuf);

impl TempProject {
    pub fn new(name: &str, files: &[(&str, &str)]) -> Self {
        let dir = std::env::temp_dir().join(format!("mpaudit-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        TempProject(dir)
    }

    pub fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempProject {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
