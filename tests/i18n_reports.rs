//! The reports' own texts in Chinese (issue 17): the human report's
//! sections and summary line, the HTML report, `manifest --format markdown`
//! and the machine formats' texts for people. The findings' texts are
//! translated elsewhere; these tests look at what the reporters write.

use std::path::Path;

use mpaudit::{Audit, Lang, Options};

use crate::util::{self, run};

fn audit(name: &str, lang: Lang) -> Audit {
    mpaudit::audit(&Options {
        root: Path::new("fixtures").join(name),
        threads: Some(1),
        lang: Some(lang),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The part of `report` after the last finding: the sections and the
/// summary line.
fn sections(report: &str) -> &str {
    let start = ["隐私接口清单", "privacy inventory"]
        .iter()
        .filter_map(|heading| report.find(heading))
        .min()
        .expect("an inventory section");
    &report[start..]
}

/// The terminal column where `needle` starts in `line` (CJK characters
/// take two).
fn column_of(line: &str, needle: &str) -> usize {
    let at = line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {line}"));
    mpaudit::internals::i18n::width(&line[..at])
}

#[test]
fn human_report_sections_are_chinese() {
    let zh = util::human(&audit("manifest-several-types", Lang::Zh));
    let tail = sections(&zh);
    for heading in [
        "隐私接口清单：\n",
        "涉及隐私数据的页面（4 个，共 4 个页面）：\n",
        "隐私授权处理：`wx.onNeedPrivacyAuthorization`，位于 miniprogram/app.js:3:8\n",
        "各页面的隐私授权处理：\n",
        "✖ 8 个错误，2 个警告 · 已检查 16 个文件\n",
    ] {
        assert!(tail.contains(heading), "{heading:?} in\n{tail}");
    }
    for english in [
        "privacy inventory",
        "pages that reach",
        "consent",
        "listener",
        "NOT DECLARED",
        "declared",
        "no page",
        "errors",
        "audited",
    ] {
        assert!(!tail.contains(english), "{english:?} in\n{tail}");
    }
    insta::assert_snapshot!("human_zh_manifest_several_types", tail);

    // English keeps its words (and its snapshot in tests/fixtures.rs).
    let en = util::human(&audit("manifest-several-types", Lang::En));
    assert!(sections(&en).starts_with("privacy inventory:\n"));
    assert!(en.ends_with("✖ 8 errors, 2 warnings · 16 files audited\n"));
}

#[test]
fn human_report_columns_align_by_display_width() {
    let zh = util::human(&audit("manifest-several-types", Lang::Zh));
    let tail = sections(&zh);
    let lines: Vec<&str> = tail.lines().collect();
    // Inventory rows: the names are Chinese of different widths, the counts
    // and the status start in the same terminal column on every row.
    let rows: Vec<&str> = lines
        .iter()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .copied()
        .collect();
    assert_eq!(rows.len(), 7, "{tail}");
    let counts: Vec<usize> = rows.iter().map(|r| column_of(r, "处调用")).collect();
    assert!(
        counts.windows(2).all(|w| w[0] == w[1]),
        "{counts:?}\n{tail}"
    );
    let status: Vec<usize> = rows
        .iter()
        .map(|r| {
            let at = r.rfind("个文件").unwrap() + "个文件".len();
            column_of(r, &r[at..].trim_start()[..3])
        })
        .collect();
    assert!(
        status.windows(2).all(|w| w[0] == w[1]),
        "{status:?}\n{tail}"
    );
    // The names are padded by width, not by chars or bytes: the widest
    // name is followed by exactly the two separating spaces.
    assert!(
        rows.iter()
            .any(|r| r.contains("用户信息类型") || r.contains('）')),
        "{tail}"
    );
    // Pages: the page column ends where the widest label (不属于任何页面,
    // 14 columns, or the longest page path) ends.
    let pages: Vec<&str> = lines
        .iter()
        .skip_while(|l| !l.starts_with("涉及隐私数据的页面"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .copied()
        .collect();
    let keys: Vec<usize> = pages
        .iter()
        .map(|l| {
            let trimmed = l.trim_start();
            let label_end = trimmed.find("  ").unwrap();
            let rest = &trimmed[label_end..];
            let gap = rest.len() - rest.trim_start().len();
            2 + mpaudit::internals::i18n::width(&trimmed[..label_end]) + gap
        })
        .collect();
    assert!(pages.iter().any(|l| l.contains("不属于任何页面")), "{tail}");
    assert!(keys.windows(2).all(|w| w[0] == w[1]), "{keys:?}\n{tail}");
}

#[test]
fn human_report_identity_section_is_chinese() {
    let zh = util::human(&audit("session-key-and-decrypt-on-client", Lang::Zh));
    let tail = sections(&zh);
    assert!(tail.contains("登录与用户身份：\n"), "{tail}");
    assert!(
        tail.contains("  登录：wx.login，位于 app.js:11:8\n"),
        "{tail}"
    );
    assert!(
        tail.contains("  ✖ session_key 存到了本地，位于 app.js:22:31（另有 1 处）\n"),
        "{tail}"
    );
    assert!(!tail.contains("identity:"), "{tail}");
    assert!(!tail.contains(" at "), "{tail}");
    insta::assert_snapshot!("human_zh_identity", tail);
}

#[test]
fn html_report_is_chinese_and_tagged() {
    let (code, zh, err) = run(&[
        "check",
        "fixtures/manifest-several-types",
        "--format",
        "html",
        "--lang",
        "zh",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(zh.contains("<html lang=\"zh-CN\">"), "{zh}");
    for text in [
        "<title>示例商城 · mpaudit 隐私检查报告</title>",
        "<h2 id=\"declaration\">隐私保护指引与代码对照</h2>",
        "<h2 id=\"inventory\">按用户信息类型列出的隐私接口</h2>",
        "<th>用户信息类型</th><th>代码需要</th>",
        "<span class=\"badge undeclared\">未声明</span>",
        "<span class=\"badge error\">错误</span>",
        "content: \"建议：\"",
    ] {
        assert!(zh.contains(text), "{text:?} missing");
    }
    for english in [
        "privacy report",
        "Declaration vs code",
        "Inventory by privacy type",
        "Findings",
        "Generated by",
        ">undeclared<",
        ">error<",
        "help: ",
    ] {
        assert!(
            !zh.contains(english),
            "{english:?} still in the Chinese HTML"
        );
    }
    let version = env!("CARGO_PKG_VERSION");
    insta::assert_snapshot!(
        "html_zh_manifest_several_types",
        zh.replace(version, "[version]")
    );

    let (_, en, _) = run(&[
        "check",
        "fixtures/manifest-several-types",
        "--format",
        "html",
        "--lang",
        "en",
    ]);
    assert!(en.contains("<html lang=\"en\">"), "{en}");
    assert!(!en.contains("lang=\"zh-CN\""));
    assert!(en.contains("<h2 id=\"declaration\">Declaration vs code</h2>"));
}

#[test]
fn manifest_markdown_is_chinese() {
    let (code, zh, err) = run(&[
        "manifest",
        "fixtures/manifest-several-types",
        "--format",
        "markdown",
        "--lang",
        "zh",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(zh.starts_with("## 示例商城：用户信息类型\n"), "{zh}");
    assert!(zh.contains("| 接口 |"), "{zh}");
    assert!(zh.contains("### 已声明但代码不需要的类型"), "{zh}");
    for english in ["privacy types", "| APIs |", "| declared |", "not declared"] {
        assert!(!zh.contains(english), "{english:?} in\n{zh}");
    }
    insta::assert_snapshot!("manifest_markdown_zh", zh);

    let (_, en, _) = run(&[
        "manifest",
        "fixtures/manifest-several-types",
        "--format",
        "markdown",
        "--lang",
        "en",
    ]);
    assert!(en.starts_with("## 示例商城: privacy types\n"), "{en}");
}

#[test]
fn machine_formats_write_their_own_texts_in_chinese() {
    for (format, chinese, english) in [
        (
            "concise",
            "mpaudit：8 个错误，2 个警告，已检查 16 个文件",
            "errors",
        ),
        (
            "github",
            "mpaudit：8 个错误，2 个警告，已检查 16 个文件",
            "warnings in",
        ),
        ("github", "%0A建议：", "%0Ahelp: "),
        ("gitlab", "\\n建议：", "\\nhelp: "),
        ("rdjson", "\\n建议：", "\\nhelp: "),
        ("sarif", "\\n建议：", "\\nhelp: "),
        (
            "sarif",
            "使用了隐私接口，但没有声明它对应的用户信息类型",
            "## What it does",
        ),
    ] {
        let (_, out, err) = run(&[
            "check",
            "fixtures/manifest-several-types",
            "--format",
            format,
            "--lang",
            "zh",
        ]);
        assert!(
            out.contains(chinese),
            "{format}: {chinese:?} missing\n{err}"
        );
        assert!(!out.contains(english), "{format}: {english:?} found");
    }
}

#[test]
fn github_step_summary_is_chinese() {
    let audit = audit("manifest-several-types", Lang::Zh);
    let dir = std::env::temp_dir().join(format!("mpaudit-i18n-reports-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let summary = dir.join("summary.md");
    let mut out = Vec::new();
    mpaudit::write_report(
        mpaudit::Format::Github,
        &audit,
        &mpaudit::ReportOptions::default(),
        Some(&summary),
        &mut out,
    )
    .unwrap();
    let md = std::fs::read_to_string(&summary).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(md.contains("| 规则 | 级别 | 问题数 |"), "{md}");
    assert!(md.contains("### 隐私接口清单"), "{md}");
    assert!(md.contains("| 地址（Address） | 1 | **否** |"), "{md}");
    assert!(!md.contains("Privacy inventory"), "{md}");
}
