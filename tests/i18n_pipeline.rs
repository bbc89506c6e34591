//! Issue 17: the findings and errors of the stages before the checks (reading
//! files, parsing, discovery, the config files, the declaration) speak the
//! run's language.

use mpaudit::{Finding, Lang, Options};

use crate::util::TempProject;

fn audit(root: &str, lang: Option<Lang>) -> mpaudit::Audit {
    mpaudit::audit(&Options {
        root: root.into(),
        lang,
        ..Default::default()
    })
    .unwrap()
}

fn of_rule<'a>(audit: &'a mpaudit::Audit, rule: &str) -> Vec<&'a Finding> {
    audit.findings.iter().filter(|f| f.rule == rule).collect()
}

#[test]
fn parse_errors_are_chinese_around_the_parsers_own_text() {
    let zh = audit("fixtures/broken-js-next-to-good", Some(Lang::Zh));
    let en = audit("fixtures/broken-js-next-to-good", Some(Lang::En));
    let (zh, en) = (of_rule(&zh, "parse-error"), of_rule(&en, "parse-error"));
    assert_eq!(zh.len(), 1);
    assert!(
        zh[0]
            .message
            .starts_with("pages/broken/broken.js 有语法错误："),
        "{}",
        zh[0].message
    );
    assert!(!zh[0].message.contains("does not parse"));
    assert!(en[0]
        .message
        .starts_with("pages/broken/broken.js does not parse: "));
    // swc's text stays as it is, in both languages.
    let swc = en[0].message.split_once(": ").unwrap().1;
    assert!(zh[0].message.ends_with(swc), "{} / {swc}", zh[0].message);
    assert!(zh[0].help.as_deref().unwrap().contains("检查"));
}

#[test]
fn config_shape_and_syntax_findings_are_chinese() {
    let shape = audit("fixtures/invalid-config-wrong-shape", Some(Lang::Zh));
    let found = of_rule(&shape, "invalid-config");
    assert_eq!(found.len(), 1);
    assert!(
        found[0]
            .message
            .contains("`requiredPrivateInfos` 必须是字符串数组，实际是字符串"),
        "{}",
        found[0].message
    );
    let broken = audit("fixtures/broken-app-json", Some(Lang::Zh));
    let found = of_rule(&broken, "invalid-config");
    assert!(
        found[0].message.starts_with("app.json 不是合法的 JSON："),
        "{}",
        found[0].message
    );
    assert!(!found[0].message.contains("is not valid JSON"));
}

#[test]
fn mpaudit_json_findings_are_chinese() {
    let zh = audit(
        "fixtures/config-severity-ignore-and-unknown-keys",
        Some(Lang::Zh),
    );
    let messages: Vec<&str> = of_rule(&zh, "invalid-config")
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        messages.contains(&"mpaudit.json: 未知的规则 `no-such-rule`"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"mpaudit.json: 未知的键 `extends`"),
        "{messages:?}"
    );
}

#[test]
fn lang_in_mpaudit_json_makes_its_own_findings_chinese_and_the_option_wins() {
    let project = TempProject::new(
        "i18n-pipeline-config-lang",
        &[
            ("app.json", r#"{"pages": ["pages/index/index"]}"#),
            ("pages/index/index.js", "Page({})"),
            ("mpaudit.json", r#"{"lang": "zh", "ignor": []}"#),
        ],
    );
    let unknown = |audit: &mpaudit::Audit| of_rule(audit, "invalid-config")[0].clone();
    let zh = unknown(&audit(project.path(), None));
    assert_eq!(zh.message, "mpaudit.json: 未知的键 `ignor`");
    assert!(zh.help.as_deref().unwrap().contains("支持的键"));
    let en = unknown(&audit(project.path(), Some(Lang::En)));
    assert_eq!(en.message, "mpaudit.json: unknown key `ignor`");
    assert!(en
        .help
        .as_deref()
        .unwrap()
        .starts_with("mpaudit.json takes `"));
}

#[test]
fn errors_are_chinese() {
    let error = |root: &str, lang| {
        mpaudit::audit(&Options {
            root: root.into(),
            lang: Some(lang),
            ..Default::default()
        })
        .unwrap_err()
        .to_string()
    };
    assert_eq!(
        error("nope-i18n-pipeline", Lang::Zh),
        "无法检查 nope-i18n-pipeline：文件或目录不存在"
    );
    assert_eq!(
        error("nope-i18n-pipeline", Lang::En),
        "cannot audit nope-i18n-pipeline: no such file or folder"
    );
    let zh = error("src", Lang::Zh);
    assert!(zh.starts_with("在 src 中没有找到小程序"), "{zh}");
    // A bad --config path: before the config is read, the option's language.
    let zh = mpaudit::audit(&Options {
        root: "fixtures/broken-js-next-to-good".into(),
        config: Some("no-such-config.json".into()),
        lang: Some(Lang::Zh),
        ..Default::default()
    })
    .unwrap_err()
    .to_string();
    assert!(
        zh.starts_with("无法读取配置文件 no-such-config.json："),
        "{zh}"
    );
}

#[test]
fn suppression_and_read_findings_are_chinese() {
    let project = TempProject::new(
        "i18n-pipeline-suppress",
        &[
            ("app.json", r#"{"pages": ["pages/index/index"]}"#),
            (
                "pages/index/index.js",
                "// mpaudit-ignore-next-line no-such-rule\nPage({})\n// mpaudit-ignore-line x\n",
            ),
            ("pages/index/index.wxml", "<view>\u{0}</view>"),
        ],
    );
    let zh = audit(project.path(), Some(Lang::Zh));
    let messages: Vec<&str> = zh.findings.iter().map(|f| f.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("`mpaudit-ignore-next-line` 写了未知的规则 `no-such-rule`")),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"`mpaudit-ignore-line` 不是忽略指令；请使用 `mpaudit-ignore-next-line <rule>` 或 `mpaudit-ignore-file <rule>`"),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("pages/index/index.wxml 不是文本文件")),
        "{messages:?}"
    );
}
