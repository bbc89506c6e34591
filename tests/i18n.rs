//! `mpaudit::i18n`: the drift tests of the catalogs (`locales/*/*.ftl`) and the
//! Chinese rule docs (`locales/zh-CN/rules/`), and the tests of `Lang`,
//! `width` and `pad`. (The `t!` macro is tested beside it, in src/i18n.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

use mpaudit::internals::i18n::*;
use mpaudit::Rule;
use mpaudit::ALL_RULES;

/// Messages whose Chinese text may be the English one, or have no Chinese
/// character: names of code that stay as they are.
const SAME_IN_BOTH: &[&str] = &[
    // the parameter of the wx.onNeedPrivacyAuthorization listener
    "html-column-resolve",
    // punctuation: "、" in Chinese, ", " in English
    "list-separator",
    "unaudited-source-separator",
];

/// The English rule-doc headings and their Chinese translations, in order.
const HEADINGS: [(&str, &str); 5] = [
    ("What it does", "作用"),
    ("Why is this bad?", "为什么有问题"),
    ("Example", "示例"),
    ("How to fix", "如何修复"),
    ("References", "参考"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------- Lang

fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_owned())
    }
}

#[test]
fn from_env_reads_lc_all_then_lc_messages_then_lang() {
    assert_eq!(Lang::from_lookup(env(&[])), Lang::En);
    assert_eq!(Lang::from_lookup(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
    assert_eq!(Lang::from_lookup(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
    assert_eq!(
        Lang::from_lookup(env(&[("LC_MESSAGES", "zh_TW"), ("LANG", "en_US")])),
        Lang::Zh
    );
    assert_eq!(
        Lang::from_lookup(env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
        Lang::En,
        "a set LC_ALL wins, even C"
    );
    assert_eq!(
        Lang::from_lookup(env(&[
            ("LC_ALL", "zh_CN.GBK"),
            ("LC_MESSAGES", "en_US"),
            ("LANG", "en_US")
        ])),
        Lang::Zh
    );
    assert_eq!(
        Lang::from_lookup(env(&[("LC_ALL", ""), ("LC_MESSAGES", ""), ("LANG", "zh")])),
        Lang::Zh,
        "empty variables are skipped"
    );
    for other in ["C", "POSIX", "C.UTF-8", "ja_JP.UTF-8", "zha", "fr_FR"] {
        assert_eq!(
            Lang::from_lookup(env(&[("LANG", other)])),
            Lang::En,
            "{other}"
        );
    }
}

#[test]
fn from_env_reads_the_process_environment() {
    // Only that it does not panic: the value depends on the machine.
    let _ = Lang::from_env();
}

#[test]
fn parse_accepts_locale_spellings() {
    for zh in [
        "zh",
        "zh-CN",
        "zh_CN",
        "zh_CN.UTF-8",
        "ZH-cn",
        "zh-Hans",
        " zh ",
    ] {
        assert_eq!(Lang::parse(zh), Some(Lang::Zh), "{zh}");
        assert_eq!(zh.parse::<Lang>(), Ok(Lang::Zh));
    }
    for en in ["en", "en-US", "en_GB.UTF-8", "EN"] {
        assert_eq!(Lang::parse(en), Some(Lang::En), "{en}");
    }
    for bad in ["", "cn", "chinese", "zha", "fr", "english"] {
        assert_eq!(Lang::parse(bad), None, "{bad}");
        assert!(bad.parse::<Lang>().is_err());
    }
    assert_eq!(
        "fr".parse::<Lang>().unwrap_err().to_string(),
        "unknown language `fr` (expected zh or en)"
    );
    assert_eq!(Lang::En.tag(), "en");
    assert_eq!(Lang::Zh.to_string(), "zh-CN");
    for lang in Lang::ALL {
        assert_eq!(Lang::parse(lang.tag()), Some(lang));
    }
}

#[test]
fn lang_in_json_and_on_the_command_line() {
    let lang: Lang = serde_json::from_str("\"zh_CN.UTF-8\"").unwrap();
    assert_eq!(lang, Lang::Zh);
    assert_eq!(serde_json::to_string(&Lang::Zh).unwrap(), "\"zh-CN\"");
    let err = serde_json::from_str::<Lang>("\"fr\"")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("unknown language `fr` (expected zh or en)"),
        "{err}"
    );
    // clap takes it through FromStr: `#[arg(long, value_parser = clap::value_parser!(Lang))]`.
    let cmd = clap::Command::new("t").arg(
        clap::Arg::new("lang")
            .long("lang")
            .value_parser(clap::value_parser!(Lang)),
    );
    let m = cmd
        .clone()
        .try_get_matches_from(["t", "--lang", "zh"])
        .unwrap();
    assert_eq!(m.get_one::<Lang>("lang"), Some(&Lang::Zh));
    assert!(cmd.try_get_matches_from(["t", "--lang", "de"]).is_err());
}

#[test]
fn width_counts_cjk_as_two_columns() {
    assert_eq!(width("Location"), 8);
    assert_eq!(width("地理位置"), 8);
    assert_eq!(width("隐私接口：getLocation"), 10 + 11);
    assert_eq!(width("（）"), 4, "fullwidth punctuation");
    assert_eq!(width("·✔✖"), 3);
    assert_eq!(pad("位置", 6), "位置  ");
    assert_eq!(pad("abc", 6), "abc   ");
    assert_eq!(pad("地理位置", 4), "地理位置");
    assert_eq!(pad("地理位置", 2), "地理位置", "never cut");
}

// ---------------------------------------------------------------- text

// ---------------------------------------------------------------- catalogs

/// Every message of a language: id → (placeholder names, file).
fn messages(lang: Lang) -> BTreeMap<String, (BTreeSet<String>, &'static str)> {
    let mut out = BTreeMap::new();
    for catalog in catalogs(lang) {
        let resource = match fluent_syntax::parser::parse(catalog.source) {
            Ok(r) => r,
            Err((_, errors)) => panic!(
                "locales/{}/{} does not parse: {errors:?}",
                lang.tag(),
                catalog.file
            ),
        };
        for entry in resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    assert!(
                        m.attributes.is_empty(),
                        "{}: attributes are not used",
                        m.id.name
                    );
                    let pattern = m
                        .value
                        .unwrap_or_else(|| panic!("{} has no value", m.id.name));
                    let mut names = BTreeSet::new();
                    pattern_variables(&pattern, &mut names);
                    let old = out.insert(m.id.name.to_owned(), (names, catalog.file));
                    assert!(
                        old.is_none(),
                        "message `{}` is defined twice in {}",
                        m.id.name,
                        lang.tag()
                    );
                }
                ast::Entry::Term(t) => panic!("term -{} : terms are not used", t.id.name),
                ast::Entry::Junk { content } => panic!("junk in {}: {content}", catalog.file),
                _ => {}
            }
        }
    }
    out
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                pattern_variables(&v.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. } => {}
        other => panic!("only variables, selectors and literals are used: {other:?}"),
    }
}

