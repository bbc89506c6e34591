//! `session-key-on-client`: session_key is written to storage or sent out from the client.
//! From the identity facts the inventory recorded ([`crate::inventory::identity`]).

use super::shared::FirstParty;
use super::shared::LOGIN_URL;
use super::Context;
use crate::diagnostic::{Finding, Location};
use crate::i18n::t;
use crate::inventory::identity::{is_session_key, IdentityKind};
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports `session_key` (any spelling: `sessionKey`, `SESSION_KEY`) written
    /// to storage (`wx.setStorage`, `wx.setStorageSync`; also `Taro.`/`uni.`) as
    /// the key or in the value, or sent back out in the `data`, `formData` or
    /// `header` of `wx.request`/`wx.uploadFile`, or in the URL query of a request
    /// to the app's own backend (to other hosts it is `identity-in-url`).
    ///
    /// ## Why is this bad?
    /// `session_key` is the key WeChat encrypts and signs the user's data with.
    /// WeChat's login docs say the backend must not hand it to the mini program
    /// nor send it over the network. A client that holds it can forge or read
    /// the user's encrypted data (phone number, WeRun), and anything stored with
    /// `setStorage` is readable on the device.
    ///
    /// ## Example
    /// ```js
    /// wx.request({ url: API + '/login', data: { code }, success: (res) => {
    ///   wx.setStorageSync('session_key', res.data.session_key)
    /// } })
    /// ```
    ///
    /// ## How to fix
    /// Keep `session_key` on the backend, next to the user's OpenID. Give the
    /// mini program your own session token (random, expiring) and decrypt
    /// `encryptedData` on the backend.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/login.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
    SESSION_KEY_ON_CLIENT, "session-key-on-client", Warning, since "0.1.0",
    "session_key is written to storage or sent out from the client"
}

/// `session_key` stored on the device or sent out, also to the app's own
/// hosts in a URL.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let lang = ctx.lang;
    let first_party = FirstParty::of(ctx.identity, ctx.first_party_hosts);
    for fact in ctx.identity {
        let at = fact.location.clone();
        out.push(match &fact.kind {
            IdentityKind::SessionKeyStored { api } => Finding::new(
                &SESSION_KEY_ON_CLIENT,
                at,
                t!(lang, "session-key-on-client-stored", api = api.as_str()),
            )
            .label(t!(lang, "session-key-on-client-stored-label"))
            .help(t!(lang, "session-key-on-client-stored-help"))
            .api(api.clone())
            .url(LOGIN_URL),
            IdentityKind::SessionKeySent { api } => session_key_sent(
                lang,
                at,
                t!(lang, "session-key-on-client-sent", api = api.as_str()),
                api,
            ),
            IdentityKind::IdentityInUrl { api, param, host }
                if first_party.covers(host) && is_session_key(param) =>
            {
                session_key_sent(
                    lang,
                    at,
                    t!(
                        lang,
                        "session-key-on-client-in-url",
                        api = api.as_str(),
                        host = host.as_str()
                    ),
                    api,
                )
            }
            _ => continue,
        });
    }
}

/// `session-key-on-client` for `session_key` sent out by `api`.
fn session_key_sent(lang: crate::i18n::Lang, at: Location, message: String, api: &str) -> Finding {
    Finding::new(&SESSION_KEY_ON_CLIENT, at, message)
        .label(t!(lang, "session-key-on-client-sent-label"))
        .help(t!(lang, "session-key-on-client-sent-help"))
        .api(api)
        .url(LOGIN_URL)
}
