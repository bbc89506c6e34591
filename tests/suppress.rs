//! Inline suppressions and baselines, through the CLI in process.

use std::path::{Path, PathBuf};

use crate::util::{self, run};

/// A temp copy of a fixture (or an empty folder), removed on drop.
struct Copy(PathBuf);

impl Copy {
    fn of(fixture: &str, name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("mpaudit-suppress-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&Path::new("fixtures").join(fixture), &dir);
        Copy(dir)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }

    fn join(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.join(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
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
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `check <args> --format json`: exit code and the parsed report.
fn check_json(args: &[&str]) -> (i32, serde_json::Value) {
    let mut argv = vec!["check"];
    argv.extend_from_slice(args);
    argv.extend(["--format", "json"]);
    let (code, out, err) = run(&argv);
    let report = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, report)
}

/// `(rule, file, line)` of every finding of a JSON report.
fn findings(report: &serde_json::Value) -> Vec<(String, String, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["file"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn suppressed_findings_are_counted_in_the_audit_and_both_reports() {
    for (fixture, expected) in [
        ("inline-suppressions", 7),
        ("inline-suppressions-in-vue", 2),
    ] {
        let audit = util::audit_fixture(fixture, 2);
        assert_eq!(audit.suppressed, expected, "{fixture}");
        let report: serde_json::Value = serde_json::from_str(&util::json(&audit)).unwrap();
        assert_eq!(report["summary"]["suppressed"], expected, "{fixture}");
        assert!(report.get("baseline").is_none(), "no baseline, no field");
        let human = util::human(&audit);
        let last = human.lines().last().unwrap();
        assert!(
            last.ends_with(&format!(" · {expected} suppressed inline")),
            "{last}"
        );
    }
    let clean = util::human(&util::audit_fixture("clean-project", 1));
    assert!(!clean.contains("suppressed"), "{clean}");
}

#[test]
fn suppressions_in_npm_code_follow_third_party() {
    let project = Copy::of("inline-suppressions", "npm");
    project.write(
        "miniprogram_npm/sdk/index.js",
        "// mpaudit-ignore-next-line deprecated-api: stale\nmodule.exports = wx.getLocation\n",
    );
    let npm = |report: &serde_json::Value| -> Vec<(String, String, u64)> {
        findings(report)
            .into_iter()
            .filter(|f| f.1.starts_with("miniprogram_npm/"))
            .collect()
    };
    let (_, report) = check_json(&[project.path()]);
    let found = npm(&report);
    assert!(
        found.contains(&(
            "unused-suppression".into(),
            "miniprogram_npm/sdk/index.js".into(),
            1
        )),
        "{found:?}"
    );
    let unused = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "unused-suppression" && f["file"] == "miniprogram_npm/sdk/index.js")
        .unwrap();
    assert!(
        unused["message"]
            .as_str()
            .unwrap()
            .ends_with("(in npm package `sdk`)"),
        "{unused}"
    );
    let (_, report) = check_json(&[project.path(), "--third-party", "off"]);
    assert_eq!(npm(&report), []);
}

#[test]
fn a_baseline_hides_known_findings_and_reports_new_and_stale_ones() {
    let project = Copy::of("undeclared-location", "baseline");
    let baseline = project.join("mpaudit-baseline.json");
    let baseline = baseline.to_str().unwrap();

    // Write: exit 0 whatever the findings, nothing but a confirmation.
    let (code, before) = check_json(&[project.path()]);
    assert_eq!(code, 1);
    assert_eq!(findings(&before).len(), 4);
    let (code, out, err) = run(&["check", project.path(), "--write-baseline", baseline]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        out.starts_with("wrote 4 findings (4 entries) to baseline "),
        "{out}"
    );
    let written = project.read("mpaudit-baseline.json");
    let document: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(document["version"], 1);
    let entries = document["findings"].as_array().unwrap();
    assert_eq!(entries.len(), 4);
    assert!(entries.iter().all(|e| e.get("line").is_none()));
    assert_eq!(
        entries[3],
        serde_json::json!({"rule": "undeclared-privacy-type", "file": "pages/run/run.js",
            "api": "wx.startLocationUpdate", "privacy_key": "Location", "count": 1})
    );
    assert!(written.ends_with("}\n"));
    let leftovers: Vec<_> = std::fs::read_dir(&project.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("tmp"))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new(), "the temp file is renamed");
    // Stable: the same findings write the same bytes.
    run(&["check", project.path(), "--write-baseline", baseline]);
    assert_eq!(project.read("mpaudit-baseline.json"), written);

    // With it: nothing reported, exit 0.
    let (code, report) = check_json(&[project.path(), "--baseline", baseline]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(findings(&report), []);
    assert_eq!(report["baseline"]["hidden"], 4);
    assert_eq!(report["baseline"]["stale"], serde_json::json!([]));
    assert!(report["baseline"]["file"]
        .as_str()
        .unwrap()
        .ends_with("mpaudit-baseline.json"));
    let (code, human, _) = run(&["check", project.path(), "--baseline", baseline]);
    assert_eq!(code, 0);
    assert!(
        human.contains("✔ no problems found") && human.contains(" · 4 hidden by the baseline"),
        "{human}"
    );

    // A new use of an undeclared API: only it is reported.
    let run_js = project.read("pages/run/run.js");
    let with_new = run_js.replace(
        "  stop() {\n",
        "  stop() {\n    wx.startLocationUpdate({})\n",
    );
    assert_ne!(with_new, run_js);
    project.write("pages/run/run.js", &with_new);
    let (code, report) = check_json(&[project.path(), "--baseline", baseline]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&report),
        [(
            "undeclared-privacy-type".to_owned(),
            "pages/run/run.js".to_owned(),
            23
        )]
    );
    assert_eq!(report["baseline"]["hidden"], 4);

    // Lines moved (methods reordered, lines added above): still hidden.
    let index = project.read("pages/index/index.js");
    let moved = format!(
        "// moved\n\n\n{}",
        index.replace("  onShow() {", "  changeNothing() {},\n\n  onShow() {")
    );
    project.write("pages/index/index.js", &moved);
    project.write(
        "pages/run/run.js",
        &run_js.replace("let points = []\n", "let points = []\n\n\n\n"),
    );
    let (code, report) = check_json(&[project.path(), "--baseline", baseline]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(findings(&report), []);

    // A use removed: its entry is stale, in JSON and in the human note.
    project.write(
        "pages/run/run.js",
        &run_js.replace("        wx.onLocationChange(this.handleLocation)\n", ""),
    );
    let (code, report) = check_json(&[project.path(), "--baseline", baseline]);
    assert_eq!(code, 0);
    assert_eq!(report["baseline"]["hidden"], 3);
    assert_eq!(
        report["baseline"]["stale"],
        serde_json::json!([{"rule": "undeclared-privacy-type", "file": "pages/run/run.js",
            "api": "wx.onLocationChange", "privacy_key": "Location", "count": 1}])
    );
    let (_, human, _) = run(&["check", project.path(), "--baseline", baseline]);
    assert!(
        human.contains("1 entry no longer matches;")
            && human.contains(
                "  pages/run/run.js undeclared-privacy-type wx.onLocationChange Location (1 not found)"
            ),
        "{human}"
    );
}

#[test]
fn a_count_covers_that_many_findings_of_its_key() {
    let project = Copy::of("undeclared-location", "count");
    let baseline = project.join("b.json");
    let baseline = baseline.to_str().unwrap();
    let page = "pages/index/index.js";
    let one = project.read(page);
    let three = one.replace(
        "  changeAvatar() {\n",
        "  a() { wx.getLocation({}) },\n  b() { wx.getLocation({}) },\n  changeAvatar() {\n",
    );
    project.write(page, &three);
    run(&["check", project.path(), "--write-baseline", baseline]);
    let written: serde_json::Value = serde_json::from_str(&project.read("b.json")).unwrap();
    let counts: Vec<u64> = written["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["file"] == page && e["rule"] == "undeclared-privacy-type")
        .map(|e| e["count"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [3]);
    let four = three.replace("  a() {", "  z() { wx.getLocation({}) },\n  a() {");
    project.write(page, &four);
    let (code, report) = check_json(&[project.path(), "--baseline", baseline]);
    assert_eq!(code, 1);
    let found = findings(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "undeclared-privacy-type");
}

#[test]
fn a_missing_or_malformed_baseline_stops_the_run() {
    let project = Copy::of("clean-project", "bad-baseline");
    let missing = project.join("nope.json");
    let (code, out, err) = run(&[
        "check",
        project.path(),
        "--baseline",
        missing.to_str().unwrap(),
    ]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("cannot read baseline") && err.contains("nope.json"),
        "{err}"
    );

    project.write(
        "bad.json",
        "{\n  \"version\": 1,\n  \"findings\": [\n    {\"rule\": 1}\n  ]\n}\n",
    );
    let bad = project.join("bad.json");
    let (code, _, err) = run(&["check", project.path(), "--baseline", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("bad.json") && err.contains("line 4 column"),
        "{err}"
    );
    project.write("bad.json", "{\"version\": 1, \"findings\": [}");
    let (code, _, err) = run(&["check", project.path(), "--baseline", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("line 1 column 29"), "{err}");

    let (code, _, err) = run(&[
        "check",
        project.path(),
        "--baseline",
        bad.to_str().unwrap(),
        "--write-baseline",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");

    let unwritable = project.join("no-such-dir/b.json");
    let (code, _, err) = run(&[
        "check",
        project.path(),
        "--write-baseline",
        unwritable.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot write baseline"), "{err}");
}
