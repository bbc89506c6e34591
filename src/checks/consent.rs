//! Consent handling: onNeedPrivacyAuthorization and friends.

use std::collections::BTreeSet;

use super::{rules, Context};
use crate::diagnostic::Finding;
use crate::project;

/// `missing-privacy-authorization`: privacy uses and no consent handling
/// anywhere. When some code was not read, the message names it: the handler
/// may be there.
pub fn missing_privacy_authorization(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if !ctx.consent.is_empty() {
        return;
    }
    let with_keys: Vec<_> = ctx
        .uses
        .iter()
        .filter(|u| !u.privacy_keys.is_empty())
        .collect();
    let Some(first) = with_keys.first() else {
        return;
    };
    let files: BTreeSet<&str> = with_keys.iter().map(|u| u.file.as_str()).collect();
    let handlers = ctx
        .ruleset
        .consent
        .iter()
        .map(|c| format!("`{}`", c.api))
        .collect::<Vec<_>>()
        .join(", ");
    out.push(
        Finding::new(
            &rules::MISSING_PRIVACY_AUTHORIZATION,
            project::point(&ctx.project.app_json_file),
            format!(
                "{} privacy API use{} in {} file{} (first `{}` at {}:{}), but nothing handles privacy consent",
                with_keys.len(),
                if with_keys.len() == 1 { "" } else { "s" },
                files.len(),
                if files.len() == 1 { "" } else { "s" },
                first.api,
                first.file,
                first.line
            ) + &ctx
                .unread
                .code_summary()
                .map(|files| format!(" in the code mpaudit audited ({files} not audited)"))
                .unwrap_or_default(),
        )
        .help(format!(
            "register wx.onNeedPrivacyAuthorization in app.js and show a popup with <button open-type=\"agreePrivacyAuthorization\">; mpaudit looks for {handlers}"
        ))
        .url("https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html"),
    );
}
