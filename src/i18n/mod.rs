//! Languages: every text mpaudit shows a person, in English and in Chinese.
//!
//! A foundation module: it imports nothing from the crate but [`crate::rule`],
//! so every stage, the reports and the command line can use it.
//!
//! - [`Lang`] is the language of one run: `--lang`, `lang` in `mpaudit.json`,
//!   or [`Lang::from_env`] (`LC_ALL`, then `LC_MESSAGES`, then `LANG`). It is a
//!   value passed to whatever writes text, never process-global state: two
//!   audits in one process (tests run both languages in parallel, a library
//!   user serves both) each use their own.
//! - [`Lang::text`] (or the [`t!`] macro inside the crate) looks a message up
//!   by id in the catalogs `locales/en/*.ftl` and `locales/zh-CN/*.ftl`,
//!   embedded at compile time with `include_str!` and parsed once.
//! - [`Lang::rule_summary`], [`Lang::rule_docs`] and [`Lang::rule_fix`]: a
//!   rule's texts. English is the `declare_rule!` doc comment; Chinese is
//!   `locales/zh-CN/rules/<rule-id>.md` (first line the summary, then the docs).
//! - [`width`] and [`pad`]: terminal columns, where a CJK character takes two.
//! - [`rules_markdown`]: the README rule table, in either language.
//!
//! # Why Fluent (`fluent-bundle`)
//!
//! We use Mozilla's Project Fluent through `fluent-bundle` 0.16 (with
//! `fluent-syntax` 0.12 and `unic-langid` 0.9, which it depends on anyway),
//! and load the catalogs ourselves. Compared with the alternatives on
//! crates.io:
//!
//! - **Explicit locale, no global state.** A `FluentBundle` is a value: we
//!   keep one per language in a `LazyLock` and pick it with [`Lang`]. (The
//!   `concurrent` bundle is `Sync`.) `rust-i18n` 4's `t!` can take
//!   `locale = …`, but its design centres on a process-wide `set_locale`, and
//!   `i18n-embed` 0.16 revolves around a language loader selected at run time;
//!   both fit applications better than an embeddable library whose tests run
//!   both languages at once.
//! - **Plurals.** English needs "1 error" / "2 errors"; Fluent's selectors
//!   (`{ $n -> [one] … *[other] … }`) keep that in the catalog, while Chinese
//!   simply has no variants. `rust-i18n` has no plural support.
//! - **Compile time.** `fluent-bundle` is plain code: no proc macro, no build
//!   script, no YAML parser, no file-walking crate (`fluent-templates` 0.15
//!   brings `ignore`, `flume` and a proc macro; `rust-i18n` brings
//!   `serde_yaml`, `globwalk` and a proc macro; `i18n-embed` brings
//!   `rust-embed`). swc already takes minutes on CI's two cores.
//! - **Embedded.** The `.ftl` files are `include_str!`ed, so the binary and
//!   `cargo install` need no files at run time; parse errors are caught by a
//!   test (`tests/i18n.rs`), not at a user's run.
//! - **A format translators know.** `.ftl` is a documented, widely used
//!   format (Firefox, Thunderbird), with comments per message and named
//!   placeholders (`{ $file }`) whose sets tests compare across languages.
//!
//! Fluent's bidi isolation marks (U+2068/U+2069 around placeholders) are
//! turned off: mpaudit's texts are left-to-right and end up in terminals,
//! JSON and CI logs, where the marks would be invisible noise.
//!
//! # Adding a message
//!
//! Add `id = text` to the same file in `locales/en/` and `locales/zh-CN/`;
//! placeholders are `{ $name }` with `name` a Rust identifier, the same set in
//! both languages, except `n_…` ones: numbers that only choose English plural
//! forms beside a text placeholder (`{ $files } { $n_files -> [one] file
//! *[other] files }`, where `files` is the count already padded), which
//! Chinese may leave out. Then `t!(lang, "id", name = value)`. `tests/i18n.rs` fails
//! when an id is missing in a language, placeholders differ, a Chinese text is
//! still English, or the code asks for an id no catalog has.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::rule::{Rule, Severity};

mod rules;

pub use rules::{chinese_rule_doc, chinese_rule_doc_ids};

