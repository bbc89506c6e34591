//! The Chinese rule docs: `locales/zh-CN/rules/<rule-id>.md`, embedded at
//! compile time. Each file's first line is the one-line summary, then a blank
//! line, then the docs under `## 作用`, `## 为什么有问题`, `## 示例`,
//! `## 如何修复` and `## 参考`. Tests check that every rule of
//! `checks::ALL_RULES` has one (with the English code blocks and URLs), and
//! that every file here is listed.

macro_rules! zh_rules {
    ($($id:literal),* $(,)?) => {
        /// `(rule id, file text)` for every Chinese rule doc.
        pub(super) const ZH: &[(&str, &str)] = &[
            $(($id, include_str!(concat!("../../locales/zh-CN/rules/", $id, ".md")))),*
        ];
    };
}

zh_rules!(
    "audit-files-in-package",
    "client-code2session",
    "client-side-decrypt",
    "conflicting-required-private-infos",
    "dead-consent-code",
    "deprecated-api",
    "file-too-large",
    "getuserprofile-misuse",
    "hardcoded-app-secret",
    "identity-in-url",
    "insecure-request",
    "internal-error",
    "invalid-config",
    "invalid-required-private-infos",
    "missing-background-location-mode",
    "missing-permission-desc",
    "missing-privacy-authorization",
    "missing-required-private-infos",
    "no-privacy-declaration",
    "non-utf8-file",
    "page-without-privacy-popup",
    "parse-error",
    "privacy-agree-without-button",
    "privacy-call-on-launch",
    "privacy-listener-never-resolves",
    "session-key-on-client",
    "unaudited-source",
    "undeclared-privacy-type",
    "unreadable-file",
    "unused-privacy-declaration",
    "unused-required-private-infos",
    "unused-suppression",
    "weak-privacy-text",
);

/// The ids of the rules that have Chinese docs.
pub fn chinese_rule_doc_ids() -> impl Iterator<Item = &'static str> {
    ZH.iter().map(|(id, _)| *id)
}

/// The Chinese `(summary, docs)` of rule `code`, from
/// `locales/zh-CN/rules/<code>.md`.
pub fn chinese_rule_doc(code: &str) -> Option<(&'static str, &'static str)> {
    let (_, text) = ZH.iter().find(|(id, _)| *id == code)?;
    let (summary, docs) = text.split_once('\n').unwrap_or((text, ""));
    Some((summary.trim_end(), docs.trim_start_matches('\n')))
}
