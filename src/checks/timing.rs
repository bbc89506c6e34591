//! When privacy APIs run: on launch, or outside the tap WeChat requires.

use super::{rules, Context};
use crate::diagnostic::Finding;
use crate::inventory::context::{CallContext, Desc, OwnerKind};
use crate::inventory::events::TemplateEvents;
use crate::inventory::Use;

/// WeChat's limit on `desc` (S-PROFILE), in characters.
const DESC_MAX_CHARS: usize = 30;

/// The canonical name of the API the tap rule is about.
const GET_USER_PROFILE: &str = "wx.getUserProfile";

/// How many templates one page may pull in through imports and includes.
const MAX_TEMPLATES: usize = 32;

/// `privacy-call-on-launch`: privacy API calls reached from a launch lifecycle.
pub fn privacy_call_on_launch(ctx: &Context<'_>, out: &mut Vec<Finding>) {
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
        let lifecycle = format!("{}.{}", owner.as_str(), path[0]);
        let what = match &u.scope {
            Some(Some(scope)) => format!("`{}` with scope `{scope}`", u.api),
            _ => format!("`{}`", u.api),
        };
        let keys: Vec<String> = u
            .privacy_keys
            .iter()
            .map(|k| ctx.ruleset.describe_key(k))
            .collect();
        out.push(
            Finding::new(
                &rules::PRIVACY_CALL_ON_LAUNCH,
                u.location(),
                format!(
                    "{what} is called from `{lifecycle}`{}, so it asks for {} {}, before the user has done anything",
                    via(path),
                    keys.join(" and "),
                    when(owner, &path[0]),
                ),
            )
            .label(format!("runs in `{lifecycle}`"))
            .help("call it from the handler of the control that needs the data (e.g. a `bindtap` handler); WeChat's operating rules forbid asking for permissions or personal data before the user triggers the feature")
            .api(u.api.clone()),
        );
    }
}

/// Whether calling `u` asks for data by itself: not just creating an object
/// (`wx.getRecorderManager`, `wx.createCameraContext`) or registering a
/// listener (`wx.onLocationChange`). Recalled user-info APIs are left to
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
    let member = u.member();
    let listener = member
        .strip_prefix("on")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()));
    !(listener
        || (member.starts_with("create") && u.api.starts_with("wx."))
        || ctx.ruleset.factory_type(member).is_some())
}

/// `, through `this.init()` → `this.locate()`` for a path longer than the lifecycle.
fn via(path: &[String]) -> String {
    if path.len() < 2 {
        return String::new();
    }
    let calls: Vec<String> = path[1..].iter().map(|m| format!("`this.{m}()`")).collect();
    format!(" through {}", calls.join(" → "))
}

/// When a launch lifecycle runs.
fn when(owner: OwnerKind, method: &str) -> &'static str {
    match (owner, method) {
        (OwnerKind::App, "onShow") => "whenever the mini program shows",
        (OwnerKind::App, _) => "when the mini program starts",
        (_, "onShow" | "pageLifetimes.show") => "whenever the page shows",
        (OwnerKind::Page, _) | (_, "onLoad") => "when the page opens",
        _ => "when the component is created",
    }
}

/// `getuserprofile-misuse`: no desc, a long desc, or not in a tap handler.
pub fn getuserprofile_misuse(ctx: &Context<'_>, out: &mut Vec<Finding>) {
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
        let finding = |message: String, label: &str, help: &str| {
            Finding::new(&rules::GETUSERPROFILE_MISUSE, u.location(), message)
                .label(label.to_owned())
                .help(help.to_owned())
                .api(u.api.clone())
                .url("https://developers.weixin.qq.com/miniprogram/dev/api/open-api/user-info/wx.getUserProfile.html")
        };
        match &c.desc {
            Desc::Missing => out.push(finding(
                format!("`{}` is called without `desc`, so WeChat fails the call", u.api),
                "no `desc`",
                "add `desc`, the purpose shown to the user (at most 30 characters), e.g. `desc: '用于完善会员资料'`",
            )),
            Desc::Literal(desc) if desc.chars().count() > DESC_MAX_CHARS => out.push(finding(
                format!(
                    "the `desc` of `{}` has {} characters; WeChat allows at most {DESC_MAX_CHARS}",
                    u.api,
                    desc.chars().count(),
                ),
                "`desc` over 30 characters",
                "shorten `desc` to 30 characters or fewer",
            )),
            _ => {}
        }
        if let Some(problem) = not_in_tap(ctx, u, c) {
            out.push(finding(
                format!("{problem}; WeChat fails it with \"getUserProfile:fail can only be invoked by user TAP gesture\""),
                "not in a tap handler",
                "call it directly in the handler of a tap (`<button bindtap=\"getProfile\">`), not in a lifecycle or a callback; log in before or after it",
            ));
        }
    }
}

/// Why the call does not run directly in a tap handler, when we can tell.
fn not_in_tap(ctx: &Context<'_>, u: &Use, c: &CallContext) -> Option<String> {
    if let Some(callback) = &c.async_callback {
        return Some(format!(
            "`{}` is called {callback}, not directly in a tap handler",
            u.api
        ));
    }
    let (owner, method) = (c.owner?, c.method.as_deref()?);
    if !c.sync_in_method {
        return None;
    }
    if let Some(path) = &c.lifecycle_path {
        return Some(format!(
            "`{}` is called from `{}.{}`{}, not from a tap handler",
            u.api,
            owner.as_str(),
            path[0],
            via(path)
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
    Some(format!(
        "`{}` is called in `{method}`, which `{template}` does not bind to a tap and no method bound to one calls",
        u.api
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
