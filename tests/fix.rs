//! `mpaudit check --fix` and `--fix-dry-run` on copies of the fixtures: the
//! diff of each fix, the second run clean, fixing twice changes nothing, and
//! no file is touched when nothing is certain.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::run;

/// A copy of `fixtures/<name>` in a temp folder, removed on drop.
struct Copy(PathBuf);

impl Copy {
    fn of(name: &str) -> Copy {
        // Tests run in parallel, some on the same fixture: one folder each.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("mpaudit-fix-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&Path::new("fixtures").join(name), &dir);
        Copy(dir)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }

    /// Every file's bytes, by path.
    fn files(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut out = BTreeMap::new();
        for entry in walkdir::WalkDir::new(&self.0).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                out.insert(
                    entry.path().strip_prefix(&self.0).unwrap().to_path_buf(),
                    std::fs::read(entry.path()).unwrap(),
                );
            }
        }
        out
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The rules `--fix` resolves, as the JSON report names them.
fn fixable_findings(json: &str) -> Vec<String> {
    let report: serde_json::Value = serde_json::from_str(json).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .filter(|r| mpaudit::internals::fix::FIXABLE.contains(r))
        .map(str::to_owned)
        .collect()
}

/// Dry run (the diff, nothing written), fix, then a second run that finds
/// nothing to fix and leaves every file as the first fix wrote it.
fn fix_fixture(name: &str) -> String {
    let copy = Copy::of(name);
    let pristine = copy.files();
    let (code, diff, dry_err) = run(&["check", copy.path(), "--fix-dry-run"]);
    assert_eq!(code, 1, "{name}: {dry_err}");
    assert_eq!(copy.files(), pristine, "{name}: --fix-dry-run wrote");
    let (_, _, fix_err) = run(&["check", copy.path(), "--fix", "--format", "json"]);
    let fixed = copy.files();
    let changed: Vec<_> = fixed
        .iter()
        .filter(|(path, bytes)| pristine.get(*path) != Some(*bytes))
        .map(|(path, _)| path.clone())
        .collect();
    assert_eq!(changed.len(), 1, "{name}: one config file changes");
    // The second run: nothing to fix, no fixable finding left, no write.
    let (code, out, err) = run(&["check", copy.path(), "--fix-dry-run"]);
    assert_eq!((code, out.as_str()), (0, ""), "{name}: {err}");
    let (_, json, _) = run(&["check", copy.path(), "--fix", "--format", "json"]);
    assert_eq!(fixable_findings(&json), Vec::<String>::new(), "{name}");
    assert_eq!(
        copy.files(),
        fixed,
        "{name}: fixing twice changed something"
    );
    let root = copy.path().to_owned();
    format!(
        "{}\n--- stderr of --fix\n{}",
        diff,
        fix_err.replace(&root, "<root>")
    )
}

#[test]
fn fix_adds_background_location_mode() {
    insta::assert_snapshot!(fix_fixture("background-location-without-mode"));
}

#[test]
fn fix_adds_missing_required_private_infos() {
    insta::assert_snapshot!(fix_fixture("required-private-infos-missing"));
}

#[test]
fn fix_removes_unused_required_private_infos() {
    insta::assert_snapshot!(fix_fixture("required-private-infos-unused"));
}

#[test]
fn fix_edits_the_taro_app_config_literal() {
    insta::assert_snapshot!(fix_fixture("taro-source-app-config"));
}

#[test]
fn fix_edits_uni_app_manifest_mp_weixin_keeping_comments() {
    insta::assert_snapshot!(fix_fixture("uni-app-source-manifest-and-pages"));
}

/// Projects with no certain fix: unread code (no removal of "unused"
/// values), a spread in the Taro config, a fuzzy/precise conflict, clean.
#[test]
fn fix_never_touches_a_project_without_a_certain_fix() {
    for name in [
        "clean-project",
        "no-unused-finding-from-ignored-code",
        "no-unused-finding-from-a-page-that-does-not-parse",
        "no-missing-finding-from-a-spread-in-taro-config",
        "required-private-infos-invalid-and-conflicting",
        "broken-app-json",
    ] {
        let copy = Copy::of(name);
        let pristine = copy.files();
        let (_, diff, _) = run(&["check", copy.path(), "--diff"]);
        assert_eq!(diff, "", "{name}");
        run(&["check", copy.path(), "--fix"]);
        assert_eq!(copy.files(), pristine, "{name}: --fix changed a file");
    }
}

/// The byte order mark and CRLF line endings stay.
#[test]
fn fix_keeps_bom_and_crlf() {
    let copy = Copy::of("bom-and-crlf");
    let (code, _, err) = run(&["check", copy.path(), "--fix"]);
    assert_ne!(code, 2, "{err}");
    assert!(err.contains("fixed: app.json"), "{err}");
    let text = std::fs::read_to_string(copy.0.join("app.json")).unwrap();
    assert!(text.starts_with('\u{feff}'), "BOM lost");
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "{text:?}"
    );
    assert!(
        text.contains("\"requiredPrivateInfos\": [\r\n    \"getLocation\"\r\n  ]"),
        "{text:?}"
    );
}

