//! `README.zh-CN.md` stays in step with `README.md`: the generated Chinese
//! rule table, every rule id, the quick-start commands, the output-format
//! sections, the CI recipes' code, the sections, and the links between them.

use mpaudit::internals::i18n::{rules_markdown, Lang};

const ZH: &str = "README.zh-CN.md";

/// The sections of README.md and their Chinese counterparts, in order.
const SECTIONS: &[(&str, &str)] = &[
    ("Quick start", "快速开始"),
    ("Install", "安装"),
    ("Usage", "用法"),
    ("Rules", "规则"),
    ("Suppressions and baseline", "忽略与基线"),
    ("Output formats", "输出格式"),
    ("Exit codes", "退出码"),
    ("CI recipes", "CI 集成"),
    ("License", "许可证"),
];

/// Sections of README.md for contributors, which the Chinese README links to
/// instead of translating.
const NOT_TRANSLATED: &[&str] = &["Performance", "Development"];

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `## ` headings outside code blocks.
fn h2(markdown: &str) -> Vec<String> {
    let mut inside = false;
    let mut out = Vec::new();
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            inside = !inside;
        } else if !inside {
            if let Some(h) = line.strip_prefix("## ") {
                out.push(h.to_owned());
            }
        }
    }
    out
}

/// The text of the `## <heading>` section, up to the next `## `.
fn section<'a>(markdown: &'a str, heading: &str) -> &'a str {
    let start = markdown
        .find(&format!("\n## {heading}\n"))
        .unwrap_or_else(|| panic!("no section ## {heading}"))
        + 1;
    let rest = &markdown[start + 3..];
    let end = rest.find("\n## ").map_or(markdown.len(), |e| start + 3 + e);
    &markdown[start..end]
}

/// The fenced code blocks of `text`, with their info string: `(lang, body)`.
fn code_blocks(text: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, Vec<&str>)> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        match &mut current {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    current = Some((info.to_owned(), Vec::new()));
                }
            }
            Some((info, body)) => {
                if trimmed.starts_with("```") {
                    blocks.push((info.clone(), body.join("\n")));
                    current = None;
                } else {
                    body.push(trimmed);
                }
            }
        }
    }
    blocks
}

/// The commands of `sh` blocks: each line without its `# comment`.
fn commands(text: &str) -> Vec<String> {
    code_blocks(text)
        .into_iter()
        .filter(|(info, _)| info == "sh")
        .flat_map(|(_, body)| {
            body.lines()
                .map(|l| match l.find(" #") {
                    Some(i) => l[..i].trim().to_owned(),
                    None if l.trim_start().starts_with('#') => String::new(),
                    None => l.trim().to_owned(),
                })
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn format_sections(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .filter_map(|l| l.strip_prefix("### `--format "))
        .map(|l| l.split('`').next().unwrap().to_owned())
        .collect()
}

#[test]
fn readme_zh_holds_the_generated_chinese_rule_table() {
    let readme = read(ZH);
    let table = rules_markdown(Lang::Zh, &mpaudit::ALL_RULES);
    assert!(
        readme.contains(&table),
        "{ZH}'s rule table is out of date; replace it with:\n{table}"
    );
    for rule in mpaudit::ALL_RULES.iter() {
        assert!(
            readme.contains(&format!("`{}`", rule.code)),
            "{ZH} lacks {}",
            rule.code
        );
    }
}

#[test]
fn readme_zh_has_the_quick_start_commands() {
    let en = commands(section(&read("README.md"), "Quick start"));
    let zh = commands(section(&read(ZH), "快速开始"));
    assert!(en.iter().any(|c| c.starts_with("mpaudit init")));
    assert_eq!(
        zh, en,
        "the quick-start commands of {ZH} differ from README.md's"
    );
}

#[test]
fn readme_zh_has_every_output_format_section() {
    use clap::ValueEnum;
    let en = format_sections(&read("README.md"));
    let zh = format_sections(&read(ZH));
    assert_eq!(zh, en, "the `### --format X` sections differ");
    for format in mpaudit::Format::value_variants() {
        let name = format.to_possible_value().unwrap().get_name().to_owned();
        assert!(
            zh.contains(&name),
            "{ZH} has no section for --format {name}"
        );
    }
}

#[test]
fn readme_zh_has_the_ci_recipes_code() {
    let en: Vec<_> = code_blocks(section(&read("README.md"), "CI recipes"));
    let zh = code_blocks(section(&read(ZH), "CI 集成"));
    let missing: Vec<_> = zh.iter().filter(|b| !en.contains(b)).collect();
    assert!(
        missing.is_empty(),
        "code blocks of {ZH}'s CI recipes that README.md no longer has (update them): {missing:#?}"
    );
    for lang in ["yaml", "json", "js"] {
        let en_n = en.iter().filter(|(i, _)| i == lang).count();
        let zh_n = zh.iter().filter(|(i, _)| i == lang).count();
        assert!(zh_n > 0 && zh_n <= en_n, "{lang} blocks: {zh_n} of {en_n}");
    }
}

#[test]
fn readme_zh_has_the_sections_of_readme_in_order() {
    let en = h2(&read("README.md"));
    let zh = h2(&read(ZH));
    for heading in &en {
        assert!(
            SECTIONS.iter().any(|(e, _)| e == heading) || NOT_TRANSLATED.contains(&heading.as_str()),
            "README.md has a new section `## {heading}`: add it to {ZH} and to SECTIONS in tests/readme_zh.rs, or to NOT_TRANSLATED"
        );
    }
    let want: Vec<&str> = SECTIONS
        .iter()
        .filter(|(e, _)| en.iter().any(|h| h == e))
        .map(|(_, z)| *z)
        .collect();
    assert_eq!(zh, want, "the ## sections of {ZH}");
}

#[test]
fn readmes_link_to_each_other() {
    let en = read("README.md");
    let zh = read(ZH);
    let top = |s: &str| s.lines().take(5).collect::<Vec<_>>().join("\n");
    assert!(
        top(&en).contains("](README.zh-CN.md)"),
        "README.md links to {ZH} at the top"
    );
    assert!(
        top(&zh).contains("](README.md)"),
        "{ZH} links to README.md at the top"
    );
}