/// The text of a message with every placeholder filled with a sample.
fn sample(lang: Lang, id: &str, names: &BTreeSet<String>) -> String {
    let args: Vec<(&str, Arg<'_>)> = names.iter().map(|n| (n.as_str(), Arg::Num(2.0))).collect();
    lang.text(id, &args)
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[test]
fn every_ftl_file_is_embedded() {
    for lang in Lang::ALL {
        let dir = root().join("locales").join(lang.tag());
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                name.ends_with(".ftl").then_some(name)
            })
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = catalogs(lang).iter().map(|c| c.file.to_owned()).collect();
        embedded.sort();
        assert_eq!(
            on_disk,
            embedded,
            "list every .ftl of {} in i18n::catalogs",
            dir.display()
        );
    }
}

#[test]
fn every_message_is_in_both_languages_with_the_same_placeholders() {
    let en = messages(Lang::En);
    let zh = messages(Lang::Zh);
    let en_ids: BTreeSet<_> = en.keys().collect();
    let zh_ids: BTreeSet<_> = zh.keys().collect();
    assert_eq!(
        en_ids.difference(&zh_ids).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "missing in locales/zh-CN"
    );
    assert_eq!(
        zh_ids.difference(&en_ids).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "missing in locales/en"
    );
    for (id, (names, file)) in &en {
        let (zh_names, zh_file) = &zh[id];
        // `n_…` placeholders are numbers that only choose English plural
        // forms (`{ $n_files -> [one] file *[other] files }`): Chinese,
        // which has none, may leave them out.
        let spoken = |names: &BTreeSet<String>| -> BTreeSet<String> {
            names
                .iter()
                .filter(|n| !n.starts_with("n_"))
                .cloned()
                .collect()
        };
        assert_eq!(
            spoken(names),
            spoken(zh_names),
            "placeholders of `{id}` differ"
        );
        assert!(
            zh_names.is_subset(names),
            "`{id}` in Chinese uses a placeholder English does not have"
        );
        assert_eq!(
            file, zh_file,
            "`{id}` is in {file} in English, {zh_file} in Chinese"
        );
        for name in names {
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    && !name.starts_with(|c: char| c.is_ascii_digit()),
                "placeholder `{name}` of `{id}` must be a snake_case Rust identifier (t! names it)"
            );
        }
    }
}

