//! `missing-required-private-infos`: a location-class API is used but not listed in requiredPrivateInfos.

use super::shared::required_name;
use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::rule::declare_rule;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Reports each use of a location-class API (getFuzzyLocation,
    /// getLocation, onLocationChange, startLocationUpdate,
    /// startLocationUpdateBackground, chooseLocation, choosePoi, chooseAddress) that
    /// app.json `requiredPrivateInfos` does not list.
    ///
    /// ## Why is this bad?
    /// Mini programs released after 2022-07-14 must list these APIs, or the call fails
    /// with "the api need to be declared in the requiredPrivateInfos field in app.json/ext.json".
    ///
    /// ## Example
    /// ```js
    /// wx.chooseAddress({}) // app.json has no "requiredPrivateInfos": ["chooseAddress"]
    /// ```
    ///
    /// ## How to fix
    /// Add the API name to `requiredPrivateInfos` in app.json (ext.json for
    /// third-party platforms), and activate it in the MP console (开发 → 开发管理 → 接口设置).
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html
    /// - https://developers.weixin.qq.com/community/develop/doc/000a02f2c5026891650e7f40351c01
    MISSING_REQUIRED_PRIVATE_INFOS, "missing-required-private-infos", Error, since "0.1.0",
    "a location-class API is used but not listed in requiredPrivateInfos"
}

/// `missing-required-private-infos`: each use of a listed API that is not
/// listed. Held back when `requiredPrivateInfos` could not be read.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if !ctx.project.app.read_completely("requiredPrivateInfos") {
        return;
    }
    let listed = listed(ctx);
    for u in ctx.uses {
        let Some(name) = required_name(ctx.ruleset, u) else {
            continue;
        };
        if listed.contains(name) {
            continue;
        }
        out.push(
            Finding::new(
                &MISSING_REQUIRED_PRIVATE_INFOS,
                u.location(),
                t!(
                    ctx.lang,
                    "missing-required-private-infos-message",
                    api = &u.api
                ),
            )
            .label(t!(
                ctx.lang,
                "missing-required-private-infos-label",
                name = name
            ))
            .help(t!(
                ctx.lang,
                "missing-required-private-infos-help",
                name = name,
                file = &ctx.project.app_json_file
            ))
            .api(u.api.clone())
            .url(ctx.ruleset.location.source.clone()),
        );
    }
}

pub(super) fn listed<'a>(ctx: &'a Context<'_>) -> BTreeSet<&'a str> {
    ctx.project
        .app
        .required_private_infos
        .iter()
        .map(|s| s.value.as_str())
        .collect()
}
