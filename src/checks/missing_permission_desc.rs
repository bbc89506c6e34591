//! `missing-permission-desc`: a location API is used but app.json has no permission desc for its scope.

use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::rule::declare_rule;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Reports a location API used while app.json has no
    /// `permission["scope.userLocation"].desc` (`scope.userFuzzyLocation` for
    /// getFuzzyLocation). One finding per missing scope, at its first use.
    ///
    /// ## Why is this bad?
    /// The `desc` is the purpose shown in the authorization popup. Without it the
    /// popup has no explanation and review asks for one.
    ///
    /// ## Example
    /// ```js
    /// wx.getLocation({}) // app.json has no "permission"
    /// ```
    ///
    /// ## How to fix
    /// ```json
    /// {"permission": {"scope.userLocation": {"desc": "你的位置信息将用于查找附近门店"}}}
    /// ```
    /// `desc` may be at most 30 characters. A `desc` that still starts with the
    /// `TODO(mpaudit)` placeholder (written by `mpaudit check --fix --unsafe-fixes`)
    /// is reported too, until the purpose replaces it.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html
    MISSING_PERMISSION_DESC, "missing-permission-desc", Warning, since "0.1.0",
    "a location API is used but app.json has no permission desc for its scope"
}

/// `missing-permission-desc`: one finding per scope lacking a `desc`, at its
/// first use. Held back when `permission` could not be read.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
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
                &MISSING_PERMISSION_DESC,
                u.location(),
                if placeholder {
                    t!(
                        ctx.lang,
                        "missing-permission-desc-placeholder",
                        api = &u.api,
                        scope = scope,
                        uses = uses
                    )
                } else {
                    t!(
                        ctx.lang,
                        "missing-permission-desc-missing",
                        api = &u.api,
                        scope = scope,
                        uses = uses
                    )
                },
            )
            .label(t!(ctx.lang, "missing-permission-desc-label", scope = scope))
            .help(if placeholder {
                t!(
                    ctx.lang,
                    "missing-permission-desc-placeholder-help",
                    prefix = crate::declaration::PLACEHOLDER_PREFIX,
                    file = &ctx.project.app_json_file,
                    max = ctx.ruleset.location.permission.desc_max_chars
                )
            } else {
                t!(
                    ctx.lang,
                    "missing-permission-desc-help",
                    scope = scope,
                    file = &ctx.project.app_json_file,
                    max = ctx.ruleset.location.permission.desc_max_chars
                )
            })
            .api(u.api.clone())
            .url(ctx.ruleset.location.permission.source.clone()),
        );
    }
}
