//! `page-without-privacy-popup`: a page reaches a privacy use with no consent handling in effect on it.

use super::shared::pages_of;
use super::shared::AGREE_BUTTON;
use super::shared::GUIDE;
use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::rule::declare_rule;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Reports, once per page and at the page's first privacy use, an app.json
    /// page that reaches a privacy API while no consent handling is in effect
    /// on it: no `wx.onNeedPrivacyAuthorization` listener in app.js or in a
    /// file the page reaches (its script, its components, their imports), and
    /// no agree button in its templates. The project-wide case (no consent
    /// handling at all) stays `missing-privacy-authorization`; this rule is
    /// silent when some code was not read or consent code sits in a file no
    /// page reaches. It only speaks when the project registers a listener
    /// somewhere: without one, WeChat shows its official privacy popup on
    /// every page, and a page needs nothing of its own.
    ///
    /// ## Why is this bad?
    /// "wx.onNeedPrivacyAuthorization 是覆盖式注册监听": the last registration
    /// wins. A popup registered from page A does not show on page B; B's
    /// privacy API falls back to WeChat's popup or hangs on A's hidden one.
    ///
    /// ## Example
    /// `pages/index` includes `<privacy-popup>`, `pages/map` calls
    /// `wx.chooseLocation` without it.
    ///
    /// ## How to fix
    /// Register the listener in app.js (an app-wide popup), or use the same
    /// popup component on every page that reaches a privacy API, as the
    /// official demo2 and demo4 do.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
    PAGE_WITHOUT_PRIVACY_POPUP, "page-without-privacy-popup", Warning, since "0.1.0",
    "a page reaches a privacy use with no consent handling in effect on it"
}

pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if ctx.consent.is_empty() || !ctx.unread.all_code_read() {
        return;
    }
    // Without any wx.onNeedPrivacyAuthorization listener, WeChat shows its
    // own privacy popup on every page: a page needs its own handling only
    // once the app takes the popup over with a listener (the last one
    // registered wins, wherever it was registered).
    if ctx
        .consent_files
        .values()
        .all(|f| f.facts.listeners.is_empty())
    {
        return;
    }
    // Consent code that no page reaches may run anywhere: no answer.
    if ctx.consent.iter().any(|u| u.pages.is_empty()) {
        return;
    }
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    for file in ctx.consent_files.values() {
        // requirePrivacyAuthorize asks before the page goes on (WeChat's own
        // popup when no listener is registered).
        if !file.facts.listeners.is_empty()
            || !file.facts.agree_buttons.is_empty()
            || !file.facts.requires.is_empty()
        {
            covered.extend(pages_of(ctx, file));
        }
    }
    // Agree buttons mpaudit has no facts for cover their pages.
    for u in ctx.consent.iter().filter(|u| u.api == AGREE_BUTTON) {
        covered.extend(u.pages.iter().map(String::as_str));
    }
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    for u in ctx.uses.iter().filter(|u| !u.privacy_keys.is_empty()) {
        for page in &u.pages {
            if covered.contains(page.as_str()) || !reported.insert(page) {
                continue;
            }
            out.push(
                Finding::new(
                    &PAGE_WITHOUT_PRIVACY_POPUP,
                    u.location(),
                    t!(
                        ctx.lang,
                        "page-without-privacy-popup-message",
                        page = page.as_str(),
                        api = &u.api
                    ),
                )
                .label(t!(
                    ctx.lang,
                    "page-without-privacy-popup-label",
                    page = page.as_str()
                ))
                .help(t!(ctx.lang, "page-without-privacy-popup-help"))
                .url(GUIDE),
            );
        }
    }
}
