//! `privacy-listener-never-resolves`: a wx.onNeedPrivacyAuthorization listener leaves resolve uncalled on some path.

use super::shared::LISTENER_DOC;
use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a `wx.onNeedPrivacyAuthorization` listener (also `uni.`, `Taro.`,
    /// `wepy.`, `mpx.`) with a path on which its `resolve` is neither called nor
    /// kept for later: a listener without a `resolve` parameter, one that
    /// returns early, one that calls `resolve` only in one branch of an `if`.
    /// Any other mention of `resolve` counts as keeping it (stored on `this`,
    /// in a module variable or a `Set`, passed to a function, captured by a
    /// callback), and a listener that is not an inline function is not judged.
    ///
    /// ## Why is this bad?
    /// The privacy API that fired the listener stays pending until `resolve` is
    /// called: the official documentation says "如果注册了
    /// wx.onNeedPrivacyAuthorization 监听，则一定要调用 resolve 接口". The page
    /// hangs, and review rejects it because it "does not prompt the user".
    ///
    /// ## Example
    /// ```js
    /// wx.onNeedPrivacyAuthorization((resolve) => {
    ///   if (this.data.popupShown) return // this call stays pending forever
    ///   this.resolvePrivacy = resolve
    ///   this.setData({ popupShown: true })
    /// })
    /// ```
    ///
    /// ## How to fix
    /// Keep `resolve` on every path (`this.resolvePrivacy = resolve`, or a
    /// list of pending resolves as in the official demo2) and call it from the
    /// agree and disagree buttons' handlers.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
    PRIVACY_LISTENER_NEVER_RESOLVES, "privacy-listener-never-resolves", Error, since "0.1.0",
    "a wx.onNeedPrivacyAuthorization listener leaves resolve uncalled on some path"
}

pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for file in ctx.consent_files.values() {
        for l in &file.facts.listeners {
            let Some(at) = &l.unresolved else { continue };
            let never = !(l.fate.called || l.fate.stored || l.fate.passed);
            let lang = ctx.lang;
            let message = if never {
                t!(lang, "privacy-listener-never-resolves-never")
            } else {
                t!(
                    lang,
                    "privacy-listener-never-resolves-on-a-path",
                    at = format!("{}:{}", at.line, at.column)
                )
            };
            out.push(
                Finding::new(&PRIVACY_LISTENER_NEVER_RESOLVES, l.at.clone(), message)
                    .label(t!(lang, "privacy-listener-never-resolves-label"))
                    .help(t!(lang, "privacy-listener-never-resolves-help"))
                    .url(LISTENER_DOC),
            );
        }
    }
}
