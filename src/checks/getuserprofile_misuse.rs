//! `getuserprofile-misuse`: wx.getUserProfile has no desc, a desc over 30 characters, or runs outside a tap handler.

use super::shared::via;
use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::inventory::context::{AsyncCallback, CallContext, Desc, OwnerKind};
use crate::inventory::events::TemplateEvents;
use crate::inventory::Use;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports each call of `wx.getUserProfile` (also `uni.`/`Taro.` and
    /// aliases) that WeChat rejects, one finding per problem:
    /// - the options have no `desc` (`wx.getUserProfile()`,
    ///   `wx.getUserProfile({ success })`);
    /// - `desc` is a string literal longer than 30 characters (counted as
    ///   Unicode characters: `'用于完善会员资料'` is 8). A `desc` that is not a
    ///   literal is not judged;
    /// - it is not called directly in a tap handler: it runs in a lifecycle
    ///   (`onLoad`, `onShow`, `onLaunch`, `attached`…, also through
    ///   `this.method()` calls), in an asynchronous callback (the `success` of
    ///   `wx.login`, a `.then()`, a `setTimeout`, after an `await`), or, when the
    ///   page or component has its `.wxml` next to it, in a method that its
    ///   template (with the templates it imports and includes) does not bind to
    ///   a tap-like event and that no such method calls through `this.method()`.
    ///   Tap-like events are `tap`, `longpress`, `longtap` and `submit` (any
    ///   binding form: `bindtap`, `catchtap`, `bind:tap`, `mut-bind:tap`,
    ///   `capture-bind:tap`…), and any event of a custom component
    ///   (`<van-button bind:click="getProfile">`). A template that binds a
    ///   computed name (`bindtap="{{handler}}"`) is not judged.
    ///
    /// The call is also a `deprecated-api`: since 2022-11-08 it returns a grey
    /// avatar and the nickname "微信用户". This rule says why it fails at all.
    ///
    /// ## Why is this bad?
    /// The API documentation says it may only be called after a tap on the page
    /// ("页面产生点击事件（例如 button 上 bindtap 的回调中）后才可调用") and that `desc`
    /// is required and at most 30 characters. Otherwise the call fails, e.g. with
    /// `getUserProfile:fail can only be invoked by user TAP gesture`. That a
    /// callback running after the tap handler returned no longer counts as the
    /// tap is our reading of that rule and of developers' reports.
    ///
    /// ## Example
    /// ```js
    /// Page({
    ///   onLoad() {
    ///     wx.login({ success: () => wx.getUserProfile({ desc: '获取你的昵称、头像' }) })
    ///   }
    /// })
    /// ```
    ///
    /// ## How to fix
    /// Call it directly in the `bindtap` handler, with a short `desc`:
    /// `<button bindtap="getProfile">` and `getProfile() { wx.getUserProfile({ desc:
    /// '用于完善会员资料', success: … }) }`; log in before or after, not around it.
    /// Better, since it returns anonymous data now: let the user fill in avatar and
    /// nickname with `<button open-type="chooseAvatar">` and `<input type="nickname">`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/api/open-api/user-info/wx.getUserProfile.html
    /// - https://developers.weixin.qq.com/community/develop/doc/00022c683e8a80b29bed2142b56c01
    GETUSERPROFILE_MISUSE, "getuserprofile-misuse", Warning, since "0.1.0",
    "wx.getUserProfile has no desc, a desc over 30 characters, or runs outside a tap handler"
}