/// The language of one run's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    /// English, the default when the environment names no Chinese locale.
    #[default]
    En,
    /// Simplified Chinese (`zh-CN`).
    Zh,
}

/// The environment variables [`Lang::from_env`] reads, in order.
pub const LOCALE_VARIABLES: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The language the environment asks for: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty; a `zh…` locale
    /// (`zh_CN.UTF-8`, `zh_TW`, `zh`) means Chinese, anything else (`C`,
    /// `POSIX`, `en_US.UTF-8`, `ja_JP`) or nothing means English.
    pub fn from_env() -> Lang {
        Lang::from_lookup(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] with the environment given as a function, so tests
    /// need not change the process's environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = LOCALE_VARIABLES
            .iter()
            .filter_map(|name| lookup(name))
            .find(|value| !value.is_empty());
        match locale {
            Some(locale) if is_chinese(&locale) => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// A language named on the command line (`--lang`) or in `mpaudit.json`
    /// (`"lang"`): `zh`, `zh-CN`, `zh_CN.UTF-8`, `zh-Hans`, `en`, `en-US`,
    /// `en_GB.UTF-8`… (any case). `None` for anything else.
    pub fn parse(name: &str) -> Option<Lang> {
        let name = name.trim();
        if is_chinese(name) {
            Some(Lang::Zh)
        } else if has_language(name, "en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The BCP 47 tag: `en` or `zh-CN` (the HTML report's `lang`, the
    /// catalog folder under `locales/`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The message `id`, with `args` filled in. Inside the crate `t!` is
    /// shorter: `t!(lang, "summary-files", files = 3)`.
    ///
    /// An id no catalog has is a bug that `tests/i18n.rs` catches (it reads
    /// every `t!` in `src/`); in a debug build it panics, in a release build
    /// it falls back to English, then to the id itself.
    pub fn text(self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        match format(self, id, args) {
            Some(text) => text,
            None => {
                debug_assert!(false, "no message `{id}` in the {} catalog", self.tag());
                format(Lang::En, id, args).unwrap_or_else(|| id.to_owned())
            }
        }
    }

    /// Whether the catalog of this language has message `id`.
    pub fn has(self, id: &str) -> bool {
        bundle(self).has_message(id)
    }

    /// A severity as shown to people (`error`, `错误`); machine formats keep
    /// [`Severity::as_str`].
    pub fn severity(self, severity: Severity) -> String {
        self.text(&format!("severity-{}", severity.as_str()), &[])
    }

    /// The rule's one-line summary: the `declare_rule!` summary in English,
    /// the first line of `locales/zh-CN/rules/<id>.md` in Chinese (English
    /// if the file is missing, which a test forbids).
    pub fn rule_summary(self, rule: &Rule) -> &'static str {
        match self {
            Lang::En => rule.summary,
            Lang::Zh => chinese_rule_doc(rule.code).map_or(rule.summary, |(summary, _)| summary),
        }
    }

    /// The rule's docs as Markdown (`## What it does` … `## References`, or
    /// `## 作用` … `## 参考`), what `mpaudit explain` prints after its header.
    pub fn rule_docs(self, rule: &Rule) -> Cow<'static, str> {
        match (self, chinese_rule_doc(rule.code)) {
            (Lang::Zh, Some((_, docs))) => Cow::Borrowed(docs),
            _ => Cow::Owned(rule.markdown()),
        }
    }

    /// How mpaudit fixes the rule's findings ([`Rule::fix`]), in this
    /// language: catalog entry `rule-fix-<id>`.
    pub fn rule_fix(self, rule: &Rule) -> Option<String> {
        rule.fix()?;
        let id = format!("rule-fix-{}", rule.code);
        Some(if self.has(&id) {
            self.text(&id, &[])
        } else {
            rule.fix()?.to_owned()
        })
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// The error of parsing a language name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown language `{}` (expected zh or en)", self.0)
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    /// [`Lang::parse`], for clap's `value_parser` and serde.
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        Lang::parse(s).ok_or_else(|| UnknownLang(s.to_owned()))
    }
}

/// `"lang": "zh"` in `mpaudit.json`: any spelling [`Lang::parse`] accepts.
impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Lang, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// As its tag: `"en"`, `"zh-CN"`.
impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.tag())
    }
}

