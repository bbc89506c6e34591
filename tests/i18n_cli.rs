//! `--lang`, `lang` in mpaudit.json and the locale, end to end through the
//! command line: which language wins, and that every output speaks it.

use mpaudit::internals::i18n::Lang::{self, En, Zh};

use crate::util::TempProject;

/// Runs the CLI in-process with the locale `lang`; (exit code, stdout, stderr).
fn run(lang: Lang, args: &[&str]) -> (i32, String, String) {
    let env = mpaudit::cli::Environment {
        lang,
        ..Default::default()
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut argv = vec!["mpaudit"];
    argv.extend_from_slice(args);
    let code = mpaudit::cli::run_with(argv, &env, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

const SHOP: &str = "fixtures/example-shop";

#[test]
fn check_follows_the_locale_and_lang_overrides_it_both_ways() {
    let (code_en, english, _) = run(En, &["check", SHOP]);
    let (code_zh, chinese, _) = run(Zh, &["check", SHOP]);
    assert_eq!((code_en, code_zh), (1, 1), "the exit code is the same");
    assert!(english.contains("privacy inventory:") && english.contains("errors"));
    assert!(
        chinese.contains("隐私接口清单：")
            && chinese.contains("个错误")
            && chinese.contains("需要用户信息类型")
            && chinese.contains("建议："),
        "{chinese}"
    );
    assert!(!chinese.contains("privacy inventory:"), "{chinese}");
    let strip_time = |s: &str| {
        s.lines()
            .filter(|l| !l.contains(" ms"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (_, forced_zh, _) = run(En, &["check", SHOP, "--lang", "zh"]);
    let (_, forced_en, _) = run(Zh, &["check", SHOP, "--lang", "en"]);
    assert_eq!(strip_time(&forced_zh), strip_time(&chinese));
    assert_eq!(strip_time(&forced_en), strip_time(&english));
}

#[test]
fn machine_formats_keep_their_fields_and_translate_their_text() {
    let (_, en, _) = run(En, &["check", SHOP, "--format", "json"]);
    let (_, zh, _) = run(En, &["check", SHOP, "--format", "json", "--lang", "zh"]);
    let en: serde_json::Value = serde_json::from_str(&en).unwrap();
    let zh: serde_json::Value = serde_json::from_str(&zh).unwrap();
    // Same fields, rules, places and severities; other words.
    let shape = |v: &serde_json::Value| -> Vec<(String, String, u64, String)> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["file"].as_str().unwrap_or_default().to_owned(),
                    f["line"].as_u64().unwrap_or_default(),
                    f["severity"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(shape(&en), shape(&zh));
    assert_eq!(
        en["findings"][0]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        zh["findings"][0]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>()
    );
    assert_ne!(en["findings"][0]["message"], zh["findings"][0]["message"]);

    let (_, github, _) = run(En, &["check", SHOP, "--format", "github", "--lang", "zh"]);
    assert!(
        github.contains("::error file=") && github.contains("%0A建议："),
        "{github}"
    );
    let (_, sarif, _) = run(En, &["check", SHOP, "--format", "sarif", "--lang", "zh"]);
    assert!(sarif.contains("\"ruleId\": \"undeclared-privacy-type\""));
    assert!(sarif.contains("用户隐私保护指引"), "rule docs in Chinese");
    let (_, concise, _) = run(En, &["check", SHOP, "--format", "concise", "--lang", "zh"]);
    assert!(
        concise.contains("mpaudit：") && concise.contains("个警告"),
        "{concise}"
    );
    let (_, html, _) = run(En, &["check", SHOP, "--format", "html", "--lang", "zh"]);
    assert!(html.contains("<html lang=\"zh-CN\">") && html.contains("隐私检查报告"));
    let (_, html, _) = run(Zh, &["check", SHOP, "--format", "html", "--lang", "en"]);
    assert!(html.contains("<html lang=\"en\">") && !html.contains("隐私检查报告"));
}

#[test]
fn lang_in_the_config_wins_over_the_locale_and_loses_to_the_flag() {
    let project = TempProject::new(
        "i18n-config-lang",
        &[
            ("app.json", r#"{"pages": ["pages/index/index"]}"#),
            (
                "pages/index/index.js",
                "Page({ onTap() { wx.chooseImage() } })",
            ),
            ("mpaudit.json", r#"{"lang": "zh", "ignor": []}"#),
        ],
    );
    let dir = project.0.to_str().unwrap();
    let (_, from_config, _) = run(En, &["check", dir]);
    assert!(
        from_config.contains("隐私接口清单：") && from_config.contains("未知的键 `ignor`"),
        "the config's own findings are Chinese too: {from_config}"
    );
    let (_, flag, _) = run(Zh, &["check", dir, "--lang", "en"]);
    assert!(
        flag.contains("privacy inventory:") && flag.contains("unknown key `ignor`"),
        "{flag}"
    );
    let (_, json, _) = run(En, &["check", dir, "--format", "json"]);
    assert!(json.contains("用户隐私保护指引"), "{json}");
}

#[test]
fn errors_that_end_the_run_speak_the_language() {
    let (code, _, err) = run(Zh, &["check", "no-such-folder"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("错误：无法检查 no-such-folder"), "{err}");
    let (_, _, err) = run(Zh, &["check", "no-such-folder", "--lang", "en"]);
    assert!(
        err.starts_with("error: cannot audit no-such-folder"),
        "{err}"
    );
    let (code, _, err) = run(En, &["check", SHOP, "--unsafe-fixes", "--lang", "zh"]);
    assert_eq!(code, 2);
    assert!(err.contains("--unsafe-fixes 需要"), "{err}");
    let (code, _, err) = run(Zh, &["explain", "no-such-rule"]);
    assert_eq!(code, 2);
    assert!(err.contains("没有名为 `no-such-rule` 的规则"), "{err}");
    let (code, _, err) = run(Zh, &["manifest", SHOP, "--write", "--format", "markdown"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("错误："), "{err}");
}

#[test]
fn manifest_markdown_and_init_speak_the_language() {
    let (_, markdown, _) = run(Zh, &["manifest", SHOP, "--format", "markdown"]);
    assert!(
        markdown.contains("：用户信息类型") && markdown.contains("| 接口 |"),
        "{markdown}"
    );
    let project = TempProject::new(
        "i18n-init",
        &[
            ("app.json", r#"{"pages": ["pages/index/index"]}"#),
            (
                "pages/index/index.js",
                "Page({ onTap() { wx.chooseImage() } })",
            ),
        ],
    );
    let dir = project.0.to_str().unwrap();
    let (code, _, err) = run(Zh, &["check", dir, "--fix-dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "mpaudit：没有可以自动修复的内容\n");
    let (code, _, err) = run(Zh, &["check", dir, "--fix-dry-run", "--unsafe-fixes"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("mpaudit：共 1 处修改") && err.contains("mpaudit check --fix --unsafe-fixes"),
        "{err}"
    );
    let (code, out, err) = run(Zh, &["init", project.0.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("已写入") && out.contains("接下来：") && out.contains("mpaudit check -q"),
        "{out}"
    );
}