/// `getuserprofile-misuse`: no desc, a long desc, or not in a tap handler.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for u in ctx.uses {
        if u.api != GET_USER_PROFILE {
            continue;
        }
        let Some(c) = &u.context else {
            continue;
        };
        if !c.called {
            continue;
        }
        let lang = ctx.lang;
        let finding = |message: String, label: String, help: String| {
            Finding::new(&GETUSERPROFILE_MISUSE, u.location(), message)
                .label(label)
                .help(help)
                .api(u.api.clone())
                .url("https://developers.weixin.qq.com/miniprogram/dev/api/open-api/user-info/wx.getUserProfile.html")
        };
        match &c.desc {
            Desc::Missing => out.push(finding(
                t!(lang, "getuserprofile-misuse-no-desc", api = &u.api),
                t!(lang, "getuserprofile-misuse-no-desc-label"),
                t!(lang, "getuserprofile-misuse-no-desc-help"),
            )),
            Desc::Literal(desc) if desc.chars().count() > DESC_MAX_CHARS => out.push(finding(
                t!(
                    lang,
                    "getuserprofile-misuse-long-desc",
                    api = &u.api,
                    chars = desc.chars().count(),
                    max = DESC_MAX_CHARS
                ),
                t!(lang, "getuserprofile-misuse-long-desc-label"),
                t!(lang, "getuserprofile-misuse-long-desc-help"),
            )),
            _ => {}
        }
        if let Some(problem) = not_in_tap(ctx, u, c) {
            out.push(finding(
                t!(lang, "getuserprofile-misuse-not-in-tap", problem = problem),
                t!(lang, "getuserprofile-misuse-not-in-tap-label"),
                t!(lang, "getuserprofile-misuse-not-in-tap-help"),
            ));
        }
    }
}

/// WeChat's limit on `desc` (S-PROFILE), in characters.
const DESC_MAX_CHARS: usize = 30;

/// Where a use runs later, in words: "in the `success` callback of `wx.login`".
fn describe_callback(lang: crate::i18n::Lang, callback: &AsyncCallback) -> String {
    match callback {
        AsyncCallback::Await => t!(lang, "getuserprofile-misuse-after-await"),
        AsyncCallback::Option { name, call } => t!(
            lang,
            "getuserprofile-misuse-option-callback",
            name = name.as_str(),
            call = call.as_str()
        ),
        AsyncCallback::Promise(method) => t!(
            lang,
            "getuserprofile-misuse-promise-callback",
            method = method.as_str()
        ),
        AsyncCallback::Timer(timer) => t!(
            lang,
            "getuserprofile-misuse-timer-callback",
            timer = timer.as_str()
        ),
        AsyncCallback::SetData => t!(lang, "getuserprofile-misuse-setdata-callback"),
    }
}

/// The canonical name of the API the tap rule is about.
const GET_USER_PROFILE: &str = "wx.getUserProfile";

/// How many templates one page may pull in through imports and includes.
const MAX_TEMPLATES: usize = 32;

/// Why the call does not run directly in a tap handler, when we can tell.
fn not_in_tap(ctx: &Context<'_>, u: &Use, c: &CallContext) -> Option<String> {
    if let Some(callback) = &c.async_callback {
        return Some(t!(
            ctx.lang,
            "getuserprofile-misuse-in-callback",
            api = &u.api,
            callback = describe_callback(ctx.lang, callback)
        ));
    }
    let (owner, method) = (c.owner?, c.method.as_deref()?);
    if !c.sync_in_method {
        return None;
    }
    if let Some(path) = &c.lifecycle_path {
        return Some(t!(
            ctx.lang,
            "getuserprofile-misuse-in-lifecycle",
            api = &u.api,
            lifecycle = format!("{}.{}", owner.as_str(), path[0]),
            via = via(ctx.lang, path)
        ));
    }
    if !matches!(owner, OwnerKind::Page | OwnerKind::Component) {
        return None;
    }
    let (template, events) = template_events(ctx, &u.file)?;
    if c.sync_callers
        .iter()
        .any(|m| events.iter().any(|e| e.binds_tap(m)))
    {
        return None;
    }
    Some(t!(
        ctx.lang,
        "getuserprofile-misuse-unbound-method",
        api = &u.api,
        method = method,
        template = template
    ))
}

/// The template next to a page or component script, with the templates it
/// imports and includes; `None` when there is none or one cannot be read, or
/// when one binds computed handler names.
fn template_events<'a>(
    ctx: &'a Context<'_>,
    script: &str,
) -> Option<(String, Vec<&'a TemplateEvents>)> {
    let stem = script
        .strip_suffix(".js")
        .or_else(|| script.strip_suffix(".ts"))?;
    let first = format!("{stem}.wxml");
    let mut files = vec![first.clone()];
    let mut out = Vec::new();
    let mut i = 0;
    while i < files.len() {
        if files.len() > MAX_TEMPLATES {
            return None;
        }
        let events = ctx.templates.get(&files[i])?;
        if events.dynamic {
            return None;
        }
        for path in events.resolved.as_ref()? {
            if !files.contains(path) {
                files.push(path.clone());
            }
        }
        out.push(events);
        i += 1;
    }
    Some((first, out))
}
