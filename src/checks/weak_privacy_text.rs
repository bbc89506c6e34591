//! `weak-privacy-text`: a privacy_text is empty, a placeholder, too short, starts with 为了/用于, or repeats another type's.

use super::Context;
use crate::declaration::PLACEHOLDER_PREFIX;
use crate::declaration::{Declaration, DeclaredKey};
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::rule::declare_rule;
use crate::ruleset::Ruleset;

declare_rule! {
    /// ## What it does
    /// Reports a `privacy_text` in `privacy.json` (in `setting_list` or an SDK's
    /// `sdk_list`) that does not say what the data is for: empty; a
    /// placeholder (the `TODO(mpaudit): …` texts `mpaudit manifest` writes, `xxx`,
    /// `TODO`, `待填写`, `请填写…`, `...`); shorter than 4 characters; starting with
    /// 为了 or 用于; or the same text as another type's in the same list (each
    /// repeat is reported, naming the first; types one API needs together, such as
    /// Camera and Record for `<live-pusher>`, may share a text). Entries without a
    /// `privacy_text` are not judged: a copy may list only the keys.
    ///
    /// ## Why is this bad?
    /// `privacy_text` is the purpose users read in the 用户隐私保护指引: WeChat shows
    /// it as "为了{privacy_text}" (setprivacysetting docs). A placeholder or "登录"
    /// tells them nothing about why their data is collected; "为了查找附近门店" reads
    /// "为了为了查找附近门店"; one purpose copied to several types reads as boilerplate.
    ///
    /// ## Example
    /// ```json
    /// {"setting_list": [
    ///   {"privacy_key": "Location", "privacy_text": "为了查找附近门店"},
    ///   {"privacy_key": "Album", "privacy_text": "TODO(mpaudit): 使用选中的照片或视频信息的目的"},
    ///   {"privacy_key": "PhoneNumber", "privacy_text": "登录"}
    /// ]}
    /// ```
    ///
    /// ## How to fix
    /// Write the purpose as users will read it after "为了": "查找附近门店",
    /// "上传商品评价图片", "登录时验证手机号". Set the same text in the MP console
    /// (设置 → 服务内容声明 → 用户隐私保护指引), then keep `privacy.json` in step.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/privacy-management/api_setprivacysetting.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/miniprogram-intro.html
    WEAK_PRIVACY_TEXT, "weak-privacy-text", Warning, since "0.1.0",
    "a privacy_text is empty, a placeholder, too short, starts with 为了/用于, or repeats another type's"
}

/// `weak-privacy-text`: one finding per weak entry, at its `privacy_text`.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(declaration) = ctx.declaration else {
        return;
    };
    for (i, why) in weak_texts(declaration, ctx.ruleset) {
        let entry = &declaration.keys[i];
        out.push(finding(ctx, declaration, entry, &why));
    }
}

/// Texts shorter than this (in characters) cannot say what data is for.
const MIN_CHARS: usize = 4;

/// WeChat shows a purpose as "为了{privacy_text}", so these starts read twice.
const REDUNDANT_STARTS: [&str; 2] = ["为了", "用于"];

/// Whole texts that are placeholders (compared trimmed and lowercased).
const PLACEHOLDERS: [&str; 18] = [
    "x",
    "xx",
    "test",
    "测试",
    "placeholder",
    "purpose",
    "待定",
    "暂无",
    "无",
    "略",
    "n/a",
    "na",
    "null",
    "none",
    "undefined",
    "tbd",
    "todo",
    "fixme",
];

/// Starts of placeholder texts (lowercased): ours (`TODO(mpaudit)`) and
/// common ones.
const PLACEHOLDER_STARTS: [&str; 4] = ["todo", "fixme", "tbd", "xxx"];

