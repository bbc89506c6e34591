//! `invalid-required-private-infos`: requiredPrivateInfos lists a value that WeChat does not allow.

use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a `requiredPrivateInfos` value that is not one of the values WeChat allows.
    ///
    /// ## Why is this bad?
    /// WeChat DevTools refuses to compile: `requiredPrivateInfos[0] 字段需为 chooseAddress,
    /// chooseLocation, …`. Listing `chooseMedia` or `camera` there is a common mistake.
    ///
    /// ## Example
    /// ```json
    /// {"requiredPrivateInfos": ["getLocation", "chooseMedia"]}
    /// ```
    ///
    /// ## How to fix
    /// Keep only getFuzzyLocation, getLocation, onLocationChange, startLocationUpdate,
    /// startLocationUpdateBackground, chooseLocation, choosePoi, chooseAddress. Other
    /// APIs are declared in the privacy guideline, not here.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html
    INVALID_REQUIRED_PRIVATE_INFOS, "invalid-required-private-infos", Error, since "0.1.0",
    "requiredPrivateInfos lists a value that WeChat does not allow"
}

/// `invalid-required-private-infos`: values WeChat does not allow.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let allowed: Vec<&str> = ctx
        .ruleset
        .location
        .values
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    for value in &ctx.project.app.required_private_infos {
        if ctx.ruleset.required_value(&value.value).is_some() {
            continue;
        }
        let hint = allowed
            .iter()
            .find(|a| a.eq_ignore_ascii_case(&value.value))
            .map(|a| {
                t!(
                    ctx.lang,
                    "invalid-required-private-infos-did-you-mean",
                    value = *a
                )
            })
            .unwrap_or_default();
        out.push(
            Finding::new(
                &INVALID_REQUIRED_PRIVATE_INFOS,
                value.location.clone(),
                t!(
                    ctx.lang,
                    "invalid-required-private-infos-message",
                    value = value.value.as_str()
                ),
            )
            .label(t!(
                ctx.lang,
                "invalid-required-private-infos-label",
                count = allowed.len()
            ))
            .help(t!(
                ctx.lang,
                "invalid-required-private-infos-help",
                hint = hint,
                allowed = allowed.join(&t!(ctx.lang, "list-separator"))
            ))
            .url(ctx.ruleset.location.source.clone()),
        );
    }
}
