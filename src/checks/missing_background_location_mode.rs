//! `missing-background-location-mode`: startLocationUpdateBackground is used without requiredBackgroundModes location.

use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports each use of `wx.startLocationUpdateBackground` when app.json
    /// `requiredBackgroundModes` does not contain `"location"`.
    ///
    /// ## Why is this bad?
    /// Background location only works with the background mode declared; without it
    /// the call fails.
    ///
    /// ## Example
    /// ```js
    /// wx.startLocationUpdateBackground({}) // no "requiredBackgroundModes": ["location"]
    /// ```
    ///
    /// ## How to fix
    /// Add `"requiredBackgroundModes": ["location"]` to app.json. The user must also
    /// grant `scope.userLocationBackground`, and the API is open only to some categories.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html
    MISSING_BACKGROUND_LOCATION_MODE, "missing-background-location-mode", Error, since "0.1.0",
    "startLocationUpdateBackground is used without requiredBackgroundModes location"
}

/// `missing-background-location-mode`: background location without the mode.
/// Held back when `requiredBackgroundModes` could not be read.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
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
                &MISSING_BACKGROUND_LOCATION_MODE,
                u.location(),
                t!(
                    ctx.lang,
                    "missing-background-location-mode-message",
                    api = &u.api,
                    mode = background.mode.as_str()
                ),
            )
            .label(t!(ctx.lang, "missing-background-location-mode-label"))
            .help(t!(
                ctx.lang,
                "missing-background-location-mode-help",
                mode = background.mode.as_str(),
                file = &ctx.project.app_json_file
            ))
            .api(u.api.clone())
            .url(background.source.clone()),
        );
    }
}
