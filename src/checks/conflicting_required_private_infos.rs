//! `conflicting-required-private-infos`: fuzzy and precise location APIs are declared or used together.

use super::{at, Context};
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::inventory::Use;
use crate::rule::declare_rule;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Reports `getFuzzyLocation` listed in `requiredPrivateInfos` together with
    /// getLocation, onLocationChange, startLocationUpdate or
    /// startLocationUpdateBackground, or, when the list is consistent, code that
    /// uses both the fuzzy and a precise location API.
    ///
    /// ## Why is this bad?
    /// Fuzzy and precise location are mutually exclusive: DevTools fails to compile
    /// with "requiredPrivateInfos 'getFuzzyLocation' 与 'getLocation'… 互斥", and code
    /// needing both cannot declare both.
    ///
    /// ## Example
    /// ```json
    /// {"requiredPrivateInfos": ["getFuzzyLocation", "getLocation"]}
    /// ```
    ///
    /// ## How to fix
    /// Choose one: `getFuzzyLocation` alone, or the precise APIs. chooseLocation,
    /// choosePoi and chooseAddress may go with either.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/community/develop/doc/000a02f2c5026891650e7f40351c01
    CONFLICTING_REQUIRED_PRIVATE_INFOS, "conflicting-required-private-infos", Error, since "0.1.0",
    "fuzzy and precise location APIs are declared or used together"
}

/// `conflicting-required-private-infos`: fuzzy and precise location together.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let exclusive = &ctx.ruleset.location.exclusive;
    let values = &ctx.project.app.required_private_infos;
    let precise_listed: Vec<&str> = values
        .iter()
        .map(|v| v.value.as_str())
        .filter(|v| exclusive.precise.iter().any(|p| p == v))
        .collect();
    let fuzzy_listed = values.iter().find(|v| exclusive.fuzzy.contains(&v.value));
    if let (Some(fuzzy), false) = (fuzzy_listed, precise_listed.is_empty()) {
        out.push(
            Finding::new(
                &CONFLICTING_REQUIRED_PRIVATE_INFOS,
                fuzzy.location.clone(),
                t!(
                    ctx.lang,
                    "conflicting-required-private-infos-listed",
                    fuzzy = fuzzy.value.as_str(),
                    precise = quote_list(ctx.lang, &precise_listed)
                ),
            )
            .label(t!(
                ctx.lang,
                "conflicting-required-private-infos-listed-label"
            ))
            .help(t!(
                ctx.lang,
                "conflicting-required-private-infos-listed-help"
            ))
            .url(exclusive.source.clone()),
        );
        return;
    }
    // The list is consistent, but the code may need both kinds.
    let member_in = |u: &&Use, names: &[String]| names.iter().any(|n| u.member() == n.as_str());
    let first_fuzzy = ctx.uses.iter().find(|u| member_in(u, &exclusive.fuzzy));
    let precise_used: BTreeSet<&str> = ctx
        .uses
        .iter()
        .filter(|u| member_in(u, &exclusive.precise))
        .map(|u| u.member())
        .collect();
    if let (Some(fuzzy), false) = (first_fuzzy, precise_used.is_empty()) {
        let precise: Vec<&str> = precise_used.into_iter().collect();
        let first_precise = ctx
            .uses
            .iter()
            .find(|u| member_in(u, &exclusive.precise))
            .map(at)
            .unwrap_or_default();
        out.push(
            Finding::new(
                &CONFLICTING_REQUIRED_PRIVATE_INFOS,
                fuzzy.location(),
                t!(
                    ctx.lang,
                    "conflicting-required-private-infos-used",
                    fuzzy = &fuzzy.api,
                    precise = quote_list(ctx.lang, &precise),
                    at = first_precise
                ),
            )
            .label(t!(
                ctx.lang,
                "conflicting-required-private-infos-used-label"
            ))
            .help(t!(ctx.lang, "conflicting-required-private-infos-used-help"))
            .api(fuzzy.api.clone())
            .url(exclusive.source.clone()),
        );
    }
}

fn quote_list(lang: crate::i18n::Lang, names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(&t!(lang, "list-separator"))
}