#[test]
fn chinese_texts_are_chinese() {
    let en = messages(Lang::En);
    for (id, (names, _)) in messages(Lang::Zh) {
        let zh_text = sample(Lang::Zh, &id, &names);
        let en_text = sample(Lang::En, &id, &en[&id].0);
        if SAME_IN_BOTH.contains(&id.as_str()) {
            continue;
        }
        assert_ne!(
            zh_text, en_text,
            "`{id}` is not translated (or add it to SAME_IN_BOTH)"
        );
        assert!(
            zh_text.chars().any(is_ideograph),
            "`{id}` has no Chinese: {zh_text:?} (or add it to SAME_IN_BOTH)"
        );
    }
    for id in SAME_IN_BOTH {
        assert!(en.contains_key(*id), "SAME_IN_BOTH lists unknown `{id}`");
    }
}

/// Chinese texts use fullwidth punctuation next to Chinese characters:
/// `，` not `,`, `（` not `(`, `：` not `:`.
#[test]
fn chinese_punctuation_is_fullwidth() {
    let mut bad = Vec::new();
    let mut check = |what: &str, text: &str| {
        for line in text.lines() {
            let chars: Vec<char> = line.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                let next_to_chinese = (i > 0 && is_ideograph(chars[i - 1]))
                    || chars.get(i + 1).copied().is_some_and(is_ideograph);
                if matches!(c, ',' | ';' | '(' | ')' | '!' | '?') && next_to_chinese {
                    bad.push(format!("{what}: `{c}` in {line:?}"));
                }
            }
        }
    };
    for (id, (names, _)) in messages(Lang::Zh) {
        check(&id, &sample(Lang::Zh, &id, &names));
    }
    for rule in ALL_RULES.iter() {
        let docs = Lang::Zh.rule_docs(rule);
        check(rule.code, &prose(&docs).join("\n"));
        check(rule.code, Lang::Zh.rule_summary(rule));
    }
    assert!(
        bad.is_empty(),
        "ASCII punctuation next to Chinese:\n{}",
        bad.join("\n")
    );
}

#[test]
fn english_fix_texts_are_the_rules() {
    for rule in ALL_RULES.iter() {
        let id = format!("rule-fix-{}", rule.code);
        match rule.fix() {
            Some(fix) => {
                assert_eq!(Lang::En.text(&id, &[]), fix, "{id} differs from Rule::fix");
                assert!(Lang::Zh.has(&id), "{id} missing in Chinese");
                assert_eq!(Lang::En.rule_fix(rule).as_deref(), Some(fix));
                assert_ne!(Lang::Zh.rule_fix(rule).as_deref(), Some(fix));
            }
            None => {
                assert!(!Lang::En.has(&id), "{id}: the rule has no fix");
                assert_eq!(Lang::Zh.rule_fix(rule), None);
            }
        }
    }
}

#[test]
fn english_rule_table_is_the_clis() {
    assert_eq!(
        rules_markdown(Lang::En, &ALL_RULES),
        mpaudit::cli::rules_markdown(),
        "i18n::rules_markdown(Lang::En) must stay cli::rules_markdown()"
    );
    let zh = rules_markdown(Lang::Zh, &ALL_RULES);
    assert!(zh.starts_with("| 规则 | 级别 | 检查内容 | 自动修复 |\n"));
    assert_eq!(zh.lines().count(), ALL_RULES.len() + 2);
}

// ------------------------------------------------- the code's message ids

/// A `t!(lang, "id", a = …, b = …)` in `src/`: file, line, id, names.
struct Use {
    at: String,
    id: String,
    names: BTreeSet<String>,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The `t!(…)` calls of `text` (outside this module's docs and tests).
fn uses_in(file: &str, text: &str) -> Vec<Use> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("t!(").map(|i| i + from) {
        from = i + 3;
        if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
            continue;
        }
        // The argument list, up to the matching `)`, skipping strings.
        let (mut depth, mut j, mut in_str) = (1, i + 3, false);
        let mut top_commas = Vec::new();
        while j < bytes.len() && depth > 0 {
            let b = bytes[j];
            if in_str {
                if b == b'\\' {
                    j += 1;
                } else if b == b'"' {
                    in_str = false;
                }
            } else {
                match b {
                    b'"' => in_str = true,
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' => depth -= 1,
                    b',' if depth == 1 => top_commas.push(j),
                    _ => {}
                }
            }
            j += 1;
        }
        let args = &text[i + 3..j - 1];
        let mut parts = Vec::new();
        let mut start = i + 3;
        for c in &top_commas {
            parts.push(&text[start..*c]);
            start = c + 1;
        }
        parts.push(&text[start..j - 1]);
        let Some(id) = parts.get(1).map(|p| p.trim()) else {
            continue;
        };
        let Some(id) = id.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
            panic!("{file}: t! takes a literal id: t!({args})");
        };
        let names = parts[2..]
            .iter()
            .filter(|p| !p.trim().is_empty())
            .map(|p| p.split('=').next().unwrap().trim().to_owned())
            .collect();
        let line = text[..i].matches('\n').count() + 1;
        out.push(Use {
            at: format!("{file}:{line}"),
            id: id.to_owned(),
            names,
        });
    }
    out
}

