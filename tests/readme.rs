//! The README tells the truth: its rule table is the one the code generates.

#[test]
fn readme_rule_table_is_current() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let table = mpaudit::cli::rules_markdown();
    assert!(
        readme.contains(&table),
        "README.md's rule table is out of date; replace it with the output of `cargo run -- rules --format markdown`:\n{table}"
    );
}

#[test]
fn readme_documents_every_rule_and_exit_code() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    for rule in mpaudit::ALL_RULES.iter() {
        assert!(
            readme.contains(&format!("`{}`", rule.code)),
            "README lacks {}",
            rule.code
        );
    }
    for needle in ["mpaudit/v1", "cargo test --locked", "Exit codes"] {
        assert!(readme.contains(needle), "README lacks {needle}");
    }
}

#[test]
fn readme_documents_every_output_format() {
    use clap::ValueEnum;
    let readme = std::fs::read_to_string("README.md").unwrap();
    for format in mpaudit::Format::value_variants() {
        let name = format.to_possible_value().unwrap().get_name().to_owned();
        assert!(
            readme.contains(&format!("### `--format {name}`")),
            "README has no section for --format {name}"
        );
    }
}
