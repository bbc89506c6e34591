//! Consent handling: onNeedPrivacyAuthorization and friends.

use std::collections::BTreeSet;

use super::{rules, Context};
use crate::diagnostic::Finding;
use crate::inventory::consent::{AgreeButton, ButtonId, ConsentFile, Placement, Where};

/// `missing-privacy-authorization`: privacy uses and no consent handling
/// anywhere. When some code was not read, the message names it: the handler
/// may be there.
pub fn missing_privacy_authorization(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if !ctx.consent.is_empty() {
        return;
    }
    let with_keys: Vec<_> = ctx
        .uses
        .iter()
        .filter(|u| !u.privacy_keys.is_empty())
        .collect();
    let Some(first) = with_keys.first() else {
        return;
    };
    let files: BTreeSet<&str> = with_keys.iter().map(|u| u.file.as_str()).collect();
    let handlers = ctx
        .ruleset
        .consent
        .iter()
        .map(|c| format!("`{}`", c.api))
        .collect::<Vec<_>>()
        .join(", ");
    out.push(
        Finding::new(
            &rules::MISSING_PRIVACY_AUTHORIZATION,
            crate::diagnostic::point(&ctx.project.app_json_file),
            format!(
                "{} privacy API use{} in {} file{} (first `{}` at {}:{}), but nothing handles privacy consent",
                with_keys.len(),
                if with_keys.len() == 1 { "" } else { "s" },
                files.len(),
                if files.len() == 1 { "" } else { "s" },
                first.api,
                first.file,
                first.line
            ) + &ctx
                .unread
                .code_summary()
                .map(|files| format!(" in the code mpaudit audited ({files} not audited)"))
                .unwrap_or_default(),
        )
        .help(format!(
            "register wx.onNeedPrivacyAuthorization in app.js and show a popup with <button open-type=\"agreePrivacyAuthorization\">; mpaudit looks for {handlers}"
        ))
        .url("https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html"),
    );
}

const AGREE_BUTTON: &str = "<button open-type=\"agreePrivacyAuthorization\">";
const GUIDE: &str =
    "https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html";
const LISTENER_DOC: &str =
    "https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html";

/// The consent wiring checks: `privacy-listener-never-resolves`,
/// `privacy-agree-without-button`, `page-without-privacy-popup` and
/// `dead-consent-code`.
pub fn wiring(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    never_resolves(ctx, out);
    agree_without_button(ctx, out);
    pages_without_popup(ctx, out);
    dead_consent_code(ctx, out);
}

/// The pages a consent file covers: every page for app-level code.
fn pages_of<'a>(ctx: &'a Context<'_>, file: &'a ConsentFile) -> Vec<&'a str> {
    if file.placement == Where::App {
        all_pages(ctx)
    } else {
        file.pages.iter().map(String::as_str).collect()
    }
}

fn all_pages<'a>(ctx: &'a Context<'_>) -> Vec<&'a str> {
    let app = &ctx.project.app;
    let mut pages: Vec<&str> = app.pages.iter().map(String::as_str).collect();
    // Subpackage pages are named `root/page` in the graph.
    for u in ctx.uses.iter().chain(ctx.consent) {
        pages.extend(u.pages.iter().map(String::as_str));
    }
    for f in ctx.consent_files.values() {
        pages.extend(f.pages.iter().map(String::as_str));
    }
    pages.sort_unstable();
    pages.dedup();
    pages
}

