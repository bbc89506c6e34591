//! `--format sarif` and `--format rdjson`: schema validity, structure,
//! positions, fingerprints that survive line moves, and one snapshot each.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{self, run};

/// The official SARIF 2.1.0 schema (OASIS), kept with the tests.
const SARIF_SCHEMA: &str = "tests/data/sarif-schema-2.1.0.json";

fn sarif(audit: &mpaudit::Audit) -> Value {
    let mut out = Vec::new();
    mpaudit::internals::report::sarif::write(audit, &mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

fn rdjson(audit: &mpaudit::Audit) -> Value {
    let mut out = Vec::new();
    mpaudit::internals::report::rdjson::write(audit, &mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

fn audit(root: &Path) -> mpaudit::Audit {
    mpaudit::audit(&mpaudit::Options {
        root: root.to_path_buf(),
        threads: Some(2),
        ..Default::default()
    })
    .unwrap()
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap()
}

/// A copy of a fixture (or a new project) in a temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("mpaudit-sarif-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn copy_of(fixture: &str) -> Self {
        fn copy(from: &Path, to: &Path) {
            std::fs::create_dir_all(to).unwrap();
            for entry in std::fs::read_dir(from).unwrap() {
                let entry = entry.unwrap();
                let target = to.join(entry.file_name());
                if entry.file_type().unwrap().is_dir() {
                    copy(&entry.path(), &target);
                } else {
                    std::fs::copy(entry.path(), target).unwrap();
                }
            }
        }
        let dir = TempDir::new(fixture);
        copy(&Path::new("fixtures").join(fixture), &dir.0);
        dir
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(SARIF_SCHEMA).unwrap_or_else(|e| panic!("{SARIF_SCHEMA}: {e}")),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    // Many rules; parse errors (JS and WXML); a BOM and CRLF; a clean project.
    for fixture in [
        "example-shop",
        "broken-js-next-to-good",
        "wxml-broken-markup-keeps-auditing",
        "bom-and-crlf",
        "clean-project",
    ] {
        let log = sarif(&util::audit_fixture(fixture, 2));
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{fixture}: {errors:#?}");
        let rules: Vec<&str> = results(&log)
            .iter()
            .map(|r| r["ruleId"].as_str().unwrap())
            .collect();
        match fixture {
            "clean-project" => assert!(rules.is_empty(), "{rules:?}"),
            "broken-js-next-to-good" | "wxml-broken-markup-keeps-auditing" => {
                assert!(rules.contains(&"parse-error"), "{fixture}: {rules:?}")
            }
            _ => assert!(!rules.is_empty()),
        }
    }
    // The validator does reject a broken log.
    let mut broken = sarif(&util::audit_fixture("example-shop", 2));
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
    // Formats are checked too (draft 4 knows `uri`, not `uri-reference`).
    let mut relative = sarif(&util::audit_fixture("example-shop", 2));
    relative["runs"][0]["tool"]["driver"]["informationUri"] = Value::from("mpaudit");
    assert!(!validator.is_valid(&relative));
}

#[test]
fn sarif_structure() {
    let audit = util::audit_fixture("example-shop", 2);
    let log = sarif(&audit);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "mpaudit");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        driver["informationUri"],
        "https://github.com/mpaudit/mpaudit"
    );

    // driver.rules is ALL_RULES, in order, each documented.
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let all: Vec<&str> = mpaudit::ALL_RULES.iter().map(|r| r.code).collect();
    assert_eq!(ids, all);
    let readme = std::fs::read_to_string("README.md").unwrap();
    for (descriptor, rule) in rules.iter().zip(mpaudit::ALL_RULES.iter()) {
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary);
        let full = descriptor["fullDescription"]["text"].as_str().unwrap();
        assert!(
            !full.is_empty() && !full.contains('#') && !full.contains('`'),
            "{full}"
        );
        assert_eq!(
            descriptor["help"]["markdown"].as_str().unwrap(),
            rule.markdown().trim_end()
        );
        assert!(descriptor["help"]["text"]
            .as_str()
            .unwrap()
            .contains("## How to fix"));
        assert_eq!(
            descriptor["defaultConfiguration"]["level"],
            rule.severity.as_str()
        );
        // helpUri is `<repository>#<id>`, an anchor in README's rule table.
        let uri = descriptor["helpUri"].as_str().unwrap();
        assert_eq!(
            uri,
            format!("https://github.com/mpaudit/mpaudit#{}", rule.code)
        );
        assert!(
            readme.contains(&format!("<a id=\"{}\"></a>", rule.code)),
            "README has no anchor for {}",
            rule.code
        );
    }

    // One result per finding, in order, pointing at its rule.
    let base_ids = run["originalUriBaseIds"].as_object().unwrap();
    let root = base_ids["%SRCROOT%"]["uri"].as_str().unwrap();
    // The fixture is audited as `fixtures/example-shop`, a folder below the
    // working directory: %SRCROOT% is the working directory (the repository
    // root in CI) and the URIs carry the folder.
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(root, format!("file://{}/", cwd.display()));
    let results = results(&log);
    assert_eq!(results.len(), audit.findings.len());
    for (result, finding) in results.iter().zip(&audit.findings) {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(result["ruleId"], finding.rule);
        assert_eq!(result["level"], finding.severity.as_str());
        assert!(result["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with(&finding.message));
        let physical = &result["locations"][0]["physicalLocation"];
        let artifact = &physical["artifactLocation"];
        let uri = artifact["uri"].as_str().unwrap();
        assert_eq!(
            uri,
            format!("fixtures/example-shop/{}", finding.location.file)
        );
        assert!(
            !uri.starts_with("./") && !uri.starts_with('/') && !uri.contains('\\'),
            "{uri}"
        );
        assert!(
            uri.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b)),
            "{uri}"
        );
        assert!(base_ids.contains_key(artifact["uriBaseId"].as_str().unwrap()));
        let region = &physical["region"];
        assert_eq!(region["startLine"], finding.location.line);
        assert_eq!(region["startColumn"], finding.location.column);
        let fingerprint = result["partialFingerprints"]["mpaudit/v1"]
            .as_str()
            .unwrap();
        assert_eq!(
            fingerprint,
            mpaudit::internals::report::sarif::fingerprint(finding)
        );
    }
    // Uses in Page methods name their function.
    assert!(results
        .iter()
        .any(|r| r["properties"]["function"].is_string()));
}

#[test]
fn sarif_and_rdjson_columns_and_ends() {
    // Code points before the API on its line: SARIF counts code points,
    // rdjson UTF-8 bytes (the BOM included on line 1).
    let project = TempDir::new("columns");
    project.write("app.json", r#"{"pages": ["pages/a/a"]}"#);
    project.write(
        "privacy.json",
        r#"{"setting_list": [{"privacy_key": "Album", "privacy_text": "x"}]}"#,
    );
    let line = "Page({ onLoad() { const 地址 = wx.chooseAddress({}) } });";
    project.write("pages/a/a.js", &format!("\u{feff}{line}\n"));
    let audit = audit(&project.0);
    let finding = audit
        .findings
        .iter()
        .find(|f| f.rule == "undeclared-privacy-type")
        .expect("chooseAddress is undeclared");
    assert_eq!(finding.function.as_deref(), Some("onLoad"));
    let before = &line[..line.find("chooseAddress").unwrap()];
    let (chars, bytes) = (before.chars().count(), before.len());
    assert_ne!(chars, bytes);

    let log = sarif(&audit);
    let result = results(&log)
        .iter()
        .find(|r| r["ruleId"] == "undeclared-privacy-type")
        .unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 1);
    assert_eq!(region["startColumn"], chars + 1);
    assert_eq!(region["endLine"], 1);
    assert_eq!(region["endColumn"], chars + 1 + "chooseAddress".len());
    assert_eq!(result["properties"]["function"], "onLoad");
    assert_eq!(result["properties"]["api"], "wx.chooseAddress");

    let rd = rdjson(&audit);
    let diagnostic = rd["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"]["value"] == "undeclared-privacy-type")
        .unwrap();
    let range = &diagnostic["location"]["range"];
    assert_eq!(diagnostic["location"]["path"], "pages/a/a.js");
    assert_eq!(range["start"]["line"], 1);
    assert_eq!(range["start"]["column"], 3 + bytes + 1);
    assert_eq!(range["end"]["line"], 1);
    assert_eq!(
        range["end"]["column"],
        3 + bytes + 1 + "chooseAddress".len()
    );
}

