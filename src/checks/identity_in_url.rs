//! `identity-in-url`: openid, unionid or session_key is put into the URL of a request to a third-party host.
//! From the identity facts the inventory recorded ([`crate::inventory::identity`]).

use super::shared::FirstParty;
use super::shared::LOGIN_URL;
use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::inventory::identity::IdentityKind;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports `openid`, `unionid` or `session_key` (any spelling) put into the
    /// URL query of a request (`wx.request`, `uploadFile`, `downloadFile`,
    /// `connectSocket`) to a literal host that is not the app's own backend.
    /// The app's own hosts are those listed in `first-party-hosts` in
    /// `mpaudit.json` (a host or a parent domain: `example.com` covers
    /// `api.example.com`); without that list, the domain the app's own code
    /// sends the most requests to.
    ///
    /// ## Why is this bad?
    /// OpenID and UnionID identify a WeChat user across sessions (UnionID across
    /// all of a company's apps). In a URL they end up in the third party's access
    /// logs, proxies and analytics, which ties the user's activity to their
    /// WeChat identity without the user knowing, and the privacy guideline
    /// rarely says so. `session_key` must never leave the backend.
    ///
    /// ## Example
    /// ```js
    /// wx.request({ url: 'https://stats.example-ads.com/track?openid=' + openid + '&page=home' })
    /// ```
    ///
    /// ## How to fix
    /// Send the third party an identifier of your own (random, per service), or
    /// none; if it must know the user, send the data from your backend and say
    /// so in the privacy guideline. If the host is yours, add it to
    /// `first-party-hosts` in `mpaudit.json`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/union-id.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/login.html
    IDENTITY_IN_URL, "identity-in-url", Warning, since "0.1.0",
    "openid, unionid or session_key is put into the URL of a request to a third-party host"
}

/// User identity put into the URL of a request to a third-party host.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let first_party = FirstParty::of(ctx.identity, ctx.first_party_hosts);
    for fact in ctx.identity {
        let at = fact.location.clone();
        let IdentityKind::IdentityInUrl { api, param, host } = &fact.kind else {
            continue;
        };
        if first_party.covers(host) {
            continue;
        }
        out.push(
            Finding::new(
                &IDENTITY_IN_URL,
                at,
                t!(
                    ctx.lang,
                    "identity-in-url-message",
                    param = param.as_str(),
                    api = api.as_str(),
                    host = host.as_str()
                ),
            )
            .label(t!(ctx.lang, "identity-in-url-label"))
            .help(t!(
                ctx.lang,
                "identity-in-url-help",
                hosts = first_party.explain(ctx.lang)
            ))
            .api(api.clone())
            .url(LOGIN_URL),
        );
    }
}
