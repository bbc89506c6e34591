//! `client-code2session`: client code calls WeChat's server API (jscode2session, cgi-bin) that only a backend may call.
//! From the identity facts the inventory recorded ([`crate::inventory::identity`]).

use super::shared::NETWORK_URL;
use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::inventory::identity::{is_code2session, IdentityKind};
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports client code that builds or requests a URL of WeChat's server API,
    /// `api.weixin.qq.com`: above all the login code exchange
    /// `sns/jscode2session` (code2Session), and `cgi-bin/…` or `wxa/…` endpoints
    /// (`cgi-bin/token`, and the APIs that take its `access_token`). A string
    /// literal, a template literal or a `+` concatenation counts, with names
    /// bound in the same file to a string (`const WX = 'https://api.weixin.qq.com'`).
    /// Comments never count.
    ///
    /// ## Why is this bad?
    /// code2Session needs the AppSecret, and returns the user's OpenID, UnionID
    /// and `session_key`: a mini program that calls it ships the AppSecret in a
    /// package anyone can download and unpack. WeChat's docs say these APIs must
    /// be called from the server, never from the front end, and
    /// `api.weixin.qq.com` cannot be configured as a request domain, so the call
    /// also fails for users (it only works with domain checks off in DevTools).
    ///
    /// ## Example
    /// ```js
    /// wx.login({ success: (res) => wx.request({
    ///   url: 'https://api.weixin.qq.com/sns/jscode2session?appid=' + APPID +
    ///        '&secret=' + SECRET + '&js_code=' + res.code + '&grant_type=authorization_code',
    /// }) })
    /// ```
    ///
    /// ## How to fix
    /// Send `res.code` to your own backend (or a cloud function) and call
    /// code2Session there; return your own session token to the mini program,
    /// never the `session_key`. Then reset the AppSecret in the MP console
    /// (开发 → 开发管理 → 开发设置): the shipped one is public.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_code2session
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/login.html
    CLIENT_CODE2SESSION, "client-code2session", Error, since "0.1.0",
    "client code calls WeChat's server API (jscode2session, cgi-bin) that only a backend may call"
}

/// Where code2Session is documented.
const CODE2SESSION_URL: &str =
    "https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_code2session";

/// Calls of WeChat's server API (code2Session above all) from client code.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for fact in ctx.identity {
        let at = fact.location.clone();
        out.push(match &fact.kind {
            IdentityKind::ServerApi { path } if is_code2session(path) => Finding::new(
                &CLIENT_CODE2SESSION,
                at,
                t!(ctx.lang, "client-code2session-message"),
            )
            .label(t!(ctx.lang, "client-code2session-label"))
            .help(t!(ctx.lang, "client-code2session-help"))
            .url(CODE2SESSION_URL),
            IdentityKind::ServerApi { path } => {
                let what = if path.is_empty() {
                    "api.weixin.qq.com".to_owned()
                } else {
                    format!("api.weixin.qq.com/{path}")
                };
                Finding::new(
                    &CLIENT_CODE2SESSION,
                    at,
                    t!(ctx.lang, "client-code2session-server-api", what = what),
                )
                .label(t!(ctx.lang, "client-code2session-label"))
                .help(t!(ctx.lang, "client-code2session-server-api-help"))
                .url(NETWORK_URL)
            }
            _ => continue,
        });
    }
}
