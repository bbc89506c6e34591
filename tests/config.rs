//! mpaudit.json and the flags that decide the exit code: `--config`,
//! `--no-config`, `--fail-on`, `--max-warnings`, `--quiet`.

use crate::util::{run, TempProject};

/// The rules of the findings in a JSON report, in order.
fn rules(json: &str) -> Vec<(String, String)> {
    let report: serde_json::Value = serde_json::from_str(json).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// A project with one warning (missing-privacy-authorization) and no errors.
fn warning_only(name: &str, extra: &[(&str, &str)]) -> TempProject {
    let mut files = vec![
        ("app.json", r#"{"pages": ["pages/a/a"]}"#),
        ("pages/a/a.js", "wx.chooseImage({})"),
        (
            "privacy.json",
            r#"{"setting_list": [{"privacy_key": "Album", "privacy_text": "上传头像"}]}"#,
        ),
    ];
    files.extend_from_slice(extra);
    TempProject::new(name, &files)
}

#[test]
fn fail_on_warning_and_max_warnings_decide_the_exit_code() {
    let project = warning_only("failon", &[]);
    let (code, out, err) = run(&["check", project.path(), "--format", "json"]);
    assert_eq!(
        rules(&out),
        [("missing-privacy-authorization".into(), "warning".into())]
    );
    assert_eq!((code, err.as_str()), (0, ""));

    let (code, _, err) = run(&["check", project.path(), "--fail-on", "warning"]);
    assert_eq!(code, 1);
    assert_eq!(err, "mpaudit: failing on 1 warning (--fail-on warning)\n");

    let (code, _, err) = run(&["check", project.path(), "--max-warnings", "0"]);
    assert_eq!(code, 1);
    assert_eq!(err, "mpaudit: 1 warning exceed --max-warnings 0\n");
    let (code, _, _) = run(&["check", project.path(), "--max-warnings", "1"]);
    assert_eq!(code, 0);

    let (code, _, err) = run(&["check", project.path(), "--fail-on", "bogus"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn quiet_reports_errors_only_but_warnings_still_count() {
    let project = warning_only("quiet", &[("pages/b/b.js", "wx.getClipboardData({})")]);
    let (code, out, _) = run(&["check", project.path(), "--format", "json", "--quiet"]);
    assert_eq!(code, 1);
    assert_eq!(
        rules(&out),
        [("undeclared-privacy-type".into(), "error".into())]
    );
    let (_, out, _) = run(&["check", project.path(), "-q", "--color", "never"]);
    assert!(!out.contains("missing-privacy-authorization"), "{out}");
    assert!(out.contains("undeclared-privacy-type"), "{out}");

    let quiet_clean = warning_only("quiet-clean", &[]);
    let (code, out, _) = run(&[
        "check",
        quiet_clean.path(),
        "--quiet",
        "--max-warnings",
        "0",
    ]);
    assert_eq!(code, 1, "hidden warnings still count: {out}");
}

#[test]
fn config_file_sets_severity_ignore_and_third_party_and_flags_win() {
    let project = warning_only(
        "config",
        &[
            ("vendor/x.js", "wx.getClipboardData({})"),
            ("miniprogram_npm/sdk/index.js", "wx.getLocation({})"),
            (
                "mpaudit.json",
                r#"{
  "severity": {"missing-privacy-authorization": "error"},
  "ignore": ["/vendor"],
  "third-party": "off"
}"#,
            ),
        ],
    );
    let (code, out, _) = run(&["check", project.path(), "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(
        rules(&out),
        [("missing-privacy-authorization".into(), "error".into())],
        "vendor/ is ignored, npm findings are off"
    );
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["config"], "mpaudit.json");
    let apis: Vec<&str> = report["inventory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["api"].as_str().unwrap())
        .collect();
    assert_eq!(
        apis,
        ["wx.getLocation", "wx.chooseImage"],
        "npm uses stay in the inventory"
    );

    // --third-party on the command line wins over the file.
    let (_, out, _) = run(&[
        "check",
        project.path(),
        "--format",
        "json",
        "--third-party",
        "warning",
    ]);
    let got = rules(&out);
    assert!(
        got.contains(&("missing-required-private-infos".into(), "warning".into())),
        "{got:?}"
    );

    // --no-config: defaults, vendor/ audited again.
    let (_, out, _) = run(&["check", project.path(), "--format", "json", "--no-config"]);
    let got = rules(&out);
    assert!(
        got.contains(&("undeclared-privacy-type".into(), "error".into())),
        "{got:?}"
    );
    assert!(got.contains(&("missing-privacy-authorization".into(), "warning".into())));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(report.get("config").is_none());
}

#[test]
fn explicit_config_file_and_its_relative_paths() {
    let project = warning_only(
        "explicit",
        &[
            (
                "conf/strict.json",
                r#"{"severity": {"missing-privacy-authorization": "off"}, "declaration": "privacy.json"}"#,
            ),
            (
                "conf/privacy.json",
                r#"{"setting_list": [{"privacy_key": "Album", "privacy_text": "上传头像"}, {"privacy_key": "Location", "privacy_text": "推荐附近门店"}]}"#,
            ),
        ],
    );
    let config = format!("{}/conf/strict.json", project.path());
    let (code, out, _) = run(&[
        "check",
        project.path(),
        "--format",
        "json",
        "--config",
        &config,
    ]);
    assert_eq!(code, 0, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["config"], "conf/strict.json");
    assert_eq!(
        report["declaration"], "conf/privacy.json",
        "resolved against the config's folder"
    );
    assert_eq!(
        rules(&out),
        [("unused-privacy-declaration".into(), "warning".into())]
    );

    let (code, _, err) = run(&[
        "check",
        project.path(),
        "--config",
        "/nonexistent/mpaudit.json",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: cannot read config file /nonexistent/mpaudit.json"),
        "{err}"
    );
}

#[test]
fn broken_config_is_a_finding_and_the_audit_goes_on() {
    let project = warning_only(
        "broken-config",
        &[(
            "mpaudit.json",
            "{\n  \"severity\": {\"deprecated-api\": \"off\",}\n  \"ignore\": []\n}",
        )],
    );
    let (code, out, _) = run(&["check", project.path(), "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "invalid-config")
        .unwrap();
    assert_eq!(
        (first["file"].as_str(), first["line"].as_u64()),
        (Some("mpaudit.json"), Some(2))
    );
    assert_eq!(
        rules(&out).len(),
        2,
        "the project's own finding is still there"
    );
}

#[test]
fn inline_rule_tables_in_the_config() {
    let project = warning_only(
        "inline-rules",
        &[
            ("pages/c/c.js", "wx.getSecretThing({})"),
            (
                "mpaudit.json",
                r#"{"rules": {"privacy_apis": [{"api": "wx.getSecretThing", "kind": "api", "privacy_keys": ["Location"], "source": "https://example.com", "confidence": "official"}]}}"#,
            ),
        ],
    );
    let (_, out, err) = run(&["check", project.path(), "--format", "json"]);
    assert_eq!(err, "");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let apis: Vec<&str> = report["inventory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["api"].as_str().unwrap())
        .collect();
    assert!(apis.contains(&"wx.getSecretThing"), "{apis:?}");

    let broken = warning_only(
        "inline-rules-broken",
        &[(
            "mpaudit.json",
            "{\n  \"rules\": {\"privacy_apis\": [{\"api\": 3}]}\n}",
        )],
    );
    let (code, _, err) = run(&["check", broken.path()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("mpaudit.json:2:"),
        "the error has the config file's line: {err}"
    );
}

#[test]
fn output_writes_the_report_to_a_file() {
    let project = warning_only("output", &[]);
    let report = format!("{}/out/report.json", project.path());
    std::fs::create_dir_all(format!("{}/out", project.path())).unwrap();
    let (code, out, err) = run(&["check", project.path(), "--format", "json", "-o", &report]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(written["schema"], "mpaudit/v1");
    let leftovers: Vec<_> = std::fs::read_dir(format!("{}/out", project.path()))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers,
        ["report.json"],
        "no temporary file is left behind"
    );

    let (code, _, err) = run(&["check", project.path(), "-o", "/nonexistent-dir/r.json"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: cannot write /nonexistent-dir/r.json"),
        "{err}"
    );
}

/// mpaudit.schema.json is generated, like the README rule table.
#[test]
fn the_config_schema_is_current() {
    let schema = mpaudit::internals::config::schema(&mpaudit::ALL_RULES);
    let file = std::fs::read_to_string("mpaudit.schema.json").unwrap();
    assert!(
        file == schema,
        "mpaudit.schema.json is out of date; regenerate it with `cargo run -- schema > mpaudit.schema.json`"
    );
    let parsed: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let mut keys: Vec<&str> = parsed["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = mpaudit::internals::config::KEYS.to_vec();
    expected.sort_unstable();
    keys.sort_unstable();
    assert_eq!(keys, expected, "the schema and config::KEYS");
    let rules: Vec<&str> = parsed["properties"]["severity"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let codes: Vec<&str> = mpaudit::ALL_RULES.iter().map(|r| r.code).collect();
    assert_eq!(rules, codes, "the schema lists every rule id, sorted");
}

#[test]
fn suppressions_of_rules_the_config_turns_off_are_not_unused() {
    let project = warning_only(
        "suppress-off",
        &[
            (
                "pages/b/b.js",
                "// mpaudit-ignore-next-line deprecated-api: legacy login, removed in 2.0\nwx.getUserProfile({ desc: '展示头像' })\n// mpaudit-ignore-next-line undeclared-privacy-type: nothing here\nconsole.log(1)\n",
            ),
            (
                "mpaudit.json",
                r#"{"severity": {"deprecated-api": "off", "missing-privacy-authorization": "off"}}"#,
            ),
        ],
    );
    let (_, out, _) = run(&["check", project.path(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(&str, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["line"].as_u64().unwrap()))
        .filter(|(rule, _)| *rule == "unused-suppression")
        .collect();
    assert_eq!(
        found,
        [("unused-suppression", 3)],
        "only the suppression of a live rule that covers nothing: {out}"
    );
}
