//! `privacy-agree-without-button`: resolve({event:'agree'}) is sent without buttonId, with an id no agree button has, or outside a tap.

use super::shared::LISTENER_DOC;
use super::shared::{pages_of, AGREE_BUTTON};
use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::inventory::consent::{AgreeButton, ButtonId, Placement, Where};
use crate::rule::declare_rule;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Reports `resolve({ event: 'agree' })` sent without the agree button:
    /// with no `buttonId`; from the `wx.onNeedPrivacyAuthorization` listener
    /// itself (or a timer or `wx.showModal` callback inside it); or with a
    /// literal `buttonId` that no `<button open-type="agreePrivacyAuthorization">`
    /// of the pages reaching the code has as its `id` (WXML, Vue templates and
    /// Taro JSX `<Button openType="agreePrivacyAuthorization" id="…">`; not
    /// judged when an agree button's id is computed or may come from a
    /// `{...spread}`, or when some code was not read). A `resolve` is a
    /// call of the listener's parameter, of a name it was stored under, or of
    /// a name containing `resolve` that the file does not declare as a function.
    ///
    /// ## Why is this bad?
    /// "buttonId 为隐私同意授权按钮的id，为确保用户有同意的操作，基础库会检查对应的同意按钮是否被点击过":
    /// the base library checks that the button with that id was tapped. An
    /// agree without it fails at run time, and the privacy API stays blocked.
    ///
    /// ## Example
    /// ```js
    /// wx.onNeedPrivacyAuthorization((resolve) => {
    ///   resolve({ event: 'agree' }) // no tap, no buttonId
    /// })
    /// ```
    ///
    /// ## How to fix
    /// Keep `resolve`, show a popup with `<button id="agree-btn"
    /// open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="handleAgree">`,
    /// and in `handleAgree` call `resolve({ buttonId: 'agree-btn', event: 'agree' })`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html
    PRIVACY_AGREE_WITHOUT_BUTTON, "privacy-agree-without-button", Error, since "0.1.0",
    "resolve({event:'agree'}) is sent without buttonId, with an id no agree button has, or outside a tap"
}

pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let known = buttons_all_known(ctx);
    let lang = ctx.lang;
    for file in ctx.consent_files.values() {
        for r in file.facts.resolves.iter().filter(|r| r.event == "agree") {
            let message = match (&r.placement, &r.button) {
                (Placement::Listener, _) => {
                    t!(lang, "privacy-agree-without-button-in-listener")
                }
                (Placement::ListenerCallback, _) => {
                    t!(lang, "privacy-agree-without-button-in-callback")
                }
                (_, ButtonId::Missing) => t!(lang, "privacy-agree-without-button-no-id"),
                (_, ButtonId::Literal(id)) if known => {
                    let pages: BTreeSet<&str> = pages_of(ctx, file).into_iter().collect();
                    let everywhere = matches!(file.placement, Where::App | Where::Unreached);
                    let buttons: Vec<&AgreeButton> = ctx
                        .consent_files
                        .values()
                        .filter(|f| {
                            everywhere || pages_of(ctx, f).iter().any(|p| pages.contains(p))
                        })
                        .flat_map(|f| &f.facts.agree_buttons)
                        .collect();
                    if buttons
                        .iter()
                        .any(|b| b.dynamic_id || b.id.as_deref() == Some(id))
                    {
                        continue;
                    }
                    let ids: Vec<String> = buttons
                        .iter()
                        .filter_map(|b| b.id.as_ref().map(|i| format!("`{i}`")))
                        .collect();
                    let ids = if ids.is_empty() {
                        t!(lang, "privacy-agree-without-button-no-ids")
                    } else {
                        t!(
                            lang,
                            "privacy-agree-without-button-ids",
                            ids = ids.join(&t!(lang, "list-separator"))
                        )
                    };
                    if everywhere {
                        t!(
                            lang,
                            "privacy-agree-without-button-unknown-id-project",
                            id = id.as_str(),
                            button = AGREE_BUTTON,
                            ids = ids
                        )
                    } else {
                        t!(
                            lang,
                            "privacy-agree-without-button-unknown-id-pages",
                            id = id.as_str(),
                            button = AGREE_BUTTON,
                            ids = ids
                        )
                    }
                }
                _ => continue,
            };
            out.push(
                Finding::new(&PRIVACY_AGREE_WITHOUT_BUTTON, r.at.clone(), message)
                    .label(t!(lang, "privacy-agree-without-button-label"))
                    .help(t!(lang, "privacy-agree-without-button-help"))
                    .url(LISTENER_DOC),
            );
        }
    }
}

/// Whether every agree button of the project has facts (a template or JSX
/// that was read), so that the button ids are all known.
fn buttons_all_known(ctx: &Context<'_>) -> bool {
    ctx.unread.all_code_read()
        && ctx
            .consent
            .iter()
            .filter(|u| u.api == AGREE_BUTTON)
            .all(|u| {
                ctx.consent_files
                    .get(&u.file)
                    .is_some_and(|f| !f.facts.agree_buttons.is_empty())
            })
}