/// Phrases that only appear in texts nobody filled in, or that say the data
/// is not used (then it must not be declared) or used only while developing.
const PLACEHOLDER_PHRASES: [&str; 10] = [
    "待填写",
    "请填写",
    "待补充",
    "请输入",
    "在此填写",
    "暂不使用",
    "暂未使用",
    "开发使用",
    "测试使用",
    "开发测试",
];

/// Why a declaration entry's `privacy_text` is weak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Weakness {
    /// Empty or whitespace.
    Empty,
    /// A placeholder: `TODO(mpaudit): …`, `xxx`, `待填写`…
    Placeholder,
    /// Fewer than 4 characters.
    TooShort(usize),
    /// Starts with 为了 or 用于.
    RedundantStart(&'static str),
    /// The same text as another type's entry (index into the declaration's keys).
    Duplicate(usize),
}

/// Why `text` on its own is weak, if it is. An entry without a
/// `privacy_text` is not judged: a copy of the declaration may list only the
/// keys, and the text in the MP console is then out of sight.
pub fn weakness(text: Option<&str>) -> Option<Weakness> {
    let text = text?.trim();
    if text.is_empty() {
        return Some(Weakness::Empty);
    }
    let lower = text.to_lowercase();
    let only_filler = text.chars().all(|c| {
        matches!(
            c,
            '.' | '…' | '-' | '_' | '?' | '？' | '*' | '。' | 'x' | 'X'
        )
    });
    if PLACEHOLDERS.contains(&lower.as_str())
        || PLACEHOLDER_STARTS.iter().any(|p| lower.starts_with(p))
        || PLACEHOLDER_PHRASES.iter().any(|p| text.contains(p))
        || lower.starts_with(&PLACEHOLDER_PREFIX.to_lowercase())
        || only_filler
        || repeated_filler(text)
    {
        return Some(Weakness::Placeholder);
    }
    let chars = text.chars().count();
    if chars < MIN_CHARS {
        return Some(Weakness::TooShort(chars));
    }
    REDUNDANT_STARTS
        .iter()
        .find(|s| text.starts_with(**s))
        .map(|s| Weakness::RedundantStart(s))
}

/// Filler typed to get past the form: one character or a pair repeated
/// (`AAAA`, `1111`, `啊啊啊啊`, `abababab`), white space aside.
fn repeated_filler(text: &str) -> bool {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    (1..=2).any(|unit| {
        chars.len() >= 2 * unit.max(2)
            && chars.len().is_multiple_of(unit)
            && chars.chunks(unit).all(|chunk| chunk == &chars[..unit])
    })
}

/// Whether one API needs both keys (`<live-pusher>`: Camera and Record), so
/// one purpose may well serve both.
fn needed_together(ruleset: &Ruleset, a: &str, b: &str) -> bool {
    ruleset.apis.iter().any(|row| {
        row.privacy_keys.iter().any(|k| k == a) && row.privacy_keys.iter().any(|k| k == b)
    })
}

/// Every weak entry of `declaration`, as (index into its keys, why). A
/// repeated text is reported on each later entry of the same list
/// (`setting_list`, or one SDK's `sdk_list`) with another key, unless one
/// API needs both keys.
pub fn weak_texts(declaration: &Declaration, ruleset: &Ruleset) -> Vec<(usize, Weakness)> {
    let mut weak = Vec::new();
    for (i, entry) in declaration.keys.iter().enumerate() {
        if let Some(why) = weakness(entry.privacy_text.as_deref()) {
            weak.push((i, why));
            continue;
        }
        let Some(text) = entry.privacy_text.as_deref().map(str::trim) else {
            continue;
        };
        let first = declaration.keys[..i].iter().position(|other| {
            other.sdk == entry.sdk
                && other.key != entry.key
                && other.privacy_text.as_deref().map(str::trim) == Some(text)
                && !needed_together(ruleset, &other.key, &entry.key)
        });
        if let Some(first) = first {
            weak.push((i, Weakness::Duplicate(first)));
        }
    }
    weak
}

