//! `no-privacy-declaration`: privacy APIs are used but the project has no privacy.json.

use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::rule::declare_rule;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Reports, once, that the project uses privacy APIs but has no `privacy.json`,
    /// and lists the privacy types the code needs.
    ///
    /// ## Why is this bad?
    /// The guideline lives in the MP console, where no tool can check it. Without a
    /// copy in the repository, mpaudit cannot tell whether calls will fail with errno 112.
    ///
    /// ## Example
    /// A project calling `wx.chooseAddress` with no `privacy.json` next to app.json.
    ///
    /// ## How to fix
    /// `mpaudit init` (for a project that has never run mpaudit) or `mpaudit
    /// manifest --write` drafts `privacy.json` from the code, with a
    /// `TODO(mpaudit)` text per type to fill in from the console. Or create
    /// `privacy.json` in the audited folder with the types declared in the
    /// console, in the shape of WeChat's getprivacysetting response:
    /// `{"setting_list": [{"privacy_key": "Address", "privacy_text": "..."}]}`.
    /// `mpaudit check --declaration FILE` reads it from elsewhere.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/privacy-management/api_getprivacysetting
    NO_PRIVACY_DECLARATION, "no-privacy-declaration", Warning, since "0.1.0",
    "privacy APIs are used but the project has no privacy.json"
}

/// `no-privacy-declaration`: privacy keys are used and there is no declaration.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if ctx.declaration.is_some() {
        return;
    }
    let needed: BTreeSet<&str> = ctx
        .uses
        .iter()
        .flat_map(|u| u.privacy_keys.iter().map(String::as_str))
        .collect();
    if needed.is_empty() {
        return;
    }
    let lang = ctx.lang;
    let list = needed
        .iter()
        .map(|k| ctx.ruleset.describe_key_in(lang, k))
        .collect::<Vec<_>>()
        .join(&t!(lang, "list-separator"));
    let example = needed
        .iter()
        .map(|k| format!("{{\"privacy_key\": \"{k}\", \"privacy_text\": \"...\"}}"))
        .collect::<Vec<_>>()
        .join(", ");
    out.push(
        Finding::new(
            &NO_PRIVACY_DECLARATION,
            crate::diagnostic::point(&ctx.project.app_json_file),
            t!(
                lang,
                "no-privacy-declaration-message",
                count = needed.len(),
                list = list
            ),
        )
        .help(t!(lang, "no-privacy-declaration-help", example = example)),
    );
}