/// A compiled app.json in build output is never edited: the next build
/// writes it anew.
#[test]
fn fix_leaves_build_output_alone() {
    let project = crate::util::TempProject::new(
        "fix-dist",
        &[
            ("project.config.json", "{\"miniprogramRoot\": \"dist/\"}"),
            ("dist/app.json", "{\"pages\": [\"pages/index/index\"]}"),
            ("dist/pages/index/index.js", "wx.getLocation({})\n"),
        ],
    );
    let before = std::fs::read(project.0.join("dist/app.json")).unwrap();
    let (_, out, err) = run(&["check", project.path(), "--diff"]);
    assert_eq!(out, "");
    assert!(err.contains("build output"), "{err}");
    run(&["check", project.path(), "--fix"]);
    assert_eq!(
        std::fs::read(project.0.join("dist/app.json")).unwrap(),
        before
    );
}

#[test]
fn explain_says_how_a_rule_is_fixed() {
    let (_, out, _) = run(&["explain", "missing-background-location-mode"]);
    assert!(
        out.contains("Fix: `mpaudit check --fix` adds `location`"),
        "{out}"
    );
    let (_, out, _) = run(&["explain", "deprecated-api"]);
    assert!(out.contains("Fix: by hand"), "{out}");
}

/// `--unsafe-fixes`: TODO entries in privacy.json, which weak-privacy-text
/// then reports; the second run has nothing left to fix.
#[test]
fn unsafe_fixes_add_todo_entries_that_stay_reported() {
    let copy = Copy::of("undeclared-location");
    let (code, diff, _) = run(&["check", copy.path(), "--diff", "--unsafe-fixes"]);
    assert_eq!(code, 1);
    let (_, plain, _) = run(&["check", copy.path(), "--diff"]);
    assert_eq!(plain, "", "the TODO entries are not a safe fix");
    run(&["check", copy.path(), "--fix", "--unsafe-fixes"]);
    let (_, json, _) = run(&["check", copy.path(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(!rules.contains(&"undeclared-privacy-type"), "{rules:?}");
    assert!(rules.contains(&"weak-privacy-text"), "{rules:?}");
    // missing-permission-desc still reports its placeholder desc (exit 1).
    let (_, again, _) = run(&["check", copy.path(), "--diff", "--unsafe-fixes"]);
    assert_eq!(again, "");
    insta::assert_snapshot!(diff);
}

#[test]
fn unsafe_fixes_need_fix() {
    let copy = Copy::of("undeclared-location");
    let (code, _, err) = run(&["check", copy.path(), "--unsafe-fixes"]);
    assert_eq!(code, 2, "{err}");
}

/// `--unsafe-fixes` on `missing-permission-desc`: a placeholder desc, which
/// the rule keeps reporting as a placeholder; fixing twice changes nothing.
#[test]
fn unsafe_fixes_add_a_permission_desc_placeholder_that_stays_reported() {
    let copy = Copy::of("missing-permission-desc");
    let (_, plain, _) = run(&["check", copy.path(), "--diff"]);
    assert!(!plain.contains("permission"), "not a safe fix: {plain}");
    let (code, diff, _) = run(&["check", copy.path(), "--diff", "--unsafe-fixes"]);
    assert_eq!(code, 1);
    assert!(diff.contains("TODO(mpaudit)"), "{diff}");
    run(&["check", copy.path(), "--fix", "--unsafe-fixes"]);
    let fixed = copy.files();
    let (_, json, _) = run(&["check", copy.path(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "missing-permission-desc")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("placeholder"), "{messages:?}");
    let (_, again, _) = run(&["check", copy.path(), "--diff", "--unsafe-fixes"]);
    assert!(!again.contains("permission"), "{again}");
    run(&["check", copy.path(), "--fix", "--unsafe-fixes"]);
    assert_eq!(copy.files(), fixed, "fixing twice changed something");
    insta::assert_snapshot!(diff);
}

/// `audit-files-in-package`: `--fix` lists mpaudit.json and privacy.json in
/// `packOptions.ignore`; the second run is clean and fixing twice changes
/// nothing.
#[test]
fn fix_leaves_audit_files_out_of_the_upload() {
    let copy = Copy::of("audit-files-in-package");
    let (code, diff, _) = run(&["check", copy.path(), "--fix-dry-run"]);
    assert_eq!(code, 1);
    run(&["check", copy.path(), "--fix"]);
    let fixed = copy.files();
    let (_, json, _) = run(&["check", copy.path(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(!rules.contains(&"audit-files-in-package"), "{rules:?}");
    let (_, again, _) = run(&["check", copy.path(), "--diff"]);
    assert_eq!(again, "");
    run(&["check", copy.path(), "--fix"]);
    assert_eq!(copy.files(), fixed, "fixing twice changed something");
    insta::assert_snapshot!(diff);
}

/// Files outside the mini program root (a `miniprogramRoot` subfolder) are
/// not uploaded: no finding, no fix.
#[test]
fn audit_files_outside_the_mini_program_root_are_left_alone() {
    let copy = Copy::of("miniprogram-root-and-subpackages");
    let (_, json, _) = run(&["check", copy.path(), "--format", "json"]);
    assert!(
        !json.contains("\"rule\": \"audit-files-in-package\""),
        "{json}"
    );
    let (_, diff, _) = run(&["check", copy.path(), "--diff"]);
    assert!(!diff.contains("project.config.json"), "{diff}");
}