fn finding(
    ctx: &Context<'_>,
    declaration: &Declaration,
    entry: &DeclaredKey,
    why: &Weakness,
) -> Finding {
    let lang = ctx.lang;
    let described = ctx.ruleset.describe_key_in(lang, &entry.key);
    let described = described.as_str();
    let text = entry.privacy_text.as_deref().unwrap_or_default().trim();
    let write_purpose = || t!(lang, "weak-privacy-text-write-purpose");
    let (message, label, help) = match why {
        Weakness::Empty => (
            t!(lang, "weak-privacy-text-empty", described = described),
            t!(lang, "weak-privacy-text-empty-label"),
            write_purpose(),
        ),
        Weakness::Placeholder => (
            t!(
                lang,
                "weak-privacy-text-placeholder",
                described = described,
                text = text
            ),
            t!(lang, "weak-privacy-text-placeholder-label"),
            write_purpose(),
        ),
        Weakness::TooShort(chars) => (
            t!(
                lang,
                "weak-privacy-text-too-short",
                described = described,
                chars = *chars,
                text = text
            ),
            t!(lang, "weak-privacy-text-too-short-label"),
            write_purpose(),
        ),
        Weakness::RedundantStart(start) => {
            let rest = text.strip_prefix(start).unwrap_or(text).trim_start();
            (
                t!(
                    lang,
                    "weak-privacy-text-redundant-start",
                    described = described,
                    start = *start,
                    text = text
                ),
                t!(
                    lang,
                    "weak-privacy-text-redundant-start-label",
                    start = *start
                ),
                t!(lang, "weak-privacy-text-redundant-start-help", rest = rest),
            )
        }
        Weakness::Duplicate(first) => {
            let other = &declaration.keys[*first];
            (
                t!(
                    lang,
                    "weak-privacy-text-duplicate",
                    described = described,
                    other = ctx.ruleset.describe_key_in(lang, &other.key),
                    line = other.location.line,
                    text = text
                ),
                t!(lang, "weak-privacy-text-duplicate-label"),
                t!(lang, "weak-privacy-text-duplicate-help"),
            )
        }
    };
    Finding::new(
        &WEAK_PRIVACY_TEXT,
        entry
            .text_location
            .clone()
            .unwrap_or_else(|| entry.location.clone()),
        message,
    )
    .label(label)
    .help(help)
    .privacy_key(entry.key.clone())
    .url("https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/privacy-management/api_setprivacysetting.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_texts_are_told_apart() {
        assert_eq!(weakness(None), None, "not judged without a text");
        assert_eq!(weakness(Some("  ")), Some(Weakness::Empty));
        for text in [
            "TODO(mpaudit): 使用位置信息的目的",
            "xxx",
            "XXXX",
            "TODO",
            "todo: later",
            "待填写",
            "请填写用途",
            "...",
            "……",
            "测试",
            "N/A",
            "暂不使用",
            "开发使用中",
            "AAAA",
            "1111",
            "啊啊啊啊",
            "ab ab ab ab",
        ] {
            assert_eq!(weakness(Some(text)), Some(Weakness::Placeholder), "{text}");
        }
        assert_eq!(weakness(Some("登录")), Some(Weakness::TooShort(2)));
        assert_eq!(weakness(Some(" 找门店 ")), Some(Weakness::TooShort(3)));
        assert_eq!(
            weakness(Some("为了查找附近门店")),
            Some(Weakness::RedundantStart("为了"))
        );
        assert_eq!(
            weakness(Some("用于上传头像")),
            Some(Weakness::RedundantStart("用于"))
        );
        for fine in [
            "查找附近门店",
            "上传头像",
            "展示附近的门店，为了计算配送距离",
            "Show nearby stores",
            "xiaoxi 推送",
            "哈哈哈大笑的表情包",
            "abab 支付",
        ] {
            assert_eq!(weakness(Some(fine)), None, "{fine}");
        }
    }
}
