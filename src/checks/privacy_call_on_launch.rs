//! `privacy-call-on-launch`: a privacy API is called when the mini program or a page opens, before any user action.

use super::shared::via;
use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::inventory::context::OwnerKind;
use crate::inventory::Use;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a call of a privacy API (one that needs a privacy type, e.g.
    /// `wx.getLocation`, `wx.chooseImage`, `wx.getClipboardData`,
    /// `wx.authorize({scope: 'scope.userLocation'})`) that runs before the user
    /// has done anything: in `App.onLaunch` or `App.onShow`, in a page's `onLoad`
    /// or `onShow`, in a component used as a page (`onLoad`/`onShow` in
    /// `methods`, `pageLifetimes.show`), or in a component's
    /// `created`/`attached`/`ready`. Uses inside callbacks of such a method count
    /// (`onLoad() { wx.getSetting({ success() { wx.getLocation() } }) }` still runs
    /// on load), and so do methods of the same object it calls, up to 4 calls
    /// deep (`onLoad() { this.locate() }, locate() { wx.getLocation() }`); the
    /// message names the lifecycle and the path. Functions the method only
    /// registers or stores (`wx.onXxx(fn)`, `bus.on('x', fn)`, `this.cb = fn`)
    /// do not count.
    ///
    /// Not reported: references that are not calls (`if (wx.getUserProfile)`),
    /// calls that only create an object or register a listener and ask for
    /// nothing by themselves (`wx.getRecorderManager()`, `wx.createCameraContext()`,
    /// `wx.onLocationChange(fn)`; the object's own methods, such as
    /// `RecorderManager.start`, are judged), consent APIs
    /// (`wx.requirePrivacyAuthorize`), recalled user-info APIs (`wx.getUserInfo`
    /// and `scope.userInfo` no longer ask the user; `wx.getUserProfile` on launch
    /// is a `getuserprofile-misuse`), templates, and code outside
    /// `App`/`Page`/`Component`/`Behavior` objects.
    ///
    /// ## Why is this bad?
    /// WeChat's operating rules (《微信小程序平台运营规范》 §15, 用户隐私和数据规范, as quoted
    /// in WeChat's rules on collecting phone numbers) forbid popups that ask for
    /// permissions or personal information before the user triggers the related
    /// feature, and review rejects mini programs that collect data on entry. That
    /// these lifecycles run "before the user triggers the feature" is our reading:
    /// they run when the mini program starts or a page opens.
    ///
    /// ## Example
    /// ```js
    /// Page({
    ///   onLoad() { this.locate() },
    ///   locate() { wx.getLocation({ type: 'gcj02' }) } // runs as soon as the page opens
    /// })
    /// ```
    ///
    /// ## How to fix
    /// Call the API from the handler of the control that needs the data (a
    /// `bindtap` handler of "use my location"), and show what the page can
    /// without it. If the data is needed on entry, explain why on the page first
    /// and let the user start it.
    ///
    /// ## References
    /// - https://zz5.net/news/6992 (secondary: 关于小程序收集用户手机号行为的规范, citing 运营规范 §15)
    /// - https://www.vkhz.com/vyj/at_3192.html (secondary)
    PRIVACY_CALL_ON_LAUNCH, "privacy-call-on-launch", Warning, since "0.1.0",
    "a privacy API is called when the mini program or a page opens, before any user action"
}

/// `privacy-call-on-launch`: privacy API calls reached from a launch lifecycle.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for u in ctx.uses {
        let Some(c) = &u.context else {
            continue;
        };
        if !c.called || u.privacy_keys.is_empty() || !asks_for_data(ctx, u) {
            continue;
        }
        let (Some(owner), Some(path)) = (c.owner, &c.launch_path) else {
            continue;
        };
        let lang = ctx.lang;
        let lifecycle = format!("{}.{}", owner.as_str(), path[0]);
        let what = match &u.scope {
            Some(Some(scope)) => t!(lang, "api-with-scope", api = &u.api, scope = scope.as_str()),
            _ => format!("`{}`", u.api),
        };
        let keys: Vec<String> = u
            .privacy_keys
            .iter()
            .map(|k| ctx.ruleset.describe_key_in(lang, k))
            .collect();
        out.push(
            Finding::new(
                &PRIVACY_CALL_ON_LAUNCH,
                u.location(),
                t!(
                    lang,
                    "privacy-call-on-launch-message",
                    what = what,
                    lifecycle = lifecycle.as_str(),
                    via = via(lang, path),
                    keys = keys.join(&t!(lang, "list-and")),
                    when = when(lang, owner, &path[0]),
                ),
            )
            .label(t!(
                lang,
                "privacy-call-on-launch-label",
                lifecycle = lifecycle.as_str()
            ))
            .help(t!(lang, "privacy-call-on-launch-help"))
            .api(u.api.clone()),
        );
    }
}

/// Whether calling `u` asks for data by itself: not just creating an object
/// (`wx.getRecorderManager`, `wx.createCameraContext`) or registering a
/// listener (`wx.onLocationChange`), as the row's `when_called` says. Recalled user-info APIs are left to
/// `deprecated-api` and `getuserprofile-misuse`: `wx.getUserInfo` and
/// `scope.userInfo` no longer ask the user, and `wx.getUserProfile` cannot
/// run outside a tap at all.
fn asks_for_data(ctx: &Context<'_>, u: &Use) -> bool {
    let deprecated = match &u.scope {
        Some(Some(scope)) => ctx.ruleset.deprecated(scope).is_some(),
        _ => ctx.ruleset.deprecated(&u.api).is_some(),
    };
    if deprecated {
        return false;
    }
    ctx.ruleset.asks_user(&u.api)
}

/// When a launch lifecycle runs.
pub(super) fn when(lang: crate::i18n::Lang, owner: OwnerKind, method: &str) -> String {
    match (owner, method) {
        (OwnerKind::App, "onShow") => t!(lang, "when-app-shows"),
        (OwnerKind::App, _) => t!(lang, "when-app-starts"),
        (_, "onShow" | "pageLifetimes.show") => t!(lang, "when-page-shows"),
        (OwnerKind::Page, _) | (_, "onLoad") => t!(lang, "when-page-opens"),
        _ => t!(lang, "when-component-created"),
    }
}
