//! `deprecated-api`: a recalled user-info API is used; it returns anonymous data now.

use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports each use of a recalled user-info API: `wx.getUserInfo`,
    /// `wx.getUserProfile`, `wx.authorize({scope: 'scope.userInfo'})`. The message
    /// says what the API returns now, since when, and what replaces it.
    ///
    /// ## Why is this bad?
    /// These APIs no longer return the user's data: since 2021-04-28 getUserInfo
    /// returns anonymous data, and since 2022-11-08 getUserProfile returns a grey
    /// avatar and the nickname "微信用户". Code relying on them shows every user the
    /// same name.
    ///
    /// ## Example
    /// ```js
    /// wx.getUserProfile({ desc: '完善资料' })
    /// ```
    ///
    /// ## How to fix
    /// Let the user fill them in: `<button open-type="chooseAvatar"
    /// bindchooseavatar="onAvatar">` and `<input type="nickname">` (base library 2.21.2+).
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/community/develop/doc/00022c683e8a80b29bed2142b56c01
    /// - https://developers.weixin.qq.com/community/develop/doc/000cacfa20ce88df04cb468bc52801
    DEPRECATED_API, "deprecated-api", Warning, since "0.1.0",
    "a recalled user-info API is used; it returns anonymous data now"
}

/// `deprecated-api`: each use of a recalled API or scope.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let lang = ctx.lang;
    for u in ctx.uses {
        let (row, what) = match &u.scope {
            Some(Some(scope)) => match ctx.ruleset.deprecated(scope) {
                Some(row) => (
                    row,
                    t!(lang, "api-with-scope", api = &u.api, scope = scope.as_str()),
                ),
                None => continue,
            },
            _ => match ctx.ruleset.deprecated(&u.api) {
                Some(row) => (row, format!("`{}`", u.api)),
                None => continue,
            },
        };
        out.push(
            Finding::new(
                &DEPRECATED_API,
                u.location(),
                t!(
                    lang,
                    "deprecated-api-message",
                    what = what,
                    since = row.since.as_str(),
                    returns_now = match (lang, &row.returns_now_zh) {
                        (crate::i18n::Lang::Zh, Some(zh)) => zh.clone(),
                        _ => lower_first(&row.returns_now),
                    }
                ),
            )
            .label(t!(lang, "deprecated-api-label", since = row.since.as_str()))
            .help(t!(
                lang,
                "deprecated-api-help",
                replacement = match (lang, &row.replacement_zh) {
                    (crate::i18n::Lang::Zh, Some(zh)) => zh.clone(),
                    _ => lower_first(&row.replacement),
                }
            ))
            .api(u.api.clone())
            .url(row.doc_url.clone()),
        );
    }
}

/// Messages start lowercase and end without a period (clippy's convention).
fn lower_first(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let mut chars = text.chars();
    match chars.next() {
        Some(first)
            if first.is_uppercase() && !chars.clone().next().is_some_and(char::is_uppercase) =>
        {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}
