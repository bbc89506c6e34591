//! `missing-privacy-authorization`: privacy APIs are used but nothing handles the user's privacy consent.

use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::rule::declare_rule;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Reports, once, a project that uses privacy APIs but never handles the user's
    /// privacy consent: no `wx.onNeedPrivacyAuthorization`, no
    /// `wx.requirePrivacyAuthorize`, no `<button open-type="agreePrivacyAuthorization">`.
    ///
    /// ## Why is this bad?
    /// Since 2023-10-17 a privacy API call without recorded consent triggers the
    /// consent flow. Without a handler WeChat shows its own popup at that moment; a
    /// refusal fails the call (errno 103/104) and, within 10 seconds, every following one.
    ///
    /// ## Example
    /// An app.js without `wx.onNeedPrivacyAuthorization(...)` in a project calling `wx.chooseImage`.
    ///
    /// ## How to fix
    /// Register `wx.onNeedPrivacyAuthorization(resolve => ...)` in app.js and show
    /// your own popup with a `<button open-type="agreePrivacyAuthorization">`, or call
    /// `wx.requirePrivacyAuthorize()` at a point where asking makes sense.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html
    MISSING_PRIVACY_AUTHORIZATION, "missing-privacy-authorization", Warning, since "0.1.0",
    "privacy APIs are used but nothing handles the user's privacy consent"
}

/// `missing-privacy-authorization`: privacy uses and no consent handling
/// anywhere. When some code was not read, the message names it: the handler
/// may be there.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
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
    let lang = ctx.lang;
    let files: BTreeSet<&str> = with_keys.iter().map(|u| u.file.as_str()).collect();
    let handlers = ctx
        .ruleset
        .consent
        .iter()
        .map(|c| format!("`{}`", c.api))
        .collect::<Vec<_>>()
        .join(&t!(lang, "list-separator"));
    out.push(
        Finding::new(
            &MISSING_PRIVACY_AUTHORIZATION,
            crate::diagnostic::point(&ctx.project.app_json_file),
            t!(
                lang,
                "missing-privacy-authorization-message",
                uses = with_keys.len(),
                files = files.len(),
                api = &first.api,
                at = format!("{}:{}", first.file, first.line)
            ) + &ctx
                .unread
                .code_summary(lang)
                .map(|files| {
                    t!(
                        lang,
                        "missing-privacy-authorization-unread",
                        files = files
                    )
                })
                .unwrap_or_default(),
        )
        .help(t!(
            lang,
            "missing-privacy-authorization-help",
            handlers = handlers
        ))
        .url("https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html"),
    );
}
