//! The benchmark's generated project (`examples/gen_project.rs`, used by
//! `benches/run.sh`) is audited as generated: every privacy use it plants is
//! found, in every file it writes, and nothing else is.

#[allow(dead_code)]
#[path = "../examples/gen_project.rs"]
mod gen_project;

use crate::util::run;

#[test]
fn the_audit_finds_every_use_the_generator_plants() {
    let dir = std::env::temp_dir().join(format!("mpaudit-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let expected = gen_project::generate(&dir, 0.01, 7);
    assert!(expected["inventory"].as_u64().unwrap() > 20, "{expected}");
    let (code, out, err) = run(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(code, 1, "undeclared privacy types are errors: {err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let summary = gen_project::verify(&expected, &report);
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    std::fs::remove_dir_all(&dir).unwrap();
    summary.unwrap();
    assert!(
        // privacy.json sits in the mini program root: audit-files-in-package.
        rules
            .iter()
            .all(|r| *r == "undeclared-privacy-type" || *r == "audit-files-in-package"),
        "the generated code parses and is otherwise clean: {rules:?}"
    );
}

#[test]
fn the_same_seed_gives_the_same_project() {
    let base = std::env::temp_dir().join(format!("mpaudit-bench-seed-{}", std::process::id()));
    let (a, b) = (base.join("a"), base.join("b"));
    let facts_a = gen_project::generate(&a, 0.005, 3);
    let facts_b = gen_project::generate(&b, 0.005, 3);
    assert_eq!(facts_a, facts_b);
    let app = |dir: &std::path::Path| std::fs::read(dir.join("miniprogram/app.json")).unwrap();
    let page =
        |dir: &std::path::Path| std::fs::read(dir.join("miniprogram/pages/p1/index.wxml")).unwrap();
    assert_eq!(app(&a), app(&b));
    assert_eq!(page(&a), page(&b));
    std::fs::remove_dir_all(&base).unwrap();
}
