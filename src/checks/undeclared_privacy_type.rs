//! `undeclared-privacy-type`: a privacy API is used but its privacy type is not declared.

use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports each use of a privacy API whose privacy type (`privacy_key`) is not
    /// declared in the project's privacy guideline copy (`privacy.json`).
    ///
    /// ## Why is this bad?
    /// Since 2023-09-15 WeChat disables an API whose data type is missing from the
    /// 用户隐私保护指引: the call fails with errno 112, "api scope is not declared in
    /// the privacy agreement", and review rejects guidelines that do not match the code.
    ///
    /// ## Example
    /// ```js
    /// wx.getLocation({ type: 'gcj02' }) // privacy.json does not declare Location
    /// ```
    ///
    /// ## How to fix
    /// Declare the type in the MP console (设置 → 服务内容声明 → 用户隐私保护指引), then
    /// copy it into `privacy.json`: `{"setting_list": [{"privacy_key": "Location",
    /// "privacy_text": "..."}]}`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/miniprogram-intro.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
    UNDECLARED_PRIVACY_TYPE, "undeclared-privacy-type", Error, since "0.1.0",
    "a privacy API is used but its privacy type is not declared"
}

/// `undeclared-privacy-type`: one finding per (use site, undeclared key).
/// Held back when the declaration could not be read completely: its own
/// finding says why, and a type missing from what was read may be declared.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(declaration) = ctx.declaration.filter(|d| d.complete) else {
        return;
    };
    for u in ctx.uses {
        for key in &u.privacy_keys {
            if declaration.declares(key) {
                continue;
            }
            let lang = ctx.lang;
            let described = ctx.ruleset.describe_key_in(lang, key);
            let what = match (&u.scope, &u.via) {
                (Some(Some(scope)), Some(via)) => t!(
                    lang,
                    "undeclared-privacy-type-what-scope-via",
                    api = &u.api,
                    scope = scope.as_str(),
                    via = via.to_string()
                ),
                (Some(Some(scope)), None) => {
                    t!(lang, "api-with-scope", api = &u.api, scope = scope.as_str())
                }
                _ => format!("`{}`", u.api),
            };
            let mut finding = Finding::new(
                &UNDECLARED_PRIVACY_TYPE,
                u.location(),
                t!(
                    lang,
                    "undeclared-privacy-type-message",
                    what = what,
                    described = &described,
                    declaration = &declaration.file
                ),
            )
            .label(t!(
                lang,
                "undeclared-privacy-type-label",
                described = &described
            ))
            .help(t!(
                lang,
                "undeclared-privacy-type-help",
                key = key.as_str(),
                declaration = &declaration.file
            ))
            .privacy_key(key.clone())
            .api(u.api.clone());
            let row = match &u.scope {
                Some(Some(scope)) => ctx.ruleset.api(scope),
                _ => ctx.ruleset.api(&u.api),
            };
            if let Some(row) = row {
                finding = finding.url(row.source.clone());
            }
            out.push(finding);
        }
    }
}
