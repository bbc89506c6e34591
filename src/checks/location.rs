//! Checks of location APIs against app.json: `requiredPrivateInfos`,
//! `permission` and `requiredBackgroundModes`.

use std::collections::BTreeSet;

use super::{at, rules, Context};
use crate::diagnostic::Finding;
use crate::inventory::Use;
use crate::ruleset::{RequiredValue, Ruleset};

/// The `requiredPrivateInfos` name of a use, if its API is one of the 8.
fn required_name<'a>(ruleset: &'a Ruleset, u: &Use) -> Option<&'a str> {
    ruleset
        .required_value_for_api(&u.api)
        .map(|v| v.name.as_str())
}

/// The `requiredPrivateInfos` values `uses` need, in the order of the docs
/// (`rules/required-private-infos.json`). The checks and `mpaudit manifest`
/// both use this.
pub fn required_private_infos<'r>(ruleset: &'r Ruleset, uses: &[Use]) -> Vec<&'r RequiredValue> {
    let used: BTreeSet<&str> = uses
        .iter()
        .filter_map(|u| required_name(ruleset, u))
        .collect();
    ruleset
        .location
        .values
        .iter()
        .filter(|v| used.contains(v.name.as_str()))
        .collect()
}

fn listed<'a>(ctx: &'a Context<'_>) -> BTreeSet<&'a str> {
    ctx.project
        .app
        .required_private_infos
        .iter()
        .map(|s| s.value.as_str())
        .collect()
}

/// `missing-required-private-infos`: each use of one of the 8 that is not
/// listed. Held back when `requiredPrivateInfos` could not be read.
pub fn missing_required_private_infos(ctx: &Context<'_>, out: &mut Vec<Finding>) {
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
                &rules::MISSING_REQUIRED_PRIVATE_INFOS,
                u.location(),
                format!(
                    "`{}` is not declared in app.json `requiredPrivateInfos`",
                    u.api,
                ),
            )
            .label(format!("add \"{name}\" to requiredPrivateInfos"))
            .help(format!(
                "add \"{name}\" to `requiredPrivateInfos` in {} and activate it in the MP console (开发 → 开发管理 → 接口设置); undeclared, the call fails with \"the api need to be declared in the requiredPrivateInfos field\"",
                ctx.project.app_json_file
            ))
            .api(u.api.clone())
            .url(ctx.ruleset.location.source.clone()),
        );
    }
}

/// `invalid-required-private-infos`: values that are not one of the 8.
pub fn invalid_required_private_infos(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let allowed: Vec<&str> = ctx
        .ruleset
        .location
        .values
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    for value in &ctx.project.app.required_private_infos {
        if ctx.ruleset.required_value(&value.value).is_some() {
            continue;
        }
        let hint = allowed
            .iter()
            .find(|a| a.eq_ignore_ascii_case(&value.value))
            .map(|a| format!("did you mean \"{a}\"? "))
            .unwrap_or_default();
        out.push(
            Finding::new(
                &rules::INVALID_REQUIRED_PRIVATE_INFOS,
                value.location.clone(),
                format!(
                    "\"{}\" is not a valid `requiredPrivateInfos` value",
                    value.value
                ),
            )
            .label("not one of the 8 allowed values")
            .help(format!(
                "{hint}allowed values: {}; other privacy APIs are declared in the privacy guideline, not here",
                allowed.join(", ")
            ))
            .url(ctx.ruleset.location.source.clone()),
        );
    }
}

/// `conflicting-required-private-infos`: fuzzy and precise location together.
pub fn conflicting_required_private_infos(ctx: &Context<'_>, out: &mut Vec<Finding>) {
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
                &rules::CONFLICTING_REQUIRED_PRIVATE_INFOS,
                fuzzy.location.clone(),
                format!(
                    "`requiredPrivateInfos` lists \"{}\" together with {}; fuzzy and precise location are mutually exclusive",
                    fuzzy.value,
                    quote_list(&precise_listed)
                ),
            )
            .label("conflicts with the precise location APIs")
            .help("keep either the fuzzy API or the precise ones; DevTools refuses to compile both (chooseLocation, choosePoi and chooseAddress may stay)")
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
                &rules::CONFLICTING_REQUIRED_PRIVATE_INFOS,
                fuzzy.location(),
                format!(
                    "the code uses `{}` and {} (first at {first_precise}); they cannot both be declared in `requiredPrivateInfos`",
                    fuzzy.api,
                    quote_list(&precise)
                ),
            )
            .label("fuzzy location, while precise location is used elsewhere")
            .help("use either getFuzzyLocation or the precise location APIs across the whole mini program")
            .api(fuzzy.api.clone())
            .url(exclusive.source.clone()),
        );
    }
}

