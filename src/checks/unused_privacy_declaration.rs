//! `unused-privacy-declaration`: a declared privacy type is not used by any code.

use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::rule::declare_rule;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Reports a privacy type declared in `privacy.json` that no code in the
    /// project uses. Types no API can trigger (DeviceInfo, Email, EX*) are never
    /// reported: they cover data the developer collects through forms.
    ///
    /// ## Why is this bad?
    /// The guideline is shown to users. Declaring data you do not collect makes the
    /// guideline inaccurate, and reviewers ask about types they cannot find.
    ///
    /// ## Example
    /// ```json
    /// {"setting_list": [{"privacy_key": "Record", "privacy_text": "语音留言"}]}
    /// ```
    /// with no recorder, `startRecord` or `scope.record` anywhere in the code.
    ///
    /// ## How to fix
    /// Remove the type from the guideline (and `privacy.json`), or check whether the
    /// feature that needed it was removed by mistake.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/miniprogram-intro.html
    UNUSED_PRIVACY_DECLARATION, "unused-privacy-declaration", Warning, since "0.1.0",
    "a declared privacy type is not used by any code"
}

/// `unused-privacy-declaration`: declared keys no use needs. Held back when
/// some code was not read (a parse error, `ignore`, too large): the use may
/// be there.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(declaration) = ctx.declaration else {
        return;
    };
    if !ctx.unread.all_code_read() {
        return;
    }
    let used: BTreeSet<&str> = ctx
        .uses
        .iter()
        .flat_map(|u| u.privacy_keys.iter().map(String::as_str))
        .collect();
    for declared in &declaration.keys {
        if used.contains(declared.key.as_str()) {
            continue;
        }
        // Keys no API triggers (Email, DeviceInfo, EX*) and custom keys cannot be
        // seen in code; only known, detectable keys can be called unused.
        if !ctx.ruleset.key(&declared.key).is_some_and(|k| k.detectable) {
            continue;
        }
        let lang = ctx.lang;
        let described = ctx.ruleset.describe_key_in(lang, &declared.key);
        out.push(
            Finding::new(
                &UNUSED_PRIVACY_DECLARATION,
                declared.location.clone(),
                t!(
                    lang,
                    "unused-privacy-declaration-message",
                    described = described
                ),
            )
            .label(t!(lang, "unused-privacy-declaration-label"))
            .help(t!(lang, "unused-privacy-declaration-help"))
            .privacy_key(declared.key.clone()),
        );
    }
}
