//! The command line, run in process: exit codes, formats, options, errors.

use crate::util::{run, TempProject};

#[test]
fn exit_code_0_for_a_clean_project_1_for_errors() {
    let (code, out, _) = run(&["check", "fixtures/clean-project"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("✔ no problems found"), "{out}");
    let (code, out, _) = run(&["check", "fixtures/undeclared-location", "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "undeclared-privacy-type"));
}

#[test]
fn warnings_alone_exit_0() {
    let project = TempProject::new(
        "warn",
        &[
            ("app.json", r#"{"pages": ["pages/a/a"]}"#),
            ("pages/a/a.js", "wx.chooseImage({})"),
        ],
    );
    let (code, out, _) = run(&["check", project.path(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["missing-privacy-authorization", "no-privacy-declaration"]
    );
    assert_eq!(code, 0);
}

#[test]
fn exit_code_2_when_there_is_nothing_to_audit() {
    let empty = TempProject::new("empty", &[("README.md", "not a mini program")]);
    let (code, out, err) = run(&["check", empty.path()]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("no mini program found"), "{err}");
    assert!(
        err.contains("project.config.json") && err.contains("app.json"),
        "{err}"
    );

    let nested = TempProject::new(
        "nested",
        &[
            ("manifest.json", "{}"),
            ("unpackage/dist/build/mp-weixin/app.json", "{}"),
        ],
    );
    let (code, _, err) = run(&["check", nested.path()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("app.json found in: unpackage/dist/build/mp-weixin"),
        "{err}"
    );

    let (code, _, err) = run(&["check", "fixtures/does-not-exist"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: cannot audit fixtures/does-not-exist: no such file or folder\n"
    );

    let (code, _, err) = run(&["check", "--format", "yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("yaml"), "{err}");
}

#[test]
fn a_framework_project_without_its_config_is_named_never_no_mini_program() {
    for (dependency, framework, looked_for) in [
        ("@dcloudio/uni-app", "uni-app", "pages.json"),
        ("wepy", "WePY", "src/app.wpy"),
        ("@mpxjs/core", "Mpx", "src/app.mpx"),
        ("@tarojs/taro", "Taro", "src/app.config.ts"),
    ] {
        let package = format!("{{\"dependencies\": {{\"{dependency}\": \"1.0.0\"}}}}");
        let project = TempProject::new(
            "framework-without-config",
            &[
                ("package.json", package.as_str()),
                ("src/pages/index.js", "wx.getLocation()"),
            ],
        );
        let (code, out, err) = run(&["check", project.path()]);
        assert_eq!(code, 2, "{framework}: {err}");
        assert!(out.is_empty());
        assert!(!err.contains("no mini program found"), "{framework}: {err}");
        assert!(
            err.contains(&format!("depends on {framework} (package.json)"))
                && err.contains(looked_for),
            "{framework}: {err}"
        );
    }
}

#[test]
fn a_framework_config_without_pages_is_unaudited_source() {
    let project = TempProject::new(
        "wepy-without-pages",
        &[
            ("src/app.wpy", "<script>\nexport default class extends wepy.app {\n  config = { pages: buildPages() }\n}\n</script>"),
            ("src/pages/index.wpy", "<script>\nwepy.chooseImage()\n</script>"),
        ],
    );
    let (code, out, _) = run(&["check", project.path(), "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"unaudited-source"), "{rules:?}");
    assert!(out.contains("lists no pages"), "{out}");
    assert_eq!(json["inventory"][0]["api"], "wx.chooseImage");
}

#[test]
fn miniprogram_root_without_app_json_says_what_is_missing() {
    let project = TempProject::new(
        "unbuilt",
        &[
            ("project.config.json", r#"{"miniprogramRoot": "dist/"}"#),
            ("src/app.ts", ""),
        ],
    );
    let (code, _, err) = run(&["check", project.path()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("miniprogramRoot") && err.contains("dist/app.json"),
        "{err}"
    );
    assert!(err.contains("build it first"), "{err}");
}

#[test]
fn a_broken_rules_file_is_exit_2_with_its_position() {
    let project = TempProject::new("badrules", &[("rules.json", "{\n  \"privacy_apis\": 3\n}")]);
    let rules = format!("{}/rules.json", project.path());
    let (code, _, err) = run(&["check", "fixtures/clean-project", "--rules", &rules]);
    assert_eq!(code, 2);
    assert!(err.contains("rules.json:2:"), "{err}");
}

#[test]
fn rules_file_frameworks_add_a_namespace_and_bad_rows_name_themselves() {
    let fork = r#"{"frameworks": [{"name": "fork", "title": "A fork", "packages": [], "namespaces": ["fk"], "modules": ["@fork/api"], "compiled_modules": [], "extensions": [".fk"], "constructors": {"fkPage": "Page"}, "source": "https://example.com/fork"}]}"#;
    let bad = r#"{"frameworks": [{"name": "bad", "title": "Bad", "packages": [], "namespaces": ["not an ident"], "modules": [], "compiled_modules": [], "extensions": ["wpy"], "constructors": {"x": "Widget"}, "source": "none"}]}"#;
    let project = TempProject::new(
        "rulesframework",
        &[
            ("fork.json", fork),
            ("bad.json", bad),
            ("app.json", r#"{"pages": ["pages/index"]}"#),
            ("privacy.json", r#"{"setting_list": []}"#),
            (
                "app.js",
                "wx.onNeedPrivacyAuthorization((resolve) => pending.push(resolve))",
            ),
            (
                "pages/index.js",
                "import api from '@fork/api'\nfk.chooseImage({})\napi.chooseVideo({})",
            ),
            (
                "pages/card.fk",
                "<template><button open-type=\"getPhoneNumber\" /></template>",
            ),
        ],
    );
    let (code, out, _) = run(&["check", project.path(), "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let rules = format!("{}/fork.json", project.path());
    let (code, out, _) = run(&[
        "check",
        project.path(),
        "--format",
        "json",
        "--rules",
        &rules,
    ]);
    assert_eq!(code, 1, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let apis: Vec<&str> = json["inventory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["api"].as_str().unwrap())
        .collect();
    assert_eq!(
        apis,
        [
            "<button open-type=\"getPhoneNumber\">",
            "wx.chooseImage",
            "wx.chooseVideo"
        ]
    );

    let rules = format!("{}/bad.json", project.path());
    let (code, _, err) = run(&["check", project.path(), "--rules", &rules]);
    assert_eq!(code, 2);
    for part in [
        "`bad` namespace `not an ident` is not a JavaScript identifier",
        "`bad` extension `wpy` must be a dot",
        "constructor `x` registers `Widget`",
        "frameworks[0] `bad` has no source URL",
    ] {
        assert!(err.contains(part), "{part}: {err}");
    }
}

#[test]
fn rules_file_rows_change_the_audit() {
    let project = TempProject::new(
        "rulesrow",
        &[
            (
                "rules.json",
                r#"[{"api": "wx.chooseContact", "kind": "api", "privacy_keys": ["Contact"], "source": "https://example.com", "confidence": "derived", "note": "team decision"}]"#,
            ),
            ("app.json", r#"{"pages": []}"#),
            ("privacy.json", r#"{"setting_list": []}"#),
            (
                "app.js",
                "wx.onNeedPrivacyAuthorization((resolve) => pending.push(resolve)); wx.chooseContact({})",
            ),
        ],
    );
    let rules = format!("{}/rules.json", project.path());
    let (code, out, _) = run(&["check", project.path(), "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = run(&[
        "check",
        project.path(),
        "--format",
        "json",
        "--rules",
        &rules,
    ]);
    assert_eq!(code, 1, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["findings"][0]["privacy_key"], "Contact");
}

#[test]
fn declaration_flag_points_elsewhere() {
    let project = TempProject::new(
        "decl",
        &[
            ("app.json", r#"{"pages": []}"#),
            (
                "app.js",
                "wx.onNeedPrivacyAuthorization((resolve) => pending.push(resolve)); wx.chooseImage({})",
            ),
            (
                "compliance/guideline.json",
                r#"{"setting_list": [{"privacy_key": "Album", "privacy_text": "上传头像"}]}"#,
            ),
        ],
    );
    let (code, out, _) = run(&["check", project.path(), "--format", "json"]);
    assert_eq!(code, 0);
    assert!(out.contains("no-privacy-declaration"));
    let decl = format!("{}/compliance/guideline.json", project.path());
    let (code, out, _) = run(&[
        "check",
        project.path(),
        "--format",
        "json",
        "--declaration",
        &decl,
    ]);
    assert_eq!(code, 0, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["findings"].as_array().unwrap().len(), 0, "{out}");
    assert_eq!(report["declared"][0], "Album");
    assert_eq!(report["declaration"], "compliance/guideline.json");

    let (code, _, err) = run(&[
        "check",
        project.path(),
        "--declaration",
        "/nonexistent/p.json",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn json_report_has_the_v1_fields() {
    let (_, out, _) = run(&["check", "fixtures/undeclared-location", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["schema"], "mpaudit/v1");
    assert_eq!(report["root"], "fixtures/undeclared-location");
    for key in [
        "miniprogram_root",
        "files",
        "declared",
        "inventory",
        "findings",
    ] {
        assert!(!report[key].is_null(), "missing {key}");
    }
    assert!(report["files"]["scanned"].as_u64().unwrap() > 0);
    let use0 = &report["inventory"][0];
    for key in ["api", "privacy_keys", "file", "line", "column", "origin"] {
        assert!(!use0[key].is_null(), "inventory entry lacks {key}: {use0}");
    }
    let finding = &report["findings"][0];
    for key in ["rule", "severity", "file", "line", "column", "message"] {
        assert!(!finding[key].is_null(), "finding lacks {key}: {finding}");
    }
}

#[test]
fn a_broken_file_never_hides_the_others() {
    let project = TempProject::new(
        "broken",
        &[
            ("app.json", r#"{"pages": []}"#),
            ("privacy.json", r#"{"setting_list": []}"#),
            (
                "a.js",
                "wx.onNeedPrivacyAuthorization((resolve) => pending.push(resolve));\nfunction ( {",
            ),
            ("b.js", "wx.chooseImage({})"),
            ("c.ts", "const x: number = ;\nwx.getClipboardData({})"),
        ],
    );
    let (code, out, _) = run(&["check", project.path(), "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let parse_errors: Vec<_> = findings
        .iter()
        .filter(|f| f["rule"] == "parse-error")
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert!(
        parse_errors.contains(&"a.js") && parse_errors.contains(&"c.ts"),
        "{parse_errors:?}"
    );
    let undeclared: Vec<_> = findings
        .iter()
        .filter(|f| f["rule"] == "undeclared-privacy-type")
        .map(|f| f["privacy_key"].as_str().unwrap())
        .collect();
    assert!(
        undeclared.contains(&"Album"),
        "b.js must still be audited: {undeclared:?}"
    );
    assert_eq!(report["files"]["scanned"], 5);
}

#[test]
fn rules_and_explain() {
    let (code, out, _) = run(&["rules"]);
    assert_eq!(code, 0);
    for rule in mpaudit::ALL_RULES.iter() {
        assert!(out.contains(rule.code));
    }
    let (code, out, _) = run(&["explain", "undeclared-privacy-type"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# undeclared-privacy-type (error"));
    assert!(out.contains("## How to fix"));
    let (code, _, err) = run(&["explain", "no-such-rule"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule"));
    let (code, out, _) = run(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let rules: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rules.as_array().unwrap().len(), mpaudit::ALL_RULES.len());
}

#[test]
fn privacy_json_in_the_miniprogram_root_is_found() {
    let project = TempProject::new(
        "declroot",
        &[
            (
                "project.config.json",
                r#"{"miniprogramRoot": "miniprogram/", "packOptions": {"ignore": [{"type": "file", "value": "privacy.json"}]}}"#,
            ),
            ("miniprogram/app.json", r#"{"pages": []}"#),
            (
                "miniprogram/privacy.json",
                r#"{"setting_list": [{"privacy_key": "Album"}]}"#,
            ),
            (
                "miniprogram/app.js",
                "wx.onNeedPrivacyAuthorization((resolve) => pending.push(resolve)); wx.chooseImage({})",
            ),
        ],
    );
    let (code, out, _) = run(&["check", project.path(), "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["declaration"], "miniprogram/privacy.json");
    assert_eq!(report["findings"].as_array().unwrap().len(), 0, "{out}");
}

#[cfg(unix)]
#[test]
fn symlinked_folders_are_not_followed() {
    let outside = TempProject::new("outside", &[("lib/geo.js", "wx.getLocation({})")]);
    let project = TempProject::new(
        "symlinked",
        &[
            ("app.json", r#"{"pages": []}"#),
            ("privacy.json", r#"{"setting_list": []}"#),
        ],
    );
    std::os::unix::fs::symlink(outside.0.join("lib"), project.0.join("lib")).unwrap();
    std::os::unix::fs::symlink(&project.0, project.0.join("loop")).unwrap();
    let (code, out, _) = run(&["check", project.path(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["inventory"].as_array().unwrap().len(), 0, "{out}");
    // The folder outside is named, not read; the link to the project itself
    // is a loop whose files are audited anyway.
    let findings: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["file"].as_str().unwrap()))
        .collect();
    assert_eq!(findings, [("unreadable-file", "lib")], "{out}");
    assert_eq!(code, 1);
}

#[test]
fn third_party_sets_the_severity_of_npm_findings_and_names_the_package() {
    let project = TempProject::new(
        "third-party",
        &[
            ("app.json", r#"{"pages": ["pages/a/a"]}"#),
            (
                "app.js",
                "App({ onLaunch() { wx.onNeedPrivacyAuthorization(r => r({ event: 'disagree' })) } })",
            ),
            (
                "privacy.json",
                r#"{"setting_list": [{"privacy_key": "Album"}, {"privacy_key": "Location"}]}"#,
            ),
            (
                "pages/a/a.js",
                "const sdk = require('sdk'); wx.chooseImage({})",
            ),
            (
                "miniprogram_npm/sdk/index.js",
                "wx.getLocation({}); wx.setClipboardData({ data: 'x' })",
            ),
        ],
    );
    let findings = |level: &str| {
        let (code, out, _) = run(&[
            "check",
            project.path(),
            "--format",
            "json",
            "--third-party",
            level,
        ]);
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        let found: Vec<(String, String, bool)> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["severity"].as_str().unwrap().to_owned(),
                    f["message"]
                        .as_str()
                        .unwrap()
                        .ends_with("(in npm package `sdk`)"),
                )
            })
            .collect();
        let npm_uses = report["inventory"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["origin"] == "npm:sdk" && u["pages"][0] == "pages/a/a")
            .count();
        (code, found, npm_uses)
    };
    let owned = |rule: &str, severity: &str| (rule.to_owned(), severity.to_owned(), true);

    let (code, found, npm_uses) = findings("error");
    assert_eq!(code, 1);
    assert_eq!(
        found,
        [
            owned("missing-permission-desc", "warning"),
            owned("missing-required-private-infos", "error"),
            owned("undeclared-privacy-type", "error"),
        ]
    );
    assert_eq!(
        npm_uses, 2,
        "npm uses are in the inventory, reached by the page"
    );

    let (code, found, _) = findings("warning");
    assert_eq!(code, 0);
    assert_eq!(
        found,
        [
            owned("missing-permission-desc", "warning"),
            owned("missing-required-private-infos", "warning"),
            owned("undeclared-privacy-type", "warning"),
        ]
    );

    let (code, found, npm_uses) = findings("off");
    assert_eq!(code, 0);
    assert_eq!(
        found,
        [],
        "no findings, and Location still counts as used (not unused-privacy-declaration)"
    );
    assert_eq!(npm_uses, 2);
}

#[test]
fn github_format_annotates_errors_first_and_writes_the_step_summary() {
    let summary = std::env::temp_dir().join(format!("mpaudit-summary-{}.md", std::process::id()));
    let _ = std::fs::remove_file(&summary);
    let env = mpaudit::cli::Environment {
        github_actions: true,
        step_summary: Some(summary.clone()),
        ..Default::default()
    };
    let mut out = Vec::new();
    let mut err = Vec::new();
    // No --format: GITHUB_ACTIONS=true means github.
    let code = mpaudit::cli::run_with(
        ["mpaudit", "check", "fixtures/example-shop"],
        &env,
        &mut out,
        &mut err,
    );
    let out = String::from_utf8(out).unwrap();
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let first_warning = lines
        .iter()
        .position(|l| l.starts_with("::warning "))
        .unwrap();
    assert!(lines[..first_warning]
        .iter()
        .all(|l| l.starts_with("::error ")));
    assert!(lines[first_warning..lines.len() - 1]
        .iter()
        .all(|l| l.starts_with("::warning ")));
    assert_eq!(
        lines.last(),
        Some(&"mpaudit: 6 errors, 5 warnings in 6 files")
    );
    assert!(
        lines[0].starts_with(
            "::error file=fixtures/example-shop/miniprogram/pages/address/address.js,line=3,col=8,title=mpaudit(undeclared-privacy-type)::`wx.chooseAddress` needs"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines.iter().all(|l| !l.contains('\n') && !l.contains('\r')),
        "messages are escaped onto one line"
    );
    assert!(lines[0].contains("%0Ahelp: "));
    let md = std::fs::read_to_string(&summary).unwrap();
    let _ = std::fs::remove_file(&summary);
    assert!(
        md.contains("| `undeclared-privacy-type` | error | 5 |"),
        "{md}"
    );
    assert!(md.contains("| Location (位置信息) | 1 | **no** |"), "{md}");

    // Without the environment, the default stays human.
    let (_, out, _) = run(&["check", "fixtures/example-shop"]);
    assert!(out.contains("privacy inventory:"));
}

/// `explain` and `rules` speak Chinese with `--lang zh` or a Chinese locale
/// (LC_ALL, LC_MESSAGES, LANG); `--lang` wins over the environment both ways.
#[test]
fn explain_and_rules_follow_lang_and_the_locale() {
    let run_in = |lang: mpaudit::internals::i18n::Lang, args: &[&str]| {
        let env = mpaudit::cli::Environment {
            lang,
            ..Default::default()
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = mpaudit::cli::run_with(args.to_vec(), &env, &mut out, &mut err);
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
        String::from_utf8(out).unwrap()
    };
    use mpaudit::internals::i18n::Lang::{En, Zh};
    let explain = ["mpaudit", "explain", "undeclared-privacy-type"];
    let english = run_in(En, &explain);
    assert!(english.contains("## What it does"), "{english}");
    let chinese = run_in(Zh, &explain);
    assert!(
        chinese.contains("## 作用") && chinese.contains("用户隐私保护指引"),
        "{chinese}"
    );
    assert_eq!(
        run_in(En, &[&explain[..], &["--lang", "zh"]].concat()),
        chinese
    );
    assert_eq!(
        run_in(Zh, &[&explain[..], &["--lang", "en"]].concat()),
        english
    );
    let rules = run_in(Zh, &["mpaudit", "rules"]);
    assert!(
        rules.contains("错误") && rules.contains("undeclared-privacy-type"),
        "{rules}"
    );
    let rules_en = run_in(Zh, &["mpaudit", "rules", "--lang", "en"]);
    assert!(
        rules_en.contains("error") && !rules_en.contains("错误"),
        "{rules_en}"
    );
    let markdown = run_in(Zh, &["mpaudit", "rules", "--format", "markdown"]);
    assert_eq!(
        markdown,
        mpaudit::internals::i18n::rules_markdown(Zh, &mpaudit::ALL_RULES)
    );
}