/// `zh`, `zh_CN.UTF-8`, `zh-Hant`, `ZH`: a locale whose language is Chinese.
fn is_chinese(locale: &str) -> bool {
    has_language(locale, "zh")
}

/// Whether `locale` starts with the language `code`, followed by nothing or
/// a separator (`-`, `_`, `.`, `@`): `zha` (Zhuang) is not `zh`.
fn has_language(locale: &str, code: &str) -> bool {
    let locale = locale.trim().to_ascii_lowercase();
    match locale.strip_prefix(code) {
        Some(rest) => rest.is_empty() || rest.starts_with(['-', '_', '.', '@']),
        None => false,
    }
}

/// A value for a placeholder of a message: text or a number (numbers choose
/// English plural forms: `{ $n -> [one] … *[other] … }`).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    /// Text, inserted as it is.
    Str(Cow<'a, str>),
    /// A number, written without grouping or decimals when whole.
    Num(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Str(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Str(Cow::Owned(s))
    }
}

impl<'a> From<Cow<'a, str>> for Arg<'a> {
    fn from(s: Cow<'a, str>) -> Self {
        Arg::Str(s)
    }
}

macro_rules! arg_from_number {
    ($($t:ty),*) => {
        $(impl From<$t> for Arg<'_> {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(n: $t) -> Self {
                Arg::Num(n as f64)
            }
        })*
    };
}
arg_from_number!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

/// `t!(lang, "id")`, `t!(lang, "id", name = value, …)`: [`Lang::text`] with
/// the placeholders named as Rust identifiers. Values are anything that
/// converts into [`Arg`]: `&str`, `String`, integers.
macro_rules! t {
    ($lang:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Lang::text(
            $lang,
            $id,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),*],
        )
    };
}
#[allow(unused_imports)]
pub(crate) use t;

/// One catalog file: its name under `locales/<tag>/` and its text.
pub struct Catalog {
    /// The file name, e.g. `report.ftl`.
    pub file: &'static str,
    /// The Fluent source.
    pub source: &'static str,
}

macro_rules! catalogs {
    ($tag:literal: $($file:literal),* $(,)?) => {
        &[$(Catalog {
            file: $file,
            source: include_str!(concat!("../../locales/", $tag, "/", $file)),
        }),*]
    };
}

