//! `unused-required-private-infos`: requiredPrivateInfos lists an API that no code uses.

use super::shared::required_private_infos;
use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::rule::declare_rule;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Reports a `requiredPrivateInfos` value whose API no code uses.
    ///
    /// ## Why is this bad?
    /// Each listed API must be activated and justified in the MP console; unused
    /// entries invite review questions and hide what the program really does.
    ///
    /// ## Example
    /// ```json
    /// {"requiredPrivateInfos": ["chooseLocation"]}
    /// ```
    /// with no `chooseLocation` call anywhere.
    ///
    /// ## How to fix
    /// Remove the entry, or check whether the code that used it was removed by mistake.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html
    UNUSED_REQUIRED_PRIVATE_INFOS, "unused-required-private-infos", Warning, since "0.1.0",
    "requiredPrivateInfos lists an API that no code uses"
}

/// `unused-required-private-infos`: listed values no code uses. Held back
/// when some code was not read.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if !ctx.unread.all_code_read() {
        return;
    }
    let used: BTreeSet<&str> = required_private_infos(ctx.ruleset, ctx.uses)
        .into_iter()
        .map(|v| v.name.as_str())
        .collect();
    for value in &ctx.project.app.required_private_infos {
        if ctx.ruleset.required_value(&value.value).is_none() || used.contains(value.value.as_str())
        {
            continue;
        }
        out.push(
            Finding::new(
                &UNUSED_REQUIRED_PRIVATE_INFOS,
                value.location.clone(),
                t!(
                    ctx.lang,
                    "unused-required-private-infos-message",
                    value = value.value.as_str()
                ),
            )
            .label(t!(ctx.lang, "unused-required-private-infos-label"))
            .help(t!(ctx.lang, "unused-required-private-infos-help"))
            .api(format!("wx.{}", value.value)),
        );
    }
}
