//! `dead-consent-code`: consent code that does nothing: __usePrivacyCheck__, requirePrivacyAuthorize without fail, a listener no privacy use fires.

use super::shared::pages_of;
use super::shared::GUIDE;
use super::shared::LISTENER_DOC;
use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::inventory::consent::Where;
use crate::rule::declare_rule;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Reports consent code that does nothing: `__usePrivacyCheck__` in
    /// app.json; `wx.requirePrivacyAuthorize` with an options object that has
    /// no `fail` (or `complete`), or called without arguments and its promise
    /// unused; a `wx.onNeedPrivacyAuthorization` listener none of whose pages
    /// reaches a privacy API (silent when some code was not read or a privacy
    /// use sits in a file no page reaches).
    ///
    /// ## Why is this bad?
    /// `__usePrivacyCheck__` has had no effect since 2023-09-15. A refusal of
    /// `requirePrivacyAuthorize` fails it: without `fail` the user is left
    /// without a way on. A listener nothing can fire is code to maintain for
    /// nothing, and often a sign that the popup sits on the wrong page.
    ///
    /// ## Example
    /// ```js
    /// wx.requirePrivacyAuthorize({ success: () => this.next() })
    /// ```
    ///
    /// ## How to fix
    /// Delete the key; add `fail`; move or delete the listener.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.requirePrivacyAuthorize.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
    DEAD_CONSENT_CODE, "dead-consent-code", Warning, since "0.1.0",
    "consent code that does nothing: __usePrivacyCheck__, requirePrivacyAuthorize without fail, a listener no privacy use fires"
}

pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if let Some(value) = ctx.project.app.use_privacy_check {
        out.push(
            Finding::new(
                &DEAD_CONSENT_CODE,
                crate::diagnostic::point(&ctx.project.app_json_file),
                t!(
                    ctx.lang,
                    "dead-consent-code-use-privacy-check",
                    file = &ctx.project.app_json_file,
                    value = value.to_string()
                ),
            )
            .help(t!(ctx.lang, "dead-consent-code-use-privacy-check-help"))
            .url(GUIDE),
        );
    }
    for file in ctx.consent_files.values() {
        for r in &file.facts.requires {
            if r.fail_handled == Some(false) {
                out.push(
                    Finding::new(
                        &DEAD_CONSENT_CODE,
                        r.at.clone(),
                        t!(ctx.lang, "dead-consent-code-require-without-fail"),
                    )
                    .help(t!(ctx.lang, "dead-consent-code-require-without-fail-help"))
                    .url("https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.requirePrivacyAuthorize.html"),
                );
            }
        }
    }
    // A listener no privacy use can fire.
    if !ctx.unread.all_code_read() {
        return;
    }
    let with_keys: Vec<_> = ctx
        .uses
        .iter()
        .filter(|u| !u.privacy_keys.is_empty())
        .collect();
    if with_keys.iter().any(|u| u.pages.is_empty()) {
        return;
    }
    let used: BTreeSet<&str> = with_keys
        .iter()
        .flat_map(|u| u.pages.iter().map(String::as_str))
        .collect();
    for file in ctx.consent_files.values() {
        if file.placement == Where::Unreached {
            continue;
        }
        let pages = pages_of(ctx, file);
        if pages.iter().any(|p| used.contains(p)) {
            continue;
        }
        for l in &file.facts.listeners {
            out.push(
                Finding::new(
                    &DEAD_CONSENT_CODE,
                    l.at.clone(),
                    t!(
                        ctx.lang,
                        "dead-consent-code-listener",
                        scope = match file.placement {
                            Where::App => t!(ctx.lang, "dead-consent-code-scope-app"),
                            Where::Page => t!(ctx.lang, "dead-consent-code-scope-page"),
                            _ => t!(ctx.lang, "dead-consent-code-scope-component"),
                        },
                        pages = pages.len()
                    ),
                )
                .help(t!(ctx.lang, "dead-consent-code-listener-help"))
                .url(LISTENER_DOC),
            );
        }
    }
}