/// The catalogs of a language, embedded at compile time. `tests/i18n.rs` checks
/// that every `.ftl` file under `locales/<tag>/` is listed here.
pub fn catalogs(lang: Lang) -> &'static [Catalog] {
    match lang {
        Lang::En => {
            catalogs!("en": "checks.ftl", "cli.ftl", "pipeline.ftl", "report.ftl", "rules.ftl")
        }
        Lang::Zh => {
            catalogs!("zh-CN": "checks.ftl", "cli.ftl", "pipeline.ftl", "report.ftl", "rules.ftl")
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<[Bundle; 2]> = LazyLock::new(|| Lang::ALL.map(load));

fn bundle(lang: Lang) -> &'static Bundle {
    &BUNDLES[lang as usize]
}

/// Parses a language's catalogs. Syntax errors and duplicate ids are caught
/// by `tests/i18n.rs`; here the entries that do parse are kept.
fn load(lang: Lang) -> Bundle {
    let id = lang.tag().parse().expect("a valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    for catalog in catalogs(lang) {
        let resource = FluentResource::try_new(catalog.source.to_owned())
            .unwrap_or_else(|(resource, _)| resource);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn format(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(id)?.value()?;
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let value = match value {
            Arg::Str(s) => FluentValue::from(s.as_ref()),
            Arg::Num(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    debug_assert!(
        errors.is_empty(),
        "message `{id}` ({}): {errors:?}",
        lang.tag()
    );
    Some(text.into_owned())
}

/// The columns `s` takes in a terminal: CJK characters and fullwidth
/// punctuation take two, combining marks none (Unicode East Asian Width,
/// through `unicode-width`).
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` followed by spaces up to `columns` terminal columns (by [`width`]);
/// `s` itself when it is as wide or wider.
pub fn pad(s: &str, columns: usize) -> String {
    let mut out = String::with_capacity(s.len() + columns);
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(width(s))));
    out
}

/// The README rule table (`mpaudit rules --format markdown`) in `lang`, for
/// `rules` (`checks::ALL_RULES`). In English it is exactly
/// `cli::rules_markdown()`; `README.zh-CN.md` holds the Chinese one.
pub fn rules_markdown(lang: Lang, rules: &[&'static Rule]) -> String {
    let mut text = format!(
        "| {} | {} | {} | {} |\n|---|---|---|---|\n",
        lang.text("rules-column-rule", &[]),
        lang.text("rules-column-severity", &[]),
        lang.text("rules-column-reports", &[]),
        lang.text("rules-column-fix", &[]),
    );
    for rule in rules {
        let fix = match rule.fix() {
            Some(f) if f.starts_with("`mpaudit check --fix`") => "`--fix`",
            Some(f) if f.starts_with("unsafe:") => "`--fix --unsafe-fixes`",
            Some(_) => "`mpaudit init`",
            None => "—",
        };
        text.push_str(&format!(
            "| <a id=\"{0}\"></a>`{0}` | {1} | {2} | {fix} |\n",
            rule.code,
            lang.severity(rule.severity),
            lang.rule_summary(rule)
        ));
    }
    text
}

/// What `mpaudit explain <rule>` prints, in `lang`: the heading, how mpaudit
/// fixes the rule's findings, and the docs. In English it is exactly today's
/// output (`tests/i18n.rs` runs `cli::run` to compare, for every rule).
pub fn explain(lang: Lang, rule: &Rule) -> String {
    let fix = match lang.rule_fix(rule) {
        Some(fix) => t!(lang, "explain-fix", fix = fix),
        None => t!(lang, "explain-fix-by-hand"),
    };
    let heading = t!(
        lang,
        "explain-heading",
        rule = rule.code,
        severity = lang.severity(rule.severity),
        since = rule.since
    );
    format!(
        "{heading}\n\n{fix}\n\n{}\n",
        lang.rule_docs(rule).trim_end()
    )
}

/// The `t!` macro; the drift tests of the catalogs and rule docs are in
/// `tests/i18n.rs`.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_in_both_languages() {
        let en = Lang::En;
        assert_eq!(
            t!(en, "summary-problems", errors = 1, warnings = 0),
            "✖ 1 error, 0 warnings"
        );
        assert_eq!(
            t!(en, "summary-problems", errors = 2, warnings = 1),
            "✖ 2 errors, 1 warning"
        );
        assert_eq!(t!(en, "summary-files", files = 1), "1 file audited");
        assert_eq!(t!(en, "summary-files", files = 12usize), "12 files audited");
        assert_eq!(t!(en, "summary-elapsed", ms = 1234u128), " in 1234 ms");
        let zh = Lang::Zh;
        assert_eq!(
            t!(zh, "summary-problems", errors = 2, warnings = 1),
            "✖ 2 个错误，1 个警告"
        );
        assert_eq!(t!(zh, "summary-files", files = 1), "已检查 1 个文件");
        assert_eq!(
            zh.text("error-unknown-rule", &[("rule", "foo".into())]),
            "没有名为 `foo` 的规则；运行 `mpaudit rules` 查看全部规则"
        );
        let path = String::from("a.json");
        assert_eq!(
            t!(
                en,
                "error-cannot-write",
                path = &path,
                error = "denied".to_owned()
            ),
            "cannot write a.json: denied"
        );
        // No bidi isolation marks around placeables.
        assert!(!t!(zh, "html-title", project = "demo").contains('\u{2068}'));
        assert_eq!(Lang::Zh.severity(Severity::Error), "错误");
        assert_eq!(Lang::En.severity(Severity::Warning), "warning");
    }

    #[test]
    fn langs_are_independent_across_threads() {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                std::thread::spawn(move || {
                    let lang = Lang::ALL[i % 2];
                    (lang, t!(lang, "summary-clean"))
                })
            })
            .collect();
        for h in handles {
            let (lang, text) = h.join().unwrap();
            let want = match lang {
                Lang::En => "✔ no problems found",
                Lang::Zh => "✔ 未发现问题",
            };
            assert_eq!(text, want);
        }
    }
}
