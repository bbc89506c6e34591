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
    assert_eq!(inputs, ["path", "format", "args"]);
    let runs = block(&action, "runs").join("\n");
    assert!(runs.contains("using: composite"), "{runs}");
    assert!(runs.contains("uses: actions/cache@v4"));
    assert!(runs.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""));
    // Inputs reach the shell through env, never spliced into the script.
    for input in ["path", "format", "args"] {
        let spliced = runs
            .lines()
            .filter(|l| l.contains(&format!("${{{{ inputs.{input} }}}}")))
            .all(|l| l.trim_start().starts_with("MPAUDIT_"));
        assert!(spliced, "inputs.{input} is used outside an env entry");
    }
    assert!(runs.contains("check \"$MPAUDIT_PATH\""));
    // The README's workflows use exactly these inputs.
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(readme.contains("uses: mpaudit/mpaudit@v0"));
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
