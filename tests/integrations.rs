//! The GitHub Action and the pre-commit hook definitions: the contract users
//! copy into their workflows. Their real runs are described in README; these
//! tests keep the files' shape from drifting.

/// The lines of `text` under the top-level key `key:` (indented ones).
fn block<'a>(text: &'a str, key: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| *l != format!("{key}:"))
        .skip(1)
        .take_while(|l| l.is_empty() || l.starts_with(' '))
        .collect()
}

#[test]
fn action_has_the_documented_inputs_and_builds_from_its_checkout() {
    let action = std::fs::read_to_string("action.yml").unwrap();
    let inputs: Vec<&str> = block(&action, "inputs")
        .into_iter()
        .filter_map(|l| l.strip_prefix("  ")?.strip_suffix(':'))
        .filter(|l| !l.starts_with(' '))
        .collect();
    assert_eq!(inputs, ["path", "format", "args", "version"]);
    let runs = block(&action, "runs").join("\n");
    assert!(runs.contains("using: composite"), "{runs}");
    // The released binary first (scripts/test-action-install.sh tests the
    // script); building from source only without a release, and its cache
    // saved right after the build, not by a post step that a failing job skips.
    assert!(runs.contains("\"$GITHUB_ACTION_PATH/scripts/action-install.sh\""));
    assert!(runs.contains("uses: actions/cache/restore@v4"));
    assert!(runs.contains("uses: actions/cache/save@v4"));
    assert!(!runs.contains("uses: actions/cache@"));
    assert!(runs.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""));
    // Inputs reach the shell through env, never spliced into the script.
    for input in ["path", "format", "args", "version"] {
        let spliced = runs
            .lines()
            .filter(|l| l.contains(&format!("${{{{ inputs.{input} }}}}")))
            .all(|l| l.trim_start().starts_with("MPAUDIT_"));
        assert!(spliced, "inputs.{input} is used outside an env entry");
    }
    assert!(runs.contains("check \"$MPAUDIT_PATH\""));
    // The README's workflows use exactly these inputs.
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(readme.contains("uses: mpaudit/mpaudit@<tag>"));
    assert!(readme.contains("format: sarif"));
}

#[test]
fn pre_commit_hook_audits_the_whole_project() {
    let hooks = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    for line in [
        "- id: mpaudit",
        "  entry: mpaudit check",
        "  language: rust",
        "  pass_filenames: false",
        "  always_run: true",
    ] {
        assert!(hooks.lines().any(|l| l == line), "missing `{line}`");
    }
    // The entry is a real command.
    let (code, out, _) = crate::util::run(&["check", "--help"]);
    assert_eq!(code, 0, "{out}");
}

/// A JSON file of the repository.
fn json_file(path: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn npm_packages_are_in_step_with_the_crate_and_the_release_matrix() {
    let version = env!("CARGO_PKG_VERSION");
    let launcher = json_file("npm/mpaudit/package.json");
    assert_eq!(launcher["version"], version);
    assert_eq!(launcher["bin"]["mpaudit"], "bin/mpaudit.js");
    let platforms = json_file("npm/mpaudit/platforms.json");
    let platforms = platforms.as_object().unwrap();
    let optional = launcher["optionalDependencies"].as_object().unwrap();
    let names: Vec<String> = platforms
        .keys()
        .map(|k| format!("@mpaudit/cli-{k}"))
        .collect();
    assert_eq!(optional.keys().cloned().collect::<Vec<_>>(), names);
    for (name, v) in optional {
        assert_eq!(v, version, "{name}");
    }
    // Every platform is built by the release workflow, with its target.
    let release = std::fs::read_to_string(".github/workflows/release.yml").unwrap();
    for (key, platform) in platforms {
        let target = platform["target"].as_str().unwrap();
        let row = format!("- {{ key: {key}, target: {target}, os: ");
        assert!(
            release.contains(&row),
            "release.yml builds no {key} ({target})"
        );
    }
    // The Action installs a musl or macOS/Windows archive the workflow makes.
    let install = std::fs::read_to_string("scripts/action-install.sh").unwrap();
    for target in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(install.contains(&format!("target={target}")), "{target}");
        assert!(release.contains(&format!("target: {target},")), "{target}");
    }
}