fn never_resolves(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for file in ctx.consent_files.values() {
        for l in &file.facts.listeners {
            let Some(at) = &l.unresolved else { continue };
            let never = !(l.fate.called || l.fate.stored || l.fate.passed);
            let message = if never {
                "this wx.onNeedPrivacyAuthorization listener never calls or keeps `resolve`: every privacy API that fires it stays pending".to_owned()
            } else {
                format!(
                    "this wx.onNeedPrivacyAuthorization listener drops `resolve` on the path that ends at {}:{}: the privacy API that fired it then stays pending",
                    at.line, at.column
                )
            };
            out.push(
                Finding::new(&rules::PRIVACY_LISTENER_NEVER_RESOLVES, l.at.clone(), message)
                    .label("resolve dropped")
                    .help("on every path, keep resolve (this.resolvePrivacy = resolve) for the agree button's handler, or call resolve({ event: 'disagree' })")
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

fn agree_without_button(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let known = buttons_all_known(ctx);
    for file in ctx.consent_files.values() {
        for r in file.facts.resolves.iter().filter(|r| r.event == "agree") {
            let message = match (&r.placement, &r.button) {
                (Placement::Listener, _) => {
                    "resolve({ event: 'agree' }) is sent from the wx.onNeedPrivacyAuthorization listener itself, before the user taps an agree button: the base library rejects it".to_owned()
                }
                (Placement::ListenerCallback, _) => {
                    "resolve({ event: 'agree' }) is sent from a timer or modal callback inside the wx.onNeedPrivacyAuthorization listener, not after a tap on an agree button: the base library rejects it".to_owned()
                }
                (_, ButtonId::Missing) => {
                    "resolve({ event: 'agree' }) has no buttonId: the base library needs the id of the agree button the user tapped".to_owned()
                }
                (_, ButtonId::Literal(id)) if known => {
                    let pages: BTreeSet<&str> = pages_of(ctx, file).into_iter().collect();
                    let everywhere = matches!(file.placement, Where::App | Where::Unreached);
                    let buttons: Vec<&AgreeButton> = ctx
                        .consent_files
                        .values()
                        .filter(|f| everywhere || pages_of(ctx, f).iter().any(|p| pages.contains(p)))
                        .flat_map(|f| &f.facts.agree_buttons)
                        .collect();
                    if buttons.iter().any(|b| b.dynamic_id || b.id.as_deref() == Some(id)) {
                        continue;
                    }
                    let ids: Vec<String> = buttons
                        .iter()
                        .filter_map(|b| b.id.as_ref().map(|i| format!("`{i}`")))
                        .collect();
                    format!(
                        "resolve({{ event: 'agree', buttonId: '{id}' }}) names a button no {AGREE_BUTTON} of {} has{}",
                        if everywhere { "the project" } else { "its pages" },
                        if ids.is_empty() {
                            " (none has an id)".to_owned()
                        } else {
                            format!(" (ids: {})", ids.join(", "))
                        }
                    )
                }
                _ => continue,
            };
            out.push(
                Finding::new(&rules::PRIVACY_AGREE_WITHOUT_BUTTON, r.at.clone(), message)
                    .label("agree without the button")
                    .help("call resolve({ buttonId: '<id>', event: 'agree' }) in the bindagreeprivacyauthorization handler of <button id=\"<id>\" open-type=\"agreePrivacyAuthorization\">")
                    .url(LISTENER_DOC),
            );
        }
    }
}

fn pages_without_popup(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if ctx.consent.is_empty() || !ctx.unread.all_code_read() {
        return;
    }
    // Without any wx.onNeedPrivacyAuthorization listener, WeChat shows its
    // own privacy popup on every page: a page needs its own handling only
    // once the app takes the popup over with a listener (the last one
    // registered wins, wherever it was registered).
    if ctx
        .consent_files
        .values()
        .all(|f| f.facts.listeners.is_empty())
    {
        return;
    }
    // Consent code that no page reaches may run anywhere: no answer.
    if ctx.consent.iter().any(|u| u.pages.is_empty()) {
        return;
    }
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    for file in ctx.consent_files.values() {
        // requirePrivacyAuthorize asks before the page goes on (WeChat's own
        // popup when no listener is registered).
        if !file.facts.listeners.is_empty()
            || !file.facts.agree_buttons.is_empty()
            || !file.facts.requires.is_empty()
        {
            covered.extend(pages_of(ctx, file));
        }
    }
    // Agree buttons mpaudit has no facts for cover their pages.
    for u in ctx.consent.iter().filter(|u| u.api == AGREE_BUTTON) {
        covered.extend(u.pages.iter().map(String::as_str));
    }
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    for u in ctx.uses.iter().filter(|u| !u.privacy_keys.is_empty()) {
        for page in &u.pages {
            if covered.contains(page.as_str()) || !reported.insert(page) {
                continue;
            }
            out.push(
                Finding::new(
                    &rules::PAGE_WITHOUT_PRIVACY_POPUP,
                    u.location(),
                    format!(
                        "page `{page}` reaches `{}` here, but no consent handling is in effect on it: no wx.onNeedPrivacyAuthorization listener reaches the page and it shows no agree button",
                        u.api
                    ),
                )
                .label(format!("first privacy use of {page}"))
                .help("wx.onNeedPrivacyAuthorization is registered by overwriting: register it in app.js, or use the same privacy popup component (listener + agree button) on this page too")
                .url(GUIDE),
            );
        }
    }
}

fn dead_consent_code(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if let Some(value) = ctx.project.app.use_privacy_check {
        out.push(
            Finding::new(
                &rules::DEAD_CONSENT_CODE,
                crate::diagnostic::point(&ctx.project.app_json_file),
                format!(
                    "{} sets `__usePrivacyCheck__: {value}`, which has had no effect since 2023-09-15",
                    ctx.project.app_json_file
                ),
            )
            .help("delete the key: the privacy checks are always on")
            .url(GUIDE),
        );
    }
    for file in ctx.consent_files.values() {
        for r in &file.facts.requires {
            if r.fail_handled == Some(false) {
                out.push(
                    Finding::new(
                        &rules::DEAD_CONSENT_CODE,
                        r.at.clone(),
                        "wx.requirePrivacyAuthorize without `fail`: when the user refuses, nothing handles it",
                    )
                    .help("pass fail (or use the promise's catch) and leave the user a way on when they refuse")
                    .url("https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.requirePrivacyAuthorize.html"),
                );
            }
        }
    }
    // A listener no privacy use can fire.
    if !ctx.unread.all_code_read() {
        return;
    }
    let with_keys: Vec<_> = ctx
        .uses
        .iter()
        .filter(|u| !u.privacy_keys.is_empty())
        .collect();
    if with_keys.iter().any(|u| u.pages.is_empty()) {
        return;
    }
    let used: BTreeSet<&str> = with_keys
        .iter()
        .flat_map(|u| u.pages.iter().map(String::as_str))
        .collect();
    for file in ctx.consent_files.values() {
        if file.placement == Where::Unreached {
            continue;
        }
        let pages = pages_of(ctx, file);
        if pages.iter().any(|p| used.contains(p)) {
            continue;
        }
        for l in &file.facts.listeners {
            out.push(
                Finding::new(
                    &rules::DEAD_CONSENT_CODE,
                    l.at.clone(),
                    format!(
                        "this wx.onNeedPrivacyAuthorization listener ({}) is registered, but none of the {} page{} it is in effect on reaches a privacy API",
                        match file.placement {
                            Where::App => "app-wide",
                            Where::Page => "page",
                            _ => "component",
                        },
                        pages.len(),
                        if pages.len() == 1 { "" } else { "s" }
                    ),
                )
                .help("no privacy use can fire it: delete it, or check that the pages which use privacy APIs register their own")
                .url(LISTENER_DOC),
            );
        }
    }
}
