//! `hardcoded-app-secret`: an AppSecret (32 hex digits named secret/appSecret, or a secret= URL parameter) is in client code.
//! From the identity facts the inventory recorded ([`crate::inventory::identity`]).

use super::shared::NETWORK_URL;
use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::inventory::identity::IdentityKind;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a 32-digit lowercase hex string (the form of a mini program's
    /// AppSecret) held by something named like an AppSecret: a variable,
    /// property or object key `secret`, `appSecret`, `app_secret`, `AppSecret`,
    /// `wxSecret`…, or the `secret=` parameter of a URL (literal, or a
    /// concatenation with such a string). The message shows the first 4 digits
    /// only, and the human report masks the rest in its code snippet. Strings in
    /// comments are not code and never count.
    ///
    /// ## Why is this bad?
    /// A mini program package can be downloaded and unpacked by anyone. With the
    /// AppSecret and the AppID (which is public) anyone can get the account's
    /// `access_token`, and with it call every server API in the account's name:
    /// send subscription messages, read user data, change settings. WeChat's
    /// docs say the AppSecret belongs on the backend server.
    ///
    /// ## Example
    /// ```js
    /// const config = { appid: 'wx1234567890abcdef', secret: '3f2a…' } // 32 hex digits
    /// ```
    ///
    /// ## How to fix
    /// Delete it from the mini program, reset the AppSecret in the MP console
    /// (开发 → 开发管理 → 开发设置 → AppSecret 重置): the old one is public and
    /// stays in every released version. Keep the new one on your backend only.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_code2session
    HARDCODED_APP_SECRET, "hardcoded-app-secret", Error, since "0.1.0",
    "an AppSecret (32 hex digits named secret/appSecret, or a secret= URL parameter) is in client code"
}

/// AppSecrets written into client code.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for fact in ctx.identity {
        let at = fact.location.clone();
        out.push(match &fact.kind {
            IdentityKind::AppSecret { name, prefix } => Finding::new(
                &HARDCODED_APP_SECRET,
                at,
                t!(
                    ctx.lang,
                    "hardcoded-app-secret-message",
                    name = name.as_str(),
                    prefix = prefix.as_str()
                ),
            )
            .label(t!(ctx.lang, "hardcoded-app-secret-label"))
            .help(t!(ctx.lang, "hardcoded-app-secret-help"))
            .url(NETWORK_URL),
            _ => continue,
        });
    }
}