#[test]
fn fingerprints_survive_a_line_inserted_above() {
    let project = TempDir::copy_of("example-shop");
    let file = "miniprogram/pages/index/index.js";
    let before = sarif(&audit(&project.0));
    let text = std::fs::read_to_string(project.0.join(file)).unwrap();
    project.write(file, &format!("\n{text}"));
    let after = sarif(&audit(&project.0));

    let key = |r: &Value| {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_owned(),
            r["ruleId"].as_str().unwrap().to_owned(),
            region["startLine"].as_u64().unwrap(),
            r["partialFingerprints"]["mpaudit/v1"]
                .as_str()
                .unwrap()
                .to_owned(),
        )
    };
    let (before, after) = (results(&before), results(&after));
    assert_eq!(before.len(), after.len());
    let mut moved = 0;
    for (b, a) in before.iter().zip(after) {
        let (b, a) = (key(b), key(a));
        assert_eq!(
            (&b.0, &b.1, &b.3),
            (&a.0, &a.1, &a.3),
            "fingerprint changed"
        );
        if b.0 == file {
            assert_eq!(a.2, b.2 + 1);
            moved += 1;
        } else {
            assert_eq!(a.2, b.2);
        }
    }
    assert!(moved > 0, "no finding in {file}");
}

#[test]
fn fingerprints_tell_functions_apart() {
    let project = TempDir::new("functions");
    project.write("app.json", r#"{"pages": ["pages/a/a"]}"#);
    project.write(
        "privacy.json",
        r#"{"setting_list": [{"privacy_key": "Album", "privacy_text": "x"}]}"#,
    );
    project.write(
        "pages/a/a.js",
        "Page({\n  pick() { wx.chooseAddress({}) },\n  edit() { wx.chooseAddress({}) },\n  again() { wx.chooseAddress({}); wx.chooseAddress({}) }\n});\n",
    );
    let log = sarif(&audit(&project.0));
    let fingerprints: Vec<(&str, &str)> = results(&log)
        .iter()
        .filter(|r| r["ruleId"] == "undeclared-privacy-type")
        .map(|r| {
            (
                r["properties"]["function"].as_str().unwrap(),
                r["partialFingerprints"]["mpaudit/v1"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(fingerprints.len(), 4);
    let names: Vec<&str> = fingerprints.iter().map(|f| f.0).collect();
    assert_eq!(names, ["pick", "edit", "again", "again"]);
    assert_ne!(fingerprints[0].1, fingerprints[1].1);
    assert_ne!(fingerprints[1].1, fingerprints[2].1);
    // Same rule, file, API and function: the same fingerprint (GitHub adds the line).
    assert_eq!(fingerprints[2].1, fingerprints[3].1);
}

#[test]
fn rdjson_structure() {
    let audit = util::audit_fixture("example-shop", 2);
    let rd = rdjson(&audit);
    assert_eq!(rd["source"]["name"], "mpaudit");
    assert_eq!(rd["source"]["url"], "https://github.com/mpaudit/mpaudit");
    assert_eq!(rd["severity"], "ERROR");
    let diagnostics = rd["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), audit.findings.len());
    for (d, f) in diagnostics.iter().zip(&audit.findings) {
        assert_eq!(d["code"]["value"], f.rule);
        assert_eq!(
            d["code"]["url"],
            format!("https://github.com/mpaudit/mpaudit#{}", f.rule)
        );
        assert_eq!(d["severity"], f.severity.as_str().to_uppercase());
        assert_eq!(d["location"]["path"], f.location.file);
        assert!(d["message"].as_str().unwrap().starts_with(&f.message));
        let range = &d["location"]["range"];
        assert_eq!(range["start"]["line"], f.location.line);
        // example-shop is ASCII: byte columns are the code point columns.
        assert_eq!(range["start"]["column"], f.location.column);
        if f.location.len > 0 {
            assert_eq!(range["end"]["line"], f.location.line);
            assert_eq!(
                range["end"]["column"],
                f.location.column + f.location.len,
                "{d}"
            );
        } else {
            assert!(range.get("end").is_none(), "{d}");
        }
    }
    let clean = rdjson(&util::audit_fixture("clean-project", 2));
    assert_eq!(clean["diagnostics"], Value::Array(Vec::new()));
    assert_eq!(clean["severity"], "WARNING");
}

#[test]
fn cli_formats_and_exit_codes() {
    for format in ["sarif", "rdjson"] {
        let (code, out, err) = run(&["check", "fixtures/example-shop", "--format", format]);
        assert_eq!(code, 1, "{format}: {err}");
        let doc: Value = serde_json::from_str(&out).unwrap();
        assert!(doc.is_object(), "{format}");
        let (code, out, _) = run(&["check", "fixtures/clean-project", "--format", format]);
        assert_eq!(code, 0, "{format}");
        serde_json::from_str::<Value>(&out).unwrap();
    }
}

#[test]
fn snapshots() {
    let audit = util::audit_fixture("example-shop", 2);
    let mut log = sarif(&audit);
    // Machine- and release-specific; the rule docs are compared in `sarif_structure`.
    log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "[root]".into();
    let driver = &mut log["runs"][0]["tool"]["driver"];
    driver["version"] = "[version]".into();
    driver["semanticVersion"] = "[version]".into();
    for rule in driver["rules"].as_array_mut().unwrap() {
        let id = rule["id"].as_str().unwrap().to_owned();
        rule["help"] = format!("[docs of {id}]").into();
    }
    insta::assert_snapshot!("sarif", serde_json::to_string_pretty(&log).unwrap());
    insta::assert_snapshot!(
        "rdjson",
        serde_json::to_string_pretty(&rdjson(&audit)).unwrap()
    );
}
