//! `unaudited-source`: source mpaudit could not read (an unknown template or script language, unparsable UTS, no pages found) was not audited.

use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::inventory::Unaudited;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports source that the audit did not read, so that a clean report never
    /// hides it: files of a kind mpaudit cannot parse (`.pug` templates,
    /// `.coffee` scripts), blocks of single-file components in such a
    /// language (`<template lang="pug">`, `<script lang="coffee">`), uni-app x
    /// UTS code the TypeScript parser cannot read, and a framework project
    /// whose config lists no pages. One finding for the project, with the
    /// count and the first places.
    ///
    /// ## Why is this bad?
    /// A privacy API called in code the audit never read is neither in the
    /// inventory nor checked against the privacy guideline: the report would
    /// say all is well while the code collects data. A page list that cannot
    /// be read means uses cannot be tied to pages.
    ///
    /// ## Example
    /// ```html
    /// <template lang="pug">
    ///   button(open-type="getPhoneNumber")
    /// </template>
    /// ```
    ///
    /// ## How to fix
    /// Audit what your build produces for WeChat (the folder with `app.json`),
    /// where every template is WXML and every script JavaScript; or write the
    /// block in a language mpaudit reads (WXML/HTML templates, JS/TS scripts).
    /// Code that never ships to WeChat can be left out with `ignore` in
    /// `mpaudit.json`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/
    /// - https://uniapp.dcloud.net.cn/tutorial/platform.html
    UNAUDITED_SOURCE, "unaudited-source", Warning, since "0.1.0",
    "source mpaudit could not read (an unknown template or script language, unparsable UTS, no pages found) was not audited"
}

/// `unaudited-source`: one finding for the project, at the first place that
/// was not audited, counting them all: blocks and files in languages mpaudit
/// cannot read, UTS the parser cannot read, and a framework config without
/// pages.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let lang = ctx.lang;
    let mut places: Vec<Unaudited> = ctx.unaudited.to_vec();
    places.extend(ctx.project.unread.iter().map(|rel| Unaudited {
        location: crate::diagnostic::point(rel),
        what: t!(
            lang,
            "unaudited-source-file",
            ext = rel.rsplit_once('.').map_or("", |(_, ext)| ext)
        ),
    }));
    // The one place that is not code: a framework config without pages.
    let mut no_pages = false;
    let app = &ctx.project.app;
    if let Some(framework) = &ctx.project.framework {
        if app.pages.is_empty() && app.subpackages.iter().all(|s| s.pages.is_empty()) {
            no_pages = true;
            places.push(Unaudited {
                location: crate::diagnostic::point(&ctx.project.app_json_file),
                what: t!(
                    lang,
                    "unaudited-source-no-pages",
                    framework = ctx
                        .ruleset
                        .frameworks
                        .iter()
                        .find(|f| &f.name == framework)
                        .map_or(framework.as_str(), |f| f.title.as_str())
                ),
            });
        }
    }
    places.sort_by(|a, b| a.location.cmp(&b.location));
    let Some(first) = places.first() else {
        return;
    };
    let shown: Vec<String> = places
        .iter()
        .take(SHOWN)
        .map(|p| format!("{}:{}: {}", p.location.file, p.location.line, p.what))
        .collect();
    let more = places.len().saturating_sub(SHOWN);
    out.push(
        Finding::new(
            &UNAUDITED_SOURCE,
            first.location.clone(),
            t!(
                lang,
                "unaudited-source-message",
                count = places.len(),
                places = shown.join(&t!(lang, "unaudited-source-separator")),
                more = if more > 0 {
                    t!(lang, "unaudited-source-more", count = more)
                } else {
                    String::new()
                }
            ),
        )
        .label(first.what.clone())
        .help(if no_pages && places.len() == 1 {
            t!(lang, "unaudited-source-no-pages-help")
        } else {
            t!(lang, "unaudited-source-help")
        }),
    );
}

/// How many places `unaudited-source` names in its message.
const SHOWN: usize = 3;