#[test]
fn every_id_the_code_asks_for_exists_with_its_placeholders() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let catalogs: Vec<_> = Lang::ALL.iter().map(|l| (l, messages(*l))).collect();
    let mut problems = Vec::new();
    let mut seen = 0;
    for path in files {
        if path.starts_with(root().join("src/i18n")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let file = path.strip_prefix(root()).unwrap().display().to_string();
        for u in uses_in(&file, &text) {
            seen += 1;
            for (lang, messages) in &catalogs {
                match messages.get(&u.id) {
                    None => problems.push(format!("{}: no `{}` in {}", u.at, u.id, lang.tag())),
                    // A language may leave out `n_…` plural selectors.
                    Some((names, _))
                        if !names.is_subset(&u.names)
                            || u.names
                                .iter()
                                .any(|n| !n.starts_with("n_") && !names.contains(n)) =>
                    {
                        problems.push(format!(
                            "{}: `{}` takes {names:?}, given {:?}",
                            u.at, u.id, u.names
                        ))
                    }
                    Some(_) => {}
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let _ = seen;
}

#[test]
fn the_use_scanner_reads_t_calls() {
    let src = "let a = t!(lang, \"summary-files\", files = n.len());\nassert!(x);\nt!(Lang::Zh, \"consent-at\", api = f(a, b), location = \"x,y\")";
    let uses = uses_in("x.rs", src);
    assert_eq!(uses.len(), 2);
    assert_eq!(uses[0].id, "summary-files");
    assert_eq!(uses[0].names, BTreeSet::from(["files".to_owned()]));
    assert_eq!(uses[1].at, "x.rs:3");
    assert_eq!(
        uses[1].names,
        BTreeSet::from(["api".to_owned(), "location".to_owned()])
    );
}

// ---------------------------------------------------------------- rule docs

/// The ` ``` ` fenced blocks of a Markdown text, fences included.
fn code_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.starts_with("```") => current = Some(vec![line]),
            None => {}
            Some(block) => {
                block.push(line);
                if line.starts_with("```") {
                    blocks.push(block.join("\n"));
                    current = None;
                }
            }
        }
    }
    assert!(current.is_none(), "an unclosed ``` block");
    blocks
}

/// The lines outside fenced blocks that are not headings.
fn prose(markdown: &str) -> Vec<&str> {
    let mut inside = false;
    markdown
        .lines()
        .filter(|line| {
            if line.starts_with("```") {
                inside = !inside;
                return false;
            }
            !inside && !line.starts_with("## ")
        })
        .collect()
}

fn urls(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in markdown.match_indices("http") {
        let rest = &markdown[i..];
        if !(rest.starts_with("http://") || rest.starts_with("https://")) {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || "()（）<>\"'`，。；、".contains(c))
            .unwrap_or(rest.len());
        let url = rest[..end].trim_end_matches(['.', ',', ';', ':']);
        // http:// in prose about plain-HTTP URLs is not a link
        if url.len() > "https://".len() {
            out.push(url.to_owned());
        }
    }
    out
}

fn headings(markdown: &str) -> Vec<&str> {
    prose_and_headings(markdown)
        .filter_map(|l| l.strip_prefix("## "))
        .collect()
}

fn prose_and_headings(markdown: &str) -> impl Iterator<Item = &str> {
    let mut inside = false;
    markdown.lines().filter(move |line| {
        if line.starts_with("```") {
            inside = !inside;
            return false;
        }
        !inside
    })
}

/// Prose without inline code and URLs: what a reader reads as sentences.
fn words(markdown: &str) -> String {
    let text = prose(markdown).join("\n");
    let mut out = String::new();
    let mut in_code = false;
    for c in text.chars() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code {
            out.push(c);
        }
    }
    urls(&out)
        .iter()
        .fold(out.clone(), |acc, url| acc.replace(url.as_str(), ""))
}

