//! `insecure-request`: wx.request/uploadFile/downloadFile/connectSocket uses a plain http:// or ws:// URL.
//! From the identity facts the inventory recorded ([`crate::inventory::identity`]).

use super::shared::NETWORK_URL;
use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::inventory::identity::IdentityKind;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports `wx.request`, `wx.uploadFile`, `wx.downloadFile` and
    /// `wx.connectSocket` (also `Taro.`/`uni.`) whose `url` is a plain `http://`
    /// or `ws://` URL: a literal, a template or concatenation that starts with
    /// one, or a name bound to one in the same file (`const BASE =
    /// 'http://api.example.com'`). `localhost` and `127.0.0.1` are left alone.
    ///
    /// ## Why is this bad?
    /// Request domains must be HTTPS (`wx.request`, `uploadFile`, `downloadFile`)
    /// or WSS (`connectSocket`): a released mini program cannot reach a plain
    /// HTTP URL, so it only works in DevTools with domain checks off. Where
    /// it does get through (debug mode, a proxy), the user's data travels
    /// unencrypted.
    ///
    /// ## Example
    /// ```js
    /// const BASE = 'http://api.example.com'
    /// wx.request({ url: BASE + '/user/info', data: { token } })
    /// ```
    ///
    /// ## How to fix
    /// Serve the API over HTTPS with a valid certificate (TLS 1.2+) and use
    /// `https://` / `wss://` URLs; add the domain in the MP console (开发 →
    /// 开发管理 → 开发设置 → 服务器域名).
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html
    INSECURE_REQUEST, "insecure-request", Warning, since "0.1.0",
    "wx.request/uploadFile/downloadFile/connectSocket uses a plain http:// or ws:// URL"
}

/// Plain `http://` and `ws://` request URLs.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for fact in ctx.identity {
        let at = fact.location.clone();
        out.push(match &fact.kind {
            IdentityKind::InsecureUrl { api, url } => Finding::new(
                &INSECURE_REQUEST,
                at,
                t!(
                    ctx.lang,
                    "insecure-request-message",
                    api = api.as_str(),
                    scheme = if url.to_ascii_lowercase().starts_with("ws") {
                        "ws://"
                    } else {
                        "http://"
                    },
                    url = url.as_str()
                ),
            )
            .label(t!(ctx.lang, "insecure-request-label"))
            .help(t!(ctx.lang, "insecure-request-help"))
            .api(api.clone())
            .url(NETWORK_URL),
            _ => continue,
        });
    }
}
