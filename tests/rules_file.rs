//! `--rules FILE`: every table can be extended, and every problem of a row is
//! an exit-2 error naming the file, the table, the row and what is wrong.

use crate::util::{run, TempProject};

/// Runs `mpaudit check` on a small project with `rules` as `--rules`.
fn check_with(name: &str, rules: &str) -> (i32, String, String) {
    let project = TempProject::new(
        name,
        &[
            ("rules.json", rules),
            ("app.json", r#"{"pages": ["pages/index"]}"#),
            ("privacy.json", r#"{"setting_list": []}"#),
            (
                "app.js",
                "wx.onNeedPrivacyAuthorization((resolve) => pending.push(resolve))",
            ),
            (
                "pages/index.js",
                "Page({ snap() { const ctx = wx.createCameraContext(); ctx.takePhoto({}) } })",
            ),
        ],
    );
    let rules = format!("{}/rules.json", project.path());
    run(&[
        "check",
        project.path(),
        "--format",
        "json",
        "--rules",
        &rules,
    ])
}

/// A privacy_apis row.
fn row(api: &str, kind: &str) -> String {
    format!(
        r#"{{"api": {api:?}, "kind": "{kind}", "privacy_keys": ["Camera"], "source": "https://example.com", "confidence": "derived", "note": "test"}}"#
    )
}

fn refused(name: &str, rules: &str, parts: &[&str]) {
    let (code, out, err) = check_with(name, rules);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    for part in parts {
        assert!(err.contains(part), "{part:?} not in:\n{err}");
    }
}

#[test]
fn a_misspelt_namespace_is_exit_2() {
    refused(
        "rules-namespace",
        &format!(
            r#"{{"privacy_apis": [{}, {}]}}"#,
            row("wx.chooseContact", "api"),
            row("uni.chooseVideo", "api")
        ),
        &[
            "invalid rules file",
            "privacy_apis[1] `uni.chooseVideo` is written with `uni.`; rows use `wx.`",
        ],
    );
    refused(
        "rules-namespace2",
        &format!(r#"[{}]"#, row("wz.getLocation", "api")),
        &["privacy_apis[0] `wz.getLocation` has namespace `wz`"],
    );
}

#[test]
fn a_bad_component_tag_is_exit_2() {
    refused(
        "rules-tag",
        &format!(
            r#"[{}, {}]"#,
            row("<camera", "component"),
            row("<Video Camera>", "component")
        ),
        &[
            "privacy_apis[0] `<camera` must be written `<tag>` or `<tag attr=\"value\">`",
            "privacy_apis[1] `<Video Camera>` has tag `Video`, which is not a tag name",
        ],
    );
}

#[test]
fn an_orphan_method_row_is_exit_2_and_its_factory_fixes_it() {
    let method = row("CameraContext.takePhoto", "method");
    refused(
        "rules-orphan",
        &format!("[{method}]"),
        &["invalid rules file", "privacy_apis[0] `CameraContext.takePhoto` is a method of `CameraContext`, which no object_factories row hands out, so it never matches"],
    );
    // The example of rules/README.md: with the factory the row matches.
    let (code, out, err) = check_with(
        "rules-factory",
        &format!(
            r#"{{"privacy_apis": [{method}], "object_factories": [{{"factory": "wx.createCameraContext", "type": "CameraContext", "source": "https://example.com"}}]}}"#
        ),
    );
    assert_eq!(code, 1, "{out}{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let apis: Vec<&str> = report["inventory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["api"].as_str().unwrap())
        .collect();
    assert!(apis.contains(&"CameraContext.takePhoto"), "{apis:?}");
}

#[test]
fn a_duplicate_row_is_exit_2() {
    let a = row("wx.chooseContact", "api");
    refused(
        "rules-duplicate",
        &format!(r#"{{"privacy_apis": [{a}, {a}]}}"#),
        &[
            "invalid rules file",
            "privacy_apis[0] `wx.chooseContact` is listed twice (rows 0 and 1); keep one",
        ],
    );
    refused(
        "rules-duplicate-factory",
        r#"{"object_factories": [
            {"factory": "wx.getRecorderManager", "type": "RecorderManager", "source": "https://example.com"},
            {"factory": "wx.getRecorderManager", "type": "RecorderManager", "source": "https://example.com/2"}
        ]}"#,
        &["object_factories[0] `wx.getRecorderManager` is listed twice (rows 0 and 1)"],
    );
}

#[test]
fn required_private_infos_can_be_extended() {
    let rules = format!(
        r#"{{"privacy_apis": [{}], "required_private_infos": {{"values": [{{"name": "getWeather", "api": "wx.getWeather", "meaning_zh": "天气", "group": "choose", "permission_scope": null}}]}}}}"#,
        row("wx.getWeather", "api")
    );
    let project = TempProject::new(
        "rules-required",
        &[
            ("rules.json", &rules),
            (
                "app.json",
                r#"{"pages": ["pages/index"], "requiredPrivateInfos": ["getWeather"]}"#,
            ),
            ("privacy.json", r#"{"setting_list": []}"#),
            (
                "app.js",
                "wx.onNeedPrivacyAuthorization((resolve) => pending.push(resolve))",
            ),
            ("pages/index.js", "Page({})"),
        ],
    );
    let invalid = |args: &[&str]| {
        let (_, out, _) = run(args);
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "invalid-required-private-infos")
    };
    assert!(invalid(&["check", project.path(), "--format", "json"]));
    let rules = format!("{}/rules.json", project.path());
    assert!(!invalid(&[
        "check",
        project.path(),
        "--format",
        "json",
        "--rules",
        &rules
    ]));
}