#[test]
fn every_rule_has_chinese_docs_in_step_with_the_english() {
    let mut problems = Vec::new();
    for rule in ALL_RULES.iter() {
        let Some((summary, docs)) = chinese_rule_doc(rule.code) else {
            problems.push(format!(
                "{}: add locales/zh-CN/rules/{}.md (the Chinese summary, a blank line, then ## 作用 … ## 参考 with the English code blocks and URLs) and list it in src/i18n/rules.rs",
                rule.code, rule.code
            ));
            continue;
        };
        let en = rule.markdown();
        let code = rule.code;
        if summary.is_empty() || !summary.chars().any(is_ideograph) {
            problems.push(format!(
                "{code}: the first line must be the Chinese summary"
            ));
        }
        if summary.ends_with('。') || summary.ends_with('.') {
            problems.push(format!("{code}: the summary ends without a period"));
        }
        let want: Vec<&str> = headings(&en)
            .iter()
            .map(|h| {
                HEADINGS
                    .iter()
                    .find(|(e, _)| e == h)
                    .map_or(*h, |(_, z)| *z)
            })
            .collect();
        assert_eq!(
            headings(&en),
            HEADINGS.map(|(e, _)| e),
            "{code}: English headings"
        );
        if headings(docs) != want {
            problems.push(format!(
                "{code}: headings {:?}, want {want:?}",
                headings(docs)
            ));
        }
        if !docs.starts_with("## 作用\n") {
            problems.push(format!(
                "{code}: the docs start with ## 作用 after the summary and a blank line"
            ));
        }
        if code_blocks(docs) != code_blocks(&en) {
            problems.push(format!(
                "{code}: the code blocks differ from the English docs"
            ));
        }
        if urls(docs) != urls(&en) {
            problems.push(format!(
                "{code}: URLs {:?}, want {:?}",
                urls(docs),
                urls(&en)
            ));
        }
        // Not left in English: outside code and URLs, at least one Chinese
        // character for three Latin letters (English docs are below 0.15,
        // the Chinese ones above 0.4: API names stay Latin).
        let text = words(docs);
        let cjk = text.chars().filter(|c| is_ideograph(*c)).count();
        let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
        if cjk * 3 < latin || cjk < 40 {
            problems.push(format!(
                "{code}: reads as English ({cjk} Chinese characters, {latin} Latin letters outside code)"
            ));
        }
        // Every paragraph of prose has Chinese in it.
        for paragraph in prose(docs).join("\n").split("\n\n") {
            let text = words(paragraph);
            let latin_words = text
                .split_whitespace()
                .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() > 2)
                .count();
            if latin_words > 3
                && !text.chars().any(is_ideograph)
                && !paragraph.trim_start().starts_with("- http")
            {
                problems.push(format!("{code}: a paragraph in English: {paragraph:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_chinese_rule_doc_is_a_rule() {
    let dir = root().join("locales/zh-CN/rules");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = chinese_rule_doc_ids()
        .map(|id| format!("{id}.md"))
        .collect();
    listed.sort();
    assert_eq!(
        files,
        listed,
        "list every file of {} in i18n/rules.rs",
        dir.display()
    );
    for id in chinese_rule_doc_ids() {
        assert!(
            Rule::find(&ALL_RULES, id).is_some(),
            "locales/zh-CN/rules/{id}.md: no such rule"
        );
    }
}

#[test]
fn rule_texts_by_language() {
    let rule = Rule::find(&ALL_RULES, "undeclared-privacy-type").unwrap();
    assert_eq!(Lang::En.rule_summary(rule), rule.summary);
    assert_eq!(Lang::En.rule_docs(rule), rule.markdown());
    assert!(Lang::Zh
        .rule_docs(rule)
        .contains("设置 → 服务内容声明 → 用户隐私保护指引"));
    assert_eq!(
        Lang::Zh.rule_summary(rule),
        "使用了隐私接口，但没有声明它对应的用户信息类型"
    );
}

#[test]
fn english_explain_is_the_clis() {
    for rule in ALL_RULES.iter() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = mpaudit::cli::run(["mpaudit", "explain", rule.code], &mut out, &mut err);
        assert_eq!(code, 0);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            explain(Lang::En, rule),
            "{}",
            rule.code
        );
    }
    let rule = Rule::find(&ALL_RULES, "missing-background-location-mode").unwrap();
    let zh = explain(Lang::Zh, rule);
    assert!(
        zh.starts_with(
            "# missing-background-location-mode（错误，0.1.0 版本起）\n\n修复：`mpaudit check --fix` 会在 `requiredBackgroundModes` 中添加 `location`。\n\n## 作用\n"
        ),
        "{zh}"
    );
}