fn quote_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `unused-required-private-infos`: listed values no code uses. Held back
/// when some code was not read.
pub fn unused_required_private_infos(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if !ctx.unread.all_code_read() {
        return;
    }
    let used: BTreeSet<&str> = required_private_infos(ctx.ruleset, ctx.uses)
        .into_iter()
        .map(|v| v.name.as_str())
        .collect();
    for value in &ctx.project.app.required_private_infos {
        if ctx.ruleset.required_value(&value.value).is_none() || used.contains(value.value.as_str())
        {
            continue;
        }
        out.push(
            Finding::new(
                &rules::UNUSED_REQUIRED_PRIVATE_INFOS,
                value.location.clone(),
                format!(
                    "\"{}\" is listed in `requiredPrivateInfos` but no code uses `wx.{}`",
                    value.value, value.value
                ),
            )
            .label("never used")
            .help("remove it, or check whether the code that used it was removed by mistake")
            .api(format!("wx.{}", value.value)),
        );
    }
}

/// `missing-permission-desc`: one finding per scope lacking a `desc`, at its
/// first use. Held back when `permission` could not be read.
pub fn missing_permission_desc(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if !ctx.project.app.read_completely("permission") {
        return;
    }
    let mut reported = BTreeSet::new();
    for u in ctx.uses {
        let Some(scope) = ctx
            .ruleset
            .required_value_for_api(&u.api)
            .and_then(|v| v.permission_scope.as_deref())
        else {
            continue;
        };
        let desc = ctx
            .project
            .app
            .permission
            .get(scope)
            .and_then(|desc| desc.as_deref())
            .map(str::trim)
            .filter(|d| !d.is_empty());
        // The placeholder `--unsafe-fixes` writes is reported until it is
        // replaced by the purpose.
        let placeholder =
            desc.is_some_and(|d| d.starts_with(crate::declaration::PLACEHOLDER_PREFIX));
        if (desc.is_some() && !placeholder) || !reported.insert(scope) {
            continue;
        }
        let uses = ctx
            .uses
            .iter()
            .filter(|o| {
                ctx.ruleset
                    .required_value_for_api(&o.api)
                    .and_then(|v| v.permission_scope.as_deref())
                    == Some(scope)
            })
            .count();
        out.push(
            Finding::new(
                &rules::MISSING_PERMISSION_DESC,
                u.location(),
                format!(
                    "`{}` needs app.json `permission[\"{scope}\"].desc`, which {} ({uses} use{} need it)",
                    u.api,
                    if placeholder {
                        "is still a placeholder to fill in"
                    } else {
                        "is missing"
                    },
                    if uses == 1 { "" } else { "s" }
                ),
            )
            .label(format!("needs a {scope} desc"))
            .help(if placeholder {
                format!(
                    "replace the `{}` placeholder desc in {} with the purpose shown in the authorization popup, e.g. \"你的位置信息将用于查找附近门店\" (at most {} characters)",
                    crate::declaration::PLACEHOLDER_PREFIX,
                    ctx.project.app_json_file, ctx.ruleset.location.permission.desc_max_chars
                )
            } else { format!(
                "add \"permission\": {{\"{scope}\": {{\"desc\": \"你的位置信息将用于…\"}}}} to {} (at most {} characters; shown in the authorization popup)",
                ctx.project.app_json_file, ctx.ruleset.location.permission.desc_max_chars
            )})
            .api(u.api.clone())
            .url(ctx.ruleset.location.permission.source.clone()),
        );
    }
}

/// `missing-background-location-mode`: background location without the mode.
/// Held back when `requiredBackgroundModes` could not be read.
pub fn missing_background_location_mode(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if !ctx.project.app.read_completely("requiredBackgroundModes") {
        return;
    }
    let background = &ctx.ruleset.location.background;
    if ctx
        .project
        .app
        .required_background_modes
        .contains(&background.mode)
    {
        return;
    }
    for u in ctx.uses.iter().filter(|u| background.apis.contains(&u.api)) {
        out.push(
            Finding::new(
                &rules::MISSING_BACKGROUND_LOCATION_MODE,
                u.location(),
                format!(
                    "`{}` needs `requiredBackgroundModes: [\"{}\"]` in app.json",
                    u.api,
                    background.mode,
                ),
            )
            .label("background mode not declared")
            .help(format!(
                "add \"requiredBackgroundModes\": [\"{}\"] to {}; the user must also grant scope.userLocationBackground",
                background.mode, ctx.project.app_json_file
            ))
            .api(u.api.clone())
            .url(background.source.clone()),
        );
    }
}
